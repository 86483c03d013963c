"""Links pasted into a question: found, compared as the same page, and read as the indexed article they are to."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import Engine
from bot.links import find_link, link_key

INDEPENDENT = "https://www.the-independent.com/news/uk/politics/ukraine-uk-france-troops-coalition-willing-b2895647.html"


@pytest.mark.parametrize(
    ("question", "link", "rest"),
    [
        ("https://example.com/a what does this say?", "https://example.com/a", "what does this say?"),
        ("does www.example.com/a/b.html say more?", "www.example.com/a/b.html", "does say more?"),
        ("summary of (https://example.com/?p=2).", "https://example.com/?p=2", "summary of ()."),
        ("read “https://example.com/x”?", "https://example.com/x", "read “”?"),
    ],
)
def test_a_link_is_found_without_its_closing_punctuation(question: str, link: str, rest: str) -> None:
    assert find_link(question) == (link, rest)


def test_no_link() -> None:
    assert find_link("what did the independent say about greenland? www or http") is None


@pytest.mark.parametrize(
    ("link", "key"),
    [
        ("https://www.Example.com/a/?utm_source=tg&utm_medium=share#top", "example.com/a"),
        ("http://example.com/a", "example.com/a"),
        ("www.example.com/a/", "example.com/a"),
        ("https://leaders-wiki.com/?p=2693&fbclid=x1", "leaders-wiki.com?p=2693"),  # the page is in the query
    ],
)
def test_links_to_one_page_have_one_key(link: str, key: str) -> None:
    assert link_key(link) == key


def test_a_malformed_link_is_compared_as_typed() -> None:
    # urlsplit raises on an unclosed IPv6 bracket; the fuzz test found a question that crashed on it
    assert link_key("http://[Oops") == "http://[oops"


@pytest.fixture(scope="module")
def engine(seed_index: Path) -> Engine:
    return Engine(Settings(index_dir=seed_index))


def test_a_question_about_a_pasted_link_is_answered_from_that_article(engine: Engine) -> None:
    # Before, "https" and "www" were words the passages had to hold: refused.
    answer = engine.ask(f"{INDEPENDENT}?utm_source=telegram what does this say about greenland?")
    assert answer.answered
    assert "From article 3 (The Independent) only." in answer.notes
    assert answer.passages and {cited.passage.outlet for cited in answer.passages} == {"The Independent"}
    assert any("Greenland" in cited.passage.text for cited in answer.passages)


def test_a_link_alone_shows_how_its_article_opens(engine: Engine) -> None:
    answer = engine.ask("https://leaders-wiki.com/?p=2693")
    assert "From article 5 (Leaders Wiki) only." in answer.notes
    assert [cited.passage.outlet for cited in answer.passages] == ["Leaders Wiki"]


def test_a_link_to_no_indexed_article_says_so(engine: Engine) -> None:
    answer = engine.ask("what does https://www.bbc.co.uk/news/articles/c123 say about greenland?")
    assert not answer.answered
    note = answer.notes[-1]
    assert note.startswith("No article in the index has the link bbc.co.uk/news/articles/c123: it holds 5 articles")


def test_a_link_alone_to_no_indexed_article_says_so_and_shows_nothing(engine: Engine) -> None:
    answer = engine.ask("https://www.bbc.co.uk/news/articles/c123")
    assert not answer.answered and not answer.passages
    assert answer.notes[-1].startswith("No article in the index has the link bbc.co.uk/news/articles/c123")


def test_a_link_typed_in_capitals_is_the_same_page(engine: Engine) -> None:
    assert "From article 3 (The Independent) only." in engine.ask(INDEPENDENT.upper()).notes


def test_a_question_with_a_malformed_link_is_answered_or_refused_not_crashed(engine: Engine) -> None:
    answer = engine.ask("what does http://[ say about greenland?")
    assert not answer.answered and answer.notes[-1].startswith("No article in the index has the link http://[")
