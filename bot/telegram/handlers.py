"""Thin async handlers: check access and rate, run the Engine off the event loop, send rendered HTML."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, InlineQueryResultsButton, Message, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext, ExtBot

from bot.answer import Answer
from bot.conversation import Conversation
from bot.engine import Engine
from bot.messages import numbered, split_questions
from bot.render.telegram_html import render_answer_html, render_article_html, render_context_html, render_sources_html
from bot.telegram import phrases
from bot.telegram.callbacks import Action, Callback
from bot.telegram.inline import CACHE_SECONDS, MAX_INLINE_PASSAGES, inline_results
from bot.telegram.keyboards import answer_keyboard, examples_keyboard, sources_keyboard
from bot.telegram.limits import UserRateLimiter
from bot.telegram.maths_threads import OneMathsThread
from bot.telegram.settings import TelegramSettings
from index.errors import NewsbotError

LOG = logging.getLogger("newsbot.telegram")
TYPING_REFRESH_SECONDS = 4.5
PRUNE_EVERY_UPDATES = 1000
T = TypeVar("T")


@dataclass
class ChatState:
    """What the bot remembers per chat (PTB chat_data): the conversation and which question is current."""

    conversation: Conversation = field(default_factory=Conversation)
    question_serial: int = 0
    last_active: float = field(default_factory=time.monotonic)


Context = CallbackContext[ExtBot[None], dict[Any, Any], ChatState, dict[Any, Any]]


class Handlers:
    """The bot's handlers over one Engine; retrieval runs in a thread pool so no chat waits on another."""

    def __init__(self, engine: Engine, settings: TelegramSettings, examples: Sequence[str]) -> None:
        self.engine = engine
        self.settings = settings
        self.examples = tuple(examples)
        self.executor = ThreadPoolExecutor(settings.retrieval_threads, thread_name_prefix="newsbot-retrieval")
        self.maths_threads = OneMathsThread()
        self.questions = UserRateLimiter(settings.questions_per_minute)
        self.inline_queries = UserRateLimiter(settings.inline_queries_per_minute)
        self.refusals = UserRateLimiter(1)
        self.updates_seen = 0
        # A chat's state is dropped once its conversation would have expired anyway (and then some).
        self.idle_seconds = 2 * Conversation().ttl_seconds

    # ------------------------------------------------------------------ plumbing

    async def touch(self, update: Update, context: Context) -> None:
        """Runs first for every update: marks its chat active and now and then forgets chats idle for long."""
        if update.effective_chat is not None:
            context.chat_data.last_active = time.monotonic()
        self.updates_seen += 1
        if self.updates_seen % PRUNE_EVERY_UPDATES == 0:
            forget_idle_chats(context.application, self.idle_seconds)

    async def retrieve(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Runs an Engine call on the retrieval threads."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, partial(work, *args, **kwargs))

    async def searching(self, bot: ExtBot[None], chat_id: int, work: Callable[..., T], *args: Any) -> T:
        """Runs an Engine call; "typing…" shows once it takes over `typing_delay` s, and is sent before the result.

        Telegram advises a chat action only for replies that take noticeable time: an answer ready sooner is
        sent without one (a Bot API call saved per question).
        """
        result = asyncio.ensure_future(self.retrieve(work, *args))
        try:
            await asyncio.wait((result,), timeout=self.settings.typing_delay)
        except asyncio.CancelledError:
            result.cancel()
            raise
        if result.done():
            return result.result()
        first = asyncio.ensure_future(_typing(bot, chat_id))
        refresh = asyncio.ensure_future(_keep_typing(bot, chat_id))
        try:
            return await result
        finally:
            refresh.cancel()
            with contextlib.suppress(TelegramError, asyncio.CancelledError):
                await first

    def allowed(self, update: Update) -> bool:
        user, chat = update.effective_user, update.effective_chat
        return self.settings.allowed_chats.allows(user.id if user else None, chat.id if chat else None)

    def turned_away(self, update: Update, limiter: UserRateLimiter | None = None) -> str | None:
        """None when the update may be served; else what to tell the user ('' to stay silent)."""
        user_id = update.effective_user.id if update.effective_user else 0
        if not self.allowed(update):
            LOG.info("refused an update from user %s in chat %s", user_id, _chat_id(update))
            return phrases.REFUSAL if self.refusals.wait_seconds(user_id) == 0 else ""
        limiter = limiter or self.questions
        wait = limiter.wait_seconds(user_id)
        if not wait:
            return None
        if not limiter.should_warn(user_id, wait):
            return ""
        LOG.info("user %s is over the question rate limit for %d s", user_id, wait)
        return phrases.slow_down(wait)

    async def admitted(self, update: Update) -> bool:
        """Allowlist and per-user rate limit; a refused or throttled user is told (at most once a while)."""
        refusal = self.turned_away(update)
        if refusal:
            await _tell(update, refusal)
        return refusal is None

    async def welcomed(self, update: Update) -> bool:
        """Allowlist only (no rate limit): for /start, /help and /new, which search nothing."""
        if self.allowed(update):
            return True
        await self.admitted(update)
        return False

    async def send(
        self,
        message: Message | None,
        chat_id: int,
        bot: ExtBot[None],
        parts: Sequence[str],
        keyboard: InlineKeyboardMarkup | None = None,
    ) -> None:
        """Sends the parts in order; the keyboard goes under the last; in groups the first replies to `message`."""
        reply = None
        if message is not None and message.chat.type != ChatType.PRIVATE:
            reply = ReplyParameters(message.message_id, allow_sending_without_reply=True)
        for number, part in enumerate(parts, start=1):
            markup = keyboard if number == len(parts) else None
            await bot.send_message(
                chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup, reply_parameters=reply
            )
            reply = None

    async def send_answer(self, update: Update, context: Context, answer: Answer, last: bool = True) -> None:
        keyboard = answer_keyboard(answer, context.chat_data.question_serial, last)
        await self.send(update.effective_message, _chat_id(update), context.bot, render_answer_html(answer), keyboard)

    # ------------------------------------------------------------------ questions

    async def question(self, update: Update, context: Context, text: str) -> None:
        """One question (or follow-up) of this chat's conversation, answered with cited passages."""
        if not await self.welcomed(update):
            return
        if not text.strip():
            await _tell(update, phrases.EMPTY_QUESTION)
            return
        if not await self.admitted(update):
            return
        state = context.chat_data
        LOG.debug("question in chat %s: %r", _chat_id(update), text)
        questions = split_questions(text)  # "what did macron say? and starmer?": each answered in turn
        for number, question in enumerate(questions, 1):
            try:
                answer = await self.searching(
                    context.bot, _chat_id(update), self.engine.reply, state.conversation, question
                )
            except NewsbotError as exc:
                await _tell(update, phrases.problem(exc.message, exc.hint))
                return
            state.question_serial += 1
            last = number == len(questions)
            await self.send_answer(update, context, numbered(answer, number, len(questions)), last)

    async def private_text(self, update: Update, context: Context) -> None:
        await self.question(update, context, update.effective_message.text or "")

    async def group_text(self, update: Update, context: Context) -> None:
        """In groups: only messages that mention the bot or reply to it are questions."""
        text = addressed_text(update.effective_message, context.bot.username, context.bot.id)
        if text is None:
            return
        if not text.strip() and self.allowed(update):
            await _tell(update, phrases.with_username(phrases.EMPTY_MENTION, context.bot.username))
            return
        await self.question(update, context, text)

    async def ask(self, update: Update, context: Context) -> None:
        await self.question(update, context, command_argument(update.effective_message))

    async def more(self, update: Update, context: Context) -> None:
        if not await self.admitted(update):
            return
        answer = await self.searching(context.bot, _chat_id(update), self.engine.more, context.chat_data.conversation)
        await self.send_answer(update, context, answer)

    # ------------------------------------------------------------------ other commands

    async def start(self, update: Update, context: Context) -> None:
        if not await self.welcomed(update):
            return
        keyboard = examples_keyboard(self.examples)
        await self.send(update.effective_message, _chat_id(update), context.bot, [phrases.WELCOME], keyboard)

    async def help(self, update: Update, context: Context) -> None:
        if not await self.welcomed(update):
            return
        await _tell(update, phrases.with_username(phrases.HELP, context.bot.username))

    async def new(self, update: Update, context: Context) -> None:
        if not await self.welcomed(update):
            return
        context.chat_data.conversation.reset()
        context.chat_data.question_serial += 1
        await _tell(update, phrases.NEW_CONVERSATION)

    async def sources(self, update: Update, context: Context) -> None:
        if not await self.admitted(update):
            return
        await self.send_sources(update, context)

    async def send_sources(self, update: Update, context: Context) -> None:
        listed = await self.retrieve(self.engine.sources)
        parts = render_sources_html(listed) if listed else [phrases.NO_SOURCES]
        await self.send(update.effective_message, _chat_id(update), context.bot, parts, sources_keyboard(len(listed)))

    async def source(self, update: Update, context: Context) -> None:
        """/source N: article N of the /sources list (or an article id) in full."""
        reference = command_argument(update.effective_message)
        if not await self.welcomed(update):
            return
        if not reference:
            await _tell(update, phrases.EMPTY_SOURCE)
            return
        if not await self.admitted(update):
            return
        try:
            view = await self.retrieve(self.engine.article_view, reference)
        except NewsbotError as exc:
            await _tell(update, phrases.problem(exc.message, exc.hint))
            return
        await self.send(update.effective_message, _chat_id(update), context.bot, render_article_html(view))

    async def unknown_command(self, update: Update, context: Context) -> None:
        if self.allowed(update):
            await _tell(update, phrases.UNKNOWN_COMMAND)

    async def non_text(self, update: Update, context: Context) -> None:
        if not await self.admitted(update):
            return
        await _tell(update, phrases.NON_TEXT)

    # ------------------------------------------------------------------ buttons

    async def button(self, update: Update, context: Context) -> None:
        """A press of an inline button; always answered exactly once, politely when stale or forged."""
        query = update.callback_query
        callback = Callback.parse(query.data)
        if callback is None or query.message is None:
            LOG.info("unrecognised button data in chat %s", _chat_id(update))
            await query.answer(phrases.STALE_BUTTON)
            return
        refusal = self.turned_away(update)
        if refusal is not None:
            await query.answer(refusal or None)
            return
        try:
            parts, keyboard = await self.button_reply(update, context, callback)
        except NewsbotError:
            await query.answer(phrases.GONE)
            return
        await query.answer(None if parts else phrases.OLD_MORE)
        await self.send(None, _chat_id(update), context.bot, parts, keyboard)

    async def button_reply(
        self, update: Update, context: Context, callback: Callback
    ) -> tuple[list[str], InlineKeyboardMarkup | None]:
        """The messages a button asks for; no messages for a More under an earlier question."""
        state, bot, chat_id = context.chat_data, context.bot, _chat_id(update)
        if callback.action is Action.MORE:
            if callback.argument != str(state.question_serial) or not state.conversation.can_page():
                return [], None
            answer = await self.searching(bot, chat_id, self.engine.more, state.conversation)
            return render_answer_html(answer), answer_keyboard(answer, state.question_serial)
        if callback.action is Action.SOURCES:
            listed = await self.retrieve(self.engine.sources)
            return (render_sources_html(listed) if listed else [phrases.NO_SOURCES]), sources_keyboard(len(listed))
        if callback.action is Action.ARTICLE:
            return render_article_html(await self.retrieve(self.engine.article_view, callback.argument)), None
        if callback.action is Action.CONTEXT:
            return render_context_html(await self.retrieve(self.engine.passage_context, callback.argument)), None
        return await self.example(update, context, int(callback.argument))

    async def example(
        self, update: Update, context: Context, number: int
    ) -> tuple[list[str], InlineKeyboardMarkup | None]:
        if number >= len(self.examples):
            raise ExampleGoneError(f"example {number} is not offered any more")
        state = context.chat_data
        answer = await self.searching(
            context.bot, _chat_id(update), self.engine.reply, state.conversation, self.examples[number]
        )
        state.question_serial += 1
        return render_answer_html(answer), answer_keyboard(answer, state.question_serial)

    # ------------------------------------------------------------------ inline mode

    async def inline_query(self, update: Update, context: Context) -> None:
        """`@bot question` anywhere: up to 10 passages; nothing for strangers, empty or unanswered queries."""
        query = update.inline_query
        text = query.query.strip()
        if not text or self.turned_away(update, self.inline_queries) is not None:
            button = InlineQueryResultsButton("Ask newsbot a question", start_parameter="inline")
            await query.answer([], cache_time=0, is_personal=True, button=button)
            return
        try:
            answer = await self.retrieve(self.engine.ask, text, k=MAX_INLINE_PASSAGES)
        except NewsbotError:
            await query.answer([], cache_time=0, is_personal=True)
            return
        results = inline_results(answer)
        button = None if results else InlineQueryResultsButton("No answer in the articles", start_parameter="inline")
        await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True, button=button)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.maths_threads.restore()


