"""A question asking how a nameless collective reacted is answered only where a passage reports its view."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.engine import Engine
from bot.reactions import unreported_reaction

DEPLOYMENT = "The declaration foresees British and French soldiers stationed across Ukraine once a ceasefire holds."
WELCOME = "Ukrainian soldiers on the front line welcomed the news, a spokesman told reporters."


@pytest.mark.parametrize(
    ("question", "collective"),
    [
        ("how did ukrainian soldiers feel about the declaration", "ukrainian soldiers"),
        ("How did Ukrainian soldiers on the front line react to the deal?", "Ukrainian soldiers"),
        ("how did the markets react to the paris summit", "markets"),
        ("what did human rights groups say about the deal", "human rights groups"),
        ("what do the experts think", "experts"),
        ("how did ukrainian opposition politicians react to the deal", "ukrainian opposition politicians"),
        ("what did british mps say about it", "british mps"),
    ],
)
def test_a_collective_never_reported_reacting_is_named(question: str, collective: str) -> None:
    # "soldiers" is in the passage, but only as what Britain deploys, not as anyone saying or judging anything
    assert unreported_reaction(question, [DEPLOYMENT]) == collective


def test_a_passage_reporting_the_collectives_view_answers_it() -> None:
    assert unreported_reaction("how did ukrainian soldiers feel about the declaration", [WELCOME]) is None
    concerns = "Those developments had raised concerns among analysts about Washington's reliability."
    assert unreported_reaction("how did analysts react to the summit", [concerns]) is None


@pytest.mark.parametrize(
    "question",
    [
        "what did the leaders say at the news conference",  # leaders speak through named members
        "how did the americans respond to the deal",
        "what did the press conference say",  # "press" before "conference" is no collective
        "why are soldiers being sent",  # no reaction asked for
        "how many soldiers will britain send",
    ],
)
def test_other_questions_ask_no_collectives_reaction(question: str) -> None:
    assert unreported_reaction(question, [DEPLOYMENT]) is None


def test_the_engine_refuses_a_reaction_no_passage_reports_and_says_so(seed_index: Path) -> None:
    seeds = Engine(load_settings({"index_dir": seed_index}))
    answer = seeds.ask("how did ukrainian soldiers feel about the declaration")  # every word is in the articles
    assert not answer.answered
    assert "None of the closest passages reports the view of “ukrainian soldiers”." in answer.notes
    assert seeds.ask("what did european leaders say about greenland's future").answered
