"""Secrets and access: the token never reaches a log or an error; allowlist and per-user rate limit hold."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.engine import Engine
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.settings import load_telegram_settings
from tests.fake_bot_api import FakeBotAPI

pytestmark = pytest.mark.slow  # the tiny index is built with the embedding model
REPO = Path(__file__).resolve().parent.parent
TOKEN = "7412365890:AAHardeningSecretToken_do-not-leak-42xyz"
SECRET = TOKEN.split(":", 1)[1]
QUESTION = "How much did the bridge cost?"


def start_bot(fake: FakeBotAPI, index: Path, log: Path, heartbeat: Path) -> subprocess.Popen[bytes]:
    """The shipped `newsbot bot --verbose` (DEBUG logging), stdout and stderr into one file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env |= {"TELEGRAM_BOT_TOKEN": TOKEN, "HF_HUB_OFFLINE": "1", "NEWSBOT_HEARTBEAT_FILE": str(heartbeat)}
    command = [sys.executable, "-m", "bot.cli", "bot", "--verbose", "--api-url", f"http://127.0.0.1:{fake.port}"]
    with log.open("wb") as handle:
        return subprocess.Popen(
            [*command, "--index-dir", str(index)], env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=REPO
        )


def garbage_message(params: dict[str, Any]) -> dict[str, Any]:
    """A sendMessage result python-telegram-bot cannot parse: the handler fails with an exception."""
    return {"not": "a message", "echo": f"/bot{TOKEN}/sendMessage"}


async def failures(fake: FakeBotAPI, bot: subprocess.Popen[bytes], index: Path, heartbeat: Path) -> None:
    await fake.wait_for(lambda: fake.my_commands or bot.poll() is not None, timeout=120)
    assert bot.poll() is None, "newsbot bot exited early"
    await fake.wait_for(heartbeat.is_file, timeout=10)
    health = [sys.executable, "-m", "bot.cli", "health", "--index-dir", str(index), "--heartbeat", str(heartbeat)]
    assert subprocess.run(health, cwd=REPO, capture_output=True, check=False).returncode == 0
    fake.set_fault_rate("sendMessage", 0.5, kinds=("429", "500", "drop"), seed=6)
    fake.fail_next("getUpdates", 500)
    fake.fail_next("getUpdates", mode="drop")
    fake.fail_next("sendChatAction", 500, count=3)
    for chat in range(3001, 3006):
        fake.inject_message(chat, QUESTION)
    for chat in range(3001, 3006):
        await fake.wait_for_messages(chat, 1, timeout=60)
    fake.clear_faults()
    fake.register_method("sendMessage", garbage_message)
    fake.inject_message(3010, QUESTION)
    await fake.wait_for(lambda: any(c.method == "sendMessage" for c in fake.calls[-20:]), timeout=30)
    await asyncio.sleep(1.0)


def test_token_never_appears_in_debug_logs_through_failures(tiny_index: Path, tmp_path: Path) -> None:
    log, heartbeat = tmp_path / "bot.log", tmp_path / "heartbeat"

    async def scenario() -> None:
        async with FakeBotAPI(token=TOKEN) as fake:
            bot = start_bot(fake, tiny_index, log, heartbeat)
            try:
                await failures(fake, bot, tiny_index, heartbeat)
            finally:
                bot.send_signal(signal.SIGTERM)
                await asyncio.to_thread(bot.wait, 60)

    asyncio.run(scenario())
    output = log.read_text(encoding="utf-8", errors="replace")
    assert " DEBUG " in output and "handling update" in output  # DEBUG was on and the handler failure logged
    assert "Traceback" in output  # the failure's details were logged at DEBUG, redacted
    assert SECRET not in output and TOKEN not in output
    assert "<bot token>" in output or "/bot" not in output


