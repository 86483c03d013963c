"""Renderers of one Answer: Telegram HTML (valid, escaped, ≤ 4096 per message), terminal (literal text), JSON."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from bot.answer import Answer, CitedPassage
from bot.config import Settings
from bot.engine import Engine
from bot.render.json import render_json
from bot.render.telegram_html import (
    MESSAGE_LIMIT,
    render_answer_html,
    render_article_html,
    render_context_html,
    render_sources_html,
    utf16_length,
)
from bot.render.terminal import render_terminal
from bot.sources import ArticleView, ContextView, SourceInfo
from index.chunk import Passage

TELEGRAM_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"}
NASTY = "<b>bold?</b> & <script>x</script> **stars** _under_ [link](http://x) &amp; 1 < 2 > 0"


class TelegramHTML(HTMLParser):
    """Parses a message as Telegram would: only its tags, balanced; collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in TELEGRAM_TAGS, f"tag <{tag}> is not Telegram HTML"
        assert tag == "a" or not attrs, f"<{tag}> takes no attributes"
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> does not close {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(message: str) -> str:
    """The message after entity parsing; fails if it is not valid Telegram HTML."""
    parser = TelegramHTML()
    parser.feed(message)
    parser.close()
    assert not parser.stack, f"unclosed tags {parser.stack}"
    return "".join(parser.text)


def check_messages(messages: list[str]) -> str:
    assert messages and all(messages)
    for message in messages:
        assert utf16_length(message) <= MESSAGE_LIMIT
        assert utf16_length(visible_text(message)) <= MESSAGE_LIMIT
    return "\n".join(visible_text(m) for m in messages)


def make_passage(text: str, number: int = 1, outlet: str = "The Independent", headline: str = "Deal signed") -> Passage:
    return Passage(
        passage_id=f"a{number}:{number:03d}",
        article_id=f"a{number}",
        seq=number,
        text=text,
        start=0,
        end=len(text),
        paragraphs=(0, 0),
        sentences=(0, 0),
        outlet=outlet,
        outlet_confidence="stated",
        headline=headline,
        date="2026-01-06",
        url="https://example.org/a?x=1&y=<2>",
    )


def make_answer(texts: list[str], question: str = "what?", **fields: object) -> Answer:
    cited = tuple(
        CitedPassage(rank, make_passage(text, rank), 0.5, (0, min(len(text), 10)), **fields)  # type: ignore[arg-type]
        for rank, text in enumerate(texts, start=1)
    )
    return Answer(question, True, cited)


def test_html_escapes_article_text_and_outlets() -> None:
    answer = make_answer([NASTY], also_reported_by=("Sky <News> & Co",), variants=(("A&B", "26 <nations>"),))
    messages = render_answer_html(answer)
    text = check_messages(messages)
    assert NASTY in text and "Sky <News> & Co" in text and "26 <nations>" in text
    assert "<script>" not in "".join(messages)
    assert "Reported by: The Independent, Sky <News> & Co" in text


def test_html_shows_the_outlet_in_bold() -> None:
    message = render_answer_html(make_answer(["Troops will go."]))[0]
    assert "— <b>The Independent</b>, 6 Jan 2026" in message


def test_long_answer_splits_between_passages() -> None:
    passages = [f"Passage {n} " + "word " * 150 + f"end{n}." for n in range(1, 15)]
    messages = render_answer_html(make_answer(passages))
    assert len(messages) > 1
    check_messages(messages)
    for n in range(1, 15):
        holding = [visible_text(m) for m in messages if f"end{n}." in m]
        assert len(holding) == 1 and f"Passage {n} word" in holding[0], "a passage is never split across messages"


def test_oversized_passage_is_cut_between_words_and_stays_valid() -> None:
    giant = " ".join(f"w{n}&<" for n in range(2000))
    messages = render_answer_html(make_answer([giant]))
    text = check_messages(messages)
    assert len(messages) > 1 and "w1999&<" in text and "w0&<" in text


def test_astral_characters_count_double() -> None:
    emoji = "😀" * 3000  # 6000 UTF-16 units
    check_messages(render_answer_html(make_answer([emoji])))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=900), min_size=1, max_size=8), st.text(max_size=200))
