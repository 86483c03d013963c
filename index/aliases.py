"""Name aliases: a passage that calls a person "Sir Keir", "the French president" or "he" is indexed under the
person's full name as well (BM25 terms and sentence vectors; the passage shown to readers is unchanged)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from index.chunk import Passage
from index.lexical import passage_tokens, tokenize
from index.sentence_vectors import passage_sentences, sentence_units
from index.sentences import CLOSE_DOUBLE, OPEN_DOUBLE, OPENING_QUOTES, quote_depth

NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[-'’][A-ZÀ-Ý][a-zà-ÿ]+)*"  # "Macron", "Zelenskyy", "O'Neill", "Lloyd-Webber"
TITLES = r"Sir|Mr|Mrs|Ms|Dr|Dame|Lord|Lady"
ROLE_NOUNS = (
    r"president|prime minister|chancellor|foreign minister|defen[cs]e minister|foreign secretary|"
    r"defen[cs]e secretary|secretary[- ]general|secretary of state|minister|envoy|ambassador|spokes(?:wo)?man|"
    r"leader|chief|king|queen|pope|commander|general"
)
# "French President Emmanuel Macron", "UK prime minister Sir Keir Starmer", "special envoy Steve Witkoff"
ROLE_NAME = re.compile(rf"\b((?i:{ROLE_NOUNS}))\s+(?:(?:{TITLES})\s+)?({NAME})\s+({NAME})\b")
MODIFIER = re.compile(r"\b([A-Za-z][\w.]*?)(?:['’]s)?\s+$")  # the word before the role: "French", "Britain's"
TITLE_NAME = re.compile(rf"\b(?:{TITLES})\s+({NAME})\s+({NAME})\b")  # "Sir Keir Starmer"
TITLE_PART = re.compile(rf"\b(?:{TITLES})\s+({NAME})\b")  # "Mr Kushner", "Sir Keir"
NAME_WORD = re.compile(NAME)
PRONOUN_START = re.compile(r"[“\"‘']?(?:He|She)\b")
FUNCTION_WORDS = "The A An And But In On At Of For To From By With As If It He She They We This That These Those"
CALENDAR_WORDS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July"
MORE_CALENDAR = "August September October November December"
ADDRESS_WORDS = "His Her Their Its Our Mr Mrs Ms Dr Sir Dame Lord Lady President Prime Minister Chancellor Secretary"
NOT_NAMES = frozenset(f"{FUNCTION_WORDS} {CALENDAR_WORDS} {MORE_CALENDAR} {ADDRESS_WORDS} Envoy".split())
ROLE_ABBREVIATIONS = {"pm": "prime minister"}  # how readers shorten an office: "the British PM"
NOT_MODIFIERS = frozenset({"deputy", "former", "vice", "acting", "ex", "assistant"})  # not the role itself
# Ways of writing a country before a role, read as one ("British", "Britain's", "UK" prime minister; "Russian",
# "Russia's" president): the key is the country's short name. Its other names also follow "the president of …".
COUNTRY_NAMES = {
    "britain": "uk", "u.k": "uk", "united kingdom": "uk", "america": "us", "u.s": "us", "united states": "us",
    "european union": "eu",
}  # fmt: skip
BODIES = ("nato", "eu", "un")  # bodies with offices of their own ("Nato's secretary general"), written in capitals
DEMONYMS = {
    "british": "uk", "american": "us", "french": "france", "german": "germany", "russian": "russia",
    "ukrainian": "ukraine", "italian": "italy",
    "polish": "poland", "spanish": "spain", "dutch": "netherlands", "belgian": "belgium", "danish": "denmark",
    "swedish": "sweden", "finnish": "finland", "norwegian": "norway", "irish": "ireland", "austrian": "austria",
    "swiss": "switzerland", "portuguese": "portugal", "greek": "greece", "hungarian": "hungary", "czech": "czechia",
    "romanian": "romania", "estonian": "estonia", "latvian": "latvia", "lithuanian": "lithuania",
    "turkish": "turkey", "canadian": "canada", "australian": "australia", "japanese": "japan", "chinese": "china",
    "indian": "india", "israeli": "israel", "iranian": "iran", "belarusian": "belarus", "moldovan": "moldova",
    "georgian": "georgia", "european": "eu",
}  # fmt: skip


@dataclass
class Person:
    """A person an article names in full, with the roles it gives them ('french president', 'president')."""

    given: str
    surname: str
    roles: set[str] = field(default_factory=set)

    @property
    def words(self) -> tuple[str, str]:
        return self.given, self.surname


def role_keys(modifier: str | None, noun: str) -> list[str]:
    """'uk prime minister' and 'prime minister' for "British Prime Minister"; none for a deputy or former one."""
    noun = re.sub(r"[\s-]+", " ", noun.lower())
    if modifier and modifier.lower() in NOT_MODIFIERS:
        return []
    if not modifier or not modifier[0].isupper():
        return [noun]
    return [f"{country_key(modifier.rstrip('.'))} {noun}", noun]


def other_names(country: str) -> list[str]:
    """The other names of a country's key: 'britain', 'u.k', 'united kingdom' for 'uk'."""
    return [name for name, meant in COUNTRY_NAMES.items() if meant == country]


