"""Messages asking several questions: split where a new question opens, answered in turn, each one labelled."""

from __future__ import annotations

import pytest

from bot.answer import Answer
from bot.messages import MAX_QUESTIONS, numbered, split_questions


@pytest.mark.parametrize(
    ("message", "questions"),
    [
        ("what did macron say? and what did starmer say?", ["what did macron say?", "and what did starmer say?"]),
        ("Did the US sign?  And did Germany?", ["Did the US sign?", "And did Germany?"]),
        ("who signed? when?", ["who signed?", "when?"]),
        ("what did he say?! and putin?", ["what did he say?!", "and putin?"]),
        ("who signed the deal? the US?", ["who signed the deal? the US?"]),  # goes on with the same question
        ("what did Macron say? Starmer?", ["what did Macron say? Starmer?"]),
        ("why?", ["why?"]),
        ("what? why? how? who?", ["what? why? how? who?"]),  # more than MAX_QUESTIONS: one question, as typed
        ("how many troops?and when?", ["how many troops?and when?"]),  # no space: not split
    ],
)
def test_split_questions(message: str, questions: list[str]) -> None:
    assert split_questions(message) == questions
    assert MAX_QUESTIONS == 3


def test_numbered_says_which_question_it_answers_only_when_there_are_several() -> None:
    answer = Answer("and what did starmer say?", True, (), ("Read as a follow-up to “what did macron say?”.",))
    assert numbered(answer, 1, 1) is answer
    assert numbered(answer, 2, 2).notes == (
        "Question 2 of 2: “and what did starmer say?”",
        "Read as a follow-up to “what did macron say?”.",
    )
