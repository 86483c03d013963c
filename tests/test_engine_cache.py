"""The Engine's answer cache: a repeated question is not searched again, and never gets another's answer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.answer import Answer
from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine

QUESTION = "Which countries will send troops to Ukraine?"
FOLLOW_UP = "and how many troops?"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def uncached(seed_index: Path) -> Engine:
    """The reference: every answer computed (cache off)."""
    return Engine(Settings(index_dir=seed_index), answer_cache_size=0)


@pytest.fixture
def engine(uncached: Engine) -> Engine:
    """A fresh cache over the same loaded index."""
    engine = Engine(uncached.settings)
    engine._searcher = uncached.searcher
    return engine


def ids(answer: Answer) -> list[str]:
    return [c.passage.passage_id for c in answer.passages]


def test_a_repeated_question_is_served_from_the_cache_with_the_same_answer(engine: Engine, uncached: Engine) -> None:
    first = engine.reply(Conversation(), QUESTION)
    assert engine.answer_cache.misses == 1
    second = engine.reply(Conversation(), QUESTION)
    assert engine.answer_cache.hits == 1
    reference = uncached.reply(Conversation(), QUESTION)
    assert first == second == reference
    assert first.extra == second.extra == reference.extra


def test_a_follow_up_in_another_context_is_not_served_the_cached_answer(engine: Engine, uncached: Engine) -> None:
    contexts = [QUESTION, "What did Starmer promise?", "Where will the military hubs be built?"]
    answers = []
    for earlier in contexts:
        conversation = Conversation()
        engine.reply(conversation, earlier)
        answer = engine.reply(conversation, FOLLOW_UP)
        reference_conversation = Conversation()
        uncached.reply(reference_conversation, earlier)
        assert answer == uncached.reply(reference_conversation, FOLLOW_UP)
        assert answer.extra["followup_to"] == earlier
        answers.append(ids(answer))
    assert len({tuple(a) for a in answers}) > 1, "the follow-up should depend on what was asked before"
    assert engine.answer_cache.hits == 0
    alone = engine.reply(Conversation(), FOLLOW_UP)  # no context at all: its own entry
    assert "followup_to" not in alone.extra and alone == uncached.reply(Conversation(), FOLLOW_UP)


def test_more_from_the_cache_advances_the_conversation_like_a_search(engine: Engine, uncached: Engine) -> None:
    chats = [Conversation(), Conversation()]
    for conversation in chats:
        engine.reply(conversation, QUESTION)
        engine.more(conversation)
    reference = Conversation()
    uncached.reply(reference, QUESTION)
    uncached.more(reference)
    assert engine.answer_cache.hits == 2  # the second chat's question and its More
    third = [engine.more(conversation) for conversation in chats]
    assert third[0] == third[1] == uncached.more(reference)
    for conversation in chats:
        assert conversation.last().passage_ids == reference.last().passage_ids
        assert conversation.last().ranks_shown == reference.last().ranks_shown


def test_other_options_and_k_are_other_entries(engine: Engine, uncached: Engine) -> None:
    for kwargs in ({}, {"k": 1}, {"mode": "bm25"}, {"outlet": "The Independent"}):
        assert engine.ask(QUESTION, **kwargs) == uncached.ask(QUESTION, **kwargs)  # type: ignore[arg-type]
    assert engine.answer_cache.hits == 0 and len(engine.answer_cache) == 4


def test_reloading_the_index_empties_the_cache(engine: Engine) -> None:
    engine.ask(QUESTION)
    engine.ask(QUESTION)
    assert engine.answer_cache.hits == 1
    engine.reload_index()
    assert len(engine._answers) == 0
    engine.ask(QUESTION)
    assert engine.answer_cache.hits == 1 and engine.answer_cache.misses == 2


def test_another_index_or_other_settings_empty_the_cache(engine: Engine, uncached: Engine) -> None:
    engine.ask(QUESTION)
    engine.settings = dataclasses.replace(engine.settings, k=1)
    answer = engine.ask(QUESTION)
    assert len(answer.passages) == 1 and len(engine.answer_cache) == 1
    engine._searcher = None  # as if the index were opened again
    engine.ask(QUESTION)
    assert len(engine.answer_cache) == 1
    assert engine.searcher is not uncached.searcher


def test_the_cache_is_bounded(uncached: Engine) -> None:
    engine = Engine(uncached.settings, answer_cache_size=2)
    engine._searcher = uncached.searcher
    questions = ["Who hosted the summit in Paris?", "What did Starmer promise?", QUESTION, "What did Macron say?"]
    for question in questions:
        engine.ask(question)
    assert len(engine.answer_cache) == 2
    engine.ask(questions[0])  # evicted long ago: searched again
    assert engine.answer_cache.hits == 0


def test_the_cache_size_is_a_setting(seed_index: Path) -> None:
    from bot.config import load_settings
    from index.errors import ConfigError

    settings = load_settings({"index_dir": seed_index}, environ={"NEWSBOT_ANSWER_CACHE": "0"})
    assert Engine(settings).answer_cache.maxsize == 0
    assert Engine(Settings(index_dir=seed_index)).answer_cache.maxsize == 2048
    with pytest.raises(ConfigError, match="answer_cache = -1"):
        load_settings({"index_dir": seed_index}, environ={"NEWSBOT_ANSWER_CACHE": "-1"})
