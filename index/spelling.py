"""Typing slips in questions: a word that is neither in the articles nor an English word is read as the article
word one edit away ("declartion" -> "declaration", "zelenksy" -> "zelensky"), or as the one name of the articles it
is most like ("gottemuller" -> "gottemoeller"); a word the articles spell the other side of the Atlantic's way, or a
place they transliterate anew, is read as theirs ("defense" -> "defence", "kiev" -> "kyiv")."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import bm25s

from index.lexical import tokenize

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away to guess from
MIN_FUNCTION_LENGTH = 3  # but a 3-letter slip of a function word ("wht", "wen", "dos") is one of few
# An unknown word shorter than this is more often a name the articles lack ("orban", "sunak") than a slip of an
# English word ("organ", "sunk"): only article words are tried for it.
MIN_ENGLISH_LENGTH = 6
# The words every question is built of ("where", "about", "would"): a short unknown word one slip from one of
# them ("wjere", "aobut") is that word, not a name.
FUNCTION_WORDS = frozenset(
    w for w in (*bm25s.stopwords.STOPWORDS_EN_PLUS, "would", "could", "whose") if len(w) >= MIN_LENGTH and w.isalpha()
)
STOP_WORDS = frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS)
# Chat spellings of them, not slips: "dont", "didnt", "whats", "wheres"
CHAT_SPELLINGS = frozenset(w.replace("'", "") for w in STOP_WORDS) | {
    f"{w}s" for w in ("what", "that", "where", "when", "there", "here", "who", "how")
}
# One word in British and American spelling ("criticise" / "criticize", "defence" / "defense", "neighbouring" /
# "neighboring"), by ending; the part before it has at least VARIANT_STEM letters ("for" is no "four").
SPELLING_VARIANTS = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
    ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"), ("ence", "ense"), ("ences", "enses"),
    ("tre", "ter"), ("tres", "ters"), ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"),
    ("ourable", "orable"), ("ourite", "orite"), ("ogue", "og"), ("ogues", "ogs"),
)  # fmt: skip
VARIANT_STEM = 3
# Places the articles may spell as transliterated from Ukrainian, typed as older news spelt them from Russian.
PLACE_SPELLINGS = {
    "kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "lvov": "lviv", "donbass": "donbas", "dnepr": "dnipro",
    "nikolaev": "mykolaiv", "zaporozhye": "zaporizhzhia", "chernigov": "chernihiv", "lugansk": "luhansk",
}  # fmt: skip
# A word no slip from an article word but this like one of the articles' names (difflib's ratio) is that name
# misspelt twice ("gottemuller": "gottemoeller"), the threshold bot/names.py uses to tell a misspelt name.
NAME_LIKENESS = 0.8
# The words a question opens with, and the words before them: a word in their place one slip from one of them is
# that word even when it is an English word too ("wat does …", "dose the plan …", "why dos …", "wil the force …").
OPENERS = frozenset(
    ("what", "when", "where", "which", "whose", "does", "will", "would", "could", "should", "have", "were")
)
LEAD_INS = frozenset(
    ("what", "why", "how", "when", "where", "who", "which", "and", "so", "but", "ok", "okay", "hey", "hi")
)
OPENER_SLIP_LENGTH = 4  # a longer English word in that place is meant ("world leaders …", "whole …")
NOT_OPENER_SLIPS = frozenset(("well",))  # "well, what did …"
# Endings that make another form of a word ("arm" -> "arming", "armed", "arms"): a word with one, whose stem is an
# article word's, is that word in another form, not a slip ("arming" is no "aiming"; "deterence" still a slip).
INFLECTIONS = ("s", "es", "ed", "ing", "er", "ers")
ENGLISH_ENDINGS = ("s", "ed", "ing")  # on a word the model knows whole: another form of it, not a slip
ABBREVIATION_LENGTH = 4  # "Pres.", "Gen.", "Sen.", "Gov.", "Prof.", "Capt.", "Sept."
WORD = re.compile(r"[^\W\d_]+")  # a run of letters: "macron's" is "macron" and "s"
CACHE = 4096


def edit_distance(first: str, second: str, limit: int = 1) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap two neighbours); limit + 1 once it
    is certain to exceed `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] | None = None
    row = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (char != other))
            if before is not None and i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


@dataclass(frozen=True)
class Correction:
    """One word of a question read as another."""

    typed: str
    read_as: str


class Speller:
    """Reads question words the articles never use, and that are no English word either, as the article word
    one typing slip away (accents aside: "elysee" is the articles' "elysée"); failing that, as the one English
    word one slip away ("afterwadrs"), unless the word looks like a name (capitalised inside the question, or
    shorter than MIN_ENGLISH_LENGTH). A short word is first read as the function word one slip away ("wjere" ->
    "where", "waht" -> "what"), as questions are made of them. Words are compared with words of the same first
    letter and about the same length; among several article words, the one in most passages wins; several
    English words: no guess."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        passages_with: Callable[[str], int],
        english_words: frozenset[str],
        names: Iterable[str] = (),
    ) -> None:
        """`vocabulary`: the articles' words, lower-cased; `passages_with(word)`: how many passages use it;
        `english_words`: words known to be spelt right (the model's whole-word tokens); `names`: the articles'
        names, lower-cased (bot/names.py), which a word may be misspelt twice from."""
        self.words = frozenset(w for w in vocabulary if len(w) >= MIN_LENGTH - 1)
        self.passages_with = passages_with
        self.english_words = english_words
        self._articles = _buckets(self.words)
        self._stems = frozenset(stem for word in self.words for stem in tokenize(word))
        self._english = _buckets(w for w in english_words if len(w) >= MIN_LENGTH - 1)
        self._function = _buckets(FUNCTION_WORDS)
        self._openers = _buckets(OPENERS)
        self._names = sorted(name for name in names if len(name) >= MIN_ENGLISH_LENGTH)
        self.read = lru_cache(maxsize=CACHE)(self._read)

    def correct(self, question: str) -> tuple[str, tuple[Correction, ...]]:
        """The question with slips corrected (the rest of the text kept as typed), and the corrections."""
        question, joined = self._joined_names(question)
        corrections: list[Correction] = list(joined)

        def replace(match: re.Match[str]) -> str:
            typed = match.group(0)
            if _abbreviation(question, match):
                return typed
            name_like = typed[0].isupper() and bool(question[: match.start()].strip())  # "did Orban …"
            read_as = self.read(typed.lower(), name_like, _opening(question, match))
            if read_as is None:
                return typed
            shown = read_as.capitalize() if typed[0].isupper() else read_as
            corrections.append(Correction(typed, shown))
            return shown

        corrected = WORD.sub(replace, question)
        return corrected, tuple(dict.fromkeys(corrections))

    def _read(self, word: str, name_like: bool, opening: bool = False) -> str | None:
        if opening and (opener := self._opener_slip(word)):
            return opener  # "wat does", "dose the plan": English words, but not in that place
        variants = spelling_variants(word)
        if word not in self.words and (article := next((v for v in variants if v in self.words), None)):
            return article  # "defense" is the articles' "defence"
        known = word in self.words or word in self.english_words or word in FUNCTION_WORDS or word in CHAT_SPELLINGS
        known = known or any(variant in self.english_words for variant in variants)  # "criticise": "criticize"
        known = known or self._english_form(word)  # "contingents": the model knows "contingent" whole
        if len(word) < MIN_FUNCTION_LENGTH or known:
            return None
        if len(word) < MIN_ENGLISH_LENGTH and not name_like and (function := _one_function_word(word, self._function)):
            return function  # "wjere", "wht": "where", "what"
        if len(word) < MIN_LENGTH:
            return None
        # a word with the same stem as a near word is another form of it, not a slip: "deployments" and
        # "starmers" are searched as "deploy" and "starmer" already (not read as "starters"), while "deterence"
        # (stem "deter") is still a slip for "deterrence"; so is a word spelt the other way ("criticise", as
        # "criticize": "criticism")
        stem = tokenize(word)
        stems = [stem, *(tokenize(variant) for variant in variants)]  # "criticise" is "criticize", stem "critic"
        near = _near(word, self._articles)
        if any(tokenize(w) in stems for w in near) or self._inflected(word, stem):
            return None
        if near:
            return max(sorted(near), key=self.passages_with)  # ties: the first in alphabetical order
        if len(word) >= MIN_ENGLISH_LENGTH and (name := self._misspelt_name(word)):
            return name
        if name_like or len(word) < MIN_ENGLISH_LENGTH:
            return None
        english = [w for w in _near(word, self._english) if tokenize(w) not in stems]
        return english[0] if len(english) == 1 else None

    def _joined_names(self, question: str) -> tuple[str, tuple[Correction, ...]]:
        """The question with a name typed or dictated as two words read as the name ("gotta mueller" ->
        "gottemoeller", "zelen sky" -> "zelensky"): two neighbouring words, no function word among them and one at
        least no article word, that together are like one of the articles' names, more than either alone is."""
        words = list(WORD.finditer(question))
        for first, second in pairwise(words):
            if question[first.end() : second.start()].isspace() and (name := self._split_name(first[0], second[0])):
                typed = question[first.start() : second.end()]
                joined = question[: first.start()] + name + question[second.end() :]
                return joined, (Correction(typed, name),)  # one name split per question is what readers type
        return question, ()

    def _split_name(self, first: str, second: str) -> str | None:
        """The article name that two typed words are, split ("gotta", "mueller": "gottemoeller"), if any."""
        first, second = first.lower(), second.lower()
        if {first, second} & STOP_WORDS or (first in self.words and second in self.words):
            return None
        name = first + second if first + second in self._names else self._misspelt_name(first + second)
        if name is None:
            return None
        alone = max(difflib.SequenceMatcher(None, word, name).ratio() for word in (first, second))
        return name if difflib.SequenceMatcher(None, first + second, name).ratio() > alone else None

    def _misspelt_name(self, word: str) -> str | None:
        """The one article name the word is like enough to be it misspelt ("gottemuller": "gottemoeller")."""
        close = difflib.get_close_matches(word, self._names, n=2, cutoff=NAME_LIKENESS)
        return close[0] if len(close) == 1 else None

    def _english_form(self, word: str) -> bool:
        """Whether the word is an English word with an ending (`ENGLISH_ENDINGS`): the model's whole words are the
        commonest forms, so "contingents" was read as the slip "continents" and refused as a name never mentioned."""
        bases = [word[: -len(ending)] for ending in ENGLISH_ENDINGS if word.endswith(ending)]
        return any(base in self.english_words or f"{base}e" in self.english_words for base in bases)

    def _inflected(self, word: str, stem: list[str]) -> bool:
        """Whether the word is an article word with an ending of INFLECTIONS ("arming": the articles' "arms")."""
        return word.endswith(INFLECTIONS) and len(stem) == 1 and stem[0] in self._stems

    def _opener_slip(self, word: str) -> str | None:
        """The question opener one slip from a word in its place, unless the word is one of the articles' or a
        word questions are made of."""
        if len(word) > OPENER_SLIP_LENGTH or word in self.words or word in NOT_OPENER_SLIPS:
            return None
        if word in STOP_WORDS or word in CHAT_SPELLINGS or word in LEAD_INS:
            return None
        return _one_function_word(word, self._openers)


