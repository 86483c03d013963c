"""Messages asking several questions at once ("what did Macron say? and Starmer?"): the questions, in order."""

from __future__ import annotations

import dataclasses
import re

from bot.answer import Answer
from bot.phrasing import AUXILIARIES, WH

MAX_QUESTIONS = 3  # a message splitting into more is read as one question, as before
# What a question of its own opens with: a question word or an auxiliary, after an optional "and" / "but" …
OPENER = re.compile(rf"^(?:(?:and|but|also|so|then|plus|or)\s+)?(?:{WH}|{AUXILIARIES}|and)\b", re.IGNORECASE)
AFTER_QUESTION_MARK = re.compile(r"(?<=\?)\s+|(?<=\?!)\s+")


def split_questions(message: str) -> list[str]:
    """The questions of one message: split after a "?" where the next words open a question of their own
    ("who signed? and when?"), not where they go on with the same one ("who signed? the US?"). One question,
    or more than MAX_QUESTIONS, gives the message as it is."""
    questions: list[str] = []
    for piece in AFTER_QUESTION_MARK.split(message.strip()):
        if questions and OPENER.match(piece):
            questions.append(piece)
        elif questions:
            questions[-1] = f"{questions[-1]} {piece}"
        else:
            questions.append(piece)
    return questions if 1 < len(questions) <= MAX_QUESTIONS else [message]


def numbered(answer: Answer, number: int, total: int) -> Answer:
    """The answer to one of several questions of a message, saying which one it answers."""
    if total == 1:
        return answer
    label = f"Question {number} of {total}: “{answer.question}”"
    return dataclasses.replace(answer, notes=(label, *answer.notes))
