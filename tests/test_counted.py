"""Whose count a number question asks for, and whether the figures' sentences name that country."""

from __future__ import annotations

import pytest

from bot.counted import counted_country, uncounted_country


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("how many troops will germany contribute", "germany"),
        ("How many German troops will go to Ukraine?", "germany"),
        ("how many U.S. soldiers are going", "us"),
        ("how many troops will the United States send to ukraine", "us"),
        ("how many soldiers will britain send", "uk"),
        ("how many troops will the uk be sending", "uk"),
        ("how many troops will ukraine be allowed to keep", "ukraine"),
        ("how many points did the us peace plan have", None),  # "US" describes the plan; it counts nothing
        ("how many nations joined france and the uk", None),  # the countries are what is joined, not counted
        ("how many european leaders came", None),  # a continent, not a country
        ("how many countries did germany say would join", None),  # Germany says; the count is of countries
    ],
)
def test_the_country_whose_count_is_asked_for(question: str, country: str | None) -> None:
    assert counted_country(question) == country


def test_a_count_is_for_a_country_its_sentence_names() -> None:
    question = "how many troops will germany send"
    assert uncounted_country(question, ["Ukraine may keep an army of up to 800,000 troops."]) == "Germany"
    assert uncounted_country(question, ["Germany offered 5,000 troops."]) is None
    assert uncounted_country(question, ["German officials spoke of 5,000 troops."]) is None  # the adjective
    assert uncounted_country("how many troops will the us send", ["The U.S. sent 20 troops."]) is None
    assert uncounted_country("how many troops will the us send", ["Kyiv got 20 troops."]) == "the US"
    assert uncounted_country("how many nations signed", ["26 nations signed."]) is None  # no country counted