def country_words(countries: Collection[str]) -> list[str]:
    """The ways news writes these countries (by key): the keys, their other names and their adjectives, longest
    first (for a regex alternation): 'united kingdom', 'british', 'britain', 'u.k', 'uk' for 'uk'."""
    adjectives = [adjective for adjective, country in DEMONYMS.items() if country in countries]
    written = {*countries, *(name for country in countries for name in other_names(country)), *adjectives}
    return sorted(written, key=len, reverse=True)


def country_display(key: str) -> str:
    """A country's key as a reader writes it: 'Japan' for 'japan', 'the US' for 'us'."""
    return f"the {as_name(key)}" if len(key) <= 2 else as_name(key)


def as_name(word: str) -> str:
    """A lower-case place or name as news writes it: 'Russia's', 'United Kingdom', 'UN', 'U.S', 'NATO'."""
    if len(word.replace(".", "")) <= 2 or word in BODIES:
        return word.upper()
    return " ".join(part[:1].upper() + part[1:] for part in word.split(" "))  # not str.title(): "Russia'S"


def country_key(written: str) -> str:
    """The key a role's country goes by, however written: 'uk' for "Britain", "British", "U.K"; 'france' for
    "French"; any other word lower-cased ("NATO" -> 'nato')."""
    written = written.lower()
    return COUNTRY_NAMES.get(written) or DEMONYMS.get(written, written)


def people(text: str) -> list[Person]:
    """The people an article names in full: after a role or a title, or by a surname it also writes as 'Mr X'."""
    found: dict[tuple[str, str], Person] = {}

    def add(given: str, surname: str) -> Person | None:
        if given in NOT_NAMES or surname in NOT_NAMES:
            return None
        return found.setdefault((given, surname), Person(given, surname))

    for match in ROLE_NAME.finditer(text):
        person = add(match.group(2), match.group(3))
        if person is not None:
            modifier = MODIFIER.search(text, max(0, match.start() - 40), match.start())
            person.roles.update(role_keys(modifier.group(1) if modifier else None, match.group(1)))
    for match in TITLE_NAME.finditer(text):
        add(match.group(1), match.group(2))
    for surname in {match.group(1) for match in TITLE_PART.finditer(text)}:  # "Jared Kushner" … "Mr Kushner"
        for match in re.finditer(rf"\b({NAME})\s+{re.escape(surname)}\b", text):
            add(match.group(1), surname)
    return list(found.values())


