"""Seats of government stand for their countries in news ("Moscow said"): searched beside the country's name."""

from __future__ import annotations

from pathlib import Path

import pytest

import index.search
from bot.config import load_settings
from bot.engine import Engine
from index.corpus import IndexedCorpus
from index.search import Searcher
from index.seats import seat_words, seats_as_countries


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("has russia responded", ["moscow", "kremlin"]),
        ("how did moscow react", ["russia"]),
        ("what did the kremlin say", ["russia"]),
        ("did the United States sign?", ["washington", "white house"]),
        ("did the US sign?", ["washington", "white house"]),
        ("did the us sign?", ["washington", "white house"]),
        ("what did washington promise", ["america", "u.s", "united states"]),
        ("has russia answered moscow's critics", ["kremlin"]),  # the question's own words are not repeated
        ("will the russians fight back", []),  # a people, not its government
        ("tell us what was agreed", []),  # "us", the pronoun
        ("who hosted the summit", []),
    ],
)
def test_the_seats_of_the_countries_a_question_names(question: str, words: list[str]) -> None:
    assert seat_words(question) == words


@pytest.mark.slow
def test_a_passage_writing_the_seat_scores_for_the_country(seed_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    searcher = Searcher(IndexedCorpus.open(seed_index))
    row = next(r for r, p in enumerate(searcher.corpus.passages) if "no immediate response from Moscow" in p.text)
    with_seats = dict(searcher._lexical("has russia responded to the deal", "", 100, semantic=True))
    monkeypatch.setattr(index.search, "seat_words", lambda question: [])
    without = dict(searcher._lexical("has russia responded to the deal", "", 100, semantic=True))
    assert with_seats[row] > without.get(row, 0.0)


def test_a_seat_is_written_as_its_country_for_judging_cover() -> None:
    assert seats_as_countries("what did Downing Street say") == "what did uk say"
    assert seats_as_countries("how did tokyo respond") == "how did japan respond"
    assert seats_as_countries("what did brussels say") == "what did brussels say"  # the EU's and Belgium's
    assert seats_as_countries("who hosted the summit") == "who hosted the summit"


def test_a_seat_the_articles_never_write_is_covered_by_its_country(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index}))
    # refused for "downing" and "street" while the passages' "UK" did not count for them
    assert engine.ask("what did downing street say the uk would take part in").answered
    beijing = engine.ask("what did beijing say about the summit")  # a country the articles never mention
    assert not beijing.answered and "The articles never mention Beijing." in beijing.notes
