"""Colloquial words and idioms a reader types, read as the plain words news articles use ("powwow" as "meeting",
"turned up" as "attended", "POTUS" as "the US president"; a flag emoji as its country), so that search and evidence
meet the articles' words."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cached_property

from bot.names import MONTHS
from index.aliases import BODIES
from index.seats import SEATS, country_names
from index.spelling import Correction


@dataclass(frozen=True)
class PlainWord:
    """One colloquial wording (a regular expression, matched whole-word and case-blind) and its plain reading;
    the reading may refer to the wording's groups (r"\\1")."""

    typed: str
    plain: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{self.typed})\b", re.IGNORECASE)

    def read_in(self, question: str, read: list[Correction]) -> str:
        """The question with this wording read plainly wherever it occurs, each reading added to `read`."""

        def plain(match: re.Match[str]) -> str:
            read.append(Correction(match.group(0), match.expand(self.plain)))
            return read[-1].read_as

        return self.pattern.sub(plain, question)


# Before a particle that ends the clause or a place ("how many countries turned up?", "who showed up in Paris"):
# not "turn up the pressure".
ARRIVAL_END = r"(?=\s*(?:$|[?.!,;]|(?:at|to|for|in)\b))"

# Months written short next to a day ("6 jan", "jan 6th", "6th Jan."): the articles write them out ("6 January 2026").
# Only next to a day: "Jan" alone may be a name, "mar" and "may" words.
SHORT_MONTHS = {
    "sept?" if month == "september" else month[:3]: month.capitalize() for month in MONTHS if month != "may"
}
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
OWNER = r"(?:their|its|his|her|our|your|my)(?: own)?"  # whose name is put to a document ("its own name")


# A country or body after "who leads": " nato", " the uk", " germany".
HEADED_PLACES = sorted({*BODIES, *(name for country in SEATS for name in country_names(country))})
HEADED = rf"\s+(?:the\s+)?(?:{'|'.join(re.escape(place) for place in HEADED_PLACES)})\b"


def _month(short: str) -> str:
    """The month a short form stands for, as news writes it: "November" for "nov"."""
    return next(month for month in MONTHS if month.startswith(short)).capitalize()