def role_pattern(role: str) -> re.Pattern[str]:
    """How a text writes the role: "the prime minister" for 'prime minister'; "the French president", "French
    president", "France's president" or "the president of France" for 'france president'; "the British prime
    minister", "Britain's prime minister" or "the prime minister of Britain" for 'uk prime minister'."""
    place, _, office = role.partition(" ")
    if not office or re.fullmatch(ROLE_NOUNS, role):  # a role of no country or body: 'prime minister'
        return re.compile(rf"\bthe\s+{_words(role)}\b", re.I)
    names = [place, *other_names(place)]
    adjectives = [adjective for adjective, meant in DEMONYMS.items() if meant == place]
    before = rf"\b(?:the\s+)?(?:{_either(names + adjectives)})(?:['’]s)?\s+{_words(office)}"
    after = rf"\b(?:the\s+)?{_words(office)}\s+of\s+(?:the\s+)?(?:{_either(names)})"
    return re.compile(rf"(?:{before}|{after})\b", re.I)


def _either(words: Sequence[str]) -> str:
    return "|".join(re.escape(word) for word in words)


def _words(phrase: str) -> str:
    written = r"[\s-]+".join(re.escape(word) for word in phrase.split())
    short = [re.escape(abbreviation) for abbreviation, meant in ROLE_ABBREVIATIONS.items() if meant == phrase]
    return f"(?:{'|'.join([written, *short])})" if short else written


class ArticlePeople:
    """The people of one article and the roles that point to exactly one of them."""

    def __init__(self, article_text: str) -> None:
        self.persons = people(article_text)

    @cached_property
    def roles(self) -> list[tuple[re.Pattern[str], Person]]:
        holders: dict[str, list[Person]] = defaultdict(list)
        for person in self.persons:
            for role in person.roles:
                holders[role].append(person)
        return [(role_pattern(role), group[0]) for role, group in holders.items() if len(group) == 1]

    def missing_names(self, text: str) -> list[str]:
        """Name words of the people the text refers to by part of their name ("Sir Keir", "Mr Kushner") or by
        role ("the French president"), missing from it."""
        return self._missing(text, self.meant(text))

    def meant(self, text: str) -> list[Person]:
        """The people a text refers to by name or role, in the order of their first mention."""
        written = set(NAME_WORD.findall(text))
        first: dict[int, int] = {}
        for index, person in enumerate(self.persons):
            spots = [text.find(word) for word in person.words if word in written]
            if spots:
                first[index] = min(spots)
        for pattern, person in self.roles:
            match = pattern.search(text)
            if match:
                index = self.persons.index(person)
                first[index] = min(first.get(index, len(text)), match.start())
        return [self.persons[index] for index, _ in sorted(first.items(), key=lambda item: item[1])]

    def sentence_names(self, sentences: Sequence[str]) -> list[list[str]]:
        """missing_names of each sentence of the article in order; a sentence opening with "He" or "She" also
        refers to the person the closest sentence before it that names anyone names first (its subject, as a
        rule: "Witkoff reassured allies that the Trump administration …" — "He noted …" is Witkoff; not a photo
        caption's, which has no full stop); one going on with a quotation another opened (opening a paragraph
        with “, or closing it with ” inside the same one), and naming nobody, refers to that quotation's speaker."""
        names, previous, speaker = [], None, None
        for sentence in sentences:
            meant = self.meant(sentence)
            goes_on = speaker is not None and (sentence.startswith(OPENING_QUOTES) or _closes_quote(sentence))
            if previous is not None and PRONOUN_START.match(sentence):
                meant = [previous, *meant]
            elif goes_on and not meant:
                meant = [speaker]
            names.append(self._missing(sentence, meant))
            previous = meant[0] if meant and _is_prose(sentence) else previous
            speaker = _quoting(sentence, meant, speaker if goes_on else None)
        return names

    @staticmethod
    def _missing(text: str, meant: Sequence[Person]) -> list[str]:
        written = set(NAME_WORD.findall(text))
        return list(dict.fromkeys(word for person in meant for word in person.words if word not in written))


