"""The Application factory: handlers, per-chat ordering, flood-control retries, error handler, run modes."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
import secrets
import signal
import sys
import traceback
from collections.abc import Sequence
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.engine import Engine
from bot.health import beat_forever, heartbeat_path
from bot.telegram import phrases
from bot.telegram.handlers import ChatState, Context, Handlers
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.redact import redact_secret
from bot.telegram.retry import RetryingRateLimiter
from bot.telegram.settings import TelegramSettings
from index.errors import NewsbotError

LOG = logging.getLogger("newsbot.telegram")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
GROUP_LIMIT_PER_MINUTE = 20
# Bot API connections kept open. httpcore checks every pooled connection on each request, so a large pool costs
# event-loop time on every call; requests waiting for a free connection wait up to POOL_TIMEOUT, then fail.
CONNECTION_POOL_SIZE = 8
POOL_TIMEOUT = 10.0


def build_application(
    engine: Engine, settings: TelegramSettings, examples: Sequence[str] = phrases.EXAMPLE_QUESTIONS
) -> Application:
    """An Application talking to settings.api_url, with every handler registered; nothing is sent yet."""
    redact_secret(settings.token)
    skip_missing_sniffio()
    # Opt in to python-telegram-bot's v23 time periods (we read none): no deprecation warning on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    handlers = Handlers(engine, settings, examples[:10])
    limiter = RetryingRateLimiter(
        overall_max_rate=settings.send_rate,
        group_max_rate=GROUP_LIMIT_PER_MINUTE,
        group_time_period=60,
        max_retries=settings.send_retries,
    )

    heartbeat: list[asyncio.Task[None]] = []

    async def post_init(application: Application) -> None:
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in phrases.COMMANDS])
        heartbeat.append(asyncio.create_task(beat_forever(heartbeat_path()), name="newsbot heartbeat"))

    async def post_shutdown(application: Application) -> None:
        for task in heartbeat:
            task.cancel()
        handlers.close()

    application = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .context_types(ContextTypes(chat_data=ChatState))
        .concurrent_updates(PerChatUpdateProcessor())
        .rate_limiter(limiter)
        .connection_pool_size(CONNECTION_POOL_SIZE)
        .pool_timeout(POOL_TIMEOUT)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    register(application, handlers)
    return application


def skip_missing_sniffio() -> None:
    """httpcore runs `import sniffio` on every request and falls back to asyncio when it is not installed; each
    failed import searches sys.path again (a sixth of the event loop's time under load). A None entry in
    sys.modules makes that import fail at once, with the same ImportError and the same fallback."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


def register(application: Application, handlers: Handlers) -> None:
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(TypeHandler(Update, handlers.touch), group=-1)
    commands = {
        "start": handlers.start,
        "help": handlers.help,
        "ask": handlers.ask,
        "more": handlers.more,
        "sources": handlers.sources,
        "source": handlers.source,
        "new": handlers.new,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=new_messages))
    text = filters.TEXT & ~filters.COMMAND & new_messages
    application.add_handler(MessageHandler(private & text, handlers.private_text))
    application.add_handler(MessageHandler(groups & text, handlers.group_text))
    application.add_handler(MessageHandler(private & filters.COMMAND & new_messages, handlers.unknown_command))
    non_text = private & new_messages & ~filters.TEXT & ~filters.StatusUpdate.ALL
    application.add_handler(MessageHandler(non_text, handlers.non_text))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(on_error)


async def on_error(update: object, context: Context) -> None:
    """Logs the failure (exception type and place; details only at DEBUG) and tells the user."""
    error = context.error
    chat = update.effective_chat if isinstance(update, Update) else None
    LOG.error(
        "handling update %s in chat %s failed: %s",
        update.update_id if isinstance(update, Update) else "-",
        chat.id if chat else "-",
        describe_error(error),
    )
    if error is not None:
        LOG.debug("details", exc_info=error)
    if not isinstance(update, Update) or isinstance(error, NewsbotError):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(phrases.FAILURE)
        elif chat is not None and update.effective_message is not None:
            quote = chat.type != ChatType.PRIVATE
            await update.effective_message.reply_html(phrases.FAILURE, do_quote=quote)
    except TelegramError as exc:
        LOG.warning("could not tell chat %s about the failure: %s", chat.id if chat else "-", type(exc).__name__)


def describe_error(error: BaseException | None) -> str:
    """Exception type and innermost place; Telegram's own description, never other exception text."""
    if error is None:
        return "unknown error"
    where = ""
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
    detail = f" ({error.message})" if isinstance(error, TelegramError) else ""
    return f"{type(error).__name__}{detail}{where}"


def run_bot(application: Application, settings: TelegramSettings) -> None:
    """Polls (or serves the webhook) until SIGINT/SIGTERM, then finishes in-flight updates and shuts down."""
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    timeout = settings.poll_timeout
    if not settings.webhook_url:
        application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=timeout, stop_signals=stop_signals)
        return
    public = settings.webhook_url.rstrip("/")
    path = "/".join(filter(None, (urlsplit(public).path.strip("/"), secrets.token_urlsafe(16))))
    application.run_webhook(
        listen=settings.listen,
        port=settings.port,
        url_path=path,
        webhook_url=f"{public}/{path.rsplit('/', 1)[-1]}",
        secret_token=secrets.token_urlsafe(32),
        allowed_updates=ALLOWED_UPDATES,
        stop_signals=stop_signals,
    )
