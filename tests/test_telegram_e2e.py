"""End to end over HTTP: the real Application (python-telegram-bot) against the strict fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.engine import Engine
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.handlers import forget_idle_chats
from bot.telegram.limits import MAX_MESSAGE_UTF16
from bot.telegram.settings import load_telegram_settings
from index.build import IndexSettings, build_index
from tests.conftest import TINY_ARTICLES, TINY_METADATA, write_articles
from tests.fake_bot_api import FakeBotAPI, utf16_len

pytestmark = pytest.mark.slow  # builds a small index with the embedding model

CHAT, OTHER_CHAT, GROUP = 1001, 1002, -100777
SCRIPT_LINE = "Officials typed <script>alert(1)</script> into the form & the page showed it as text."
TOLL_SESSIONS = 12


PEOPLE = (
    "Lorry drivers", "Cyclists from the old town", "The port authority", "Shop owners near the quay",
    "The city treasurer", "Commuters on the early ferry", "Taxi firms", "The mayor's office", "Local schools",
    "Tourist guides", "Engineers at the bridge",
)  # fmt: skip
VERBS = (
    "criticised", "praised", "questioned", "welcomed", "challenged", "defended", "studied", "mocked", "accepted",
    "opposed", "debated",
)  # fmt: skip
WHERE = (
    "during the spring hearing", "in a long letter to the council", "at a noisy public meeting", "on local radio",
    "in the evening newspaper", "before the summer holidays", "with a petition of many signatures",
    "at the annual harbour fair", "in a sober written report", "through their trade association",
    "after a night of heavy rain",
)  # fmt: skip


def toll_paragraph(session: int) -> str:
    """One ~95-word paragraph of the long article, unlike the others (each becomes one passage)."""
    views = " ".join(
        f"{PEOPLE[(session + i) % 11]} {VERBS[(3 * session + i) % 11]} the bridge toll {WHERE[(7 * session + i) % 11]}."
        for i in range(7)
    )
    return f"Toll session {session} of the bridge committee heard many views. {views} " + session_end(session)


def session_end(session: int) -> str:
    return f"The minutes of toll session {session} ran to {40 + session} pages."


E2E_ARTICLES = TINY_ARTICLES | {
    "delta.txt": (
        "The city council tested its new complaints form on Wednesday. "
        f"{SCRIPT_LINE} The council said its R&D budget for the form was 2 million euros.\n"
    ),
    "epsilon.txt": "\n".join(toll_paragraph(session) for session in range(1, TOLL_SESSIONS + 1)) + "\n",
}
E2E_METADATA = (
    TINY_METADATA
    + """
["delta.txt"]
outlet = "Civic & Tech <News>"
outlet_confidence = "stated"
headline = "Council tests <script> & forms"
date = "2026-02-03"
url = "https://example.org/council?a=1&b=2"