GLOSSARY = (
    # gatherings and the press
    PlainWord(r"pow-?wow(s?)", r"meeting\1"),
    PlainWord(r"confab(s?)", r"meeting\1"),
    PlainWord(r"get-together(s?)", r"meeting\1"),
    PlainWord(r"(the\s+(?:big\s+)?)bash", r"\1meeting"),  # a party, after "the"; "bash" alone is to attack
    PlainWord(r"presser(s?)", r"press conference\1"),
    PlainWord(r"sound-?bite(s?)", r"remark\1"),
    # people, by nickname
    PlainWord(r"(?:the\s+)?potus", "the US president"),
    PlainWord(r"prez", "president"),
    PlainWord(r"(?:the\s+)?uncle sam", "the United States"),
    PlainWord(r"yank(?:ee)?(s?)", r"American\1"),
    PlainWord(r"(?:the\s+)?brits", "the British"),
    # a nation's people by a noun sharing no stem with its name or adjective ("and what about the poles?"); after "the"
    # only: "poles" and "turks" are other things too
    *(
        PlainWord(rf"the\s+{people}", f"the {adjective}")
        for people, adjective in (
            ("poles", "Polish"), ("swedes", "Swedish"), ("danes", "Danish"), ("finns", "Finnish"), ("turks", "Turkish"),
            ("spaniards", "Spanish"),
        )
    ),
    PlainWord(r"aussie(s?)", r"Australian\1"),
    PlainWord(r"(?:the\s+)?top brass", "the military commanders"),
    PlainWord(r"govt|gov't", "government"),
    # "who leads nato now?": its head, whom the articles name by office ("NATO Secretary-General Mark Rutte"); of a
    # country or body only, not "who's in charge of it" (the force a follow-up asks after is "led by European allies")
    PlainWord(
        rf"who\s+(?:leads|heads|runs)(?={HEADED})|who(?:\s+is|['’]s)\s+in\s+charge\s+of(?={HEADED})",
        "who is the head of",
    ),
    PlainWord(r"ppl", "people"),
    PlainWord(r"mtg(s?)|mtng(s?)", r"meeting\1\2"),  # "what day of the wk was the paris mtg"
    PlainWord(r"(press\s+)conf", r"\1conference"),
    # what was done
    PlainWord(rf"(turn|show)(ed|s|ing)? up{ARRIVAL_END}", r"attend\2"),
    PlainWord(r"christen(ed|s|ing)?", r"call\1"),
    PlainWord(r"play(ed|s|ing)? host(?: to| for)?", r"host\1"),  # "who played host for this get-together?"
    # "what did european leaders say back?": what they said; "how did moscow hit back?": how it responded. Not "back"
    # alone ("back the deal", "back down").
    PlainWord(r"(say|said|says|saying|talk|talked|write|wrote|reply|replied|respond|responded)\s+back", r"\1"),
    PlainWord(r"(?:hit|hits|hitting|fire|fired|fires|firing|shot|shoot)\s+back", "respond"),
    PlainWord(r"bankroll(ed|s|ing)?", r"fund\1"),
    PlainWord(r"chip(?:s|ped|ping)? in", "contribute"),  # "who is chipping in what?": who contributes
    # "why are ppl nervous about counting on washington": "concerns … about Washington's reliability"
    PlainWord(r"count(?:s|ed|ing)? on(?=\s+\w)", "rely on"),
    # "so what's still bugging him?": what bothers him; not the noun ("a bug in the system")
    PlainWord(r"bug(?:g(?=ed|ing))?(s|ed|ing)?(?= (?:him|her|them|you|me|us|people|everyone|anyone)\b)", r"bother\1"),
    PlainWord(r"foot(s|ing)? the bill", r"pay\1"),
    PlainWord(r"footed the bill", "paid"),
    PlainWord(r"on the hook", "committed"),
    # "did the americans put their names to it?": signed it
    PlainWord(rf"put(s)? {OWNER} (?:names?|signatures?) (?:to|on)", r"sign\1"),
    PlainWord(rf"putting {OWNER} (?:names?|signatures?) (?:to|on)", "signing"),
    PlainWord(r"put(s)? pen to paper(?: on)?", r"sign\1"),  # "did washington put pen to paper on the paris doc?"
    PlainWord(r"putting pen to paper(?: on)?", "signing"),
    # "why is it a big deal": it matters; not "the big deal", which may be the agreement itself
    PlainWord(r"(?:such\s+)?a (?:really\s+|very\s+)?big deal", "significant"),
    PlainWord(r"(?:the\s+)?guns (?:fall|fell|go|went) (?:silent|quiet)", "there is a ceasefire"),
    PlainWord(r"(?:pause|break|lull|halt) in (?:the\s+)?fighting", "ceasefire"),  # "a brief pause in fighting"
    # "are they nearly done with the security side?": "security protocols were close to completion"
    PlainWord(r"(?:nearly|almost) (?:done|finished|complete|completed)", "close to completion"),
    PlainWord(r"track record(s?)", r"history\1"),  # "russia's track record on peace deals": "history of violating"
    PlainWord(r"(take|takes|took|taking|for) ages", r"\1 a long time"),  # "why could it take ages to happen"
    # things, figures and dates
    PlainWord(r"price tag", "cost"),
    PlainWord(r"headcount", "number"),
    # chat shorthand for figures and dates: "800k", "a 20pt plan", "4 yrs", "tues", "the nov draft"
    PlainWord(r"(\d{1,3})\s?k", r"\1,000"),
    PlainWord(r"(\d+(?:\.\d+)?)\s?bn", r"\1 billion"),
    PlainWord(r"(\d+)[\s-]?pts?", r"\1-point"),
    PlainWord(r"yr(s?)", r"year\1"),
    PlainWord(r"wk(s?)", r"week\1"),
    PlainWord(r"tues?", "Tuesday"),
    PlainWord(r"weds", "Wednesday"),
    PlainWord(r"thu(?:rs?)?", "Thursday"),
    *(PlainWord(short, _month(short)) for short in ("nov", "sept", "oct")),  # alone too: no name, unlike "jan"
    PlainWord(r"(?:military\s+)?kit", "military equipment"),
    *(
        PlainWord(rf"({DAY}\s+){short}\.?(?!\w)|{short}\.?(\s+{DAY})(?!\w)", rf"\1{month}\2")
        for short, month in SHORT_MONTHS.items()
    ),
)
# Words readers use that news writes otherwise, read so only where no article uses the reader's word: an index whose
# articles say "army" or "armies" searches it as typed. Each wording with the word forms that block it.
NEWS_WORDING = (
    # the seed articles say "Ukraine's armed forces", "the Ukrainian armed forces", never "army"
    (PlainWord(r"arm(?:y|ies)", "armed forces"), ("army", "armies")),
    (PlainWord(r"temporary", "short-term"), ("temporary",)),  # "a short-term ceasefire"
    (PlainWord(r"nervous", "concerned"), ("nervous",)),  # "raised concerns among analysts"
    (PlainWord(r"unsure", "uncertain"), ("unsure",)),  # "a final peace deal remains uncertain"
    (PlainWord(r"unresolved", "open"), ("unresolved",)),  # "some issues remain open"
    (PlainWord(r"happy with", "welcomed"), ("happy",)),  # "welcomed the deal"
    (PlainWord(r"rifts?|divisions?", "splits"), ("rift", "rifts", "division", "divisions")),  # "splits among allies"
    (PlainWord(r"capitulation", "surrender"), ("capitulation",)),  # "never becomes a Ukrainian surrender"
    (PlainWord(r"groundwork", "foundations"), ("groundwork",)),  # "the practical foundations on which peace would rest"
    (PlainWord(r"limit(s?)", r"cap\1"), ("limit", "limits")),  # "capping Ukraine's military at 600,000"
    (PlainWord(r"surpris(?:e|ed|ing)", "unexpected"), ("surprise", "surprised", "surprising")),  # "the unexpected …"
    # "there was no immediate response from Moscow"
    (PlainWord(r"respond(?:s|ed|ing)?", "response"), ("respond", "responds", "responded", "responding")),
    (PlainWord(r"stuck", "stalled"), ("stuck",)),  # "if negotiations stalled"
    # "Putin has previously warned that any Western force …"
    (PlainWord(r"threaten(?:s|ed|ing)?", "warned"), ("threaten", "threatens", "threatened", "threatening")),
    (PlainWord(r"teams?", "delegation"), ("team", "teams")),  # "the Ukrainian delegation"
    (PlainWord(r"tense", "tensions"), ("tense",)),  # "heightened global tensions"
    # "concerns among analysts about Washington's reliability"
    (PlainWord(r"dependab(le|ility)", r"reliab\1"), ("dependable", "dependability")),
    (PlainWord(r"drop(?:s|ped)?", "removed"), ("drop", "drops", "dropped")),  # "removed from an earlier draft"
    # "the coalition of the willing agreement could delay a ceasefire"
    (PlainWord(r"slow(?:s|ed|ing)? down", "delay"), ("slow", "slows", "slowed", "slowing")),
    # a verb with its object, not "push back against …" (resist): "could push back a ceasefire"
    (
        PlainWord(r"push(?:es|ed|ing)? back(?=\s+(?:the|a|an|any|its|their|this|that)\b)", "delay"),
        ("push", "pushes", "pushed", "pushing"),
    ),
    (PlainWord(r"postpon(?:e|es|ed|ing)", "delay"), ("postpone", "postpones", "postponed", "postponing")),
    (PlainWord(r"truce(s?)", r"ceasefire\1"), ("truce", "truces")),  # news writes "ceasefire"
    # "what does the deal let ukraine's army do": "allow the Ukrainian armed forces to rebuild strength"; not "let me",
    # "let us", "let's"
    (PlainWord(r"let(?:s|ting)?(?![’'])(?!\s+(?:me|us)\b)", "allow"), ("let", "lets", "letting")),
    (PlainWord(r"attitudes?", "tone"), ("attitude", "attitudes")),  # "the rocky, constantly changing tone from Trump"
    # "how long will britain keep squeezing russia": "continue to turn up the pressure on Russia"
    (PlainWord(r"squeez(?:e|es|ed|ing)", "pressure"), ("squeeze", "squeezes", "squeezed", "squeezing")),
    # a group's start, the last words of a question ("when was the coalition of the willing first set up?"): news
    # says it was "formed"; not "who set up the hubs", "set up the hubs in kyiv"
    (PlainWord(r"(?:first\s+)?set up(?=(?:\s+in the first place|\s+originally)?\s*[?.!]*\s*$)", "formed"), ("set",)),
    # "territory would be the most difficult issue to resolve"
    (PlainWord(r"hardest|toughest", "most difficult"), ("hardest", "toughest")),
    (PlainWord(r"hold(?:s|ing) up", "obstacle"), ("holds", "holding")),  # "a major obstacle"; not "will it hold up"
    (PlainWord(r"defend(?:s|ed|ing)?", "defence"), ("defend", "defends", "defended", "defending")),  # "own defence"
    (PlainWord(r"seiz(?:e|es|ed|ing)", "capturing"), ("seize", "seizes", "seized", "seizing")),  # "capturing Maduro"
    # "slapped down any suggestions of splits among Nato allies"
    (PlainWord(r"den(?:y|ies|ied|ying)", "slapped down"), ("deny", "denies", "denied", "denying")),
    # "Russia's history of violating peace agreements"; the verb, not "a break" ("a break in the fighting", read first)
    (
        PlainWord(r"br(?:oke|eaks|eaking|oken)|break(?=\s+(?:the|a|an|its|their|any|this|that)\b)", "violating"),
        ("break", "breaks", "broke", "breaking", "broken"),
    ),
    (  # "allow the Ukrainian armed forces to rebuild strength"
        PlainWord(r"recover(?:s|ed|ing|y)?", "rebuild"),
        ("recover", "recovers", "recovered", "recovering", "recovery"),
    ),
    # weapons "stored" (or "stashed") in the "protected facilities" news builds for them
    (
        PlainWord(r"stor(?:e|es|ed|ing|age)|stash(?:es|ed|ing)?", "protected facilities"),
        ("store", "stores", "stored", "storing", "storage", "stash", "stashes", "stashed", "stashing"),
    ),
    # "will the troops be posted near the front?": "remain far from active battle lines"; not "in front of", "up front"
    (PlainWord(r"(?<=the )front(?:[- ]lines?)?(?! of\b)", "battle lines"), ("front",)),
    # "what promise from the usa got taken out of the first version of the deal": "removed from an earlier draft"
    (PlainWord(r"(?:the\s+)?(?:first|original|initial)\s+(?:version|draft)", "an earlier draft"), ("version",)),
    # "was the united states one of the signatories?": "the US did not sign the joint declaration"
    (PlainWord(r"signator(?:y|ies)", "those who signed"), ("signatory", "signatories")),
    # "creates the legal framework for allowing British and French troops to operate on Ukrainian soil"
    (PlainWord(r"legal basis", "legal framework"), ("basis",)),
)
# Flag emoji (two regional indicator letters: the country's ISO code), for the countries news of Europe names most.
FLAG_COUNTRIES = {
    "UA": "Ukraine", "RU": "Russia", "US": "the US", "GB": "the UK", "FR": "France", "DE": "Germany", "IT": "Italy",
    "PL": "Poland", "ES": "Spain", "NL": "the Netherlands", "BE": "Belgium", "EU": "the EU", "DK": "Denmark",
    "SE": "Sweden", "FI": "Finland", "NO": "Norway", "IE": "Ireland", "AT": "Austria", "CH": "Switzerland",
    "PT": "Portugal", "GR": "Greece", "HU": "Hungary", "CZ": "the Czech Republic", "RO": "Romania", "EE": "Estonia",
    "LV": "Latvia", "LT": "Lithuania", "TR": "Turkey", "CA": "Canada", "AU": "Australia", "JP": "Japan",
    "CN": "China", "IN": "India", "IL": "Israel", "IR": "Iran", "BY": "Belarus", "MD": "Moldova", "GE": "Georgia",
    "GL": "Greenland", "VE": "Venezuela", "KP": "North Korea", "NZ": "New Zealand",
}  # fmt: skip
REGIONAL_A = 0x1F1E6  # the regional indicator letter A
FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")