def _opening(question: str, match: re.Match[str]) -> bool:
    """Whether the word opens the question, or follows one lead-in word ("why dos …", "and wat …")."""
    before = WORD.findall(question[: match.start()].lower())
    return not before or (len(before) == 1 and before[0] in LEAD_INS)


def spelling_variants(word: str) -> list[str]:
    """The word as the other side of the Atlantic spells it, by its ending ("criticise" -> "criticize", "defense"
    -> "defence"), or a place as transliterated now ("kiev" -> "kyiv"); none for most words."""
    variants = [PLACE_SPELLINGS[word]] if word in PLACE_SPELLINGS else []
    for british, american in SPELLING_VARIANTS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= VARIANT_STEM:
                variants.append(word[: -len(ending)] + other)
    return list(dict.fromkeys(variants))


def _one_function_word(word: str, function_words: Buckets) -> str | None:
    """The one function word one slip from `word`, those of its length first ("wjere": "where", not "were")."""
    near = _near(word, function_words)
    same_length = [w for w in near if len(w) == len(word)]
    for candidates in (same_length, near):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _abbreviation(question: str, match: re.Match[str]) -> bool:
    """A short capitalised word with a full stop inside the question ("Pres. Macron", "Gen. Smith"): an
    abbreviation, not a slip ("Pres" is not "Press")."""
    typed, rest = match.group(0), question[match.end() :]
    return typed[0].isupper() and len(typed) <= ABBREVIATION_LENGTH and rest.startswith(".") and bool(rest[1:].strip())


Buckets = dict[tuple[str, int], list[tuple[str, str]]]


def fold(word: str) -> str:
    """The word without accents: "elysée" -> "elysee"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _buckets(words: Iterable[str]) -> Buckets:
    """Words by (first letter, length) of their accent-free form, each as (accent-free form, word)."""
    buckets: Buckets = defaultdict(list)
    for word in sorted(words):
        folded = fold(word)
        if folded:
            buckets[(folded[0], len(folded))].append((folded, word))
    return buckets


def _near(word: str, buckets: Buckets) -> list[str]:
    """The words of `buckets` at most one edit from `word` once accents are left out."""
    folded = fold(word)
    if not folded:
        return []
    return [
        candidate
        for length in (len(folded) - 1, len(folded), len(folded) + 1)
        for candidate_folded, candidate in buckets.get((folded[0], length), ())
        if edit_distance(folded, candidate_folded) <= 1
    ]
