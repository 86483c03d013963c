"""The Telegram bot's parts without a server: settings and token, allowlist, limits, callback data, ordering, logs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from telegram import Chat, Message, MessageEntity, Update, User

from bot.telegram.access import Allowlist
from bot.telegram.callbacks import Action, Callback
from bot.telegram.handlers import addressed_text, command_argument
from bot.telegram.limits import UserRateLimiter, visible_length
from bot.telegram.maths_threads import OneMathsThread
from bot.telegram.ordering import PerChatUpdateProcessor, conversation_key
from bot.telegram.redact import REDACTED, redact_secret
from bot.telegram.settings import TelegramSettings, check_token, load_telegram_settings
from index.errors import ConfigError
from index.textnorm import shorten

TOKEN = "123456789:AAH3kPq_example-secret-part-0123456789"
BOT = User(42, "newsbot", is_bot=True, username="newsbot_test_bot")
READER = User(7, "Reader", is_bot=False)


def settings_from(environ: dict[str, str], tmp_path: Path, toml: str = "", **flags: object) -> TelegramSettings:
    config = tmp_path / "newsbot.toml"
    config.write_text(toml, encoding="utf-8")
    config.chmod(0o600)  # a newsbot.toml holding the token must be private (tests/test_hardening_secrets.py)
    return load_telegram_settings(flags, environ=environ, config_path=config)


# ---------------------------------------------------------------------------------------------------- settings


def test_missing_token_is_a_config_error_with_a_botfather_hint(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from({}, tmp_path)
    assert "TELEGRAM_BOT_TOKEN is not set" in caught.value.message and "@BotFather" in caught.value.hint


@pytest.mark.parametrize("token", ["hello", "123456789:short", "abc:AAH3kPq_example-secret-part-0123456789", "1:2:3"])
def test_malformed_token_is_refused_without_echoing_the_secret(tmp_path: Path, token: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from({"TELEGRAM_BOT_TOKEN": token}, tmp_path)
    assert "does not look like a bot token" in caught.value.message
    assert f"{len(token)} characters" in caught.value.message
    assert token.partition(":")[2] not in str(caught.value) or not token.partition(":")[2]


def test_token_is_stripped_and_kept_out_of_repr() -> None:
    assert check_token(f"  {TOKEN}\n") == TOKEN
    assert TOKEN not in repr(TelegramSettings(token=TOKEN))


def test_sources_in_order_file_then_environment_then_flags(tmp_path: Path) -> None:
    toml = (
        '[telegram]\ntoken = "111:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"\n'
        "questions_per_minute = 5\nallowed_chats = [1, -2]\n"
    )
    from_file = settings_from({}, tmp_path, toml)
    assert from_file.token.startswith("111:") and from_file.questions_per_minute == 5
    assert from_file.allowed_chats == Allowlist(frozenset({1, -2}))
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "NEWSBOT_QUESTIONS_PER_MINUTE": "9", "NEWSBOT_ALLOWED_CHATS": "3"}
    from_env = settings_from(env, tmp_path, toml)
    assert (from_env.token, from_env.questions_per_minute, from_env.allowed_chats.ids) == (TOKEN, 9, frozenset({3}))
    flagged = settings_from(env, tmp_path, toml, allowed_chats="4,5", api_url="http://127.0.0.1:8081")
    assert flagged.allowed_chats.ids == frozenset({4, 5}) and flagged.base_url == "http://127.0.0.1:8081/bot"


@pytest.mark.parametrize(
    ("api_url", "base_url", "file_url"),
    [
        ("https://api.telegram.org", "https://api.telegram.org/bot", "https://api.telegram.org/file/bot"),
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("http://proxy.local/tg", "http://proxy.local/tg/bot", "http://proxy.local/tg/file/bot"),
    ],
)
def test_api_url_becomes_the_base_url_python_telegram_bot_appends_the_token_to(
    tmp_path: Path, api_url: str, base_url: str, file_url: str
) -> None:
    settings = settings_from({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url}, tmp_path)
    assert (settings.base_url, settings.base_file_url) == (base_url, file_url)


@pytest.mark.parametrize(
    ("environ", "flags", "named"),
    [
        ({"TELEGRAM_API_URL": "ftp://example.org"}, {}, "'ftp://example.org' is not an http(s) URL"),
        ({"NEWSBOT_QUESTIONS_PER_MINUTE": "lots"}, {}, "questions_per_minute = 'lots'"),
        ({"NEWSBOT_QUESTIONS_PER_MINUTE": "0"}, {}, "questions_per_minute = 0"),
        ({"NEWSBOT_ALLOWED_CHATS": "12, @friend"}, {}, "'@friend' is not a Telegram user or chat id"),
        ({}, {"webhook_url": "http://example.org/hook"}, "'http://example.org/hook' is not https"),
        ({}, {"port": 70000}, "port = 70000"),
        ({}, {"typing_delay": -1}, "typing_delay = -1"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, environ: dict[str, str], flags: dict[str, object], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_from({"TELEGRAM_BOT_TOKEN": TOKEN} | environ, tmp_path, **flags)
    assert named in caught.value.message and caught.value.hint


def test_unknown_setting_in_the_telegram_table_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown \\[telegram\\] setting 'tokn'"):
        settings_from({}, tmp_path, '[telegram]\ntokn = "x"\n')


# ---------------------------------------------------------------------------------------------------- access, limits


def test_allowlist_lets_listed_users_anywhere_and_listed_chats_for_everyone() -> None:
    allow = Allowlist.parse(" 7, -100123 ;8")
    assert allow.ids == frozenset({7, 8, -100123}) and allow.restricted
    assert allow.allows(7, 99) and allow.allows(99, -100123)
    assert not allow.allows(99, 99) and not allow.allows(None, None)
    assert Allowlist.parse("").allows(1, 1) and not Allowlist.parse(" ").restricted


def test_rate_limiter_is_a_sliding_window_that_warns_once() -> None:
    now = [0.0]
    limiter = UserRateLimiter(2, period=60, clock=lambda: now[0])
    assert [limiter.wait_seconds(7) for _ in range(2)] == [0, 0]
    now[0] = 10.0
    assert limiter.wait_seconds(7) == 50 and limiter.wait_seconds(8) == 0
    assert limiter.should_warn(7, 50) and not limiter.should_warn(7, 50)
    now[0] = 60.0
    assert [limiter.wait_seconds(7) for _ in range(3)] == [0, 0, 60]


def test_visible_length_counts_utf16_after_tags_and_entities() -> None:
    assert visible_length("<b>a &amp; b</b> 😀") == len("a & b ") + 2
    assert shorten("one two three four", 10) == "one two…" and shorten("short", 10) == "short"


# ---------------------------------------------------------------------------------------------------- callbacks


@pytest.mark.parametrize(
    "callback",
    [
        Callback(Action.MORE, "12"),
        Callback(Action.SOURCES),
        Callback(Action.ARTICLE, "002_4f06e7c685bc3fd5"),
        Callback(Action.CONTEXT, "002_4f06e7c685bc3fd5:010"),
        Callback(Action.EXAMPLE, "2"),
    ],
)
def test_callback_data_round_trips_within_64_bytes(callback: Callback) -> None:
    data = callback.encode()
    assert data is not None and len(data.encode()) <= 64 and Callback.parse(data) == callback


@pytest.mark.parametrize(
    "data", ["", "more", "more:x", "art:", "art:../etc", "ctx:a b", "ex:123", "zzz:1", "src:" + "a", "art:" + "a" * 61]
)
def test_forged_callback_data_is_rejected(data: str) -> None:
    assert Callback.parse(data) is None


def test_ids_too_long_for_callback_data_get_no_button() -> None:
    assert Callback(Action.ARTICLE, "a" * 57).encode() is None
    assert Callback(Action.CONTEXT, "bad id").encode() is None


# ---------------------------------------------------------------------------------------------------- messages


def group_message(text: str, *, entities: tuple[MessageEntity, ...] = (), reply_to: Message | None = None) -> Message:
    chat = Chat(-100, Chat.GROUP)
    return Message(1, None, chat, from_user=READER, text=text, entities=entities, reply_to_message=reply_to)


def test_group_text_addressed_by_mention_or_reply_only() -> None:
    mention = MessageEntity(MessageEntity.MENTION, 4, 17)
    asked = group_message("hey @newsbot_test_bot who won?", entities=(mention,))
    assert addressed_text(asked, "newsbot_test_bot", BOT.id) == "hey who won?"
    other = group_message("hey @someone_else_bot who won?", entities=(MessageEntity(MessageEntity.MENTION, 4, 18),))
    assert addressed_text(other, "newsbot_test_bot", BOT.id) is None
    bot_message = Message(5, None, Chat(-100, Chat.GROUP), from_user=BOT, text="1. …")
    reply = group_message("and the US?", reply_to=bot_message)
    assert addressed_text(reply, "newsbot_test_bot", BOT.id) == "and the US?"
    assert addressed_text(group_message("just chatting"), "newsbot_test_bot", BOT.id) is None


def test_mention_offsets_are_utf16() -> None:
    text = "😀 @newsbot_test_bot what happened?"
    message = group_message(text, entities=(MessageEntity(MessageEntity.MENTION, 3, 17),))
    assert addressed_text(message, "newsbot_test_bot", BOT.id) == "😀 what happened?"


def test_command_argument_keeps_the_question_as_typed() -> None:
    chat = Chat(7, Chat.PRIVATE)
    assert command_argument(Message(1, None, chat, text="/ask@newsbot_test_bot  Who  won?")) == "Who  won?"
    assert command_argument(Message(1, None, chat, text="/ask   ")) == ""


# ---------------------------------------------------------------------------------------------------- ordering


def update_in_chat(update_id: int, chat_id: int) -> Update:
    return Update(update_id, message=Message(update_id, None, Chat(chat_id, Chat.PRIVATE), text="q"))


def test_updates_of_one_chat_run_in_order_and_chats_run_concurrently() -> None:
    log: list[tuple[str, int]] = []

    async def handle(update: Update, delay: float) -> None:
        log.append(("start", update.update_id))
        await asyncio.sleep(delay)
        log.append(("end", update.update_id))

    async def main() -> None:
        processor = PerChatUpdateProcessor(16)
        updates = [(update_in_chat(1, 5), 0.05), (update_in_chat(2, 6), 0.0), (update_in_chat(3, 5), 0.0)]
        await asyncio.gather(*(processor.process_update(u, handle(u, d)) for u, d in updates))
        assert processor._locks == {}

    asyncio.run(main())
    assert log.index(("end", 1)) < log.index(("start", 3))  # same chat: strictly one after the other
    assert log.index(("end", 2)) < log.index(("end", 1))  # another chat did not wait


def test_conversation_key_of_inline_queries_is_the_user() -> None:
    from telegram import InlineQuery

    inline = Update(1, inline_query=InlineQuery("q1", READER, "query", ""))
    assert conversation_key(inline) == ("user", 7) and conversation_key(update_in_chat(2, 5)) == ("chat", 5)
    assert conversation_key("not an update") is None


# ---------------------------------------------------------------------------------------------------- logs


def test_token_is_redacted_from_every_log_record(caplog: pytest.LogCaptureFixture) -> None:
    redact_secret(TOKEN)
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger("newsbot.test")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"failed for url https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        log.exception("request failed")
    assert caplog.records[0].getMessage() == f"calling https://api.telegram.org/bot{REDACTED}/getMe"
    assert TOKEN not in caplog.text and REDACTED in caplog.records[1].exc_text
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


def test_one_newsbot_toml_serves_retrieval_and_telegram_settings(tmp_path: Path) -> None:
    from bot.config import load_settings

    config = tmp_path / "newsbot.toml"
    config.write_text(f'k = 4\n\n[telegram]\ntoken = "{TOKEN}"\n', encoding="utf-8")
    config.chmod(0o600)
    assert load_settings(environ={}, config_path=config).k == 4
    assert load_telegram_settings(environ={}, config_path=config).token == TOKEN
    config.write_text(f'[newsbot]\nk = 5\n\n[telegram]\ntoken = "{TOKEN}"\n', encoding="utf-8")
    assert load_settings(environ={}, config_path=config).k == 5
    assert load_telegram_settings(environ={}, config_path=config).token == TOKEN


# ---------------------------------------------------------------------------------------------------- maths threads


def test_one_maths_thread_while_the_bot_runs_then_as_before() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    import numpy  # noqa: F401  (its BLAS must be loaded to be limited)

    def blas_threads() -> list[int]:
        return [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    limit = OneMathsThread()
    assert blas_threads() and set(blas_threads()) == {1}
    limit.restore()
    limit.restore()  # a second restore changes nothing
    assert blas_threads() == before