def test_token_file_must_be_private(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    token_file.chmod(0o644)
    env = {"TELEGRAM_BOT_TOKEN_FILE": str(token_file)}
    config = tmp_path / "newsbot.toml"
    config.write_text("", encoding="utf-8")
    from index.errors import ConfigError

    with pytest.raises(ConfigError) as refused:
        load_telegram_settings(environ=env, config_path=config)
    assert str(refused.value) == (
        f"{token_file}: the token file can be read by other users (mode 0644)\n"
        f"  → run `chmod 600 {token_file}` (and keep it owned by the user running the bot)"
    )
    assert SECRET not in str(refused.value)
    token_file.chmod(0o600)
    assert load_telegram_settings(environ=env, config_path=config).token == TOKEN


def test_token_in_a_readable_config_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "newsbot.toml"
    config.write_text(f'[telegram]\ntoken = "{TOKEN}"\n', encoding="utf-8")
    config.chmod(0o640)
    from index.errors import ConfigError

    with pytest.raises(ConfigError) as refused:
        load_telegram_settings(environ={}, config_path=config)
    assert str(refused.value) == (
        f"{config}: holds the bot token but can be read by other users (mode 0640)\n"
        f"  → run `chmod 600 {config}`, or give the token in TELEGRAM_BOT_TOKEN instead"
    )
    config.chmod(0o600)
    assert load_telegram_settings(environ={}, config_path=config).token == TOKEN


# ---------------------------------------------------------------------------------------------- in process


@contextlib.asynccontextmanager
async def running_bot(engine: Engine, config: Path, environ: dict[str, str]) -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN) as fake:
        env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": f"http://127.0.0.1:{fake.port}"} | environ
        application: Application = build_application(engine, load_telegram_settings(environ=env, config_path=config))
        await application.initialize()
        await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await application.start()
        try:
            yield fake
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()
            await application.post_shutdown(application)


@pytest.fixture
def engine(tiny_index: Path) -> Engine:
    return Engine(Settings(index_dir=tiny_index))


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newsbot.toml"
    path.write_text("[telegram]\ntyping_delay = 0\n", encoding="utf-8")  # "typing…" for every question
    return path


ALLOWED, STRANGER = 4001, 4002


def test_allowlist_covers_messages_callbacks_and_inline_queries(engine: Engine, config: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with running_bot(engine, config, {"NEWSBOT_ALLOWED_CHATS": str(ALLOWED)}) as fake:
            fake.inject_message(ALLOWED, QUESTION)
            [answer] = await fake.wait_for_messages(ALLOWED, 1, timeout=30)
            buttons = {b["text"]: b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row}
            fake.inject_message(STRANGER, QUESTION)
            [refusal] = await fake.wait_for_messages(STRANGER, 1, timeout=30)
            fake.inject_callback(STRANGER, refusal["message_id"], buttons["Sources"], check_button=False)
            fake.inject_inline_query(STRANGER, "bridge cost")
            fake.inject_inline_query(ALLOWED, "bridge cost")
            await fake.wait_for(lambda: len(fake.inline_answers) == 2 and fake.answered_callbacks, timeout=30)
            await asyncio.sleep(0.5)
            assert refusal["text"].startswith("Sorry, this newsbot is private")
            assert len(fake.sent_messages(STRANGER)) == 1  # the button press got no content
            assert fake.answered_callbacks[0]["text"] in (None, refusal["text"])  # refused: said once already
            answers = {a["inline_query_id"]: a["results"] for a in fake.inline_answers}
            assert sorted(len(results) > 0 for results in answers.values()) == [False, True]
            assert [a["chat_id"] for a in fake.chat_actions] == [ALLOWED]

    asyncio.run(scenario())


def test_a_burst_of_1000_from_one_user_leaves_others_served(engine: Engine, config: Path) -> None:
    flooder, others = 5000, [5001, 5002, 5003]

    async def scenario() -> None:
        async with running_bot(engine, config, {"NEWSBOT_QUESTIONS_PER_MINUTE": "5"}) as fake:
            started = time.monotonic()
            for _ in range(1000):
                fake.inject_message(flooder, QUESTION)
            for chat in others:
                fake.inject_message(chat, QUESTION)
            for chat in others:
                await fake.wait_for_messages(chat, 1, timeout=60)
            served = time.monotonic() - started
            await fake.wait_for(lambda: not fake.pending_updates, timeout=120)
            await asyncio.sleep(1.0)
            flood_replies = [m["text"] for m in fake.sent_messages(flooder)]
            assert len(flood_replies) == 6, flood_replies[-2:]  # 5 answers and one "please wait"
            assert flood_replies[5].startswith("You're asking quickly: please wait")
            assert all("Harbour City" in fake.sent_messages(chat)[0]["text"] for chat in others)
            assert served < 60

    asyncio.run(scenario())
