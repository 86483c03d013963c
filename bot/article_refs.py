"""An article a question names by its number in /sources ("article 3", "the second story", "the last piece"): the
question is then asked of that article alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3,
}  # fmt: skip
LAST = 0  # "the last article": the highest number, whatever the count
PIECES = r"article|story|piece|report|source"
# "article 3" names one of the listed articles only where the question asks what it says or where it is from ("what
# does article 3 say about …", "in article 3, …", "summarise article 2", "what is article 2 about", "tell me about
# article 2", "where is article 2 from", "who wrote article 2?"): "does the declaration invoke article 5?", "what
# does article 5 mean for ukraine?" ask about a treaty's article, as does any question naming a treaty.
NUMBERED = rf"(?:the\s+)?(?:{PIECES})\s+(?:(?:number|no\.?)\s*|#\s*)?(?P<number>\d{{1,4}})\b(?!\s+of\b)"
SAYING = r"say|says|said|report|reports|reported|mention|mentions|mentioned|write|writes|wrote|claim|claims|tell|tells"
TREATY = re.compile(
    r"\b(?:nato|treaty|treaties|charter|convention|constitution|collective defen[cs]e|invoke[sd]?)\b", re.I
)
MENTIONS = (
    re.compile(
        rf"\b(?P<lead>(?:in|from|according to|of|summari[sz]e|(?:tell me|what|how) about)\s+){NUMBERED}", re.I
    ),
    re.compile(rf"\b{NUMBERED}(?=['’]s\b|\s+(?:{SAYING}|about|cover|covers|from)\b|\W*$)", re.I),
    re.compile(  # not "the first report of a drone strike", "the second article of the declaration"
        rf"\b(?P<lead>(?:in|from|according to|of)\s+)?the\s+(?P<number>{'|'.join(ORDINALS)}|\d{{1,3}}th|last)\s+"
        rf"(?:{PIECES})\b(?!\s+(?:of|in)\b)",
        re.I,
    ),
)


@dataclass(frozen=True)
class ArticleMention:
    """An article named by number in a question: the number (LAST for "the last"), the words naming it as typed
    (without "in", "the"), and the question with them read as "the article" ("what does the article say about
    troops?", whose reference to the articles is no word to search)."""

    number: int
    written: str
    question: str
    # What is searched: the question, but for an article asked after an answer and nothing more ("and article 4?",
    # "what about the second story?"), where only the connective is left ("and?"), so that it asks the same again.
    searched: str = ""


def find_article_mention(question: str) -> ArticleMention | None:
    """The first article the question names by its number ("what does article 3 say about troops?"), if any."""
    if TREATY.search(question):
        return None
    for pattern in MENTIONS:
        match = pattern.search(question)
        if match is not None:
            rest = _without(question, match)
            searched = _searched(question, match) or rest
            return ArticleMention(_number(match.group("number")), _written(match), rest, searched)
    return None


def _number(written: str) -> int:
    lowered = written.lower()
    if lowered == "last":
        return LAST
    return ORDINALS.get(lowered) or int(re.sub(r"\D", "", lowered))


def _lead(match: re.Match[str]) -> str:
    return match.groupdict().get("lead") or ""


def _written(match: re.Match[str]) -> str:
    """"article 3", "second story": the words naming the article, for a check that no article says them itself
    ("Article 5", were a treaty's quoted)."""
    return re.sub(r"^the\s+", "", match.group(0)[len(_lead(match)) :], flags=re.I)


def _without(question: str, match: re.Match[str]) -> str:
    return question[: match.start()] + _lead(match) + "the article" + question[match.end() :]


CONNECTIVE_ALONE = re.compile(r"^\W*(?:and|what about|how about)\s+$", re.IGNORECASE)


def _searched(question: str, match: re.Match[str]) -> str | None:
    """"and?" for "and article 4?": the connective alone, where nothing else is asked; else None."""
    before, after = question[: match.start()] + _lead(match), question[match.end() :]
    if not CONNECTIVE_ALONE.match(before) or re.search(r"\w", after):
        return None
    return before.strip() + after.strip()