def forget_idle_chats(application: Application, idle_seconds: float) -> int:
    """Drops the chat_data of chats idle for `idle_seconds` (their conversation has expired); returns how many."""
    now = time.monotonic()
    idle = [chat_id for chat_id, state in application.chat_data.items() if now - state.last_active > idle_seconds]
    for chat_id in idle:
        application.drop_chat_data(chat_id)
    if idle:
        LOG.info("forgot %d idle chats", len(idle))
    return len(idle)


class ExampleGoneError(NewsbotError):
    """An example-question button from an older version of the welcome message."""


def addressed_text(message: Message | None, username: str, bot_id: int) -> str | None:
    """The question of a group message addressed to the bot (mention removed), or None if not addressed."""
    if message is None or message.text is None:
        return None
    text = message.text
    mention = f"@{username}".lower()
    mentions = [
        entity
        for entity in message.entities
        if entity.type == MessageEntityType.MENTION and message.parse_entity(entity).lower() == mention
    ]
    replied = message.reply_to_message
    if not mentions and (replied is None or replied.from_user is None or replied.from_user.id != bot_id):
        return None
    for entity in sorted(mentions, key=lambda e: e.offset, reverse=True):
        start, end = _python_span(text, entity.offset, entity.length)
        text = text[:start] + text[end:]
    return " ".join(text.split())


