"""Fuzzed question path: whatever people type, no exception escapes and every view stays valid.

A few hundred examples run in the normal suite; `NEWSBOT_FUZZ_EXAMPLES=10000 pytest -m fuzz` is the long run.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from bot.config import load_settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.render.json import render_json
from bot.render.telegram_html import render_answer_html
from bot.render.terminal import render_terminal
from index.errors import NewsbotError
from tests.fake_bot_api import utf16_len, validate_telegram_html

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]
EXAMPLES = int(os.environ.get("NEWSBOT_FUZZ_EXAMPLES", "150"))

NASTY = st.sampled_from(
    [
        "", " ", "\n\t ", "<script>alert(1)</script>", "</b><b>", "&amp; &lt; & < > \" '",
        "**bold** _it_ `code` [link](http://x)", "'; DROP TABLE passages; --", "\u202eRTL override\u202c",
        "مرحبا ما هو الاتفاق", "שלום", "👨‍👩‍👧‍👦 family", "a\u200db\u200cc\ufeff", "\x00\x01\x07\x1b[31m",
        "\ud800 lone surrogate", "more", "/more", "why?", "and the Independent?", "what about him?",
        "What did Kushner say?", "x" * 100_000, "bridge " * 5000,
        "http://[ what?", "www. https://", "https://example.com/?p=1&utm_source=x#", "I read it. Is that true?",
        "It was signed. " * 400 + "Who signed?", "Wow. When?",
    ]
)
QUESTIONS = st.one_of(
    NASTY,
    st.text(min_size=0, max_size=300),
    st.text(alphabet=st.characters(codec=None, categories=("Cc", "Cf", "Cs", "Co", "Zs", "So", "Lo")), max_size=80),
    st.builds(lambda a, b: a + b, NASTY, st.text(max_size=50)),
)


@pytest.fixture(scope="module")
def engine(tiny_index_master: Path) -> Engine:
    return Engine(load_settings({"index_dir": tiny_index_master, "k": 3}, environ={}))


def check_views(engine_answer: object) -> None:
    from bot.answer import Answer

    assert isinstance(engine_answer, Answer)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(render_terminal(engine_answer))
    record = json.loads(render_json(engine_answer))
    assert record["question"] == engine_answer.question
    for message in render_answer_html(engine_answer):
        plain = validate_telegram_html(message)
        assert utf16_len(plain) <= 4096


def one_exchange(engine: Engine, conversation: Conversation, text: str) -> None:
    try:
        answer = engine.reply(conversation, text)
    except NewsbotError as error:  # a user mistake must come back as a clear message, never a crash
        assert str(error).strip()
        return
    check_views(answer)
    if len(text.strip()) > engine.settings.max_question_chars:
        assert any("cut to its first" in note for note in answer.notes)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=QUESTIONS, second=QUESTIONS)
def test_any_question_and_follow_up(engine: Engine, first: str, second: str) -> None:
    conversation = Conversation()
    one_exchange(engine, conversation, first)
    one_exchange(engine, conversation, second)
    restored = Conversation.from_json(json.loads(json.dumps(conversation.to_json())))
    assert restored.to_json() == conversation.to_json()
    check_views(engine.more(conversation))


def test_lone_surrogate_from_telegram_json(engine: Engine) -> None:
    text = json.loads('"\\ud83d what about the bridge?"')
    answer = engine.reply(Conversation(), text)
    check_views(answer)
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")
