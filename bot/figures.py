"""Disagreement: counts of the same kind of thing (countries, troops) that outlets report differently."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from index.chunk import Passage
from index.sentences import text_sentences

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
# What is counted -> the kind of thing; outlets giving different numbers of one kind disagree.
COUNTED = {
    "countries": "participants",
    "nations": "participants",
    "states": "participants",
    "heads of state": "participants",
    "heads of government": "participants",
    "leaders": "participants",
    "governments": "participants",
    "troops": "troops",
    "soldiers": "troops",
    "personnel": "troops",
    "servicemen": "troops",
}
_NOUNS = "|".join(sorted((re.escape(n) for n in COUNTED), key=len, reverse=True))
_NUMBER = r"\d[\d,]*(?:\.\d+)?|" + "|".join(NUMBER_WORDS)
# "the two countries" / "both nations" refer back to things already named: not a count.
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
FIGURE = re.compile(
    rf"(?<!\bthe )(?<!\bboth )(?<!\bthese )(?<!\bthose )\b({_NUMBER})\s+(?:({'|'.join(MULTIPLIERS)})\s+)?"
    rf"(?:[A-Za-z-]+\s+){{0,2}}?({_NOUNS})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A count found in a passage: its value, the kind of thing counted, and the sentence saying it."""

    value: float
    kind: str
    sentence: str
    outlet: str


def _value(raw: str, multiplier: str | None) -> float:
    raw = raw.lower()
    value = float(NUMBER_WORDS[raw]) if raw in NUMBER_WORDS else float(raw.replace(",", ""))
    return value * MULTIPLIERS.get((multiplier or "").lower(), 1)


def figures(passage: Passage) -> list[Figure]:
    """The counts a passage gives (each passage is read once: answers compare the same passages again and again)."""
    return list(_figures(passage.text, passage.cited_outlet))


@lru_cache(maxsize=8192)
def _figures(text: str, outlet: str) -> tuple[Figure, ...]:
    found = []
    for sentence in text_sentences(text):
        for match in FIGURE.finditer(sentence):
            kind = COUNTED[match.group(3).lower()]
            found.append(Figure(_value(match.group(1), match.group(2)), kind, sentence, outlet))
    return tuple(found)


def disagreements(lead: Passage, others: Iterable[Passage]) -> tuple[tuple[str, str], ...]:
    """(outlet, sentence) from other outlets that count a kind of thing the lead counts, with another number."""
    counted = figures(lead)
    if not counted:
        return ()
    kinds = {f.kind for f in counted}
    values = {(f.kind, f.value) for f in counted}
    variants: dict[tuple[str, float], tuple[str, str]] = {}
    for passage in others:
        if passage.cited_outlet == lead.cited_outlet:
            continue
        for figure in _figures(passage.text, passage.cited_outlet):
            key = (figure.kind, figure.value)
            if figure.kind in kinds and key not in values and key not in variants:
                variants[key] = (figure.outlet, figure.sentence)
    return tuple(variants.values())
