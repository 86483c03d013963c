"""Inline-button callback data: a short, validated "action:argument" string of at most 64 bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.telegram.limits import MAX_CALLBACK_BYTES


class Action(Enum):
    """What a button asks for; the value is the prefix on the wire."""

    MORE = "more"  # argument: the chat's question serial the answer belonged to
    SOURCES = "src"  # no argument
    ARTICLE = "art"  # argument: article id or its number in /sources
    CONTEXT = "ctx"  # argument: passage id
    EXAMPLE = "ex"  # argument: index into the example questions of /start


_ARGUMENT = {
    Action.MORE: re.compile(r"\d{1,9}"),
    Action.SOURCES: re.compile(r""),
    Action.ARTICLE: re.compile(r"[A-Za-z0-9_.-]{1,56}"),
    Action.CONTEXT: re.compile(r"[A-Za-z0-9_.:-]{1,56}"),
    Action.EXAMPLE: re.compile(r"\d{1,2}"),
}
_BY_PREFIX = {action.value: action for action in Action}


@dataclass(frozen=True)
class Callback:
    """One button's request: an action and its (possibly empty) argument."""

    action: Action
    argument: str = ""

    def encode(self) -> str | None:
        """The callback_data string, or None when the argument cannot be carried safely (no button then)."""
        if not _ARGUMENT[self.action].fullmatch(self.argument):
            return None
        data = f"{self.action.value}:{self.argument}" if self.argument else self.action.value
        return data if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES else None

    @classmethod
    def parse(cls, data: object) -> Callback | None:
        """The Callback for well-formed data, None for anything else (forged, foreign, truncated)."""
        if not isinstance(data, str) or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
            return None
        prefix, _, argument = data.partition(":")
        action = _BY_PREFIX.get(prefix)
        if action is None or not _ARGUMENT[action].fullmatch(argument):
            return None
        return cls(action, argument)
