"""Kinds of named place or body a question asks for ("which ukrainian cities …", "which hotel …") and whether a
passage names one: passages naming no city do not answer which city."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.aliases import DEMONYMS
from index.lexical import tokenize
from index.sentences import text_sentences

# Cities as news names them: every European capital, the other large capitals, and the cities of the war and its
# diplomacy (Ukraine's, Russia's, the ports of the Black Sea), with the spellings news still uses ("Kiev", "Odessa").
CITIES = (
    "Amsterdam", "Andorra la Vella", "Athens", "Belgrade", "Berlin", "Bern", "Bratislava", "Brussels", "Bucharest",
    "Budapest", "Chisinau", "Copenhagen", "Dublin", "Edinburgh", "Helsinki", "Lisbon", "Ljubljana", "London",
    "Luxembourg", "Madrid", "Minsk", "Monaco", "Moscow", "Nicosia", "Oslo", "Paris", "Podgorica", "Prague",
    "Reykjavik", "Riga", "Rome", "Sarajevo", "Skopje", "Sofia", "Stockholm", "Tallinn", "Tbilisi", "Tirana", "Vaduz",
    "Valletta", "Vienna", "Vilnius", "Warsaw", "Zagreb", "Yerevan", "Baku", "Ankara", "Istanbul",
    "Kyiv", "Kiev", "Kharkiv", "Kharkov", "Odesa", "Odessa", "Lviv", "Lvov", "Dnipro", "Zaporizhzhia", "Zaporizhia",
    "Zaporozhye", "Mykolaiv", "Kherson", "Mariupol", "Donetsk", "Luhansk", "Sumy", "Chernihiv", "Poltava",
    "Vinnytsia", "Zhytomyr", "Rivne", "Lutsk", "Uzhhorod", "Ivano-Frankivsk", "Ternopil", "Chernivtsi", "Kramatorsk",
    "Sloviansk", "Bakhmut", "Avdiivka", "Pokrovsk", "Izmail", "Chornomorsk", "Bucha", "Irpin", "Sevastopol",
    "Simferopol", "Yalta", "St Petersburg", "Saint Petersburg", "Novorossiysk", "Belgorod", "Kursk", "Bryansk",
    "Rostov", "Kaliningrad", "Volgograd", "Sochi", "Kazan", "Novosibirsk", "Vladivostok", "Murmansk",
    "Washington", "New York", "Los Angeles", "Chicago", "Miami", "Palm Beach", "Ottawa", "Toronto", "Montreal",
    "Mexico City", "Caracas", "Havana", "Bogota", "Lima", "Santiago", "Buenos Aires", "Brasilia", "Rio de Janeiro",
    "Beijing", "Shanghai", "Hong Kong", "Taipei", "Tokyo", "Seoul", "Pyongyang", "New Delhi", "Delhi", "Mumbai",
    "Islamabad", "Kabul", "Tehran", "Baghdad", "Damascus", "Beirut", "Jerusalem", "Tel Aviv", "Gaza", "Amman",
    "Riyadh", "Jeddah", "Doha", "Abu Dhabi", "Dubai", "Muscat", "Cairo", "Tripoli", "Tunis", "Algiers", "Rabat",
    "Nairobi", "Addis Ababa", "Pretoria", "Johannesburg", "Cape Town", "Lagos", "Abuja", "Canberra", "Sydney",
    "Wellington", "Jakarta", "Manila", "Bangkok", "Hanoi", "Singapore", "Astana", "Tashkent", "Nuuk",
    "Manchester", "Birmingham", "Glasgow", "Cardiff", "Belfast", "Marseille", "Lyon", "Strasbourg", "Brest",
    "Toulon", "Hamburg", "Munich", "Frankfurt", "Cologne", "Milan", "Naples", "Barcelona", "Geneva", "Zurich",
    "Davos", "Rotterdam", "Antwerp", "The Hague", "Gdansk", "Krakow", "Rzeszow", "Constanta", "Varna",
)  # fmt: skip
# Regions, provinces and territories of the war and its diplomacy.
REGIONS = (
    "Donbas", "Donbass", "Donetsk", "Luhansk", "Crimea", "Zaporizhzhia", "Zaporizhia", "Kherson", "Kharkiv",
    "Dnipropetrovsk", "Sumy", "Chernihiv", "Odesa", "Mykolaiv", "Kursk", "Belgorod", "Bryansk", "Transnistria",
    "Abkhazia", "South Ossetia", "Kaliningrad", "Greenland", "Siberia", "Chechnya", "Nagorno-Karabakh", "Kosovo",
    "Scotland", "Wales", "Northern Ireland", "Catalonia", "Bavaria", "Baltics", "Balkans", "Caucasus", "Scandinavia",
    "Black Sea", "Baltic Sea", "Arctic", "Sahel",
)  # fmt: skip
# Modifiers a reader puts between "which" and the kind: "which ukrainian cities", "which other ports".
MODIFIERS = (
    "other", "new", "specific", "particular", "exact", "main", "major", "key", "big", "biggest", "largest",
    "army", "military", "naval", "air", "defen[cs]e", "front-?line", "coastal", "border", "partner", "allied",
    "private", "foreign", "western", "eastern", "northern", "southern", "neighbo(?:u)?ring", "nearby",
    *(re.escape(adjective) for adjective in DEMONYMS),
)  # fmt: skip
# Languages a reader may ask a conference was held or a leader spoke in ("was the summit held in english or french?",
# "did zelensky speak english"): by its name after "in" or "speak", not "in french hands" or "in russian territory".
LANGUAGES = r"english|french|ukrainian|russian|german|polish|italian|spanish"
IN_A_LANGUAGE = (
    rf"\b(?:in|speak|speaks|spoke|speaking)\s+(?:{LANGUAGES})\b(?=\s*(?:$|[?.!,;]|(?:or|and|at|during|to|when)\b))"
)
COMPANY_SUFFIXES = r"\b(?:Ltd|Inc|plc|PLC|GmbH|AG|SA|Corp|Corporation|Group|Industries|Systems)\b"


def _names(names: Sequence[str]) -> str:
    """A case-sensitive alternation of capitalised names, longest first."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


