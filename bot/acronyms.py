"""Acronyms a reader types for the articles' names ("CoW" for the Coalition of the Willing, "SG" for
Secretary-General, "AFU" for the Armed Forces of Ukraine, "DoI" for a quoted “declaration of intent”), found in the
articles themselves, and country codes ("UA", "FR"): read as what they stand for, so that search and evidence meet
the articles' words instead of a name they never use."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from bot.names import SAMPLE_PASSAGES, SHOUTED_SHARE
from bot.plain_words import FLAG_COUNTRIES
from index.aliases import DEMONYMS
from index.clean import capitalised_share
from index.lexical import TOKEN
from index.spelling import STOP_WORDS, Correction

# A typed acronym: two capitals or more in a word of up to 8 letters, a hyphen allowed ("CoW", "MNF-U", "SecGen").
ACRONYM = re.compile(r"(?<![\w-])(?=(?:[a-z-]*[A-Z]){2})[A-Za-z][A-Za-z-]{1,7}(?![\w-])")
# Words inside a name that its acronym may skip ("Coalition of the Willing": "CW" or "CotW").
JOINING_WORDS = frozenset(("of", "the", "for", "and", "de", "on", "in", "to"))
_JOINING = "|".join(sorted(JOINING_WORDS))
# "Coalition of the Willing", "NATO Secretary-General Mark Rutte"
CAPITALISED_RUN = re.compile(rf"[A-Z][\w’'-]*(?:\s+(?:(?:{_JOINING})\s+)*[A-Z][\w’'-]*)*")
QUOTED = re.compile(r"[“‘\"]([^”’\"]{3,80})[”’\"]")  # “declaration of intent”, ‘Multinational Force for Ukraine’
# A country code before a noun is its adjective ("the UA president": "the Ukrainian president", as news writes it).
ADJECTIVES = {country: adjective for adjective, country in reversed(DEMONYMS.items())}  # the first listed wins
BEFORE_NOUN = re.compile(r"\s+[a-z]")
LONGEST_NAME = 6  # words (or hyphenated parts) in a name an acronym stands for
CACHE = 1024


def typed_acronym(question: str) -> bool:
    """Whether the question has a word written as an acronym (two capitals or more), read or not."""
    return ACRONYM.search(question) is not None


def acronym_matches(acronym: str, name: str) -> bool:
    """Whether the acronym's letters spell the name in order: the first letter opens it, every other capital opens
    a later word (skipping joining words only), a small letter opens one or goes on inside the word the letter
    before it is in, and every word but joining words gives one ("CoW", "CotW": "Coalition of the Willing"; "SG",
    "SecGen": "Secretary-General"; not "French President" for "FR", where "President" gives none, nor
    "discussing options" for "DoI", whose "I" opens no word)."""
    letters = "".join(c for c in acronym if c.isalpha())
    words = tuple(w.lower() for w in re.split(r"[\s-]+", name) if w)
    if len(words) < 2 or not letters or words[0][0] != letters[0].lower():
        return False
    return _spells(letters, words, 1, 0, 0)


@lru_cache(maxsize=CACHE)
def _spells(letters: str, words: tuple[str, ...], next_letter: int, word: int, at: int) -> bool:
    """Whether `letters[next_letter:]` spell the rest of `words`, the letter before having been `words[word][at]`."""
    if next_letter == len(letters):
        return all(w in JOINING_WORDS for w in words[word + 1 :])
    letter = letters[next_letter].lower()
    if letters[next_letter].islower():  # a small letter may go on inside the word: "o" of "Coalition" in "CoW"
        inside = (p for p in range(at + 1, len(words[word])) if words[word][p] == letter)
        if any(_spells(letters, words, next_letter + 1, word, p) for p in inside):
            return True
    for later in range(word + 1, len(words)):
        if words[later][0] == letter and _spells(letters, words, next_letter + 1, later, 0):
            return True
        if words[later] not in JOINING_WORDS:
            return False  # a word no letter opens
    return False


def candidate_names(texts: Iterable[str]) -> Counter[str]:
    """The articles' capitalised names and quoted phrases, and their shorter runs that start and end with a word of
    the name (up to LONGEST_NAME words), each with how often it occurs."""
    found: Counter[str] = Counter()
    for text in texts:
        runs = [m.group(0) for m in CAPITALISED_RUN.finditer(text)] + [m.group(1) for m in QUOTED.finditer(text)]
        for run in runs:
            words = run.split()
            for start in range(len(words)):
                for end in range(start + 1, min(len(words), start + LONGEST_NAME) + 1):
                    part = words[start:end]
                    if part[0].lower() in JOINING_WORDS or part[-1].lower() in JOINING_WORDS:
                        continue
                    found[" ".join(part).strip("’'.,;:")] += 1
    return found


def _capitalised(name: str) -> bool:
    """Whether every word of the name but joining words is capitalised: a name, as "SG" and "WH" stand for
    ("Secretary-General", "White House"), rather than a quoted phrase ("security guarantees", "We have")."""
    return all(w[0].isupper() for w in re.split(r"[\s-]+", name) if w and w.lower() not in JOINING_WORDS)


class Acronyms:
    """Reads the acronyms of a question as the articles' names they stand for, and capitalised country codes as the
    countries ("UA" as "Ukraine"), where the articles do not use the acronym themselves."""

    def __init__(self, names: Counter[str], in_articles: Callable[[str], bool]) -> None:
        """`names`: the names acronyms may stand for, with how often each occurs; `in_articles(word)`: whether the
        articles use the (lower-cased) word, as an acronym they write themselves ("NATO", "EU")."""
        self.names = names
        self.in_articles = in_articles
        self.read = lru_cache(maxsize=CACHE)(self._read)

    @classmethod
    def from_texts(cls, texts: Sequence[str], passages_with: Callable[[str], int] | None = None) -> Acronyms:
        """From the passages' texts, up to SAMPLE_PASSAGES of them spread over the corpus as bot/names.py reads
        names (a name readers shorten is one the articles use often); `passages_with(word)`, the BM25 index's count
        of passages using a word, tells the articles' own acronyms outside the sample too."""
        sample = texts[:: max(1, len(texts) // SAMPLE_PASSAGES)]
        words = frozenset(word.lower() for text in sample for word in TOKEN.findall(text))
        return cls(candidate_names(sample), lambda word: word in words or bool(passages_with and passages_with(word)))

    def expand(self, question: str) -> tuple[str, tuple[Correction, ...]]:
        """The question with its acronyms read, and each (typed, read as) pair for a note."""
        words = TOKEN.findall(question)
        if len(words) >= 3 and capitalised_share(words) > SHOUTED_SHARE:
            return question, ()  # shouted: capitals say nothing
        read: list[Correction] = []

        def expanded(match: re.Match[str]) -> str:
            typed = match.group(0)
            name = self.read(typed)
            if name is None:
                return typed
            adjective = ADJECTIVES.get(name.lower())
            if adjective is not None and BEFORE_NOUN.match(question, match.end()):
                name = adjective.capitalize()
            read.append(Correction(typed, name))
            return name

        return ACRONYM.sub(expanded, question), tuple(read)

    def _read(self, typed: str) -> str | None:
        plain = typed.replace("-", "").lower()
        if self.in_articles(plain) or self.in_articles(typed.lower()):
            return None  # the articles' own ("NATO", "EU")
        country = FLAG_COUNTRIES.get(typed) if len(plain) == 2 and plain not in STOP_WORDS else None
        if country is not None:
            return country
        matching = [name for name in self.names if acronym_matches(typed, name)]
        if not matching:
            return None
        return max(sorted(matching), key=lambda name: (_capitalised(name), self.names[name], -len(name)))
