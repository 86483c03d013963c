"""Keeps the bot token out of every log record (libraries log request URLs, which contain it)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

REDACTED = "<bot token>"
_secrets: set[str] = set()
_installed: list[Callable[..., logging.LogRecord]] = []
# httpx logs every request URL (https://…/bot<token>/method) at INFO; keep it to warnings.
QUIET_LOGGERS = ("httpx", "httpcore")


def redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def redact_secret(secret: str) -> None:
    """From now on, `secret` is replaced in the message and traceback of every log record this process makes."""
    if len(secret) >= 8:
        _secrets.add(secret)
    if not _installed:
        _installed.append(logging.getLogRecordFactory())
        logging.setLogRecordFactory(_redacting_factory)
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _installed[0](*args, **kwargs)
    if not _secrets:
        return record
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a malformed call; logging reports it when the record is emitted
        return record
    if any(secret in message for secret in _secrets):
        record.msg, record.args = redact(message), ()
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    return record
