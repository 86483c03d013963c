"""`newsbot bot` as shipped: settings errors before any network call, and a real process against the fake server."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram.error import InvalidToken, NetworkError

from bot.cli import main
from bot.telegram.command import startup_errors
from bot.telegram.settings import TelegramSettings
from index.errors import ConfigError, NewsbotError
from tests.conftest import REPO
from tests.fake_bot_api import FakeBotAPI

pytestmark = pytest.mark.usefixtures("chdir_tmp")


def test_missing_token_fails_before_loading_or_connecting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    assert main(["bot", "--index-dir", str(tmp_path / "index")]) == 2
    err = capsys.readouterr().err
    assert "error: no Telegram bot token: TELEGRAM_BOT_TOKEN is not set" in err and "@BotFather" in err
    assert not (tmp_path / "index").exists()


def test_malformed_token_is_reported_without_the_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12345:my-secret-but-too-short")
    assert main(["bot"]) == 2
    err = capsys.readouterr().err
    assert "does not look like a bot token (29 characters, bot id '12345')" in err
    assert "my-secret" not in err


def test_bad_api_url_and_allowlist_flags_are_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456789:AAH3kPq_example-secret-part-0123456789")
    assert main(["bot", "--api-url", "localhost:8081"]) == 2
    assert "'localhost:8081' is not an http(s) URL" in capsys.readouterr().err
    assert main(["bot", "--allowed-chats", "12,me"]) == 2
    assert "'me' is not a Telegram user or chat id" in capsys.readouterr().err
    assert main(["bot", "--send-rate", "0"]) == 2
    err = capsys.readouterr().err
    assert "invalid Telegram setting: send_rate = 0.0" in err and "send_retries" not in err


@dataclass
class BotRun:
    """The shipped `newsbot bot` process and, once it has stopped, what it wrote to stderr."""

    process: subprocess.Popen[str]
    stderr: str = ""


@contextlib.contextmanager
def shipped_bot(fake: FakeBotAPI, index_dir: Path, *flags: str) -> Iterator[BotRun]:
    """Run `newsbot bot` against the fake; stop it with SIGTERM after the block (kill it if the block fails)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env |= {"TELEGRAM_BOT_TOKEN": fake.token, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "bot.cli", "bot", "--api-url", f"http://127.0.0.1:{fake.port}"]
    command += ["--index-dir", str(index_dir), *flags]
    run = BotRun(subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True))
    try:
        yield run
        run.process.send_signal(signal.SIGTERM)
        _, run.stderr = run.process.communicate(timeout=30)
    finally:
        if run.process.poll() is None:
            run.process.kill()
            run.process.communicate()


@pytest.mark.slow
def test_the_shipped_command_answers_over_http_and_stops_on_sigterm(tiny_index_master: Path) -> None:
    with FakeBotAPI.running_in_thread() as fake, shipped_bot(fake, tiny_index_master) as run:
        fake.wait_for_sync(lambda: fake.my_commands, timeout=60)
        fake.inject_message(31, "How much did the bridge cost?")
        [answer] = fake.wait_for_messages_sync(31, 1, timeout=30)
        assert "40 million euros" in answer["text"] and "Harbour Herald" in answer["text"]
    assert run.process.returncode == 0, run.stderr
    err = run.stderr
    assert "newsbot bot starting: polling via http://127.0.0.1" in err and "newsbot bot stopped" in err
    assert fake.token not in err and "bridge cost" not in err
    assert fake.unimplemented_calls == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(port: int, timeout: float) -> None:
    """Waits for a server on 127.0.0.1:port: python-telegram-bot registers the webhook before its server listens,
    and on a busy machine an update posted right after setWebhook met a refused connection."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def private_update(chat_id: int, text: str) -> dict[str, object]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Test"}
    message = {"message_id": 1, "date": int(time.time()), "chat": person | {"type": "private"}, "text": text}
    return {"update_id": 5, "message": message | {"from": person}}


@pytest.mark.slow
def test_webhook_mode_registers_a_secret_url_and_answers_posted_updates(tiny_index_master: Path) -> None:
    port = free_port()
    with FakeBotAPI.running_in_thread() as fake:
        fake.add_chat(41)
        webhook = ["--webhook-url", "https://bot.example.org/newsbot", "--listen", "127.0.0.1", "--port", str(port)]
        with shipped_bot(fake, tiny_index_master, *webhook) as run:
            [registered] = fake.wait_for_sync(lambda: fake.calls_to("setWebhook"), timeout=60)
            url, secret = registered.params["url"], registered.params["secret_token"]
            assert url.startswith("https://bot.example.org/newsbot/") and len(secret) >= 32
            wait_until_listening(port, timeout=30)
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{urllib.parse.urlsplit(url).path}",
                data=json.dumps(private_update(41, "How much did the bridge cost?")).encode(),
                headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            [answer] = fake.wait_for_messages_sync(41, 1, timeout=30)
            assert "40 million euros" in answer["text"]
            forged = urllib.request.Request(
                request.full_url, data=request.data, headers={"X-Telegram-Bot-Api-Secret-Token": "no"}
            )
            with pytest.raises(urllib.error.HTTPError, match="403"):
                urllib.request.urlopen(forged, timeout=10)
    assert run.process.returncode == 0, run.stderr
    err = run.stderr
    assert "newsbot bot starting: webhook https://bot.example.org/newsbot" in err
    assert fake.token not in err and secret not in err


@pytest.mark.parametrize(
    ("raised", "error", "message"),
    [
        (InvalidToken(), ConfigError, "the Bot API refused the bot token (401 Unauthorized)"),
        (NetworkError("httpx.ConnectError: boom"), NewsbotError, "cannot reach the Telegram Bot API at http://api.test"),
        (OSError(98, "Address already in use"), ConfigError, "cannot listen for the webhook on 127.0.0.1:8443"),
    ],
)
def test_a_failed_start_is_said_in_one_line(raised: Exception, error: type[NewsbotError], message: str) -> None:
    settings = TelegramSettings(token="123456789:AAH3kPq_example-secret-part-0123456789", api_url="http://api.test")
    with pytest.raises(error) as caught, startup_errors(settings):
        raise raised
    assert str(caught.value).startswith(f"{message}") and "→" in str(caught.value)


@pytest.mark.slow
def test_a_token_the_bot_api_refuses_is_named_without_a_traceback(tiny_index_master: Path) -> None:
    with FakeBotAPI.running_in_thread() as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
        wrong = "987654321:AAH3kPq_revoked-secret-part-0123456789"
        env |= {"TELEGRAM_BOT_TOKEN": wrong, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-m", "bot.cli", "bot", "--api-url", f"http://127.0.0.1:{fake.port}"]
        done = subprocess.run(
            [*command, "--index-dir", str(tiny_index_master)], env=env, capture_output=True, text=True, timeout=120
        )
    assert done.returncode == 2
    assert "error: the Bot API refused the bot token (401 Unauthorized)" in done.stderr
    assert "Traceback" not in done.stderr and "revoked-secret" not in done.stderr