def _python_span(text: str, offset: int, length: int) -> tuple[int, int]:
    """Telegram's UTF-16 entity offsets as Python string indices."""
    encoded = text.encode("utf-16-le")
    start = len(encoded[: offset * 2].decode("utf-16-le"))
    return start, start + len(encoded[offset * 2 : (offset + length) * 2].decode("utf-16-le"))


def command_argument(message: Message | None) -> str:
    """The text after '/command' (or '/command@bot'), as typed."""
    if message is None or not message.text:
        return ""
    return message.text.partition(" ")[2].strip() if " " in message.text.strip() else ""


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    return chat.id if chat else 0


async def _tell(update: Update, text: str) -> None:
    """A short HTML reply in the update's chat (quoting the message in groups)."""
    message = update.effective_message
    if message is not None:
        await message.reply_html(text, do_quote=message.chat.type != ChatType.PRIVATE)


async def _typing(bot: ExtBot[None], chat_id: int) -> None:
    await bot.send_chat_action(chat_id, ChatAction.TYPING)


async def _keep_typing(bot: ExtBot[None], chat_id: int) -> None:
    """Renews "typing…" (Telegram shows it for 5 s) for as long as a search runs."""
    while True:
        await asyncio.sleep(TYPING_REFRESH_SECONDS)
        with contextlib.suppress(TelegramError):
            await _typing(bot, chat_id)
