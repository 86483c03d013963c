"""Telegram settings: token, Bot API server, allowlist, limits; checked before any network call."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from bot.config import CONFIG_FILE, read_toml
from bot.telegram.access import ALLOWLIST_ENV, Allowlist
from bot.telegram.private_file import TOKEN_FILE_ENV, check_config_with_token, read_token_file
from index.errors import ConfigError

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
API_URL_ENV = "TELEGRAM_API_URL"
PUBLIC_API_URL = "https://api.telegram.org"
# A bot token is "<bot id>:<secret>", e.g. 123456789:AAH…; the secret is 35 characters today.
_TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,100}")
_TOKEN_HINT = (
    f"create a bot with @BotFather in Telegram, then `export {TOKEN_ENV}=123456789:AA…` "
    f"(or write it to a file only you can read, chmod 600, and set {TOKEN_FILE_ENV} to its path)"
)
ENV_NAMES = {
    "token": TOKEN_ENV,
    "api_url": API_URL_ENV,
    "allowed_chats": ALLOWLIST_ENV,
    "questions_per_minute": "NEWSBOT_QUESTIONS_PER_MINUTE",
}


@dataclass(frozen=True)
class TelegramSettings:
    """Everything the Telegram bot needs besides the retrieval Settings; see README "Telegram"."""

    token: str = field(default="", repr=False)
    api_url: str = PUBLIC_API_URL
    allowed_chats: Allowlist = field(default_factory=Allowlist)
    questions_per_minute: int = 20
    inline_queries_per_minute: int = 60
    webhook_url: str = ""
    listen: str = "127.0.0.1"
    port: int = 8443
    retrieval_threads: int = 4
    # Outgoing messages per second over all chats; Telegram allows about 30.
    send_rate: float = 30.0
    send_retries: int = 10
    poll_timeout: int = 10
    # "typing…" is shown only for answers not ready after this many seconds (0: for every question).
    typing_delay: float = 0.5

    @property
    def base_url(self) -> str:
        """What python-telegram-bot appends the token to: <server>/bot."""
        return f"{self._server_root()}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self._server_root()}/file/bot"

    def _server_root(self) -> str:
        root = self.api_url.rstrip("/")
        return root.removesuffix("/bot")


def check_token(token: str) -> str:
    """The token, stripped; a missing or malformed one is a ConfigError that never prints the secret."""
    token = token.strip()
    if not token:
        raise ConfigError(f"no Telegram bot token: {TOKEN_ENV} is not set", _TOKEN_HINT)
    if not _TOKEN.fullmatch(token):
        raise ConfigError(f"{TOKEN_ENV} does not look like a bot token ({describe_token(token)})", _TOKEN_HINT)
    return token


def describe_token(token: str) -> str:
    """A safe description of a token for error messages: its bot id part and its length, never the secret."""
    bot_id, colon, _ = token.partition(":")
    shown = bot_id[:12] if bot_id.isdigit() else "?"
    return f"{len(token)} characters, bot id {shown!r}" if colon else f"{len(token)} characters, no ':' separator"


def check_api_url(url: str) -> str:
    url = url.strip()
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url):
        raise ConfigError(
            f"{API_URL_ENV}: {url!r} is not an http(s) URL",
            "give the Bot API server's address, e.g. http://127.0.0.1:8081 (a local telegram-bot-api)",
        )
    return url


def check_settings(settings: TelegramSettings) -> TelegramSettings:
    """Validates every value; the token last so that other mistakes are reported even without one."""
    positive = ("questions_per_minute", "inline_queries_per_minute", "retrieval_threads", "poll_timeout")
    for name in positive:
        if getattr(settings, name) < 1:
            raise ConfigError(f"invalid Telegram setting: {name} = {getattr(settings, name)}", "use 1 or more")
    if settings.send_rate <= 0:
        raise ConfigError(f"invalid Telegram setting: send_rate = {settings.send_rate}", "use more than 0 messages/s")
    if settings.send_retries < 0:
        raise ConfigError(
            f"invalid Telegram setting: send_retries = {settings.send_retries}",
            "use 0 (no retry) or more",
        )
    if settings.typing_delay < 0:
        raise ConfigError(f"invalid Telegram setting: typing_delay = {settings.typing_delay}", "use 0 or more seconds")
    if not 0 < settings.port < 65536:
        raise ConfigError(f"invalid Telegram setting: port = {settings.port}", "use a TCP port 1-65535")
    if settings.webhook_url and not settings.webhook_url.startswith("https://"):
        raise ConfigError(f"--webhook-url {settings.webhook_url!r} is not https", "Telegram only calls https URLs")
    return replace(settings, api_url=check_api_url(settings.api_url), token=check_token(settings.token))


def _coerce(name: str, value: Any, source: str) -> Any:
    if name == "allowed_chats":
        return value if isinstance(value, Allowlist) else Allowlist.parse(value, source)
    kind = type(getattr(TelegramSettings(), name))
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{source}: {name} = {value!r} is not a valid {kind.__name__}", "fix the value") from None


def _from_file(path: Path) -> dict[str, Any]:
    table = read_toml(path).get("telegram", {})
    if "token" in table:
        check_config_with_token(path)
    known = {f.name for f in fields(TelegramSettings)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown [telegram] setting {unknown[0]!r}", f"valid: {', '.join(sorted(known))}")
    return {name: _coerce(name, value, f"{path} [telegram]") for name, value in table.items()}


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    found = {name: environ.get(variable, "") for name, variable in ENV_NAMES.items()}
    if not found["token"].strip() and environ.get(TOKEN_FILE_ENV, "").strip():
        found["token"] = read_token_file(Path(environ[TOKEN_FILE_ENV].strip()).expanduser())
    return {name: _coerce(name, raw, ENV_NAMES[name]) for name, raw in found.items() if raw.strip()}


def load_telegram_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_path: Path | None = None,
) -> TelegramSettings:
    """Defaults < [telegram] table of newsbot.toml < environment < flags; validated, token included."""
    environ = os.environ if environ is None else environ
    named = config_path or (Path(environ["NEWSBOT_CONFIG"]) if environ.get("NEWSBOT_CONFIG") else None)
    if named is not None and not named.is_file():
        raise ConfigError(f"config file {named} not found", "create it or unset NEWSBOT_CONFIG")
    path = named or Path(CONFIG_FILE)
    values: dict[str, Any] = _from_file(path) if path.is_file() else {}
    values.update(_from_env(environ))
    values.update({k: _coerce(k, v, "command line") for k, v in (overrides or {}).items() if v is not None})
    return check_settings(TelegramSettings(**values))
