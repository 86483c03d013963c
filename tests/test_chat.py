"""`newsbot chat` through a real pseudo-terminal: question, follow-up, /more, /sources, /new, /quit."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

from bot.chat import PROMPT, respond
from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from index.errors import NewsbotError

pytestmark = pytest.mark.slow
TIMEOUT = 120


def newsbot_script() -> str:
    script = shutil.which("newsbot", path=str(Path(sys.executable).parent))
    assert script, "the newsbot console script is installed in the venv"
    return script


def spawn_chat(index_dir: Path, *flags: str) -> pexpect.spawn:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "200"}
    child = pexpect.spawn(
        newsbot_script(),
        ["chat", "--index-dir", str(index_dir), *flags],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(60, 200),
    )
    child.expect_exact("/help lists commands")
    child.expect_exact(PROMPT)
    return child


def say(child: pexpect.spawn, line: str) -> str:
    """Type a line, wait for the next prompt, return what was printed in between."""
    child.sendline(line)
    child.expect_exact(PROMPT)
    return child.before


def test_chat_session_in_a_terminal(tiny_index: Path) -> None:
    child = spawn_chat(tiny_index, "-k", "1")
    try:
        first = say(child, "How much did the bridge cost?")
        assert "40 million euros" in first and "Harbour Herald" in first
        follow_up = say(child, "and who opened it?")
        assert "Read as a follow-up to “How much did the bridge cost?”" in follow_up
        assert "mayor" in follow_up
        both = say(child, "How much did the bridge cost? and who opened it?")
        assert "Question 1 of 2: “How much did the bridge cost?”" in both and "40 million euros" in both
        assert "Question 2 of 2: “and who opened it?”" in both and "mayor" in both.split("Question 2 of 2")[1]
        pages = [say(child, "/more") for _ in range(3)]
        assert "More for" in pages[0] and "The mayor of Harbour City" not in pages[0], "never repeats a passage"
        assert "No more passages" in pages[-1]
        listing = say(child, "/sources")
        assert "Harbour Herald" in listing and "Money Daily (attribution inferred)" in listing
        assert "Bank raises rates" in say(child, "/source 2")
        assert "no article '9'" in say(child, "/source 9")
        assert "forgotten" in say(child, "/new")
        fresh = say(child, "and who opened it?")
        assert "Read as a follow-up" not in fresh
        assert "unknown command" in say(child, "/frobnicate")
        child.sendline("/quit")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_chat_ends_cleanly_at_end_of_input(tiny_index: Path) -> None:
    child = spawn_chat(tiny_index)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_commands_render_without_a_terminal(tiny_index: Path) -> None:
    engine = Engine(Settings(index_dir=tiny_index))
    conversation = Conversation()
    console = Console(record=True, width=120, color_system=None)
    console.print(respond(engine, conversation, "/help"))
    console.print(respond(engine, conversation, "/more"))
    passage_id = engine.corpus.passages[0].passage_id
    console.print(respond(engine, conversation, f"/context {passage_id}"))
    out = console.export_text()
    assert "/sources" in out and "ask a question first" in out and "Harbour City opens a new bridge" in out
    with pytest.raises(NewsbotError, match="needs an article number"):
        respond(engine, conversation, "/source")
