"""What a reader says about themselves around a question ("I teach a politics class.", "Sorry if this is basic.",
"For a timeline I'm building, …"): words the articles need not cover for the question to be answered."""

from __future__ import annotations

import re

from bot.phrasing import AUXILIARIES, WH
from index.lexical import tokenize
from index.sentences import text_sentences

# What readers add around a question in a chat ("hey", "lol", "btw", "ok cool"): no subject the articles must cover,
# nor a topic of its own ("Ok cool. Who else spoke?" follows up the turn before); as BM25 stems.
CHATTER = frozenset(
    tokenize(
        "hey hi hello please pls plz thx lol btw ok okay wondering wonder curious quick bot hmm um uh cheers mate "
        "guys folks anyone yeah sorry wow cool nice awesome gotcha oh ah ooh huh"
    )
)

FIRST_PERSON = re.compile(r"\b(?:i|i['’](?:m|ve|d|ll)|me|my|myself|we|we['’](?:re|ve|d)|our|ours)\b", re.IGNORECASE)
# A sentence reporting what someone said or claims ("my friend says the US signed", "I read that …") is a claim to
# check, which the articles must cover, however personal its wording.
REPORTED = re.compile(r"\b(?:says|said|told|tells|heard|read|saw|seen|claims|claimed|reckons|thinks|believes)\b", re.I)
# Courtesy and talk about the question itself: "Sorry if this is a basic question.", "Forgive the long question.",
# "Thanks.", "Quick one for a pub quiz".
ABOUT_ASKING = re.compile(
    r"^\W*(?:sorry|forgive|apologies|excuse me|pardon|thanks|thank you|cheers|hi|hello|hey|quick one)\b|\bquestions?\b",
    re.IGNORECASE,
)
QUESTION_START = re.compile(
    rf"^\W*(?:(?:and|so|but|ok|okay|right|then|also)\W+)*(?:{WH}|{AUXILIARIES}|may|might|must|shall"
    r"|(?:in|on) (?:what|which))\b",
    re.IGNORECASE,
)
QUESTION_WORD = re.compile(rf"\b(?:{WH})\b", re.IGNORECASE)
# "For a timeline I'm building, on which day …", "As a nurse, how many …": a purpose or a role of the reader's own,
# before the question and a comma.
OWN_LEAD = re.compile(
    r"^\W*(?:for|as)\s+(?:an?|my|our|the)\s+[^,?;:]{0,60}?(?:\b(?:i|i['’]m|we|we['’]re|my|our)\b[^,?;:]*)?,\s*",
    re.IGNORECASE,
)


def question_proper(message: str) -> str:
    """The message without the sentences (and clauses before a colon) in which the reader speaks of themselves or of
    the asking, where a question remains: "I work in logistics. Where will they keep the weapons?" → "Where will
    they keep the weapons?". As written when nothing would be left, or no part is a question."""
    segments = [part for sentence in text_sentences(message) for part in _colon_parts(sentence)]
    asking = [_is_question(part, last=i == len(segments) - 1) for i, part in enumerate(segments)]
    if len(segments) < 2 or not any(asking):
        return _without_own_lead(message)
    kept = [part for part, asks in zip(segments, asking, strict=True) if asks or not _about_asker(part)]
    return " ".join(_without_own_lead(part) for part in kept)


def split_preamble(message: str) -> tuple[str, str] | None:
    """A message of statements, then one question ("I keep seeing the coalition in the news. Where did they meet?"):
    the statements and the question, which is read after them as after an earlier turn. None for one sentence, a
    message asking more than once, or one not ending in a question."""
    sentences = text_sentences(message.strip())
    if len(sentences) < 2:
        return None
    asking = [_is_question(sentence, last=i == len(sentences) - 1) for i, sentence in enumerate(sentences)]
    if not asking[-1] or any(asking[:-1]):
        return None
    return " ".join(sentences[:-1]), sentences[-1]


def _colon_parts(sentence: str) -> list[str]:
    """A sentence split at a colon that introduces a question ("Quick one for a quiz: what name …?")."""
    before, colon, after = sentence.partition(":")
    if colon and _is_question(after):
        return [f"{before}:", after.strip()]
    return [sentence]


def _is_question(segment: str, last: bool = False) -> bool:
    """Whether a segment asks: a question mark, a question's first word, or (the message's last segment, its
    question mark left out when searched) a question word anywhere ("Given all the tension, why were …")."""
    if segment.rstrip().endswith("?") or QUESTION_START.match(segment):
        return True
    return last and bool(QUESTION_WORD.search(segment))


def _about_asker(segment: str) -> bool:
    """Whether a statement is about the reader or the asking, not a claim about the news."""
    if REPORTED.search(segment):
        return False
    return bool(FIRST_PERSON.search(segment) or ABOUT_ASKING.search(segment))


def _without_own_lead(segment: str) -> str:
    """The question without a lead-in of the reader's own purpose or role ("For a timeline I'm building, …"), when
    that lead-in speaks in the first person."""
    lead = OWN_LEAD.match(segment)
    if lead is None or not FIRST_PERSON.search(lead.group(0)):
        return segment
    rest = segment[lead.end() :]
    return rest if re.search(r"\w", rest) else segment