@dataclass(frozen=True)
class NamedKind:
    """A kind of named thing: the words asking for it, and what a passage naming one contains (the kind's own word
    — "the city", "a hotel" — or a name of that kind)."""

    noun: str  # as a note says it: "a city"
    asked: str  # the kind's words, a regex alternation: r"cit(?:y|ies)|towns?"
    named_by: re.Pattern[str]

    def named_in(self, text: str) -> bool:
        return bool(self.named_by.search(text))

    def asked_as(self, word: str) -> bool:
        """Whether `word` is one of the kind's own words ("hotel", "cities")."""
        return re.fullmatch(self.asked, word, re.I) is not None


def _kind(noun: str, asked: str, also: str = "", names: str = "") -> NamedKind:
    """A kind asked for by the words `asked`, named in a passage by those words, the words `also` or `names`."""
    own_words = f"{asked}|{also}" if also else asked
    named = rf"\b(?i:{own_words})\b" + (rf"|\b(?:{names})\b" if names else "")
    return NamedKind(noun, asked, re.compile(named))


NAMED_KINDS = (
    _kind("a city", r"cit(?:y|ies)|towns?|capitals?|villages?", names=_names(CITIES)),
    _kind("a port", r"ports?|harbou?rs?|seaports?", names=_names(CITIES)),
    _kind("a region", r"regions?|provinces?|oblasts?", r"regional|territor\w*", _names(REGIONS)),
    _kind("an airfield", r"airfields?|airports?|air ?bases?|aerodromes?"),
    _kind("a hotel", r"hotels?", r"hôtels?"),
    _kind("a regiment or other unit", r"regiments?|battalions?|brigades?|squadrons?|units?", r"corps"),
    _kind(
        "a company",
        r"compan(?:y|ies)|firms?|contractors?|manufacturers?|corporations?",
        r"industry|industries",
        COMPANY_SUFFIXES,
    ),
    # named by a translation or a language spoken, not "the language was equally supportive" (its wording)
    LANGUAGE := NamedKind(
        "a language", r"languages?", re.compile(rf"\b(?i:translat\w*|interpret(?:er|ers|ing|ed)\b|{IN_A_LANGUAGE})")
    ),
)
_MODIFIER = rf"(?:(?:{'|'.join(MODIFIERS)})\s+)"


def _asking(kind: NamedKind) -> re.Pattern[str]:
    """ "which (ukrainian) cities", "in what city", "name the hotel": the kind asked for, at most two modifiers
    between."""
    return re.compile(rf"\b(?:which|what|name\s+the|name\s+a)\s+{_MODIFIER}{{0,2}}(?:{kind.asked})\b", re.IGNORECASE)


ASKING = (*((kind, _asking(kind)) for kind in NAMED_KINDS), (LANGUAGE, re.compile(IN_A_LANGUAGE, re.IGNORECASE)))


def asked_named_kind(question: str) -> NamedKind | None:
    """The kind of named place or body the question asks for ("which ukrainian cities …": a city), if any."""
    return next((kind for kind, asking in ASKING if asking.search(question)), None)


# How the sentences naming a kind asked for must share the question's terms to be about what it asks (`_about_it`)
SHARED_TERMS = 2
RARE_IN_SENTENCES = 2  # a term in at most this many of the evidence's sentences tells what a sentence is about


def unnamed_kind(question: str, texts: Sequence[str]) -> NamedKind | None:
    """The kind the question asks for, when none of the evidence's `texts` names one of that kind in a sentence
    about what the question asks it of (`_about_it`): "which city will the coordination cell be based in?" is not
    answered by "the summit in Paris" beside a sentence on the coordination cell. A question saying nothing but the
    kind ("which city?") takes any sentence naming one."""
    kind = asked_named_kind(question)
    if kind is None:
        return None
    about = _about(question, kind)
    sentences = [sentence for text in texts for sentence in text_sentences(text)]
    terms = [frozenset(tokenize(sentence)) for sentence in sentences]
    rare = frozenset(term for term in about if sum(term in held for held in terms) <= RARE_IN_SENTENCES)
    for sentence, held in zip(sentences, terms, strict=True):
        if kind.named_in(sentence) and _about_it(about, rare, held):
            return None
    return kind


def _about_it(about: frozenset[str], rare: frozenset[str], held: frozenset[str]) -> bool:
    """Whether a sentence with these terms (`held`) is about what the question asks: it shares two of the question's
    terms (`about`), or one the other sentences seldom have (`rare`: "pull" of "which region might putin be asked to
    pull out of", not "ceasefire" of "which city will the post-ceasefire cell be based in"); or the question has
    none."""
    shared = about & held
    return not about or len(shared) >= SHARED_TERMS or not shared.isdisjoint(rare)


def _about(question: str, kind: NamedKind) -> frozenset[str]:
    """The question's search terms but the kind's own words ("which city will host the talks?": host, talks)."""
    asked = re.compile(rf"\b(?:{kind.asked})\b", re.IGNORECASE)
    return frozenset(tokenize(asked.sub(" ", question)))
