"""The reader's words about themselves around a question: left out of what the articles must cover."""

from __future__ import annotations

import pytest

from bot.asker import question_proper, split_preamble
from bot.evidence import question_words


@pytest.mark.parametrize(
    ("message", "proper"),
    [
        (
            "I work in logistics so this interests me. Where are they going to keep the weapons?",
            "Where are they going to keep the weapons?",
        ),
        ("I run a small news podcast. What did the Kremlin say?", "What did the Kremlin say?"),
        (
            "Forgive the long question. Given the tension, why were analysts nervous",
            "Given the tension, why were analysts nervous",
        ),
        ("Quick one for a pub quiz we're writing: what name did Macron give it?", "what name did Macron give it?"),
        ("For a timeline I'm building, on which day was the meeting held?", "on which day was the meeting held?"),
        ("who hosted the summit? I am writing a report.", "who hosted the summit?"),
        ("Sorry if this is basic, I haven't followed it. How many countries signed?", "How many countries signed?"),
    ],
)
def test_the_reader_on_themselves_is_left_out(message: str, proper: str) -> None:
    assert question_proper(message) == proper


@pytest.mark.parametrize(
    "message",
    [
        "who hosted the summit",  # one sentence: nothing to leave out
        "I remember Starmer saying something blunt about Putin, can you find it?",  # the question itself
        "I heard China criticised the deal. Is that true?",  # a claim to check is kept
        "My friend says the Americans signed it too. I don't think they did, who's right?",
        "The money side. Is anyone going to pay for it?",  # no first person: about the news
        "I work in logistics. Tell me about the hubs.",  # nothing asked: kept whole
        "For a start, who hosted it?",  # a lead-in without the reader in it
    ],
)
def test_kept_as_written(message: str) -> None:
    assert question_proper(message) == message


@pytest.mark.parametrize(
    ("message", "preamble", "question"),
    [
        (
            "I keep seeing the coalition in the news. Where did they hold their latest meeting?",
            "I keep seeing the coalition in the news.",
            "Where did they hold their latest meeting?",
        ),
        (
            "My dad says Trump's family was there. His cousin too. Which relative of Trump went?",
            "My dad says Trump's family was there. His cousin too.",
            "Which relative of Trump went?",
        ),
        ("Mr. Macron hosted it. Who else came", "Mr. Macron hosted it.", "Who else came"),  # no question mark
    ],
)
def test_statements_before_a_question_are_its_preamble(message: str, preamble: str, question: str) -> None:
    assert split_preamble(message) == (preamble, question)


@pytest.mark.parametrize(
    "message",
    [
        "Where did they hold their latest meeting?",  # one sentence
        "Who signed? The US?",  # asks more than once
        "Who hosted it? I am writing a report.",  # does not end in a question
        "True or false: the US signed the declaration.",
        "I work in logistics. Tell me about the hubs.",  # a request, no question
    ],
)
def test_no_preamble(message: str) -> None:
    assert split_preamble(message) is None


def test_indefinite_words_shape_a_question_without_naming_its_subject() -> None:
    assert question_words("With everything going on, did anybody say how many numbers were agreed?") == ["agreed"]
