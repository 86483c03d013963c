"""`newsbot chat`: an interactive question loop in the terminal."""

from __future__ import annotations

import contextlib

from rich.console import Console

from bot.engine import Engine
from bot.render.terminal import render_terminal
from index.errors import NewsbotError

PROMPT = "question> "
WELCOME = "Ask a question about the articles (e.g. “Which countries will send troops?”). /quit to leave."


def run_chat(engine: Engine, console: Console | None = None) -> int:
    """Read questions until /quit or end of input; print each answer."""
    console = console or Console(highlight=False)
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401 - line editing and history for input()
    console.print(WELCOME, style="bold", markup=False)
    while True:
        try:
            line = input(PROMPT).strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return 0
        if line in ("/quit", "/exit", "quit", "exit"):
            return 0
        if not line:
            continue
        try:
            console.print(render_terminal(engine.ask(line)))
        except NewsbotError as exc:
            console.print(f"{exc}", style="red", markup=False)