def _is_prose(sentence: str) -> bool:
    """Whether the sentence ends as prose does; a photo caption or a subheading ("Trump is now willing to back the
    coalition") has no full stop, and the "He" after it is the story's subject, not the caption's."""
    return sentence.rstrip().endswith((".", "!", "?", CLOSE_DOUBLE, '"', "’", ":", ";"))


def _closes_quote(sentence: str) -> bool:
    """Whether the sentence closes a quotation it did not open ("… the carnage has to stop.”"): it was said inside
    one that a sentence before it opened."""
    closing, opening = sentence.find(CLOSE_DOUBLE), sentence.find(OPEN_DOUBLE)
    return closing >= 0 and (opening < 0 or closing < opening)


def _quoting(sentence: str, meant: Sequence[Person], speaker: Person | None) -> Person | None:
    """Whose quotation is still open after the sentence: one it opens ("Sir Keir said: “We’ve had …") is its
    subject's, one it goes on with (`speaker`) stays theirs until closed; any other sentence ends it."""
    if speaker is not None:
        return speaker if quote_depth(sentence, 1, paragraph_start=True) else None
    opens = quote_depth(sentence, 0, paragraph_start=False) > 0
    return meant[0] if opens and meant else None


@dataclass(frozen=True)
class AliasedPassages:
    """What the index is built from, passage by passage, once the name words each sentence leaves out are known."""

    # every sentence, then its clauses if it lists things (sentence_vectors.sentence_units), with its left-out name
    # words in brackets ("Sir Keir said … (Starmer)")
    embedded: list[str]
    counts: np.ndarray  # how many of those rows each passage has
    tokens: list[list[str]]  # each passage's BM25 terms: its own words, then the name words it leaves out


def alias_passages(passages: Sequence[Passage]) -> AliasedPassages:
    """Split the passages into sentences and find each article's people, once for both vectors and BM25 terms."""
    texts, counts = passage_sentences(passages)
    names = _sentence_names(passages, texts, counts)
    ends = np.cumsum(counts)
    tokens = []
    for passage, end, count in zip(passages, ends, counts, strict=True):
        written = set(NAME_WORD.findall(passage.text))
        missing = dict.fromkeys(w for words in names[end - count : end] for w in words if w not in written)
        tokens.append(passage_tokens(passage.text) + tokenize(" ".join(missing)))
    units, unit_counts = _with_clauses(texts, names, counts)
    return AliasedPassages(units, unit_counts, tokens)


def _with_clauses(texts: list[str], names: list[list[str]], counts: np.ndarray) -> tuple[list[str], np.ndarray]:
    """What is embedded, passage by passage: each sentence's rows (`sentence_units`), all with the name words the
    sentence leaves out in brackets ("Sir Keir said … (Starmer)"); and how many rows each passage has."""
    units: list[str] = []
    unit_counts: list[int] = []
    start = 0
    for count in counts.tolist():
        before = len(units)
        for text, words in zip(texts[start : start + count], names[start : start + count], strict=True):
            named = f" ({' '.join(words)})" if words else ""
            units.extend(f"{unit}{named}" for unit in sentence_units(text))
        start += count
        unit_counts.append(len(units) - before)
    return units, np.asarray(unit_counts, dtype=np.int64)


def _sentence_names(passages: Sequence[Passage], texts: list[str], counts: np.ndarray) -> list[list[str]]:
    """The name words each sentence refers to without writing them, article by article."""
    owners = np.repeat(np.arange(len(passages)), counts)
    sentence_rows: dict[str, list[int]] = defaultdict(list)
    for row, owner in enumerate(owners):
        sentence_rows[passages[owner].article_id].append(row)
    names: list[list[str]] = [[] for _ in texts]
    for rows in sentence_rows.values():
        sentences = [texts[row] for row in rows]
        for position, words in enumerate(ArticlePeople("\n".join(sentences)).sentence_names(sentences)):
            names[rows[position]] = words
    return names