def plain_reading(question: str) -> tuple[str, tuple[Correction, ...]]:
    """The question with its colloquial wordings and flags read as plain words, and each (typed, read as) pair for
    a note."""
    read: list[Correction] = []
    for word in GLOSSARY:
        question = word.read_in(question, read)
    if FLAG.search(question):  # "macron🇫🇷 said" as "macron France said"
        question = re.sub(r" {2,}", " ", FLAG.sub(lambda match: _country_of(match.group(0), read), question))
    return question.strip() if read else question, tuple(read)


def news_reading(question: str, vocabulary: Container[str]) -> tuple[str, tuple[Correction, ...]]:
    """The question with the readers' words of NEWS_WORDING that no article uses (`vocabulary`: the articles' words,
    lower-cased) read as news writes them, and each (typed, read as) pair for a note."""
    read: list[Correction] = []
    for word, forms in NEWS_WORDING:
        if not any(form in vocabulary for form in forms):
            question = word.read_in(question, read)
    return question, tuple(read)


def _country_of(flag: str, read: list[Correction]) -> str:
    """The country a flag emoji stands for, set apart by spaces (noted in `read`); a flag not in FLAG_COUNTRIES as
    typed."""
    country = FLAG_COUNTRIES.get("".join(chr(ord(letter) - REGIONAL_A + ord("A")) for letter in flag))
    if country is None:
        return flag
    read.append(Correction(flag, country))
    return f" {country} "
