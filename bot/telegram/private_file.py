"""Secrets on disk: the bot token is read only from a file that no other user can read (mode 0600 or 0400)."""

from __future__ import annotations

import stat
from pathlib import Path

from index.errors import ConfigError

TOKEN_FILE_ENV = "TELEGRAM_BOT_TOKEN_FILE"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def shared(path: Path) -> bool:
    """True when the group or other users may read (or write) the file."""
    return bool(mode_of(path) & 0o077)


def read_token_file(path: Path) -> str:
    """The token in `path` (TELEGRAM_BOT_TOKEN_FILE); refused when others can read the file."""
    if not path.is_file():
        raise ConfigError(f"{TOKEN_FILE_ENV}: {path} is not a file", "give the path of a file holding only the token")
    if shared(path):
        raise ConfigError(
            f"{path}: the token file can be read by other users (mode {mode_of(path):04o})",
            f"run `chmod 600 {path}` (and keep it owned by the user running the bot)",
        )
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: the token file cannot be read ({type(exc).__name__})") from None


def check_config_with_token(path: Path) -> None:
    """A config file holding the token must be as private as a token file."""
    if shared(path):
        raise ConfigError(
            f"{path}: holds the bot token but can be read by other users (mode {mode_of(path):04o})",
            f"run `chmod 600 {path}`, or give the token in TELEGRAM_BOT_TOKEN instead",
        )
