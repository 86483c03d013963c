"""Make arbitrary user text safe to tokenize, embed, render and encode: no lone surrogates or control codes."""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(text: str) -> str:
    """Lone surrogates become U+FFFD, control characters (but newline and tab) become spaces; NFC."""
    repaired = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return unicodedata.normalize("NFC", CONTROL.sub(" ", repaired))
