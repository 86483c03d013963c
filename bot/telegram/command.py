"""`newsbot bot`: its flags, and starting the bot (settings checked first, index and model loaded once)."""

from __future__ import annotations

import argparse
import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigError, NewsbotError

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.telegram.settings import TelegramSettings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def add_bot_flags(parser: argparse.ArgumentParser) -> None:
    """Flags of `newsbot bot` (imports nothing heavy: the parser is built for every command)."""
    parser.add_argument("--api-url", help="Bot API server (default https://api.telegram.org, env TELEGRAM_API_URL)")
    parser.add_argument("--webhook-url", help="public https URL: serve a webhook instead of polling")
    parser.add_argument("--listen", help="webhook listen address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="webhook listen port (default 8443)")
    parser.add_argument(
        "--allowed-chats", help="comma-separated user/chat ids that may use the bot (env NEWSBOT_ALLOWED_CHATS)"
    )
    parser.add_argument("--send-rate", type=float, help="outgoing messages per second over all chats (default 30)")
    parser.add_argument("--verbose", action="store_true", help="debug logging (includes message texts)")


def load_bot_settings(args: argparse.Namespace) -> TelegramSettings:
    """Telegram settings from file, environment and flags; a bad token fails here, before any network call."""
    from bot.telegram.settings import load_telegram_settings

    flags = {
        "api_url": args.api_url,
        "webhook_url": args.webhook_url,
        "listen": args.listen,
        "port": args.port,
        "allowed_chats": args.allowed_chats,
        "send_rate": args.send_rate,
    }
    return load_telegram_settings(flags, config_path=Path(args.config) if args.config else None)


def serve(engine: Engine, settings: TelegramSettings, *, verbose: bool = False) -> int:
    """Loads the model, builds the Application and runs it until SIGINT/SIGTERM."""
    from bot.telegram.app import build_application, run_bot
    from bot.telegram.phrases import EXAMPLE_QUESTIONS

    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=LOG_FORMAT)
    if not verbose:
        for handler in logging.getLogger().handlers:
            handler.addFilter(without_startup_traceback)
    log = logging.getLogger("newsbot.telegram")
    engine.ask(EXAMPLE_QUESTIONS[0])  # loads the index and the model once, before the first chat waits on it
    application = build_application(engine, settings)
    who = f"{len(settings.allowed_chats.ids)} allowed ids" if settings.allowed_chats.restricted else "everyone"
    mode = f"webhook {settings.webhook_url}" if settings.webhook_url else "polling"
    log.info("newsbot bot starting: %s via %s, answering %s", mode, settings.api_url, who)
    with startup_errors(settings):
        run_bot(application, settings)
    log.info("newsbot bot stopped")
    return 0


def without_startup_traceback(record: logging.LogRecord) -> bool:
    """python-telegram-bot logs a failed start with its traceback; `startup_errors` says it in one line after."""
    if record.name.startswith("telegram.ext") and "Aborting" in record.getMessage():
        record.exc_info = None
        record.exc_text = None
    return True


@contextlib.contextmanager
def startup_errors(settings: TelegramSettings) -> Iterator[None]:
    """What stops the bot before it serves anyone, said in one line: a token Telegram refuses, a Bot API server
    that cannot be reached, a webhook address that cannot be listened on (later failures are retried)."""
    from telegram.error import InvalidToken, NetworkError

    try:
        yield
    except InvalidToken:
        raise ConfigError(
            "the Bot API refused the bot token (401 Unauthorized): it was revoked or mistyped",
            "copy the current token from @BotFather (/mybots → API Token) into TELEGRAM_BOT_TOKEN",
        ) from None
    except NetworkError as exc:
        raise NewsbotError(
            f"cannot reach the Telegram Bot API at {settings.api_url} ({exc.message})",
            "check the network (and any proxy), or point --api-url / TELEGRAM_API_URL at a Bot API server",
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"cannot listen for the webhook on {settings.listen}:{settings.port} ({exc.strerror or exc})",
            "give --listen an address of this machine (e.g. 0.0.0.0) and a free --port",
        ) from None
