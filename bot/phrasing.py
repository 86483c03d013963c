"""What a question says about itself rather than about the news: greetings and requests around it ("hey, can you
tell me …", "… thanks"), references to the articles ("according to the articles", "what do the reports say about
…") and closing punctuation, left out of what is searched."""

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
GREETING = r"(?:hey|hi|hello|ok(?:ay)?|um|uh|hmm|quick question|question|bot)\b[\s,:!.-]*"
REQUEST = (
    r"(?:(?:please|pls|plz)\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+)?(?:tell|show|explain to|remind) me"
    r"|tell me|i(?:'d| would) like to know|i want to know|i(?:'m| am)? wonder(?:ing)?|do you know|answer(?: me| this)?)"
    r"\b[\s,:]*"
)
OPENING = re.compile(rf"^\s*(?:{GREETING})*(?:{REQUEST})?", re.IGNORECASE)
SIGN_OFF = re.compile(r"[\s,]+(?:lol|btw|thanks|thank you|thx|ty|please|pls|plz|cheers|mate)[\s?!.…]*$", re.IGNORECASE)
CLOSING = re.compile(r"[\s?!.…]+$")


def searchable(question: str) -> str:
    """The question without the chat around it, references to the articles and closing punctuation, which would
    move its vector ("who hosted the summit?" and "hey, who hosted the summit" rank as "who hosted the summit");
    as typed when nothing is left."""
    stripped = CORPUS_REFERENCES.sub(" ", OPENING.sub("", question))
    while (shorter := SIGN_OFF.sub("", stripped)) != stripped:
        stripped = shorter
    stripped = CLOSING.sub("", re.sub(r"\s+", " ", stripped)).strip(" ,:;")
    return stripped if re.search(r"\w", stripped) else question
