"""Exact phrases: the words a question quotes ("who said “peace through strength”?", or "who said peace through
strength?" unquoted) and the passages holding them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from index.chunk import Passage

# "…", “…”, «…», or '…' / ‘…’ standing apart from words (not the apostrophe of "Starmer's")
QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]|(?<!\w)['‘]([^'’]+)['’](?!\w)")
WORD = re.compile(r"\w+")
# "who said peace through strength?": the words of a quotation, typed without its quotation marks
WHO_SAID = re.compile(
    r"^\W*(?:and |so |but )?who (?:said|says|has said|had said|wrote|declared)(?: that)?\s+(.+?)\W*$", re.IGNORECASE
)
MIN_SAID_WORDS = 3  # "who said that?", "who said it first?" quote nothing


def quoted_phrases(question: str) -> tuple[str, ...]:
    """The phrases a question quotes, each once, in order (not a lone letter: "rock 'n' roll")."""
    found = (double or single for double, single in QUOTED.findall(question))
    return tuple(dict.fromkeys(phrase.strip() for phrase in found if len("".join(WORD.findall(phrase))) > 1))


def said_words(question: str) -> str | None:
    """The words a "who said …?" question asks about, unquoted ("who said peace through strength" -> "peace through
    strength"); None for another question, or one of fewer than MIN_SAID_WORDS words after "said"."""
    match = WHO_SAID.match(question)
    if match is None or len(WORD.findall(match.group(1))) < MIN_SAID_WORDS:
        return None
    return match.group(1)


@lru_cache(maxsize=256)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase's words in order, whatever the case, punctuation or spacing between them ("it's" = "it’s")."""
    words = WORD.findall(phrase)
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


def holding(passages: Sequence[Passage], rows: Iterable[int], phrases: Sequence[str]) -> list[int]:
    """The rows (among `rows`) whose passage text holds every phrase, in the order given."""
    patterns = [phrase_pattern(phrase) for phrase in phrases]
    return [row for row in rows if all(pattern.search(passages[row].text) for pattern in patterns)]
