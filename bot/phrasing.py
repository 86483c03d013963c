"""What a question says about itself rather than about the news: references to the articles ("according to the
articles", "what do the reports say about …") and closing punctuation, left out of what is searched."""

from __future__ import annotations

import re

SOURCES = r"articles?|reports?|news(?! conference)|stories|story|sources?|texts?|coverage|outlets?|papers?|newspapers?"
THESE = r"the|these|those|this|your|our"
REPORTING = r"say|says|said|mention|mentions|report|reports|state|states|tell|suggest|indicate|claim|note|write"
CORPUS_REFERENCES = re.compile(
    rf"\b(?:according to|based on|going by|in|from) (?:{THESE}) (?:{SOURCES})\b,?"
    rf"|\b(?:do|does|did) (?:{THESE}) (?:{SOURCES}) (?:{REPORTING})(?: (?:us|me|anything))?\b"
    rf"|\b(?:{THESE}) (?:{SOURCES}) (?:{REPORTING})\b",
    re.IGNORECASE,
)
CLOSING = re.compile(r"[\s?!.…]+$")


def searchable(question: str) -> str:
    """The question without references to the articles and without closing punctuation, which would move its
    vector ("who hosted the summit?" and "who hosted the summit" rank the same); as typed when nothing is left."""
    stripped = CORPUS_REFERENCES.sub(" ", question)
    stripped = CLOSING.sub("", re.sub(r"\s+", " ", stripped)).strip(" ,:;")
    return stripped if re.search(r"\w", stripped) else question
