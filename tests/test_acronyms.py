"""Acronyms: a typed acronym is read as the articles' name its letters spell, a country code as its country."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.acronyms import Acronyms, acronym_matches, candidate_names
from bot.config import load_settings
from bot.engine import Engine
from index.spelling import Correction

TEXTS = [
    "Leaders of the so-called Coalition of the Willing met in Paris. NATO Secretary-General Mark Rutte spoke.",
    "Starmer and Macron signed a “declaration of intent”. The White House said it was “discussing options”.",
    "The declaration promises long-term support for the Armed Forces of Ukraine and “strong security guarantees”.",
    "“We have to be frank,” he said. French President Emmanuel Macron hosted the summit.",
]


@pytest.mark.parametrize(
    ("acronym", "name", "spells"),
    [
        ("CoW", "Coalition of the Willing", True),
        ("CotW", "Coalition of the Willing", True),
        ("CW", "Coalition of the Willing", True),
        ("SG", "Secretary-General", True),
        ("SecGen", "Secretary-General", True),
        ("AFU", "Armed Forces of Ukraine", True),
        ("DoI", "declaration of intent", True),
        ("DoI", "discussing options", False),  # its capital "I" opens no word
        ("FR", "French President", False),  # "President" gives no letter
        ("CoW", "Coalition", False),  # one word is no name of an acronym
        ("DSG", "Declaration Signed", False),  # capitals open words: "G" is inside "Signed"
        ("MNF-U", "Multinational Force for Ukraine", False),  # "N" is inside "Multinational"
    ],
)
def test_an_acronym_spells_a_name_by_the_letters_opening_its_words(acronym: str, name: str, spells: bool) -> None:
    assert acronym_matches(acronym, name) is spells


def test_the_names_are_capitalised_runs_and_quoted_phrases_of_the_articles() -> None:
    names = candidate_names(TEXTS)
    assert {"Coalition of the Willing", "Secretary-General", "White House", "declaration of intent"} <= set(names)
    assert "of the Willing" not in names  # a run starts and ends with a word of the name


def test_acronyms_are_read_as_the_names_they_stand_for() -> None:
    acronyms = Acronyms.from_texts(TEXTS, {"nato": 1}.get)
    assert acronyms.expand("who signed the DoI") == (
        "who signed the declaration of intent",
        (Correction("DoI", "declaration of intent"),),
    )
    assert acronyms.expand("where did the CoW meet")[0] == "where did the Coalition of the Willing meet"
    assert acronyms.expand("what did the NATO SG say")[0] == "what did the NATO Secretary-General say"  # not a quote
    assert acronyms.expand("what did the WH say")[0] == "what did the White House say"  # not "We have"
    assert acronyms.expand("what role will the AFU have")[0] == "what role will the Armed Forces of Ukraine have"


def test_country_codes_are_read_as_countries_or_their_adjectives() -> None:
    acronyms = Acronyms.from_texts(TEXTS)
    assert acronyms.expand("what is RU's position")[0] == "what is Russia's position"
    assert acronyms.expand("what did the UA president say")[0] == "what did the Ukrainian president say"
    assert acronyms.expand("is IT in") == ("is IT in", ())  # "it": a word, not Italy


def test_what_the_articles_write_or_no_name_spells_is_left_as_typed() -> None:
    acronyms = Acronyms.from_texts(TEXTS, {"ecb": 3}.get)
    assert acronyms.expand("what did NATO say") == ("what did NATO say", ())  # the articles' own
    assert acronyms.expand("what did the ECB say") == ("what did the ECB say", ())  # theirs outside the sample
    assert acronyms.expand("what did the UNSC say") == ("what did the UNSC say", ())  # no name spells it
    assert acronyms.expand("WHAT DID THE COW SAY") == ("WHAT DID THE COW SAY", ())  # shouted: capitals say nothing
    assert acronyms.expand("what did the cow say") == ("what did the cow say", ())  # no capitals, no acronym


@pytest.mark.slow
def test_an_acronym_of_the_seed_articles_is_answered(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index}))
    engine.ask("who signed the declaration")
    assert engine._acronyms is None  # the names are read on the first question with an acronym, not before
    # Refused before: "The articles never mention DoI."
    answer = engine.ask("who signed the DoI")
    assert answer.answered and "Read “DoI” as “declaration of intent”." in answer.notes
    assert "signed" in answer.passages[0].passage.text
