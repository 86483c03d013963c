"""`newsbot chat`: an interactive conversation in the terminal — questions, follow-ups, /more, /sources."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from rich.console import Console, Group, RenderableType
from rich.text import Text

from bot.conversation import Conversation
from bot.engine import Engine
from bot.messages import numbered, split_questions
from bot.render.terminal import (
    render_article_terminal,
    render_context_terminal,
    render_sources_terminal,
    render_terminal,
)
from index.errors import NewsbotError

PROMPT = "question> "
WELCOME = (
    "Ask a question about the articles (e.g. “Which countries will send troops?”), then follow up "
    "(“and what about Poland?”). /help lists commands, /quit leaves."
)
HELP = """\
Ask in plain words; follow-ups such as “and what about territory?” or “what did he say?” use the last question.
Name an outlet, or an article by its /sources number or its link, to hear only from it: “what does article 3 say
about Greenland?”.
“What happened?” shows how the newest articles open; “which outlets?” what the index holds.
Quote words to find them exactly: who said "peace through strength"? Several questions in one line are answered in turn.
  /more            the next passages for the last question (or just type “more”)
  /sources         the articles, numbered
  /source N        read article N in full
  /context ID      a passage in its surroundings (IDs are in `newsbot ask --json`)
  /new             forget the conversation and start afresh
  /help            this help
  /quit            leave (also Ctrl-D)"""
QUIT = frozenset({"/quit", "/exit", "quit", "exit"})

Command = Callable[[Engine, Conversation, str], RenderableType]


def _more(engine: Engine, conversation: Conversation, _: str) -> RenderableType:
    return render_terminal(engine.more(conversation))


def _sources(engine: Engine, _conversation: Conversation, _: str) -> RenderableType:
    return render_sources_terminal(engine.sources())


def _source(engine: Engine, _conversation: Conversation, argument: str) -> RenderableType:
    if not argument:
        raise NewsbotError("/source needs an article number", "e.g. /source 2 (numbers are listed by /sources)")
    return render_article_terminal(engine.article_view(argument))


def _context(engine: Engine, _conversation: Conversation, argument: str) -> RenderableType:
    if not argument:
        raise NewsbotError("/context needs a passage id", "e.g. /context 002_4f06e7c685bc3fd5:010")
    return render_context_terminal(engine.passage_context(argument))


def _new(_engine: Engine, conversation: Conversation, _: str) -> RenderableType:
    conversation.reset()
    return Text("Conversation forgotten: the next question starts afresh.", style="green")


def _help(_engine: Engine, _conversation: Conversation, _: str) -> RenderableType:
    return Text(HELP)


COMMANDS: dict[str, Command] = {
    "/more": _more,
    "/sources": _sources,
    "/source": _source,
    "/context": _context,
    "/new": _new,
    "/reset": _new,
    "/help": _help,
}


def respond(engine: Engine, conversation: Conversation, line: str) -> RenderableType:
    """What the chat shows for one input line (a command or a message for the conversation)."""
    if line.startswith("/"):
        name, _, argument = line.partition(" ")
        command = COMMANDS.get(name.lower())
        if command is None:
            raise NewsbotError(f"unknown command {name!r}", "type /help for the list of commands")
        return command(engine, conversation, argument.strip())
    questions = split_questions(line)  # "what did macron say? and starmer?": each answered in turn
    answers = [engine.reply(conversation, question) for question in questions]
    return Group(*(render_terminal(numbered(a, n, len(answers))) for n, a in enumerate(answers, 1)))


def read_line() -> str | None:
    """The next input line, or None at end of input / Ctrl-C."""
    try:
        return input(PROMPT).strip()
    except (EOFError, KeyboardInterrupt):
        return None


def run_chat(engine: Engine, console: Console | None = None) -> int:
    """Read questions and commands until /quit or end of input; show each answer."""
    console = console or Console(highlight=False)
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401 - line editing and in-session history (up arrow) for input()
    console.print(WELCOME, style="bold", markup=False)
    conversation = Conversation()
    while (line := read_line()) is not None:
        if line.lower() in QUIT:
            return 0
        if not line:
            continue
        try:
            console.print(respond(engine, conversation, line))
        except NewsbotError as exc:
            console.print(f"{exc}", style="red", markup=False)
    console.print()
    return 0
