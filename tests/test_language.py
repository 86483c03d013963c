"""Questions in another language are said to be so, not searched: the model and the articles are English."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.language import in_english, other_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Кто принимал саммит?", "Cyrillic script"),
        ("що сказав Зеленський", "Cyrillic script"),
        ("Τι είπε ο Μακρόν;", "Greek script"),
        ("qui a organisé le sommet ?", "French"),
        ("combien de soldats seront envoyés en Ukraine", "French"),
        ("wer hat den Gipfel ausgerichtet?", "German"),
        ("¿quién organizó la cumbre?", "Spanish"),
        ("cosa ha detto Macron", "Italian"),
    ],
)
def test_a_question_in_another_language_is_recognised(question: str, language: str) -> None:
    assert other_language(question) == language


@pytest.mark.parametrize(
    "question",
    [
        "who hosted the summit",
        "what did von der leyen say",  # one German word among English ones
        "what did de gaulle and la fayette do",
        "la la land",  # the same word twice is one
        "what does die welt say",  # "die" is an English word too
        "wjere are the militry hubs going",  # slips
        "zelensky macron starmer",  # names only
        "what did Зеленський say about the deal",  # a name in Cyrillic among English words
        "",
    ],
)
def test_english_questions_are_english(question: str) -> None:
    assert other_language(question) is None


def test_the_question_is_not_searched_and_the_conversation_stays(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    conversation = Conversation()
    engine.reply(conversation, "who hosted the summit?")
    answer = engine.reply(conversation, "Кто принимал саммит?")
    assert not answer.answered and answer.passages == ()
    assert answer.notes == (in_english("Кто принимал саммит?", "Cyrillic script"),)
    assert answer.to_json()["language"] == "Cyrillic script"
    assert [turn.question for turn in conversation.turns] == ["who hosted the summit?"]


def test_a_long_question_is_quoted_back_shortened() -> None:
    note = in_english("qui " * 40, "French")
    assert "…” looks written in French" in note and len(note) < 200
