"""Who may use the bot: an optional allowlist of Telegram user and chat ids (NEWSBOT_ALLOWED_CHATS)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from index.errors import ConfigError

ALLOWLIST_ENV = "NEWSBOT_ALLOWED_CHATS"
_ID = re.compile(r"-?\d{1,20}")
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Allowlist:
    """User or chat ids allowed to talk to the bot; empty means everyone is allowed."""

    ids: frozenset[int] = frozenset()

    @property
    def restricted(self) -> bool:
        return bool(self.ids)

    def allows(self, user_id: int | None, chat_id: int | None) -> bool:
        """A listed user may use the bot anywhere; every member of a listed chat may use it there."""
        if not self.ids:
            return True
        return (user_id is not None and user_id in self.ids) or (chat_id is not None and chat_id in self.ids)

    @classmethod
    def parse(cls, spec: str | Iterable[object], source: str = ALLOWLIST_ENV) -> Allowlist:
        """'12345, -1001234567890' (or a list of ids) -> Allowlist; a bad entry is named in the error."""
        entries = _SEPARATORS.split(spec.strip()) if isinstance(spec, str) else [str(item) for item in spec]
        ids = set()
        for entry in filter(None, entries):
            if not _ID.fullmatch(entry):
                raise ConfigError(
                    f"{source}: {entry!r} is not a Telegram user or chat id",
                    "list numeric ids separated by commas, e.g. 123456789,-1001234567890 "
                    "(message @userinfobot to learn yours)",
                )
            ids.add(int(entry))
        return cls(frozenset(ids))
