"""Make arbitrary user text safe to tokenize, embed, render and encode: no lone surrogates or control codes."""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(text: str) -> str:
    """Lone surrogates become U+FFFD, control characters (but newline and tab) become spaces; NFC."""
    repaired = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return unicodedata.normalize("NFC", CONTROL.sub(" ", repaired))


QUOTED_BACK_CHARS = 60  # of a reader's words repeated in a note


def quoted_back(text: str) -> str:
    """A reader's words as a note repeats them: cut at a word boundary past QUOTED_BACK_CHARS."""
    return shorten(text, QUOTED_BACK_CHARS)


def shorten(text: str, limit: int) -> str:
    """Plain text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut + "…"
