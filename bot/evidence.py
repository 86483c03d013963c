"""The abstention signal: how well the top passages cover every word the question is about."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Sequence

import numpy as np

from bot.answer_kinds import ASKS_NAME_GIVEN, EVIDENCE_DEPTH, NUMBER, AnswerKind, asked_kind, kind_missing
from bot.asker import CHATTER, question_proper
from bot.choices import each_choice
from bot.counted import uncounted_country
from bot.named_kinds import unnamed_kind
from bot.names import (
    MONTHS,
    NAMED_COUNTRIES,
    NOT_NAMES,
    WEEKDAYS,
    UnknownNames,
    capitalised_inside,
    kind_nouns,
    shown_names,
    subjects,
)
from bot.phrasing import without_quiz_frame
from bot.reactions import unreported_reaction
from bot.roles import COMMANDING, OFFICE_WORD, RoleDirectory, plural_role
from index.aliases import DEMONYMS, ROLE_ABBREVIATIONS
from index.chunk import Passage
from index.lexical import TOKEN, tokenize
from index.phrases import phrase_pattern, quoted_phrases
from index.seats import seats_as_countries
from index.semantic_terms import TermNeighbours, WordEncoder, content_words
from index.sentences import text_sentences

# Words that shape a question without naming what it asks about (BM25's stopwords are already left out).
QUESTION_FILLER = frozenset(
    tokenize(
        "many much whats actually exactly really quote kind sort gonna wanna say said says tell think reckon "
        "speak speaks spoke spoken speaking mention mentions mentioned find info "
        "happen happens held get got go goes going come comes came coming make keep thing way like also still ever "
        "even anyway anyways anything something everything anywhere somewhere everywhere anyone someone everyone "
        "anybody somebody everybody somehow either know would could might must "
        "shall may should near nearby set figure figures number numbers size total matter matters mattered one ones "
        "towards toward upon onto amid amidst among amongst regarding concerning via per whether although though "
        "unless whilst till versus besides despite throughout alongside within "
        # "what is the main job of the troops?", "how many core guarantees does it list?": which one comes first, which
        # the answer seldom says, and the verb asking for what a text sets out
        "main primary principal core list lists listed listing "
        # "what else is the force supposed to protect, apart from the land?": the rest of what is asked about
        "else already apart supposed "
        # contractions typed without the apostrophe ("didnt an earlier plan …?"), as "what's" is typed "whats"
        "didnt doesnt dont isnt arent wasnt werent wont cant couldnt wouldnt shouldnt hasnt havent hadnt whos "
        "wheres whens im ive youre theyre"
    )
)
# What an outlet is called ("which outlet reported …?", "which newspaper did she speak to?", "how do the different
# papers count …?"): the answer is a passage's citation, which its text need not repeat.
OUTLET_NOUNS = frozenset(
    tokenize("outlet outlets newspaper newspapers paper papers publication publications website websites")
)
# Verbs that ask how someone put or judged something ("how did Zelensky rate the guarantees?", "what did Macron
# call the deal?", "how did Moscow react?"): the answer is the wording itself, which seldom repeats the verb.
FRAMING_VERBS = frozenset(
    tokenize(
        "describe call react reaction respond response rate view feel felt characterise mean meant regard "
        "consider warn promise insist claim realise realize admit cite cited "
        "tone attitude stance position mood opinion verdict"
    )
)
# What someone's office is asked for by ("what is his job title?", "what's her role?"): the answer names the office
# ("NATO Secretary-General Mark Rutte"), which seldom says "title".
OFFICE_ASKED = frozenset(tokenize("title job role"))
# The verb that asks for an office ("what position did gottemoeller hold?", "which post does rutte hold?"): the
# answer names the office ("served as deputy secretary-general"), never that she "held" it. Not "will the ceasefire
# hold", "hold elections": only with an office asked for.
OFFICE_NOUN = re.compile(r"\b(?:position|post|office|role|job|title)s?\b", re.I)
HOLDING = re.compile(r"\b(?:hold|holds|held|holding|occupy|occupies|occupied)\b", re.I)
# Words that ask how two things stand against each other ("how does that compare with the earlier plan?", "what's
# the difference between the drafts?"): the answer sets them side by side ("a shift from an earlier draft …"), seldom
# with the word.
COMPARING = frozenset(tokenize("compare compares compared comparison differ differs difference differences"))
NOT_SUBJECTS = QUESTION_FILLER | FRAMING_VERBS | CHATTER | OUTLET_NOUNS | OFFICE_ASKED | COMPARING
# Wanting, trying or hoping to do something ("didnt an earlier plan want to shrink the army?", "are they trying to end
# the war?"): the verb that follows is what is asked about; this one no passage needs to repeat.
INTENDING_TO = re.compile(r"\b(?:wants?|wanted|wanting|trying|tried|hoping|hoped)\s+(?=to\b)", re.I)
# What only frames a question: "in the first place", "originally" ("when was the coalition set up in the first
# place?": "first" would have to be written), and the verb of summing up ("how did he sum up the day?": the answer
# is the summing up itself, "a very, very big milestone").
FRAMING_PHRASES = re.compile(
    r"\b(?:in the first place|originally|to begin with"
    r"|sum(?:s|med|ming)? (?:it |that |this |them )?up|summ?ari[sz]e[sd]?"
    # "who was at the table?", "what did the americans bring to the table?": taking part in the talks, not furniture
    r"|(?:at|to|around|round) the (?:negotiating )?table"
    # "where did germany stand on that question?": the turn before, not a subject of its own
    r"|(?:that|this|the same) (?:question|issue|topic|subject|point))\b",
    re.I,
)
# The head nouns of longer geographic and political names ("North Atlantic alliance", "Latin America", "Black Sea").
HEADED_NAME = re.compile(
    r"\b([^\W\d_]+)\s+(sea|seas|ocean|alliance|america|coast|peninsula|region|gulf|strait)\b", re.I
)
# Times told from the reader's day ("what happened at the summit last week?", "what did they agree yesterday?"): the
# articles date events their own way ("on Tuesday"), so these need no cover. Not "next week": a time to come is asked.
READERS_TIME = re.compile(
    r"\b(?:(?:earlier |later )?(?:last|this|past) (?:week|weekend|month|night|morning|few days)|yesterday|today|tonight"
    r"|recently|lately|the other day|these days|this time)\b",  # "how many countries came this time": at this meeting
    re.I,
)
# Whose account is asked for ("why does that matter, according to them?"): no subject. Only the phrase: "accord"
# (the noun, an agreement) shares its stem.
ACCORDING_TO = re.compile(r"\baccording to\b", re.I)
# "why were people worried …?", "are some people doubtful …?": whoever worries, not a subject the passages must name
# ("raised concerns among analysts"). Not "how many people …" (counted) nor "trump's people" (his team).
VAGUE_PEOPLE = re.compile(r"(?<!\bhow )(?<!\bhow many )(?<!['’]s )\b(?:(?:some|many|most|other) )?people\b", re.I)
# "once the fighting stops": a ceasefire, which the passages name without the verb ("following a ceasefire"); only
# "fighting" must be covered. Read for the evidence alone: read as "ceasefire" in the search too, it moved answers.
FIGHTING_ENDS = re.compile(r"\bfighting (?:stops|stopped|ends|ended|is over|comes to an end)\b", re.I)
# A date as readers write it ("6 January", "January 6th, 2026", "the 6th of January"): the day of a passage's article
# needs no cover ("what was signed on 6 January?" of reports dated 6 January that say "on Tuesday").
MONTH = "|".join(MONTHS)
DATE_WRITTEN = re.compile(
    rf"\b(?:(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<month>{MONTH})"
    rf"|(?P<month2>{MONTH}) (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?:,? (?P<year>\d{{4}})\b)?",
    re.I,
)
# Endings that make a noun of a verb where the stemmer keeps them ("agreement" is stemmed whole, "agree" to "agre"):
# a passage with the noun covers the verb, and the other way round.
NOUN_ENDINGS = ("ment", "ments", "ement", "ements")
# Words that pick one event out of a series ("when is the next meeting?", "what will Britain send first?"): no word
# near them in meaning answers that ("later", "again", "soon"), so they count only where the passages have them.
IN_ORDER = frozenset(tokenize("first next last"))
# Parts of the day count only as written, or as the same part in other words ("night": "evening", "tonight"): a time
# the articles do not reach is not covered by one they do ("the following morning" by "following a ceasefire").
# Not "afternoon" and "evening", which the articles write.
SAME_PART_OF_DAY = {
    tokenize(part)[0]: frozenset(tokenize(same))
    for part, same in (
        ("morning", "morning dawn"), ("dawn", "dawn morning"), ("night", "night evening tonight overnight"),
        ("overnight", "overnight night tonight"), ("midnight", "midnight"),
    )
}  # fmt: skip
LASTING = re.compile(r"\bhow long\b", re.I)  # "how long will the protocols last": "last" is the verb there
# That verb asks for the length itself ("how long did the talks last?" is answered by "After hours of talks"), so
# after "how long" it needs no cover.
# "how long has the war been running / dragging on / raging?", "how long has the coalition existed?" ask the same.
LASTING_VERB = re.compile(
    r"\b(?:last|lasts|lasted|lasting|take|takes|took|taking|run|runs|ran|running|drag|drags|dragged|dragging"
    r"|continue|continues|continued|continuing|rage|rages|raged|raging|exist|exists|existed|existing)\b",
    re.I,
)
# "how many guarantees does the declaration contain / lay out?": the verb only says that a text holds what is
# counted, which the answer gives as a figure ("five key security guarantees") without the verb. Not "include",
# which asks what a figure counts ("how many drones does the 600k figure include?" is not answered by the 600,000).
COUNTING = re.compile(r"\bhow many\b", re.I)
CONTAINING = re.compile(
    r"\b(?:contain|contains|contained|containing|comprise|comprises|comprised|comprising"
    r"|outline|outlines|outlined|outlining|enumerate|enumerates|enumerated)\b"
    r"|\b(?:lay|lays|laid|laying|set|sets|setting|spell|spells|spelled|spelt|spelling)(?= out\b)",
    re.I,
)
# "where did germany stand on that?", "what do they stand on …": where someone stands is their position, which the
# answer states ("contribute only from neighbouring countries") without the verb.
STANCE_ASKED = re.compile(r"\bwhere (?:do|does|did|will|would)\b|\b(?:stand|stands|stood) on\b", re.I)
STANDING = re.compile(r"\b(?:stand|stands|stood)\b", re.I)
# "what name did macron slap on it?", "which name did he give the deal?": the answer is the name itself ("dubbed the
# agreement the “Paris Declaration”"), which says neither "name" nor the verb of giving it.
NAME_GIVING = re.compile(
    r"\b(?:nick)?names?\b|\b(?:give|gave|given|giving|put|puts|putting|slap|slaps|slapped|slapping"
    r"|choose|chose|chosen|choosing)\b",
    re.I,
)
# Verbs that only carry what a question asks for, with what tells that it does: "hold" asking for an office, "last"
# after "how long".
# "what's the point of the hubs?", "what is the aim of the force?": the noun only asks what something is for, which
# the answer says its own way ("so that military equipment could be deployed …"), seldom with the noun.
PURPOSE_ASKED = re.compile(
    r"\bwhat(?:['’]s| is| was| are| were)? the (?:point|purpose|aim|goal|idea)s? (?:of|behind)\b", re.I
)
PURPOSE_NOUN = re.compile(r"\b(?:point|purpose|aim|goal|idea)s?\b(?= (?:of|behind)\b)", re.I)
# "what was her old job?", "his former role": the answer names the office held then ("served as deputy
# secretary-general … during Trump's first administration"), seldom calling it old or former.
FORMER = re.compile(r"\b(?:old|former|previous|past)\b(?=\s+(?:job|role|post|position|title|office)s?\b)", re.I)
# "where will they stay?", "where do the envoys live?": after "where" the verb of staying asks for the place alone,
# which news gives without it ("stationed in Ukraine", "military hubs across Ukraine").
PLACE_ASKED = re.compile(r"\bwhere\b", re.I)
STAYING = re.compile(r"\b(?:stay|stays|stayed|staying|live|lives|lived|living|located|situated)\b", re.I)
# "why was trump's backing seen as a turning point?": how something was judged, which the answer gives in its own words
# ("It was made possible by the US presence"); the verb before "as" needs no cover.
JUDGED_AS = re.compile(r"\bas\b", re.I)
JUDGING = re.compile(
    r"\b(?:seen|see|sees|saw|viewed|regarded|considered|thought of|treated|treats|treat|deemed|billed|touted)(?= as\b)",
    re.I,
)
VERBS_OF_THE_ASKING = (
    (OFFICE_NOUN, HOLDING),
    (OFFICE_NOUN, FORMER),
    (LASTING, LASTING_VERB),
    (COUNTING, CONTAINING),
    (STANCE_ASKED, STANDING),
    (ASKS_NAME_GIVEN, NAME_GIVING),
    (PURPOSE_ASKED, PURPOSE_NOUN),
    (PLACE_ASKED, STAYING),
    (JUDGED_AS, JUDGING),
)
# "the first troops", "send first": which one; "when did the coalition first meet?" asks when it began, which a passage
# answers without the word ("formed last spring")
WHICH_FIRST = re.compile(r"\b(?:the|a|an|its|their|his|her|this|that|our|your)\s+first\b|\bfirst\W*$", re.I)
# Where something was said, named in the question ("what did trump tweet?", "what did he tell macron on the phone?",
# "what did he post on truth social?"): a passage reporting what someone said does not say it was said there, and
# "said" is close in meaning to "tweeted", so these, like IN_ORDER's, count only where the passages have them.
CHANNELS = frozenset(
    tokenize(
        "tweet twitter phone telephone facebook instagram tiktok youtube podcast email whatsapp livestream "
        "televised television tv radio broadcast"
    )
)
CHANNEL_NAMES = re.compile(r"\b(?:truth social|social media|text messages?)\b", re.I)  # shown whole in a note
# Family ties ("what did macron's wife say?"): "son-in-law" is close in meaning to "wife", but a passage about
# someone's son-in-law says nothing of his wife, so these too count only where the passages have them.
KINSHIP = frozenset(
    tokenize(
        "wife husband spouse daughter son mother father brother sister child children nephew niece cousin "
        "grandson granddaughter grandfather grandmother uncle aunt"
    )
)
# How a decision was taken ("which countries voted against the declaration?", "was there a referendum?"): a passage
# saying who opposed or agreed says nothing of a vote, and "voted" is close in meaning to "rejected", so these too
# count only where the passages have them.
PROCEDURES = frozenset(tokenize("vote voted votes voting ballot ballots referendum referendums poll polls polling"))
# The day's details around the news, which news of diplomacy seldom reports and readers often ask ("what was the
# weather like in paris?", "what did zelensky wear?", "what did the leaders eat at the dinner?", "which hotel …"):
# MiniLM puts these words 0.32–0.45 from some word of nearly any passage ("weather" 0.32, "wear" 0.39, "lunch" 0.37),
# which no threshold tells from a paraphrase; so these too count only where the passages have them. Twenty-five
# unanswerable questions of the shipped sets ask after one, no answerable question does.
EVERYDAY_DETAILS = frozenset(
    tokenize(
        "weather rain raining rained snow snowing sunny temperature lunch lunches dinner dinners breakfast meal meals "
        "menu eat eats ate eaten eating food drink drinks drank wine wear wears wore worn wearing outfit outfits "
        "clothes clothing dressed hotel hotels sleep sleeps slept sleeping gift gifts"
    )
)
# "what happens next?", "what's next for Ukraine?", "the next steps": what follows, asked in general, not which one
WHAT_FOLLOWS = re.compile(
    r"\bwhat(?:'s| is| happens| comes| will happen| would happen| could happen)\s+next\b|\bnext steps?\b", re.I
)
# "what will be set up next to the hubs?": beside, as "near" (question filler) is; not the order word "next".
NEXT_TO = re.compile(r"\bnext to\b", re.I)
# Bodies of state, named in lower case as often as not ("will the uk parliament get a vote?"): one the articles never
# mention is a name they lack, like a capitalised word ("The articles never mention Parliament.").
INSTITUTIONS = frozenset(
    (
        "parliament", "parliaments", "senate", "congress", "council", "court", "courts", "assembly", "cabinet",
        "ministry", "legislature", "bundestag", "duma", "knesset",
    )
)  # fmt: skip
# One weakly covered word is often a paraphrase ("rebuild" for "rebuild strength"); a second one as well mostly
# means the passages are about something else ("how many tanks will france send": "tanks" 0.36, "send" 0.47): such
# a question's evidence is its worst word's coverage less TWO_WEAK_PENALTY (eval/README.md, "Two weak words").
SECOND_WEAK_WORD = 0.55
TWO_WEAK_PENALTY = 0.02
# How close in meaning the question is to the closest sentence of the top passages moves the coverage by
# CLOSENESS_WEIGHT × (cosine − CLOSENESS_PIVOT): "what did Zelensky wear?" has every word but "wear" covered (0.39), and
# no sentence near it (0.40), so it falls short; "what troop ceiling did the November proposal set?" is as weakly
# covered (0.34) but close to its answer (0.60) (eval/README.md, "Closeness in meaning").
CLOSENESS_WEIGHT = 0.5
CLOSENESS_PIVOT = 0.5
# A question word whose closest word in the top passages is less similar than this is named in the note of a
# question refused for no other reason ("None of the closest passages says “wear”, or a word close to it."); the
# unanswerable questions' worst words lie at 0.32–0.43 on the shipped sets.
NAMED_WEAK_WORD = 0.5


def question_words(question: str) -> list[str]:
    """The content words of a question that name what it asks about (no stopwords, no question filler), and its
    two-letter abbreviations ("the EU", "the un"; "US" in capitals only, "us" is a pronoun)."""
    question = FIGHTING_ENDS.sub("fighting", ACCORDING_TO.sub(" ", READERS_TIME.sub(" ", question)))
    question = NEXT_TO.sub(" ", VAGUE_PEOPLE.sub(" ", INTENDING_TO.sub(" ", FRAMING_PHRASES.sub(" ", question))))
    for asking, verb in VERBS_OF_THE_ASKING:
        question = verb.sub(" ", question) if asking.search(question) else question
    words = [w for w in content_words(question) if tokenize(w) and tokenize(w)[0] not in NOT_SUBJECTS]
    return list(dict.fromkeys([*words, *short_names(question)]))


def covered_words(question: str) -> list[str]:
    """The question words the passages must cover, a seat of government read as its country ("downing street" is
    covered where the passages say "UK"); the question as typed still decides which names are unknown."""
    return question_words(seats_as_countries(question))


def short_names(question: str) -> list[str]:
    """Two-letter words that name something ("EU", "un"), not "us" in lower case or an office ("PM")."""
    found = [w for w in TOKEN.findall(question) if len(w) == 2 and w.isalpha() and (w.isupper() or w != "us")]
    found = [w for w in found if w.lower() not in ROLE_ABBREVIATIONS]  # an office: its holder is searched
    return [w.lower() for w in found if tokenize(w) and tokenize(w)[0] not in NOT_SUBJECTS]


def searched_terms(question: str) -> list[str]:
    """The question's BM25 terms that name something, short ones too ("what did the EU say?"): no question filler."""
    return [term for term in tokenize(question) if term not in NOT_SUBJECTS]


