"""A question offering choices ("denmark or norway?") needs the articles to bear out only one of them; a quiz's frame
("true or false: …", "fill in the blank: … ___") is no word they must cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer_kinds import asked_kind
from bot.choices import each_choice
from bot.config import load_settings
from bot.engine import Engine
from bot.phrasing import without_quiz_frame


@pytest.mark.parametrize(
    ("question", "choices"),
    [
        ("is greenland part of denmark or norway", ["is greenland part of denmark", "is greenland part of norway"]),
        (
            "was it 26, 27 or 35 countries at the summit",
            [
                "was it 26 countries at the summit",
                "was it 27 countries at the summit",
                "was it 35 countries at the summit",
            ],
        ),
        (
            "which countries refused: italy and poland, or spain and portugal",
            ["which countries refused: italy and poland", "which countries refused: spain and portugal"],
        ),
        (
            "witkoff called starmer what: brilliant, incredible or tough",
            [
                "witkoff called starmer what: brilliant",
                "witkoff called starmer what: incredible",
                "witkoff called starmer what: tough",
            ],
        ),
        (
            "was kushner a senior adviser or a cabinet secretary",
            ["was kushner a senior adviser", "was kushner a cabinet secretary"],
        ),
        ("was the summit on a monday or a tuesday", ["was the summit on a monday", "was the summit on a tuesday"]),
        (
            "did the force cost 5 or 10 billion euros",
            ["did the force cost 5 billion euros", "did the force cost 10 billion euros"],
        ),
        # no wider than what follows "or": "parliament" stays in both
        (
            "was the vote in parliament passed or rejected",
            ["was the vote in parliament passed", "was the vote in parliament rejected"],
        ),
        # a listed item longer than the choice before "or" is a clause, not a choice
        (
            "who leads the monitoring, the us or the un",
            ["who leads the monitoring, the us", "who leads the monitoring, the un"],
        ),
        # a determiner stands before the choices: the subject stays in both ("Canada" had been dropped from the second)
        (
            "Has Canada committed any personnel or air assets to the force?",
            [
                "Has Canada committed any personnel assets to the force",
                "Has Canada committed any air assets to the force",
            ],
        ),
    ],
)
def test_each_choice_is_the_question_with_the_others_left_out(question: str, choices: list[str]) -> None:
    assert each_choice(question) == choices


@pytest.mark.parametrize(
    "question",
    [
        "was he there in person or not",
        "america is sign the paper or no",
        "what happened on tuesday",
        "or what",
        "did they get 800,000 troops or so",
    ],
)
def test_a_question_offering_no_choice_is_kept_whole(question: str) -> None:
    assert each_choice(question) == [question]


@pytest.mark.parametrize(
    ("question", "unframed"),
    [
        ("true or false: the summit was held in paris", "the summit was held in paris"),
        ("Yes or no, did the US sign?", "did the US sign?"),
        ("did the us sign the declaration, yes or no?", "did the us sign the declaration?"),
        ("fill in the blank: macron dubbed it the ___ declaration", "macron dubbed it the declaration"),
        ("Complete the quote: when this ends, it ends ___", "when this ends, it ends"),
        ("is it true or false that russia agreed", "is it true or false that russia agreed"),  # asked, not a frame
        ("true or false?", "true or false?"),  # nothing left: as typed
    ],
)
def test_a_quiz_frame_is_left_out(question: str, unframed: str) -> None:
    assert without_quiz_frame(question) == unframed


def test_a_time_or_a_sum_stated_in_the_question_asks_for_one() -> None:
    assert asked_kind("was the news conference at noon or at 6pm").name == "a time of day"  # type: ignore[union-attr]
    assert asked_kind("did the force cost 5 or 10 billion euros").name == "an amount of money"  # type: ignore[union-attr]
    assert asked_kind("was the news conference at noon") is None  # a part of the day alone is no time asked


def test_the_engine_answers_the_choice_the_articles_bear_out_and_refuses_where_none(seed_index: Path) -> None:
    seeds = Engine(load_settings({"index_dir": seed_index}))
    greenland = seeds.ask("is greenland part of denmark or norway?")  # Norway is in no article
    assert greenland.answered and "Denmark" in greenland.passages[0].passage.text
    assert seeds.ask("which two countries refused to send troops: italy and poland, or spain and portugal?").answered
    assert seeds.ask("true or false: the european troops will fight on the front line").answered
    refused = seeds.ask("did japan or south korea pledge money to the coalition?")
    assert not refused.answered
    assert refused.notes[0].startswith("The articles never mention Japan or")  # both named: no choice borne out
    assert not seeds.ask("was the news conference at noon or at 6pm?").answered  # no passage gives a time of day