["epsilon.txt"]
outlet = "Harbour Herald"
outlet_confidence = "stated"
headline = "The long debate over the bridge toll"
date = "2026-02-04"
"""
)


@pytest.fixture(scope="module")
def e2e_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("telegram")
    articles = write_articles(root / "articles", E2E_ARTICLES, E2E_METADATA)
    build_index(articles, root / "index", IndexSettings())
    return root / "index"


@pytest.fixture(scope="module")
def engine(e2e_index: Path) -> Engine:
    engine = Engine(Settings(index_dir=e2e_index))
    engine.ask("warm up the model")
    return engine


@pytest.fixture(scope="module")
def long_engine(engine: Engine) -> Engine:
    """Ten passages per answer: the toll question then needs more than one message."""
    return Engine(replace(engine.settings, k=10))


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "newsbot.toml"
    path.write_text("", encoding="utf-8")
    return path


Scenario = Callable[[FakeBotAPI, Application], Awaitable[None]]


@contextlib.asynccontextmanager
async def running_bot(
    engine: Engine, config: Path, environ: dict[str, str] | None = None, **fake_options: Any
) -> AsyncIterator[tuple[FakeBotAPI, Application]]:
    """The fake server plus the bot, started and stopped the way Application.run_polling does it."""
    async with FakeBotAPI(**fake_options) as fake:
        env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_URL": f"http://127.0.0.1:{fake.port}"}
        settings = load_telegram_settings(environ=env | (environ or {}), config_path=config)
        application = build_application(engine, settings)
        await application.initialize()
        await application.post_init(application)
        await application.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await application.start()
        try:
            yield fake, application
        finally:
            await application.updater.stop()
            await application.stop()
            await application.shutdown()
            await application.post_shutdown(application)


def run(
    engine: Engine, config: Path, scenario: Scenario, environ: dict[str, str] | None = None, **options: Any
) -> None:
    async def main() -> None:
        async with running_bot(engine, config, environ, **options) as (fake, application):
            await scenario(fake, application)
        assert fake.unimplemented_calls == []
        assert fake.unanswered_callbacks() == []

    asyncio.run(main())


async def settle(fake: FakeBotAPI, application: Application) -> None:
    """Waits until every injected update was fetched and fully handled."""
    processor = application.update_processor
    await fake.wait_for(lambda: not fake.pending_updates, timeout=10)
    await fake.wait_for(
        lambda: application.update_queue.empty() and processor.current_concurrent_updates == 0, timeout=10
    )


def keyboard(message: dict[str, Any]) -> dict[str, str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {button["text"]: button["callback_data"] for row in rows for button in row}


def bold_texts(message: dict[str, Any]) -> list[str]:
    encoded = message["text"].encode("utf-16-le")
    spans = [(e["offset"], e["length"]) for e in message.get("entities", []) if e["type"] == "bold"]
    return [encoded[2 * start : 2 * (start + length)].decode("utf-16-le") for start, length in spans]


def failed_calls(fake: FakeBotAPI) -> list[str]:
    return [f"{call.method}:{call.status}:{call.description}" for call in fake.calls if not call.ok and not call.fault]


# ---------------------------------------------------------------------------------------------------- questions


def test_question_gets_a_cited_answer_with_buttons_after_typing(engine: Engine, config_file: Path) -> None:
    config_file.write_text("[telegram]\ntyping_delay = 0\n", encoding="utf-8")  # "typing…" for every question

    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "How much did the bridge cost?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        text = answer["text"]
        assert text.startswith("1. ") and "40 million euros" in text
        assert "— Harbour Herald, 1 Feb 2026 · Harbour City opens a new bridge" in text
        assert any("40 million euros" in bold for bold in bold_texts(answer))  # the highlighted sentence
        buttons = keyboard(answer)
        assert {"More ▸", "Sources", "1 · Full article", "1 · Context"} <= set(buttons)
        assert all(len(data.encode()) <= 64 for data in buttons.values())
        [typing] = [action for action in fake.chat_actions if action["chat_id"] == CHAT]
        assert typing["action"] == "typing"
        order = [call.method for call in fake.calls if call.method in ("sendChatAction", "sendMessage")]
        assert order == ["sendChatAction", "sendMessage"]
        assert fake.my_commands[0] == {"command": "ask", "description": "Ask a question about the news articles"}
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_an_answer_ready_before_the_typing_delay_is_sent_without_a_chat_action(
    engine: Engine, config_file: Path
) -> None:
    config_file.write_text("[telegram]\ntyping_delay = 30\n", encoding="utf-8")

    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "How much did the bridge cost?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert "40 million euros" in answer["text"]
        await settle(fake, application)
        assert fake.chat_actions == []

    run(engine, config_file, scenario)


def test_follow_up_is_read_in_its_own_chat_conversation(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "What did the national bank do to interest rates?")
        await fake.wait_for_messages(CHAT, 1, timeout=20)
        fake.inject_message(CHAT, "and what did the governor say?")
        _, follow_up = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert "Read as a follow-up" in follow_up["text"]
        assert "further rises were possible" in follow_up["text"].split("\n\n")[1]
        fake.inject_message(OTHER_CHAT, "and what did the governor say?")
        [fresh] = await fake.wait_for_messages(OTHER_CHAT, 1, timeout=20)
        assert "Read as a follow-up" not in fresh["text"]

    run(engine, config_file, scenario)


def test_a_message_with_two_questions_gets_two_answers(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "How much did the bridge cost? and what did the national bank do?")
        first, second = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert first["text"].startswith("Question 1 of 2: “How much did the bridge cost?”")
        assert "40 million euros" in first["text"]
        assert second["text"].startswith("Question 2 of 2: “and what did the national bank do?”")
        assert "Money Daily" in second["text"]
        assert "More ▸" not in keyboard(first) and "More ▸" in keyboard(second)  # More pages the last question
        assert "Sources" in keyboard(first)
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_per_chat_answers_keep_the_order_of_the_questions(engine: Engine, config_file: Path) -> None:
    questions = ["Who found the rare orchid?", "How much did the bridge cost?", "What did the national bank do?"]
    outlets = ["unknown outlet", "Harbour Herald", "Money Daily"]

    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        for question in questions:
            fake.inject_message(CHAT, question)
            fake.inject_message(OTHER_CHAT, question)
        for chat in (CHAT, OTHER_CHAT):
            answers = await fake.wait_for_messages(chat, 3, timeout=30)
            firsts = [answer["text"].split("\n\n")[0] for answer in answers]
            assert all(outlet in first for outlet, first in zip(outlets, firsts, strict=True)), firsts

    run(engine, config_file, scenario)


def test_more_button_shows_new_passages_then_says_when_exhausted(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "What did people say about the bridge toll?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        shown = set(answer["text"].split("\n\n"))
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["More ▸"])
        _, more = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert more["text"].startswith("More for “What did people say about the bridge toll?”")
        passages = more["text"].split("\n\n")[1:]
        assert passages and passages[0].startswith("4. ") and not shown & set(passages)
        assert fake.answered_callbacks[-1]["text"] is None
        for _ in range(10):
            fake.inject_callback(CHAT, more["message_id"], keyboard(more)["More ▸"])
            await settle(fake, application)
        assert "No more passages" in fake.last_message(CHAT)["text"]
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_more_command_and_new_conversation(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_command(CHAT, "/more")
        [nothing] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert "ask a question first" in nothing["text"]
        fake.inject_command(CHAT, "/ask What did people say about the bridge toll?")
        fake.inject_command(CHAT, "/more")
        _, answer, more = await fake.wait_for_messages(CHAT, 3, timeout=20)
        assert more["text"].startswith("More for")
        fake.inject_command(CHAT, "/new")
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["More ▸"])
        await settle(fake, application)
        assert fake.last_message(CHAT)["text"].startswith("Started a new conversation")
        assert "earlier question" in fake.answered_callbacks[-1]["text"]

    run(engine, config_file, scenario)


# ---------------------------------------------------------------------------------------------------- sources


def test_full_article_and_context_buttons(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "How much did the bridge cost?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["1 · Full article"])
        _, article = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert article["text"].startswith("Harbour City opens a new bridge\n— Harbour Herald, 1 Feb 2026")
        assert "Traffic engineers expect twenty thousand cars a day to cross it." in article["text"]
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["1 · Context"])
        *_, context = await fake.wait_for_messages(CHAT, 3, timeout=20)
        assert "The bridge cost 40 million euros" in context["text"]
        assert [c["text"] for c in fake.answered_callbacks] == [None, None]

    run(engine, config_file, scenario)


def test_sources_command_lists_articles_and_opens_one(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_command(CHAT, "/sources")
        [listing] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        for outlet in ("Harbour Herald", "Money Daily (attribution inferred)", "unknown outlet", "Civic & Tech <News>"):
            assert outlet in listing["text"]
        buttons = keyboard(listing)
        assert len(buttons) == 5
        fake.inject_callback(CHAT, listing["message_id"], buttons["📄 2"])
        _, article = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert article["text"].startswith("Bank raises rates")
        fake.inject_command(CHAT, "/source 3")
        fake.inject_command(CHAT, "/source 99")
        fake.inject_command(CHAT, "/source")
        *_, third, unknown, hint = await fake.wait_for_messages(CHAT, 5, timeout=20)
        assert third["text"].startswith("Council tests <script> & forms")
        assert "no article '99' in the index" in unknown["text"]
        assert hint["text"] == "Give the article's number from /sources, e.g. /source 2"

    run(engine, config_file, scenario)


def test_script_tag_and_ampersand_are_shown_literally(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "What did officials type into the complaints form?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert SCRIPT_LINE in answer["text"] and "R&D budget" in answer["text"]
        assert "Civic & Tech <News>" in answer["text"] and "Council tests <script> & forms" in answer["text"]
        links = [e["url"] for e in answer.get("entities", []) if e["type"] == "text_link"]
        assert "https://example.org/council?a=1&b=2" in links
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["1 · Full article"])
        _, article = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert article["text"].startswith("Council tests <script> & forms\n— Civic & Tech <News>")
        assert SCRIPT_LINE in article["text"]
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_long_answer_is_split_on_passage_boundaries(long_engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "What did people say about the bridge toll?")
        await fake.wait_for_messages(CHAT, 2, timeout=20)
        await settle(fake, application)
        parts = fake.sent_messages(CHAT)
        assert len(parts) >= 2 and sum(utf16_len(part["text"]) for part in parts) >= 5000
        assert all(utf16_len(part["text"]) <= MAX_MESSAGE_UTF16 for part in parts)
        assert [bool(part.get("reply_markup")) for part in parts] == [False] * (len(parts) - 1) + [True]
        passages = [block for part in parts for block in part["text"].split("\n\n")]
        assert [block.split(".")[0] for block in passages] == [str(rank) for rank in range(1, 11)]
        whole = {passage.text for passage in long_engine.corpus.passages}
        for rank, block in enumerate(passages, start=1):  # every passage whole, with its citation, in one message
            text, citation = block.removeprefix(f"{rank}. ").rsplit("\n— ", 1)
            assert text in whole and " · " in citation and "\n" not in citation
        assert sum("Toll session" in block for block in passages) >= 5
        assert failed_calls(fake) == []

    run(long_engine, config_file, scenario)


# ---------------------------------------------------------------------------------------------------- inline


def test_inline_query_offers_cited_passages(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_inline_query(CHAT, "What did people say about the bridge toll?")
        [reply] = await fake.wait_for(lambda: fake.inline_answers, timeout=20)
        results = reply["results"]
        assert 1 <= len(results) <= 10 and len({r["id"] for r in results}) == len(results)
        assert all(r["type"] == "article" and r["title"].startswith("Harbour Herald") for r in results[:3])
        content = results[0]["input_message_content"]
        assert content["parse_mode"] == "HTML" and "— <b>Harbour Herald</b>, 4 Feb 2026" in content["message_text"]
        fake.inject_inline_query(CHAT, "   ")
        await fake.wait_for(lambda: len(fake.inline_answers) == 2, timeout=20)
        assert fake.inline_answers[1]["results"] == []

    run(engine, config_file, scenario)


# ---------------------------------------------------------------------------------------------------- groups


def test_group_answers_mentions_replies_and_ask_only(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(GROUP, "how much did the bridge cost?", chat_type="group", user_id=7)
        await settle(fake, application)
        assert fake.sent_messages(GROUP) == []
        question = fake.inject_mention(GROUP, "how much did the bridge cost?", user_id=7)["message"]
        [answer] = await fake.wait_for_messages(GROUP, 1, timeout=20)
        assert "40 million euros" in answer["text"]
        assert answer["reply_to_message"]["message_id"] == question["message_id"]
        fake.inject_message(
            GROUP, "and who found the orchid?", chat_type="group", user_id=8, reply_to_message_id=answer["message_id"]
        )
        _, reply = await fake.wait_for_messages(GROUP, 2, timeout=20)
        assert "botanists" in reply["text"]
        fake.inject_command(
            GROUP, "/ask what did the national bank do?", mention_bot=True, chat_type="group", user_id=7
        )
        *_, asked = await fake.wait_for_messages(GROUP, 3, timeout=20)
        assert "Money Daily" in asked["text"]
        fake.inject_sticker(GROUP, chat_type="group", user_id=7)
        await settle(fake, application)
        assert len(fake.sent_messages(GROUP)) == 3

    run(engine, config_file, scenario)


# ---------------------------------------------------------------------------------------------------- safety


def test_allowlist_refuses_strangers_once_and_nothing_else(engine: Engine, config_file: Path) -> None:
    config_file.write_text("[telegram]\ntyping_delay = 0\n", encoding="utf-8")

    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_command(OTHER_CHAT, "/ask")
        fake.inject_message(OTHER_CHAT, "How much did the bridge cost?")
        fake.inject_command(OTHER_CHAT, "/source 1")
        fake.inject_inline_query(OTHER_CHAT, "bridge cost")
        fake.inject_message(CHAT, "How much did the bridge cost?")
        await fake.wait_for_messages(CHAT, 1, timeout=20)
        await settle(fake, application)
        [refusal] = fake.sent_messages(OTHER_CHAT)
        assert refusal["text"].startswith("Sorry, this newsbot is private")
        assert [a["chat_id"] for a in fake.chat_actions] == [CHAT]
        assert fake.inline_answers[0]["results"] == []

    run(engine, config_file, scenario, {"NEWSBOT_ALLOWED_CHATS": f"{CHAT}, 5"})


def test_non_text_messages_get_a_hint(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_sticker(CHAT)
        fake.inject_photo(CHAT, caption="what is this?")
        fake.inject_voice(CHAT)
        replies = await fake.wait_for_messages(CHAT, 3, timeout=20)
        assert all(reply["text"].startswith("I can only read text") for reply in replies)

    run(engine, config_file, scenario)


def test_a_question_in_another_language_is_answered_in_plain_words(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "Сколько стоил мост?")  # "How much did the bridge cost?" in Russian
        [reply] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert "looks written in Cyrillic script" in reply["text"] and "reads questions in English" in reply["text"]
        assert "1. " not in reply["text"] and keyboard(reply).get("More ▸") is None  # nothing searched
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_what_happened_gets_the_newest_openings_and_more_lists_the_rest(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "what happened?")
        [reply] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert reply["text"].startswith("How the newest articles open") and "\n\n1. " in reply["text"]
        buttons = keyboard(reply)
        assert {"More ▸", "1 · Full article", "Sources"} <= set(buttons)  # 5 articles, 3 shown
        fake.inject_callback(CHAT, reply["message_id"], buttons["More ▸"])
        _, more = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert more["text"].startswith("More for “what happened?”") and "\n\n4. " in more["text"]
        assert "\n\n5. " in more["text"] and "More ▸" not in keyboard(more)  # every article listed
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


def test_empty_ask_unknown_command_and_punctuation_get_hints(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_command(CHAT, "/ask")
        fake.inject_command(CHAT, "/frobnicate")
        fake.inject_message(CHAT, "?!")
        hint, unknown, no_words = await fake.wait_for_messages(CHAT, 3, timeout=20)
        assert hint["text"].startswith("Write your question after the command")
        assert unknown["text"].startswith("I don't know that command")
        assert "no words to search for" in no_words["text"]

    run(engine, config_file, scenario)


def test_per_user_rate_limit_is_friendly_and_said_once(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        for _ in range(5):
            fake.inject_message(CHAT, "How much did the bridge cost?")
        await fake.wait_for_messages(CHAT, 3, timeout=20)
        await settle(fake, application)
        texts = [message["text"] for message in fake.sent_messages(CHAT)]
        assert len(texts) == 3 and texts[2].startswith("You're asking quickly: please wait")

    run(engine, config_file, scenario, {"NEWSBOT_QUESTIONS_PER_MINUTE": "2"})


def test_start_offers_example_buttons_that_ask(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_command(CHAT, "/start")
        [welcome] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert "never writes an answer of its own" in welcome["text"]
        examples = keyboard(welcome)
        assert len(examples) == 3
        fake.inject_callback(CHAT, welcome["message_id"], next(iter(examples.values())))
        _, answer = await fake.wait_for_messages(CHAT, 2, timeout=20)
        assert "More ▸" in keyboard(answer)
        fake.inject_command(CHAT, "/help")
        *_, help_text = await fake.wait_for_messages(CHAT, 3, timeout=20)
        assert f"@{fake.username} question" in help_text["text"]

    run(engine, config_file, scenario)


@pytest.mark.parametrize("data", ["bogus", "more:abc", "art:no-such-article", "ctx:nope:000", "ex:99", "x" * 64])
def test_forged_or_stale_buttons_get_a_polite_answer(engine: Engine, config_file: Path, data: str) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.inject_message(CHAT, "How much did the bridge cost?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        fake.inject_callback(CHAT, answer["message_id"], data, check_button=False)
        await settle(fake, application)
        [reply] = fake.answered_callbacks
        assert reply["text"] in (
            "This button belongs to an earlier answer. Ask your question again.",
            "That is no longer in the index: ask your question again.",
        )
        assert len(fake.sent_messages(CHAT)) == 1
        assert failed_calls(fake) == []

    run(engine, config_file, scenario)


# ---------------------------------------------------------------------------------------------------- failures


def test_429_is_retried_and_nothing_is_lost_or_duplicated(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.fail_next("sendMessage", 429, count=2, retry_after=1)
        fake.fail_next("answerCallbackQuery", 429, retry_after=1)
        fake.inject_message(CHAT, "How much did the bridge cost?")
        [answer] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        fake.inject_callback(CHAT, answer["message_id"], keyboard(answer)["Sources"])
        await fake.wait_for_messages(CHAT, 2, timeout=20)
        await settle(fake, application)
        assert len(fake.sent_messages(CHAT)) == 2
        statuses = [(call.method, call.status) for call in fake.calls if call.method != "getUpdates"]
        assert statuses.count(("sendMessage", 429)) == 2 and statuses.count(("answerCallbackQuery", 429)) == 1
        assert statuses.count(("sendMessage", 200)) == 2 and statuses.count(("answerCallbackQuery", 200)) == 1

    run(engine, config_file, scenario)


def test_failure_is_logged_without_token_or_text_and_the_user_is_told(
    engine: Engine, config_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret_question = "How much did the bridge cost, asks a secret reader?"

    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        fake.fail_next("sendMessage", 400, description="Bad Request: chat is on fire")
        fake.inject_message(CHAT, secret_question)
        [apology] = await fake.wait_for_messages(CHAT, 1, timeout=20)
        assert apology["text"] == "Sorry, something went wrong on my side. Please try again in a moment."

    caplog.set_level(logging.DEBUG)
    run(engine, config_file, scenario)
    errors = [r for r in caplog.records if r.name == "newsbot.telegram" and r.levelno == logging.ERROR]
    assert len(errors) == 1 and "BadRequest (Chat is on fire)" in errors[0].getMessage()
    for record in caplog.records:
        logged = record.getMessage() + (record.exc_text or "")
        assert "AAFakeNewsbotToken" not in logged, record.name
        if record.levelno >= logging.INFO:
            assert "secret reader" not in logged, record.name
    assert any("secret reader" in record.getMessage() for record in caplog.records if record.levelno == logging.DEBUG)


def test_idle_chats_are_forgotten_and_active_ones_kept(engine: Engine, config_file: Path) -> None:
    async def scenario(fake: FakeBotAPI, application: Application) -> None:
        for chat in (CHAT, OTHER_CHAT):
            fake.inject_message(chat, "How much did the bridge cost?")
            await fake.wait_for_messages(chat, 1, timeout=20)
        application.chat_data[OTHER_CHAT].last_active -= 7200
        assert forget_idle_chats(application, 3600) == 1
        assert set(application.chat_data) == {CHAT}
        assert application.chat_data[CHAT].conversation.last() is not None

    run(engine, config_file, scenario)
