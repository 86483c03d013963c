"""Questions asking for a figure, and whether a passage gives one."""

from __future__ import annotations

import pytest

from bot.answer_kinds import asked_kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much will the force cost?", "an amount of money"),
        ("How much money has the UK given?", "an amount of money"),
        ("what time did the press conference start", "a time of day"),
        ("how long did they talk", "a length of time"),
        ("how many years would the troops stay", "a length of time"),
        ("how many countries attended?", "a number"),
        ("what's the population of greenland", "a number"),
        ("what is the death toll so far", "a number"),
        ("how old is keir starmer", "an age"),
        ("what age is the president", "an age"),
        ("who is paying for it", None),
        ("how much did Macron say about Greenland", None),
        ("who hosted the summit", None),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    asked = asked_kind(question)
    assert (asked.name if asked else None) == kind


@pytest.mark.parametrize(
    ("question", "gives", "lacks"),
    [
        ("how much will it cost", "The plan costs £3bn a year.", "The plan is costly, officials said."),
        ("how much will it cost", "It will cost 40 million euros.", "Nobody said what it would cost."),
        ("what time did it start", "It began at 3pm in Paris.", "It began on Tuesday in Paris."),
        ("what time did it start", "Talks opened on Tuesday afternoon.", "Talks opened on Tuesday."),
        ("how long did they talk", "After hours of talks, they signed.", "After talks, they signed."),
        ("how long has the war lasted", "the nearly four-year war", "the war in Ukraine"),
        ("how old is he", "Keir Starmer, 63, said so.", "Keir Starmer said so in 2026."),
        ("how old is he", "the 72-year-old president", "the president, in office for years"),
        ("how many countries came", "Leaders of 26 nations signed.", "Leaders of many nations signed."),
        ("how many countries came", "more than two dozen allied nations", "allied nations gathered"),
    ],
)
def test_whether_a_passage_gives_that_kind_of_answer(question: str, gives: str, lacks: str) -> None:
    kind = asked_kind(question)
    assert kind is not None
    assert kind.found_in(gives)
    assert not kind.found_in(lacks)
