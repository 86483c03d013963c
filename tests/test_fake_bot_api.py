"""Tests for the fake Telegram Bot API, driven through python-telegram-bot's real HTTP stack."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import threading
import time
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from tests.fake_bot_api import (
    BotAPIError,
    FakeBotAPI,
    TelegramHTMLError,
    check_message_text,
    parse_telegram_html,
    utf16_len,
    validate_telegram_html,
)

CHAT = 1001
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
Scenario = Callable[[FakeBotAPI, Bot], Awaitable[None]]


def run_with_bot(scenario: Scenario, **fake_kwargs: Any) -> FakeBotAPI:
    """Runs ``scenario`` against a fresh fake with a real PTB Bot pointed at it; returns the fake."""

    async def main() -> FakeBotAPI:
        async with FakeBotAPI(**fake_kwargs) as fake:
            bot = Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
            async with bot:
                await scenario(fake, bot)
            return fake

    return asyncio.run(main())


def retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# --- basics -------------------------------------------------------------------------------------


def test_get_me_returns_the_configured_bot() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        me = await bot.get_me()
        assert me.is_bot and me.first_name == "newsbot" and me.username == "newsbot_test_bot"
        assert me.supports_inline_queries and me.can_join_groups
        assert me.id == fake.bot_id

    fake = run_with_bot(scenario)
    assert fake.unimplemented_calls == []


def test_send_message_is_recorded_with_per_chat_ids() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hello")
        fake.inject_message(2002, "hi")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
        first = await bot.send_message(CHAT, "<b>Top</b> story &amp; more", parse_mode="HTML", reply_markup=keyboard)
        second = await bot.send_message(CHAT, "plain")
        other = await bot.send_message(2002, "other chat")
        assert (first.message_id, second.message_id, other.message_id) == (2, 3, 2)
        assert first.text == "Top story & more"
        assert first.entities[0].type == "bold" and first.entities[0].length == 3
        assert first.reply_markup == keyboard
        assert first.from_user.id == fake.bot_id and first.chat.id == CHAT

    fake = run_with_bot(scenario)
    sent = fake.sent_messages(CHAT)
    assert [m["text"] for m in sent] == ["Top story & more", "plain"]
    assert sent[0]["edits"] == []
    call = fake.calls_to("sendMessage")[0]
    assert call.params["chat_id"] == CHAT and call.params["reply_markup"]["inline_keyboard"]
    assert call.params["parse_mode"] == "HTML" and call.ok


def test_send_to_unknown_chat_is_chat_not_found() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(5555, "hello?")
        fake.add_chat(5555)
        fake.block_chat(5555)
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(5555, "hello?")

    fake = run_with_bot(scenario)
    assert fake.sent_messages() == []
    assert [c.status for c in fake.calls_to("sendMessage")] == [400, 403]


def test_wrong_token_is_unauthorized() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        intruder = Bot("1:wrong", base_url=fake.base_url)
        try:
            with pytest.raises(InvalidToken):
                await intruder.get_me()
        finally:
            await intruder.request.shutdown()

    fake = run_with_bot(scenario)
    assert fake.calls[-1].status == 401 and fake.calls[-1].description == "Unauthorized"


def test_unknown_method_is_404_and_recorded() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": CHAT})

    fake = run_with_bot(scenario)
    [call] = fake.unimplemented_calls
    assert call.method == "sendTelepathy" and call.status == 404 and call.params == {"chat_id": CHAT}


def test_raw_http_json_query_case_insensitive_and_envelopes() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        base = f"{fake.base_url}{fake.token}"
        async with httpx.AsyncClient() as client:
            ok = await client.post(f"{base}/SENDMESSAGE", json={"chat_id": CHAT, "text": "json body"})
            via_query = await client.get(f"{base}/sendmessage", params={"chat_id": str(CHAT), "text": "query"})
            bad = await client.post(f"{base}/sendMessage", json={"chat_id": CHAT, "text": ""})
            missing = await client.get(f"{base}/noSuchMethod")
            multipart = await client.post(
                f"{base}/sendMessage",
                data={"chat_id": str(CHAT), "text": "multipart", "reply_markup": '{"remove_keyboard": true}'},
                files={"unused": ("a.txt", b"x", "text/plain")},
            )
        assert multipart.json()["result"]["text"] == "multipart"
        assert ok.status_code == 200 and ok.json()["ok"] is True and ok.json()["result"]["text"] == "json body"
        assert via_query.json()["result"]["text"] == "query"
        assert bad.status_code == 400
        assert bad.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
        assert missing.status_code == 404
        assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}

    fake = run_with_bot(scenario)
    assert [c.method for c in fake.unimplemented_calls] == ["noSuchMethod"]


# --- HTML parse mode and length ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("Breaking: <script>alert(1)</script>", 'unsupported start tag "script" at byte offset 10'),
        ("<b><i>x</b></i>", 'unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("a < b", 'unsupported start tag "" at byte offset 2'),
        ("<b>unclosed", 'can\'t find end tag corresponding to start tag "b"'),
        ("Q&A", 'unescaped "&" at byte offset 1'),
    ],
)
def test_invalid_html_is_rejected_like_telegram(html: str, detail: str) -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        with pytest.raises(BadRequest, match="Can't parse entities") as caught:
            await bot.send_message(CHAT, html, parse_mode="HTML")
        assert detail in caught.value.message.lower()

    fake = run_with_bot(scenario)
    assert fake.sent_messages(CHAT) == []
    assert fake.calls_to("sendMessage")[0].description.startswith("Bad Request: can't parse entities: ")


def test_escaped_html_is_accepted() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        message = await bot.send_message(CHAT, "&lt;script&gt; &amp; &quot;x&quot; &#65;&#x42;", parse_mode="HTML")
        assert message.text == '<script> & "x" AB'

    run_with_bot(scenario)


def test_length_limit_counts_utf16_after_parsing() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        await bot.send_message(CHAT, "x" * 4096)
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(CHAT, "x" * 4097)
        tagged = await bot.send_message(CHAT, "<b>" + "y" * 4090 + "</b>&amp;&lt;", parse_mode="HTML")
        assert len(tagged.text) == 4092
        await bot.send_message(CHAT, "😀" * 2048)
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(CHAT, "😀" * 2049)
        with pytest.raises(BadRequest, match="Message must be non-empty"):
            await bot.send_message(CHAT, "<b> </b>\n", parse_mode="HTML")

    fake = run_with_bot(scenario)
    assert [len(m["text"]) for m in fake.sent_messages(CHAT)] == [4096, 4092, 2048]


def test_markdown_is_reported_as_unimplemented() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        with pytest.raises(BadRequest, match=r"(?i)not implemented by FakeBotAPI"):
            await bot.send_message(CHAT, "*bold*", parse_mode="MarkdownV2")

    fake = run_with_bot(scenario)
    assert [c.method for c in fake.unimplemented_calls] == ["sendMessage"]


# --- fault injection -----------------------------------------------------------------------------


def test_injected_429_surfaces_as_retry_after_and_has_no_effect() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        fake.fail_next("sendMessage", status=429, retry_after=7)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(CHAT, "first try")
        assert retry_seconds(caught.value) == 7
        await bot.send_message(CHAT, "second try")

    fake = run_with_bot(scenario)
    assert [m["text"] for m in fake.sent_messages(CHAT)] == ["second try"]
    faulted = fake.calls_to("sendMessage")[0]
    assert faulted.status == 429 and faulted.fault == "429"
    assert faulted.description == "Too Many Requests: retry after 7"


def test_injected_500_and_drops_are_network_errors() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        fake.fail_next("sendMessage", status=500)
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(CHAT, "lost to 500")
        fake.fail_next("sendMessage", mode="drop")
        with pytest.raises(NetworkError):
            await bot.send_message(CHAT, "lost to drop")
        fake.fail_next("sendMessage", mode="drop_after")
        with pytest.raises(NetworkError):
            await bot.send_message(CHAT, "delivered, answer lost")
        await bot.send_message(CHAT, "fine")

    fake = run_with_bot(scenario)
    assert [m["text"] for m in fake.sent_messages(CHAT)] == ["delivered, answer lost", "fine"]
    assert [c.fault for c in fake.calls_to("sendMessage")] == ["500", "drop", "drop_after", None]


def test_fault_rate_is_seeded_and_deterministic() -> None:
    def outcomes() -> list[str]:
        results: list[str] = []

        async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
            fake.inject_message(CHAT, "hi")
            fake.set_fault_rate("sendMessage", 0.5, kinds=("429", "500", "drop"), seed=42)
            for index in range(16):
                try:
                    await bot.send_message(CHAT, f"m{index}")
                    results.append("ok")
                except RetryAfter:
                    results.append("429")
                except NetworkError:
                    results.append("net")

        fake = run_with_bot(scenario)
        assert len(fake.sent_messages(CHAT)) == results.count("ok")
        return results

    first = outcomes()
    assert first == outcomes()
    assert "ok" in first and {"429", "net"} & set(first)


def test_optional_flood_control_limits_groups_to_20_per_minute() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.add_chat(-100777, "supergroup")
        for index in range(20):
            await bot.send_message(-100777, f"m{index}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(-100777, "one too many")
        assert 50 <= retry_seconds(caught.value) <= 60

    fake = run_with_bot(scenario, rate_limits=True)
    assert len(fake.sent_messages(-100777)) == 20


# --- updates and long polling ------------------------------------------------------------------


def test_get_updates_offset_semantics() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        ids = [fake.inject_message(CHAT, f"q{n}")["update_id"] for n in range(3)]
        assert ids == sorted(ids) and len(set(ids)) == 3
        updates = await bot.get_updates(timeout=0)
        assert [u.update_id for u in updates] == ids
        assert [u.message.text for u in await bot.get_updates(offset=ids[1], timeout=0)] == ["q1", "q2"]
        assert len(await bot.get_updates(timeout=0, limit=1)) == 1
        assert await bot.get_updates(offset=ids[-1] + 1, timeout=0) == ()
        assert fake.pending_updates == []

    run_with_bot(scenario)


def test_long_poll_wakes_when_an_update_is_injected() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        started = time.monotonic()
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        fake.inject_command(CHAT, "/ask what happened")
        [update] = await poll
        assert time.monotonic() - started < 2
        assert update.message.text == "/ask what happened"
        assert update.message.entities[0].type == "bot_command" and update.message.entities[0].length == 4

    run_with_bot(scenario)


def test_long_poll_times_out_empty_and_webhook_conflicts() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        assert 0.9 < time.monotonic() - started < 3
        await bot.set_webhook("https://example.invalid/hook")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates(timeout=0)
        await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == ()

    run_with_bot(scenario)


def test_threaded_server_and_cross_thread_injection() -> None:
    with FakeBotAPI.running_in_thread() as fake:

        async def main() -> list[Update]:
            async with Bot(fake.token, base_url=fake.base_url) as bot:
                poll = asyncio.create_task(bot.get_updates(timeout=5))
                await asyncio.sleep(0.1)
                threading.Thread(target=fake.inject_message, args=(CHAT, "from another thread")).start()
                return list(await poll)

        [update] = asyncio.run(main())
        assert update.message.text == "from another thread"
        with pytest.raises(TimeoutError, match="not met"):
            fake.wait_for_messages_sync(CHAT, 1, timeout=0.05)


# --- buttons, callbacks, inline mode, edits ---------------------------------------------------------


def test_callback_data_is_limited_to_64_bytes() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="x" * 64)]])
        await bot.send_message(CHAT, "fits", reply_markup=fits)
        for data in ("x" * 65, "é" * 33):
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data=data)]])
            with pytest.raises(BadRequest, match="Button_data_invalid"):
                await bot.send_message(CHAT, "too long", reply_markup=markup)

    fake = run_with_bot(scenario)
    assert [m["text"] for m in fake.sent_messages(CHAT)] == ["fits"]


def test_answer_callback_query_only_once() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
        sent = await bot.send_message(CHAT, "story", reply_markup=markup)
        query_id = fake.inject_callback(CHAT, sent.message_id, "more")
        assert fake.unanswered_callbacks() == [query_id]
        update = (await bot.get_updates(timeout=0))[-1]
        assert update.callback_query.data == "more" and update.callback_query.message.message_id == sent.message_id
        assert await bot.answer_callback_query(query_id, text="Loading")
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query(query_id)
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query("12345")
        with pytest.raises(ValueError, match="no button"):
            fake.inject_callback(CHAT, sent.message_id, "other")

    fake = run_with_bot(scenario)
    assert [a["text"] for a in fake.answered_callbacks] == ["Loading"]
    assert fake.unanswered_callbacks() == []


def test_inline_query_answers_are_validated() -> None:
    def article(n: int, text: str = "answer") -> InlineQueryResultArticle:
        return InlineQueryResultArticle(str(n), f"title {n}", InputTextMessageContent(text, parse_mode="HTML"))

    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        query_id = fake.inject_inline_query(77, "bridge")
        with pytest.raises(BadRequest, match="Results_too_much"):
            await bot.answer_inline_query(query_id, [article(n) for n in range(51)])
        with pytest.raises(BadRequest, match="Result_id_duplicate"):
            await bot.answer_inline_query(query_id, [article(1), article(1)])
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.answer_inline_query(query_id, [article(1, "<p>no</p>")])
        assert await bot.answer_inline_query(query_id, [article(n) for n in range(50)])
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_inline_query(query_id, [article(1)])

    fake = run_with_bot(scenario)
    [answer] = fake.inline_answers
    assert len(answer["results"]) == 50


def test_edit_message_text_rules_and_history() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_message(CHAT, "hi")
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
        sent = await bot.send_message(CHAT, "Working…", reply_markup=markup)
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("Working…", CHAT, sent.message_id, reply_markup=markup)
        edited = await bot.edit_message_text("<b>Done</b>", CHAT, sent.message_id, parse_mode="HTML")
        assert edited.text == "Done" and edited.reply_markup is None and edited.edit_date is not None
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("<b>Done</b>", CHAT, sent.message_id, parse_mode="HTML")
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=markup)
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", CHAT, 999)
        with pytest.raises(BadRequest, match="Message can't be edited"):
            await bot.edit_message_text("x", CHAT, 1)
        with pytest.raises(BadRequest, match="Message_too_long"):
            await bot.edit_message_text("z" * 4097, CHAT, sent.message_id)

    fake = run_with_bot(scenario)
    [message] = fake.sent_messages(CHAT)
    assert message["text"] == "Done" and message["reply_markup"]["inline_keyboard"][0][0]["text"] == "More"
    assert [version["text"] for version in message["edits"]] == ["Working…", "Done"]


def test_commands_chat_actions_and_files() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        assert await bot.set_my_commands([("ask", "Ask about the news"), ("help", "How to use")])
        assert [c.command for c in await bot.get_my_commands()] == ["ask", "help"]
        with pytest.raises(BadRequest, match="Bot_command_invalid"):
            await bot.set_my_commands([("Ask Me", "bad")])
        fake.inject_voice(CHAT, data=b"OggS-voice-bytes")
        [update] = await bot.get_updates(timeout=0)
        assert await bot.send_chat_action(CHAT, "typing")
        with pytest.raises(BadRequest, match="Wrong parameter action"):
            await bot.send_chat_action(CHAT, "dancing")
        voice_file = await update.message.voice.get_file()
        assert bytes(await voice_file.download_as_bytearray()) == b"OggS-voice-bytes"
        assert await bot.delete_my_commands()

    fake = run_with_bot(scenario)
    assert fake.my_commands == []
    assert [a["action"] for a in fake.chat_actions] == ["typing"]


def test_media_and_group_mentions_are_realistic_updates() -> None:
    async def scenario(fake: FakeBotAPI, bot: Bot) -> None:
        fake.inject_sticker(CHAT)
        fake.inject_photo(CHAT, caption="look")
        fake.inject_mention(-100500, "what about the bridge?", chat_type="supergroup")
        fake.inject_command(-100500, "/ask rates", chat_type="supergroup", mention_bot=True, user_id=9)
        sticker, photo, mention, command = await bot.get_updates(timeout=0)
        assert sticker.message.sticker.emoji == "👍" and len(photo.message.photo) == 2
        assert mention.message.chat.type == "supergroup"
        assert mention.message.parse_entities(["mention"]).popitem()[1] == "@newsbot_test_bot"
        assert command.message.text == "/ask@newsbot_test_bot rates" and command.message.from_user.id == 9
        assert command.message.entities[0].length == len("/ask@newsbot_test_bot")

    run_with_bot(scenario)


# --- a whole PTB Application ---------------------------------------------------------------------


def test_ptb_application_end_to_end() -> None:
    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_chat_action(update.effective_chat.id, "typing")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Sources", callback_data="src")]])
        await update.message.reply_html(f"<b>Answer</b> about {' '.join(context.args)}", reply_markup=keyboard)

    async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Sources: <i>Herald</i>", parse_mode="HTML")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("Send /ask <question>")

    async def main() -> None:
        async with FakeBotAPI() as fake:
            builder = ApplicationBuilder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url)
            app = builder.build()
            app.add_handler(CommandHandler("ask", ask))
            app.add_handler(CallbackQueryHandler(sources))
            app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
            async with app:
                await app.updater.start_polling(poll_interval=0, timeout=5)
                await app.start()
                fake.inject_command(CHAT, "/ask bridge")
                [answer] = await fake.wait_for_messages(CHAT, 1)
                assert answer["text"] == "Answer about bridge"
                fake.inject_callback(CHAT, answer["message_id"], "src")
                await fake.wait_for(lambda: fake.last_message(CHAT)["edits"])
                fake.inject_message(CHAT, "hello")
                await fake.wait_for_messages(CHAT, 2)
                await app.updater.stop()
                await app.stop()
            final, hint = fake.sent_messages(CHAT)
            assert final["text"] == "Sources: Herald" and hint["text"] == "Send /ask <question>"
            assert fake.unanswered_callbacks() == [] and fake.unimplemented_calls == []
            assert all(call.ok for call in fake.calls), [c for c in fake.calls if not c.ok]

    asyncio.run(main())


# --- validate_telegram_html unit tests --------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text", "entities"),
    [
        ("<b>bold</b> <i>it</i>", "bold it", [("bold", 0, 4), ("italic", 5, 2)]),
        ("<strong>a</strong><em>b</em><u>c</u><ins>d</ins>", "abcd", None),
        ("<s>a</s><strike>b</strike><del>c</del>", "abc", [("strikethrough", i, 1) for i in range(3)]),
        ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link", [("text_link", 0, 4)]),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1", [("pre", 0, 5)]),
        ("<code>c</code> <pre>p</pre>", "c p", [("code", 0, 1), ("pre", 2, 1)]),
        ('<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span>', "st", [("spoiler", 0, 1), ("spoiler", 1, 1)]),
        ("<blockquote expandable>q</blockquote><blockquote>r</blockquote>", "qr", None),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", [("custom_emoji", 0, 2)]),
        ("😀<b>x</b>", "😀x", [("bold", 2, 1)]),
        ("<B>x</b>", "x", [("bold", 0, 1)]),
        ("<b>x</>", "x", [("bold", 0, 1)]),
        ("&lt;&gt;&amp;&quot;&#128512;&#x1F600;", '<>&"😀😀', []),
        ("<b></b>empty", "empty", []),
    ],
)
def test_valid_html(html: str, text: str, entities: list[tuple[str, int, int]] | None) -> None:
    parsed, found = parse_telegram_html(html)
    assert parsed == text == validate_telegram_html(html)
    if entities is not None:
        assert [(e["type"], e["offset"], e["length"]) for e in found] == entities


def test_html_entity_details() -> None:
    _, [pre] = parse_telegram_html('<pre><code class="language-python">x</code></pre>')
    assert pre["language"] == "python"
    _, [quote, plain_quote] = parse_telegram_html("<blockquote expandable>q</blockquote><blockquote>r</blockquote>")
    assert (quote["type"], plain_quote["type"]) == ("expandable_blockquote", "blockquote")
    _, [link] = parse_telegram_html('<a href="https://example.org/?a=1&amp;b=2">x</a>')
    assert link["url"] == "https://example.org/?a=1&b=2"


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        ("🏟 🏟&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'),
        ('<span class="x">a</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("&#xDFDF;", "Text contains invalid Unicode characters after decoding HTML entities"),
        ("1 &lt 2", 'Unescaped "&" at byte offset 2'),
        ("<a>https://example.org</a>", 'Tag "a" must have a non-empty "href" attribute at byte offset 0'),
    ],
)
def test_invalid_html(html: str, description: str) -> None:
    with pytest.raises(TelegramHTMLError) as caught:
        validate_telegram_html(html)
    assert caught.value.description.startswith(description)


def test_lenient_mode_matches_real_telegram_for_ampersands_and_bare_links() -> None:
    assert validate_telegram_html("AT&T &ge; 1 &lt 2", strict=False) == "AT&T &ge; 1 < 2"
    text, [link] = parse_telegram_html("<a>https://example.org</a>", strict=False)
    assert text == "https://example.org" and link["url"] == "https://example.org"


def test_check_message_text_matches_send_message() -> None:
    assert check_message_text("  <b>hi</b>  ") == ("hi", [{"type": "bold", "offset": 0, "length": 2}])
    assert utf16_len("😀a") == 3
    with pytest.raises(BotAPIError) as caught:
        check_message_text("<b>" + "x" * 4097 + "</b>")
    assert caught.value.envelope() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message is too long",
    }
    assert json.dumps(check_message_text("plain", None))
