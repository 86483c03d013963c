"""Split a paragraph into sentences, keeping abbreviations and closing quotes attached."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sr",
        "jr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "rev",
        "hon",
        "gov",
        "sen",
        "rep",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "approx",
        "est",
        "fig",
        "al",
    }
)
BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
OPEN_DOUBLE, CLOSE_DOUBLE = "“", "”"  # the curly double quotation marks news text quotes speech in
OPENING_QUOTES = (OPEN_DOUBLE, "‘", '"')


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in the paragraph, covering all its non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(paragraph):
        if _is_abbreviation(paragraph, match.start()):
            continue
        spans.append((start, match.end()))
        start = _skip_space(paragraph, match.end())
    if start < len(paragraph.rstrip()):
        spans.append((start, len(paragraph.rstrip())))
    return [span for span in spans if paragraph[span[0] : span[1]].strip()]


def text_sentences(text: str) -> list[str]:
    """The sentences of a text of one paragraph per line (a passage), in order."""
    return [line[start:end] for line in text.split("\n") for start, end in sentence_spans(line)]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def quote_depth(text: str, depth: int, *, paragraph_start: bool) -> int:
    """Open double-quote depth after `text`; a paragraph opening with “ continues an open quote."""
    for pos, char in enumerate(text):
        if char == OPEN_DOUBLE and not (paragraph_start and pos == 0 and depth > 0):
            depth += 1
        elif char == CLOSE_DOUBLE:
            depth = max(0, depth - 1)
        elif char == '"':
            depth = 0 if depth else 1
    return depth
