"""What kind of answer a question asks for (money, a time of day, a length of time, an age, a number, a time or a
condition to come, a date) and whether a passage holds one: a question for a figure the passages never give is not
answered by them, and the passages giving the kind asked for (a figure, a date, someone's wording) are ranked up."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.asker import question_proper
from bot.phrasing import without_courtesy
from index.chunk import Passage
from index.fuse import rrf
from index.lexical import tokenize
from index.search import Hit
from index.sentences import text_sentences

NUMBER_WORDS = (  # not "one": mostly "one of", "no one", "one person"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|several|handful"
)
UNITS = r"years?|months?|weeks?|days?|hours?|minutes?|decades?"
MONEY_WORDS = r"cost|costs|money|pays?|paid|spend|spent|funds?|funding|financ\w*|worth|price|budget|aid"
DAY_PARTS = r"morning|afternoon|evening|night|midday|noon|midnight"

# Typed as a search, the figure comes first: "cost of the force", "length of the press conference", "number of
# countries at the talks".
SEARCH_START = r"^\W*(?:(?:and|so|but)\s+)?(?:the\s+)?(?:(?:exact|total|estimated|overall|likely)\s+)?"
CURRENCIES = r"pounds|dollars|euros"
ASKS_MONEY = re.compile(  # a sum stated asks one as well: "did it cost 5 or 10 billion euros?"
    rf"\bhow much\b.*\b(?:{MONEY_WORDS})\b|\bhow expensive\b|{SEARCH_START}(?:cost|price|budget|bill) of\b"
    rf"|[£$€]\s?\d|\b\d[\d,.]*\s?(?:million |billion )?(?:{CURRENCIES})\b"
    r"|\bwhat(?:'s| is| was| will be| would be) the (?:\w+ )?(?:cost|costs|price|budget|bill)\b"
    r"|\bwhat (?:will|would|does|did|do|could|might) (?:\w+ ){1,3}(?<!\bthe )(?<!\ba )(?<!\bits )cost\b",
    re.I,
)
GIVES_MONEY = re.compile(rf"[£$€]\s?\d|\d\s?(?:bn|m)\b|\b(?:\d[\d,.]*|million|billion)\s?(?:{CURRENCIES})\b", re.I)
CLOCK = r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b"
ASKS_CLOCK = re.compile(rf"\bwhat time\b|{CLOCK}", re.I)  # "was it at noon or at 6pm?" asks a time as well
GIVES_CLOCK = re.compile(rf"{CLOCK}|\b(?:{DAY_PARTS})\b", re.I)
AGO = r"(?!\s+ago\b)"  # "how long ago was it formed?" asks when (a date), not how long
ASKS_DURATION = re.compile(
    rf"\bhow long\b{AGO}|\bhow many (?:{UNITS})\b{AGO}|{SEARCH_START}(?:length|duration) of\b"
    r"|\bwhat(?:'s| is| was| will be| would be) the (?:\w+ )?(?:length|duration)\b",
    re.I,
)
# A length given by when it ends counts too: "how long will britain keep squeezing russia?" is answered by "continue to
# turn up the pressure on Russia until “they come to the table in good faith”".
GIVES_DURATION = re.compile(
    rf"\b(?:{UNITS})\b|\blong[- ]term\b|-year\b|\b(?:forever|permanent(?:ly)?|indefinite(?:ly)?|for good)\b"
    r"|\b(?:until|as long as)\b",
    re.I,
)
ASKS_AGE = re.compile(r"\bhow old\b|\bwhat age\b|\b(?:his|her|their) age\b", re.I)
GIVES_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged\s+\d{1,3}\b|\bage\s+(?:of\s+)?\d{1,3}\b|,\s\d{2},", re.I)
COUNTED = r"number|percentage|proportion"  # "what's the (exact) number …"; "population", "death toll" anywhere
SHARES = r"percent(?:age)?|proportion|share|fraction|number"  # "what percentage of Ukrainians …?"
ASKS_NUMBER = re.compile(
    rf"\bhow many\b(?!\s+(?:{UNITS})\b)|\bwhat(?:'s| is| was) the (?:\w+ )?(?:{COUNTED})\b|\bwhat (?:{SHARES}) of\b"
    rf"|\bwhat percent\b|\b(?:population|death toll)\b|{SEARCH_START}(?:number|count) of\b",
    re.I,
)
GIVES_NUMBER = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I)
# "when was the coalition formed?", "what date was it signed?": a question after a past or present event, asked
# first; "when will the troops go?" is mostly answered by a condition ("once a ceasefire is agreed"), not a date, and
# asks for either (ASKS_WHEN).
ASKS_DATE = re.compile(
    r"^\W*(?:and |so |but )?when (?:was|were|did|is|are|does|do|has|have|had)\b"
    r"|\b(?:what|which) (?:date|day|year|month)\b"
    rf"|\bhow (?:long|many (?:{UNITS})) ago\b"
    r"|(?<!\bto )(?<!\bup-to-)\bdate\b(?!-)",  # "date of the summit", "summit date"; not "to date", "up-to-date"
    re.I,
)
MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
GIVES_DATE = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS}|today|tonight|yesterday|tomorrow|spring|summer|autumn|winter)\b|\b(?:19|20)\d\d\b"
    r"|\blast (?:year|month|week)\b",
    re.I,
)
# "when will the troops go?", "when could a ceasefire start?", "on what date is the force scheduled to deploy?":
# asked of what is to come, and answered by a date or a time, or by what it waits on ("once a ceasefire is agreed",
# "in the event of a peace deal"). Not "when was / is / does …" nor "what date was …", a date ranked up only (DATE).
TO_COME = r"will|scheduled|due|expected|planned|set to|going to"
ASKS_WHEN = re.compile(
    r"^\W*(?:and |so |but )?when (?:will|would|can|could|should|might|(?:is|are) (?:\w+ ){1,3}(?:going|due) to)\b"
    rf"|\b(?:what|which)(?: is the)? (?:(?:exact|precise|specific|expected) )?(?:date|day)\b(?:\s+[\w'’-]+){{0,6}}?"
    rf"\s+(?:{TO_COME})\b",
    re.I,
)
CONDITIONS = r"in the event of|once|as soon as|after|following|until|unless|if|when|before|soon|within"
GIVES_WHEN = re.compile(rf"{GIVES_DATE.pattern}|{GIVES_CLOCK.pattern}|\b(?:{CONDITIONS})\b", re.I)
EVIDENCE_DEPTH = 3  # passages whose words count as evidence: the top of the answer, whatever k is
# The weight of "gives the kind asked for" as one more ranking fused with the search's (reciprocal rank fusion):
# the first passage giving it moves to the top from 6th place, up ten places from 20th, up a dozen from 40th.
KIND_WEIGHT = 0.1
# A venue is given by few passages, and the dense ranking reads no place in them (the caption "… at the Élysée Palace
# in Paris" was 13th for "where did they sign the declaration?"): twice the weight takes it into the top 5, where
# KIND_WEIGHT left it 9th; three times put "in Paris" answers below it (measured over the thirty-two sets).
PLACE_WEIGHT = 0.2


@dataclass(frozen=True)
class AnswerKind:
    """A kind of answer: the question forms asking for it, and what a passage holding one contains."""

    name: str
    plural: str
    asked_by: re.Pattern[str]
    given_by: re.Pattern[str]
    weight: float = KIND_WEIGHT  # of the ranking of the passages giving it, fused with the search's

    def found_in(self, text: str) -> bool:
        return bool(self.given_by.search(text))

    def sentences_giving(self, text: str) -> list[str]:
        """The sentences of a passage that give this kind of answer."""
        return [sentence for sentence in text_sentences(text) if self.found_in(sentence)]

    @property
    def missing_note(self) -> str:
        return f"None of the closest passages gives {self.name}."


KINDS = (  # the first match decides: "how much money" is money, not a number
    AnswerKind("an amount of money", "amounts of money", ASKS_MONEY, GIVES_MONEY),
    AnswerKind("a time of day", "times of day", ASKS_CLOCK, GIVES_CLOCK),
    AnswerKind("a length of time", "lengths of time", ASKS_DURATION, GIVES_DURATION),
    AnswerKind("an age", "ages", ASKS_AGE, GIVES_AGE),
    NUMBER := AnswerKind("a number", "numbers", ASKS_NUMBER, GIVES_NUMBER),
    AnswerKind("a time or a condition", "times and conditions", ASKS_WHEN, GIVES_WHEN),
)
# Ranked up, never a reason to abstain: "when was it agreed?" may be answered by "after the summit".
DATE = AnswerKind("a date", "dates", ASKS_DATE, GIVES_DATE)
# "where did they sign the declaration?", "where was the summit held?": a past event's place, which news gives as a
# venue after "at" ("at the Élysée Palace in Paris"); not "where will the troops be based?", answered by a plan
# ("military hubs across Ukraine"), nor "where is Greenland?", asked of a place. Ranked up, never a reason to abstain.
# "where exactly was it held?" and "which building was the signing ceremony held in?" ask for the venue as well.
ASKS_PLACE = re.compile(
    r"\bwhere (?:exactly |precisely )?(?:did|was|were|had)\b|\b(?:which|what) (?:building|venue|palace|hall|room)\b",
    re.I,
)
GIVES_PLACE = re.compile(rf"\b[Aa]t (?:the )?(?!(?:{MONTHS}|{WEEKDAYS})\b)[A-ZÀ-Ý]")
# The venue itself: up to four capitalised words after "at" ("at the Élysée Palace in Paris": "Élysée Palace").
VENUE = re.compile(rf"\b[Aa]t (?:the )?(?!(?:{MONTHS}|{WEEKDAYS})\b)([A-ZÀ-Ý][\w’'-]*(?: [A-ZÀ-Ý][\w’'-]*){{0,3}})")
PLACE = AnswerKind("a place", "places", ASKS_PLACE, GIVES_PLACE, weight=PLACE_WEIGHT)
# "who did not sign the declaration?", "what won't the troops do?", "which option did Russia reject?": what did not
# happen, which news states with a negative ("the US did not sign the joint declaration", "rejected the idea of …").
# Neither BM25 (whose stopwords hold "not") nor MiniLM reads the negation. Ranked up, never a reason to abstain; not
# asked by a negation in words about the asking ("if you don't mind me asking", "a question I couldn't answer").
NOT_WORD = (
    r"\b\w+n['’]t\b|\b(?:dont|didnt|doesnt|wont|isnt|arent|wasnt|werent|cant|couldnt|wouldnt|shouldnt|hasnt|havent|"
    r"hadnt)\b"
)
ASKS_NEGATIVE = re.compile(
    rf"\b(?:not|never|no longer)\b|{NOT_WORD}|\b(?:refus|reject|declin|rule[sd]? out|oppos)\w*", re.I
)
GIVES_NEGATIVE = re.compile(
    r"\b(?:not|never|no|none|nothing|nobody|neither|nor|without)\b|\b\w+n['’]t\b"
    r"|\b(?:refus|reject|declin|ruled? out|oppos|removed)\w*",
    re.I,
)
NEGATIVE = AnswerKind("a negative", "negatives", ASKS_NEGATIVE, GIVES_NEGATIVE)
# "why might ukraine not be able to count on america?", "why won't poland send troops?": the negation is in what is
# explained, the answer a reason ("concerns … about Washington's reliability"), which news seldom gives as a negative.
ASKS_REASON = re.compile(r"\bwhy\b", re.I)
# The forms asking what someone called or named a thing ("what did macron call it?", "which name did he give it?").
NAME_GIVEN = (
    r"\bwhat (?:\w+ ){0,3}?did .+ (?:call(?:ing)?(?! (?:for|on|up|off)\b)|nam(?:e|ing)|dub(?:bing)?)\b"
    r"|\b(?:what|which) (?:\w+ )?(?:nick)?name (?:did|does|do|has|have|was|were|is) .+ "
    r"(?:give|given|put|slap|slapped|choose|chose)\b"
    r"|['’]s (?:nick)?name for\b"  # "macron's nickname for the deal?"
)
# "what did Macron call the agreement?", "what kind of force did Starmer call it?", "how did Starmer describe …?",
# "what is the force called?": the answer is someone's wording, which news quotes or introduces ("dubbed the
# agreement the “Paris Declaration”"). Not "call for / on / up / off", which asks what someone asked for.
ASKS_WORDING = re.compile(
    rf"{NAME_GIVEN}"
    r"|\bwhat (?:the )?\w+ (?:called|dubbed|named) (?:the|it|him|her|them|this|that)\b"
    r"|\bhow did .+ (?:describe|characteri[sz]e)\b|\bwhat(?:'s| is| was| are) .+ called\b"
    r"|\bwhat(?:'s| is| was) the name of\b|\bwho (?:called|described)\b",
    re.I,
)
GIVES_WORDING = re.compile(r"[“”\"]|\b(?:dubbed|called|named|known as|termed|branded|labelled)\b", re.I)
WORDING = AnswerKind("a wording", "wordings", ASKS_WORDING, GIVES_WORDING)
# What someone called or named a thing ("what did macron call the deal?", "what name did macron give it?") is most
# often told by a naming verb ("The French president dubbed the agreement the “Paris Declaration”"), rarer in news
# than a quotation mark, which most passages have: the passages with one are a third ranking, as the counted thing's
# figures are for "how many". Not "called" ("so-called" is everywhere) and not "how did … describe", which a
# quotation answers.
ASKS_NAME_GIVEN = re.compile(NAME_GIVEN, re.I)
NAMING_VERB = re.compile(r"\b(?:dubbed|termed|branded|labell?ed|christened|renamed|nicknamed)\b", re.I)
# 0.2 puts "dubbed the agreement the “Paris Declaration”" first for six "what did macron call / name …" questions
# of the sets (two to nine places up), 0.1 and 0.15 leave some 2nd–7th; 0.3 pushes "what did the UA president call
# the joint declaration" (Zelensky's “very concrete”) from 5th to 6th, 0.2 does not (eval/README.md).
NAMING_WEIGHT = 0.2


def asked_kind(question: str) -> AnswerKind | None:
    """The kind of answer the question asks for, if it is one of KINDS."""
    return next((kind for kind in KINDS if kind.asked_by.search(question)), None)


def ranked_kind(question: str) -> AnswerKind | None:
    """The kind of answer whose holders are ranked up for this question: someone's wording, a figure (money, a
    time of day, a length of time, an age, a number), a date, a place or a negative (not after "why", which asks for
    a reason). For a figure the evidence is measured on the search's order before this ranking (see Engine._ranked):
    a passage with some number, ranked up, must not make "how many drones were launched?" answered."""
    if WORDING.asked_by.search(question):
        return WORDING
    figure = asked_kind(question)
    if figure is not None:
        return figure
    kind = next((kind for kind in (DATE, PLACE) if kind.asked_by.search(question)), None)
    asked = without_courtesy(question_proper(question))
    if kind is None and NEGATIVE.asked_by.search(asked) and not ASKS_REASON.search(asked):
        return NEGATIVE
    return kind


def kind_missing(kind: AnswerKind, passages: Sequence[Passage]) -> bool:
    """Whether none of the top passages (the evidence's) gives the kind of answer."""
    return not any(kind.found_in(passage.text) for passage in passages[:EVIDENCE_DEPTH])


# "how many guarantees …", "how many US officials …": the two words after "how many", the thing counted.
COUNTED_THING = re.compile(r"\bhow many\s+((?:[\w’'-]+\s+)?[\w’'-]+)", re.I)
# A figure, then the thing it counts within four words: "five key security guarantees"; not after "the", "these",
# "those", which refer back to things already named ("the two countries would play a central role").
FIGURE_AND_WORDS = re.compile(
    rf"(?<!\bthe )(?<!\bthese )(?<!\bthose )\b(?:\d[\d,.]*|{NUMBER_WORDS})\b((?:\s+[\w’'-]+){{1,4}})", re.I
)
# The weight of "gives a figure for the thing counted" as a third ranking fused with the search's: a passage that
# does goes above those with figures for other things ("how many guarantees does the Paris text list?": "five key
# security guarantees" was 4th, below "more than two dozen allied nations"). 0.3 lifts it to the top, as 0.6 does
# (the same ranks on every shipped set); 0.15 left some 2nd (eval/README.md, "Figures for the thing counted").
COUNTED_WEIGHT = 0.3
# News saying a count was not given is the answer too: "No details were provided on troop numbers" for "how many troops
# are going to be deployed?", "did not say how many", "gave no figure".
WITHHELD_COUNT = re.compile(
    r"\b(?:no|not|never|without)\b(?:\s+[\w’'-]+){0,6}?\s+(?:numbers?|figures?|how many|headcount)\b", re.I
)
# Stems one count goes by in news: "how many soldiers …?" is answered by "troop numbers" or "800,000 troops".
ALIKE_COUNTED = (frozenset({"soldier", "troop", "personnel"}),)


def counted_stems(question: str) -> frozenset[str]:
    """The stems of what a "how many" question counts ("how many guarantees" -> {"guarante"}), with those a count
    of it goes by as well (ALIKE_COUNTED: "soldiers", "troops")."""
    asked = COUNTED_THING.search(question)
    stems = frozenset(tokenize(asked.group(1))) if asked else frozenset()
    return stems.union(*(alike for alike in ALIKE_COUNTED if alike & stems))


def counts(text: str, stems: frozenset[str]) -> bool:
    """Whether the text gives a figure for one of the counted `stems`: the figure, then the thing within four words
    ("five key security guarantees")."""
    return any(stems & set(tokenize(found.group(1))) for found in FIGURE_AND_WORDS.finditer(text))


def withholds_count(text: str, stems: frozenset[str]) -> bool:
    """Whether a sentence of the text says a count of one of the `stems` was not given ("No details were provided
    on troop numbers")."""
    return any(
        WITHHELD_COUNT.search(sentence) and stems & set(tokenize(sentence)) for sentence in text_sentences(text)
    )


def gives_count_asked(question: str, text: str) -> bool:
    """Whether the text gives a figure for what the "how many" question counts, or says none was given."""
    stems = counted_stems(question)
    return bool(stems) and (counts(text, stems) or withholds_count(text, stems))


def holders_up(hits: Sequence[Hit], kind: AnswerKind | None, question: str = "") -> list[Hit]:
    """The hits reordered by fusing their ranking with the ranking of those that give `kind` (weight
    KIND_WEIGHT): "what date was the declaration signed?" puts the caption "… Paris, France, 6 January 2026"
    higher. For a number, with the ranking of those giving a figure for what the `question` counts, or saying none
    was given, as well (weight COUNTED_WEIGHT)."""
    if kind is None:
        return list(hits)
    ranking = [(hit.row, hit.score) for hit in hits]
    stems = counted_stems(question) if kind is NUMBER else frozenset()
    withheld = {hit.row for hit in hits if stems and withholds_count(hit.passage.text, stems)}
    holders = [(hit.row, hit.score) for hit in hits if kind.found_in(hit.passage.text) or hit.row in withheld]
    by_row = {hit.row: hit for hit in hits}
    counting = [
        (hit.row, hit.score) for hit in hits if hit.row in withheld or (stems and counts(hit.passage.text, stems))
    ]
    naming = [(hit.row, hit.score) for hit in hits if _names_given(kind, question, hit.passage.text)]
    rankings, weights = [ranking, holders, counting, naming], [1.0, kind.weight, COUNTED_WEIGHT, NAMING_WEIGHT]
    return [by_row[row] for row, _ in rrf(rankings, weights=weights)]


def _names_given(kind: AnswerKind, question: str, text: str) -> bool:
    """Whether the question asks what someone called a thing and the text names one with a naming verb."""
    return kind is WORDING and bool(ASKS_NAME_GIVEN.search(question)) and bool(NAMING_VERB.search(text))