class EvidenceMeter:
    """Scores the evidence for a question: its least-covered word decides, since one missing subject
    ("the weather", "China") is what makes a well-matched passage fail to answer."""

    def __init__(
        self,
        terms: TermNeighbours,
        encoder: WordEncoder,
        names: frozenset[str] = frozenset(),
        english_words: frozenset[str] = frozenset(),
        roles: Callable[[], RoleDirectory] | None = None,
    ) -> None:
        """`english_words`: words known as words, not names (the model's whole-word tokens); `roles`: gives the
        articles' roles, for questions after an office nobody holds there (asked only for a question naming a
        role: reading every article's people takes a while)."""
        self.terms = terms
        self.encoder = encoder
        self.unknown = UnknownNames(names, terms, encoder)
        self.english_words = english_words
        self.roles = roles

    def unknown_names(self, question: str) -> list[str]:
        """Question words naming something the articles never mention (see bot/names.py)."""
        return self._unknown(question, question_words(question))

    def _unknown(self, question: str, words: Sequence[str]) -> list[str]:
        """The question's `words` naming something the articles never mention, leaving out the kind of thing asked
        for ("city" in "which city …"), a common noun whatever names it is near."""
        kinds = kind_nouns(question) - subjects(question)  # "what china said": a name, not a kind asked for
        heading = self._heading_known(question)
        # and no weekday, month, form of address ("Monsieur Macron"), colour or common noun of longer names ("at home")
        named = [word for word in words if word not in NOT_NAMES]
        candidates = [word for word in named if word not in kinds and word not in heading]
        return self.unknown.find(candidates, self._written_as_names(question))

    def _heading_known(self, question: str) -> frozenset[str]:
        """Words before a geographic or political head noun the articles use ("the Atlantic alliance", "latin
        america"): the part of a longer name, of a thing the articles name by its head ("Nato, the alliance",
        "America"), not a name they never mention. Not a country's name or adjective ("the japanese coast"): those
        stay names."""
        found = set()
        for match in HEADED_NAME.finditer(question):
            word, head = match.group(1).lower(), match.group(2).lower()
            if word not in NAMED_COUNTRIES and word not in DEMONYMS and head in self.terms.row_of:
                found.add(word)
        return frozenset(found)

    def _unheld_roles(self, question: str) -> list[str]:
        if self.roles is None or not (OFFICE_WORD.search(question) or COMMANDING.search(question)):
            return []
        return self.roles().unheld(question)

    def _written_as_names(self, question: str) -> frozenset[str]:
        """Words the reader capitalised inside the question, those asked what they did ("what did erdogan
        say") that are no English word, and bodies of state ("parliament")."""
        institutions = INSTITUTIONS.intersection(w.lower() for w in TOKEN.findall(question))
        return capitalised_inside(question) | (subjects(question) - self.english_words) | institutions

    def explain(self, question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
        """Why the evidence is missing, where that can be said plainly (for the notes of an unanswered answer). For
        a question offering choices, why the best-covered choice fails, unless every choice names something the
        articles never mention ("did japan or south korea pledge money?": both are named) or the question as a whole
        asks for what none of the passages gives ("was the summit held in english or french?": a language)."""
        choices = _choices(question)
        offered = len(choices) > 1 and not _whole_missing(_to_cover(question, passages), passages)
        if offered and not all(self.unknown_names(choice) for choice in choices):
            question = max(choices, key=lambda choice: self._coverage(choice, passages))
        return self._explain(question, passages)

    def _explain(self, question: str, passages: Sequence[Passage]) -> tuple[str, ...]:
        names = self.unknown_names(question)
        notes = [f"The articles never mention {' or '.join(shown_names(question, names))}."] if names else []
        question = _to_cover(question, passages)
        kind = asked_kind(question)
        texts = _evidence_texts(kind, passages)
        uncounted = _uncounted(question, kind, texts)
        if kind is not None and kind_missing(kind, passages):
            notes.append(kind.missing_note)
        elif uncounted and not names:
            notes.append(f"None of the closest passages gives a number for {uncounted}.")
        elif kind is not None and not names and self._figures_elsewhere(question, texts, passages):
            notes.append(f"The {kind.plural} in the closest passages are about something else.")
        # An office of a country never mentioned ("the Japanese prime minister") is said by the note above.
        unheld = [role for role in self._unheld_roles(question) if not set(names) & set(TOKEN.findall(role.lower()))]
        notes.extend(f"The articles never say who “{role}” {'are' if plural_role(role) else 'is'}." for role in unheld)
        top = _top_texts(passages)
        unnamed = unnamed_kind(question, top)
        unsaid = [words for words in _unsaid(question, texts) if unnamed is None or not unnamed.asked_as(words)]
        notes.extend(f"None of the closest passages says “{words}”." for words in unsaid)  # "hotel": the note below
        if unnamed is not None:  # "which city will the cell be based in?" over passages naming Paris, of the summit
            elsewhere = " in what they say of it" if any(unnamed.named_in(text) for text in top) else ""
            notes.append(f"None of the closest passages names {unnamed.noun}{elsewhere}.")
        collective = unreported_reaction(question, top)
        notes.extend([f"None of the closest passages reports the view of “{collective}”."] if collective else [])
        notes.extend(
            f"None of the closest passages says “{phrase}”, or words close to it."
            for phrase in self._misquoted(question, top)
        )
        return tuple(notes) if notes else self._weak_words_note(question, texts)

    def _weak_words_note(self, question: str, texts: Sequence[str]) -> tuple[str, ...]:
        """The question's words (at most two, in its order) that the evidence (`texts`) covers worse than
        NAMED_WEAK_WORD; where none is that weak, the worst-covered word the passages lack as written ("is there
        anything about drones?": "drones" 0.52, refused with the closeness of the question to them)."""
        words = covered_words(question)
        covers = self._word_covers(words, texts)
        weak = [word for word, cover in zip(words, covers, strict=True) if cover < NAMED_WEAK_WORD][:2]
        if not weak:
            lacking = [(cover, word) for word, cover in zip(words, covers, strict=True) if cover < 1.0]
            return (f"None of the closest passages says “{min(lacking)[1]}”.",) if lacking else ()
        said, pronoun = " or ".join(f"“{word}”" for word in weak), "it" if len(weak) == 1 else "either"
        return (f"None of the closest passages says {said}, or a word close to {pronoun}.",)

    def coverage(self, question: str, passages: Sequence[Passage]) -> float:
        """The evidence for the question (`_coverage`); for a question offering choices ("is greenland part of
        denmark or norway?"), for the choice the passages bear out best, the others left out (bot/choices.py), and
        0.0 where the question as a whole asks for a kind of answer none of them gives ("was the news conference at
        noon or at 6pm?": a time of day, whichever is right; "was it held in english or french?": a language)."""
        choices = _choices(question)
        if len(choices) > 1 and _whole_missing(_to_cover(question, passages), passages):
            return 0.0
        return max(self._coverage(choice, passages) for choice in choices)

    def _coverage(self, question: str, passages: Sequence[Passage]) -> float:
        """1.0 when every question word occurs in the top passages; else the cosine similarity of the worst-
        covered word to its closest word there ("first", "next", "last", channels such as "tweet" and family ties
        such as "wife" count only as written), less a little when a second word is weak too (`evidence_of`). 0.0
        when the passages have none, when the question names something the articles never mention (a body of
        state too: "parliament"), asks for a figure (money, a time, a number) none of them gives, a country's count
        none of their figures is about ("how many troops will Germany send?"), or asks after an office nobody holds
        in the articles ("Russia's foreign minister"), or asks which city, port, hotel … none of them names
        (bot/named_kinds.py), or how a nameless collective reacted where none of them reports its view ("how did
        the markets react?", bot/reactions.py). For a figure, only the sentences giving one count as cover."""
        message, question = question, _to_cover(question, passages)
        kind = asked_kind(question)
        if (kind is not None and kind_missing(kind, passages)) or self._unheld_roles(question):
            return 0.0
        top = _top_texts(passages)
        if unnamed_kind(question, top) or unreported_reaction(question, top):
            return 0.0
        giving = _figure_sentences(kind, passages)
        texts = _evidence_texts(kind, passages, giving)
        if _uncounted(question, kind, texts):
            return 0.0
        if self.unknown_names(message):  # a name is asked about wherever the reader writes it
            return 0.0
        if self._misquoted(question, top):
            return 0.0
        words = covered_words(question)
        covers = self._word_covers(words, texts, exact_words(question))
        return evidence_of(self._names_by_passage(words, covers, [text for text, given in giving if given]))

    def _names_by_passage(self, words: Sequence[str], covers: list[float], holding: Sequence[str]) -> list[float]:
        """The covers, a name's taken from the whole passages (`holding`) whose sentences give the figure asked for:
        news names someone once and then writes "he" ("But he admitted that some issues “remain open” with the
        revised 20-point peace plan" answers "the peace plan zelensky mentioned - how many points is it now")."""
        named = [i for i, word in enumerate(words) if covers[i] < 1.0 and word in self.unknown.names]
        if not holding or not named:
            return covers
        whole = self._word_covers([words[i] for i in named], holding)
        covers = list(covers)
        for i, cover in zip(named, whole, strict=True):
            covers[i] = max(covers[i], cover)
        return covers

    def _misquoted(self, question: str, texts: Sequence[str]) -> list[str]:
        """The phrases the question quotes that no sentence of the top passages (`texts`) says: not word for word,
        nor in words each close to the quotation's (covered better than NAMED_WEAK_WORD in that one sentence), nor
        with most of its words as written, as a quotation half remembered is ("an iron-clad commitment": "iron-cast
        commitment"). "who said “russia will pay for this”?" is not answered by a sentence on Russia; "who called it
        “a huge milestone”?" is, by "a very, very big milestone"."""
        sentences = [sentence for text in texts for sentence in text_sentences(text)]
        return [phrase for phrase in quoted_phrases(question) if not self._said_in_one(phrase, texts, sentences)]

    def _said_in_one(self, phrase: str, texts: Sequence[str], sentences: Sequence[str]) -> bool:
        if any(phrase_pattern(phrase).search(text) for text in texts):
            return True
        words = question_words(phrase)
        return not words or any(sentence_says(self._word_covers(words, [sentence])) for sentence in sentences)

    def _figures_elsewhere(self, question: str, figure_texts: Sequence[str], passages: Sequence[Passage]) -> bool:
        """Whether the figures' sentences (`figure_texts`) cover the question's words worse than the passages do."""
        words = question_words(question)
        top = _top_texts(passages)
        return self._word_coverage(words, figure_texts) < self._word_coverage(words, top)

    def _word_coverage(self, words: Sequence[str], texts: Sequence[str]) -> float:
        return min(self._word_covers(words, texts), default=1.0)

    def _word_covers(self, words: Sequence[str], texts: Sequence[str], exact: Collection[str] = ()) -> list[float]:
        """Each word's coverage: 1.0 when the texts have its stem, else the cosine similarity of its embedding to
        the closest word there (0.0 when they have none, or for a word of `exact`)."""
        stems = {stem for text in texts for stem in tokenize(text)}
        missing = [w for w in words if not _said(tokenize(w)[0], stems) and not _noun_of(tokenize(w)[0], stems)]
        if not missing:
            return [1.0] * len(words)
        row_of = self.terms.row_of
        present = {w for text in texts for w in content_words(text) if w in row_of}
        closest = dict.fromkeys(missing, 0.0)
        near = [w for w in missing if w not in exact]  # "next" is found as written or not at all
        if present and near:
            vectors = np.asarray(self.terms.vectors)[[row_of[w] for w in sorted(present)]]
            similarity = self.terms.word_vectors(near, self.encoder) @ vectors.T
            closest.update(zip(near, similarity.max(axis=1).tolist(), strict=True))
        return [closest.get(w, 1.0) for w in words]


def _to_cover(message: str, passages: Sequence[Passage]) -> str:
    """The part of a message the passages must cover: not the reader's words about themselves ("I work in
    logistics."), nor a date that is the day of the passages' articles ("on 6 January", of reports dated then)."""
    return without_their_dates(question_proper(message), passages)


def _choices(question: str) -> list[str]:
    """The question once for each choice it offers, its quiz frame left out (bot/choices.py, bot/phrasing.py)."""
    return each_choice(without_quiz_frame(question))


def sentence_says(covers: Sequence[float]) -> bool:
    """Whether one sentence says a quotation whose words it covers so (`covers`): each word closely, or most as
    written."""
    return min(covers) >= NAMED_WEAK_WORD or sum(cover == 1.0 for cover in covers) > len(covers) / 2


def _whole_missing(question: str, passages: Sequence[Passage]) -> bool:
    """Whether a question offering choices asks, as a whole, for a figure or a named kind (a language, a city) that
    none of the top passages gives."""
    return _kind_missing(question, passages) or unnamed_kind(question, _top_texts(passages)) is not None


def _kind_missing(question: str, passages: Sequence[Passage]) -> bool:
    """Whether the question asks for a kind of answer (a figure, a time …) that none of the top passages gives."""
    kind = asked_kind(question)
    return kind is not None and kind_missing(kind, passages)


def without_their_dates(question: str, passages: Sequence[Passage]) -> str:
    """The question without the dates it names that are the publication date of a passage's article, nor the weekday
    of that date ("how many countries took part in tuesday's paris talks?" of reports dated Tuesday 6 January that
    say "officials from 35 countries met in Paris")."""
    dated = {passage.date for passage in passages if passage.date}
    question = _without_their_weekdays(question, dated)

    def unless_theirs(match: re.Match[str]) -> str:
        month = MONTHS.index((match["month"] or match["month2"]).lower()) + 1
        day, year = int(match["day"] or match["day2"]), match["year"]
        same = any(date[5:] == f"{month:02d}-{day:02d}" and (year is None or date[:4] == year) for date in dated)
        return " " if same else match.group(0)

    return DATE_WRITTEN.sub(unless_theirs, question)


def _without_their_weekdays(question: str, dated: Collection[str]) -> str:
    """The question without the weekday of any of the `dated` days (ISO dates), "'s" and all ("tuesday's")."""
    weekdays = {WEEKDAYS[day] for day in map(_weekday, dated) if day is not None}
    if not weekdays:
        return question
    return re.sub(rf"\b(?:{'|'.join(sorted(weekdays))})(?:['’]s)?\b", " ", question, flags=re.IGNORECASE)


def _weekday(date: str) -> int | None:
    """The weekday (0 for Monday) of an ISO date ("2026-01-06": 1), None for one that is not."""
    try:
        return datetime.date.fromisoformat(date[:10]).weekday()
    except ValueError:
        return None


def _noun_of(stem: str, stems: Collection[str]) -> bool:
    """Whether `stems` hold the noun of this verb stem, or the verb of this noun ("agre" and "agreement")."""
    return any(
        (longer.startswith(shorter) and longer[len(shorter) :] in NOUN_ENDINGS)
        for other in stems
        for shorter, longer in ((stem, other), (other, stem))
    )


def evidence_of(covers: Sequence[float]) -> float:
    """The evidence from each question word's coverage: the worst-covered word's, less TWO_WEAK_PENALTY when a
    second word is weak too (under SECOND_WEAK_WORD); 1.0 for no words."""
    ordered = sorted(covers)
    if len(ordered) >= 2 and ordered[1] < SECOND_WEAK_WORD:
        return max(ordered[0] - TWO_WEAK_PENALTY, 0.0)
    return ordered[0] if ordered else 1.0


def confidence(coverage: float, closeness: float | None) -> float:
    """The abstention signal: the word coverage moved by the closest sentence's cosine (`closeness`) and kept
    within 0–1. A coverage of 0.0 (a name or figure the articles lack) stays 0.0, and without a cosine (BM25
    alone) the coverage is the signal."""
    if coverage <= 0.0 or closeness is None:
        return coverage
    return min(max(coverage + CLOSENESS_WEIGHT * (closeness - CLOSENESS_PIVOT), 0.0), 1.0)


def order_words(question: str) -> frozenset[str]:
    """The question's words picking one event of a series ("next", "first", "last"; not "last" in "how long will
    it last", "next" in "what happens next?" or "first" in "when did it first meet?"), which count only where the
    passages have them."""
    found = set(_listed(question, IN_ORDER))
    found -= {"last"} if LASTING.search(question) else set()
    found -= {"next"} if WHAT_FOLLOWS.search(question) or NEXT_TO.search(question) else set()
    return frozenset(found if WHICH_FIRST.search(question) else found - {"first"})


def channel_words(question: str) -> frozenset[str]:
    """The question's words naming where something was said ("tweet", "phone"; "truth" and "social" of "truth
    social"), which count only where the passages have them."""
    named = {w.lower() for match in CHANNEL_NAMES.finditer(question) for w in TOKEN.findall(match.group(0))}
    return frozenset(w for w in question_words(question) if w in named) | _listed(question, CHANNELS)


def procedure_words(question: str) -> frozenset[str]:
    """The question's words naming how a decision was taken ("voted", "referendum"), which count only where the
    passages have them."""
    return _listed(question, PROCEDURES)


def kin_words(question: str) -> frozenset[str]:
    """The question's words naming a family tie ("wife", "brother"), which count only where the passages have them."""
    return _listed(question, KINSHIP)


def _listed(question: str, stems: frozenset[str]) -> frozenset[str]:
    """The question's words whose stem is one of `stems` (a table of words counted only as written)."""
    return frozenset(w for w in question_words(question) if tokenize(w)[0] in stems)


def exact_words(question: str) -> frozenset[str]:
    """The question's words that count only where the passages have them as written: order words, channels, family
    ties, how a decision was taken, the day's details (`EVERYDAY_DETAILS`) and parts of the day (these also as the
    same part in other words)."""
    day_parts = _listed(question, frozenset(SAME_PART_OF_DAY))  # not "last night": the reader's time
    written = order_words(question) | channel_words(question) | kin_words(question) | procedure_words(question)
    return written | day_parts | _listed(question, EVERYDAY_DETAILS)


def _said(stem: str, stems: Collection[str]) -> bool:
    """Whether `stems` hold this stem, or for a part of the day the same part in other words ("night": "evening")."""
    return stem in stems or not SAME_PART_OF_DAY.get(stem, frozenset()).isdisjoint(stems)


def _uncounted(question: str, kind: AnswerKind | None, texts: Sequence[str]) -> str | None:
    """The country whose count a number question asks for ("how many troops will Germany send?"), when none of
    the evidence's figure sentences (`texts`) names it."""
    return uncounted_country(question, texts) if kind is NUMBER else None


def _unsaid(question: str, texts: Sequence[str]) -> list[str]:
    """The question's order words, channels and family ties that the evidence (`texts`: the top passages, or their
    figures' sentences) lacks, as a note shows them: a channel of two words whole ("truth social")."""
    stems = {stem for text in texts for stem in tokenize(text)}
    lacking = {w for w in exact_words(question) if not _said(tokenize(w)[0], stems)}
    names = [match.group(0).lower() for match in CHANNEL_NAMES.finditer(question)]
    whole = [name for name in names if lacking.intersection(TOKEN.findall(name))]
    in_names = {w for name in names for w in TOKEN.findall(name)}
    return list(dict.fromkeys([*sorted(lacking - in_names), *whole]))


def _figure_sentences(kind: AnswerKind | None, passages: Sequence[Passage]) -> list[tuple[str, list[str]]]:
    """Each top passage's text with its sentences giving the figure asked for (`kind`); [] when none is asked."""
    if kind is None:
        return []
    return [(passage.text, kind.sentences_giving(passage.text)) for passage in passages[:EVIDENCE_DEPTH]]


def _evidence_texts(
    kind: AnswerKind | None, passages: Sequence[Passage], giving: Sequence[tuple[str, list[str]]] | None = None
) -> list[str]:
    """What must cover the question's words: the top passages, or for a question asking for a figure, their
    sentences that give one (`giving`, from `_figure_sentences` when not passed; "how many people were killed?" is
    not answered by "800,000 troops" beside a sentence about the killing)."""
    if kind is None:
        return _top_texts(passages)
    giving = _figure_sentences(kind, passages) if giving is None else giving
    return [sentence for _, sentences in giving for sentence in sentences]


def _top_texts(passages: Sequence[Passage]) -> list[str]:
    """The texts of the passages whose words count as evidence."""
    return [passage.text for passage in passages[:EVIDENCE_DEPTH]]