def test_any_text_renders_valid_messages(texts: list[str], note: str) -> None:
    answer = Answer("q", False, make_answer(texts).passages, (note,) if note else ())
    text = check_messages(render_answer_html(answer))
    for body in texts:
        assert body.strip().split()[:1] == [] or body.split()[0] in text


def test_sources_article_and_context_html() -> None:
    sources = [SourceInfo(n, f"a{n}", "Out<let> & Co", f"Head <{n}>", "2026-01-06", 3) for n in range(1, 60)]
    check_messages(render_sources_html(sources))
    view = ArticleView("Out<let>", "Headline & <more>", "", "https://x.org/?a=1&b=2", ["para <1>", "x" * 5000])
    text = check_messages(render_article_html(view))
    assert "para <1>" in text and "Headline & <more>" in text
    passage = make_passage("middle <passage>")
    text = check_messages(render_context_html(ContextView("before & after", passage, "after <this>")))
    assert text.index("before & after") < text.index("middle <passage>") < text.index("after <this>")


def test_terminal_renders_markup_literally() -> None:
    answer = make_answer(["[bold red]not markup[/] <b>x</b> & *y*"], also_reported_by=("Sky News",))
    console = Console(record=True, width=100, color_system=None)
    console.print(render_terminal(answer))
    out = console.export_text()
    assert "[bold red]not markup[/]" in out and "<b>x</b> & *y*" in out
    assert "Reported by: The Independent, Sky News" in out


def test_json_keeps_grouping_and_variants() -> None:
    answer = make_answer(["26 nations & <b>"], also_reported_by=("Sky News",), variants=(("Leaders Wiki", "27"),))
    record = json.loads(render_json(answer, id="q1"))
    assert record["id"] == "q1"
    passage = record["passages"][0]
    assert passage["text"] == "26 nations & <b>"
    assert passage["also_reported_by"] == ["Sky News"]
    assert passage["variants"] == [{"outlet": "Leaders Wiki", "text": "27"}]


@pytest.mark.parametrize("notes", [(), ("The articles don't answer this.",)])
def test_empty_answer_still_says_something(notes: tuple[str, ...]) -> None:
    text = check_messages(render_answer_html(Answer("q", False, (), notes)))
    assert text.strip()


def test_a_note_without_passages_offers_no_related_reading() -> None:
    answer = Answer("more", False, (), ("Nothing to show more of yet: ask a question first.",))
    console = Console(record=True, width=100, color_system=None)
    console.print(render_terminal(answer))
    assert console.export_text().strip() == "Nothing to show more of yet: ask a question first."
    assert "related reading" not in check_messages(render_answer_html(answer))


@pytest.mark.slow
def test_real_answers_render_as_valid_telegram_html(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    for question in ("How many countries attended the summit?", "Kushner?", "<b>Greenland</b> & Trump?"):
        answer = engine.ask(question, k=10)
        text = check_messages(render_answer_html(answer))
        assert all(c.passage.text.split("\n")[0] in text for c in answer.passages)
    check_messages(render_sources_html(engine.sources()))
    for source in engine.sources():
        check_messages(render_article_html(engine.article_view(str(source.number))))
    check_messages(render_context_html(engine.passage_context(engine.corpus.passages[0].passage_id)))


def test_giant_headline_in_sources_stays_literal() -> None:
    sources = [SourceInfo(1, "a1", "Out & <let>", "<i>" + "Headline " * 800, "", 2)]
    text = check_messages(render_sources_html(sources))
    assert "<i>Headline" in text and "Out & <let>" in text
