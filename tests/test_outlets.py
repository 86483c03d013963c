"""Outlets named in a question: the indexed ones filter the search, well-known ones the index lacks are said so."""

from __future__ import annotations

import pytest

from bot.outlets import OutletDirectory

INDEXED = OutletDirectory(["Sky News", "The Independent", "Novaya Gazeta Europe"])


@pytest.mark.parametrize(
    ("question", "outlet", "rest"),
    [
        ("what did the bbc report about the summit?", "the BBC", "what did report about the summit?"),
        ("According to Reuters, how many troops will Britain send?", "Reuters", "how many troops will Britain send?"),
        ("What did the Guardian's editorial say?", "The Guardian", "What did editorial say?"),
        ("what did the new york times say about kushner", "The New York Times", "what did say about kushner"),
        ("what did the kyiv independent say?", "The Kyiv Independent", "what did say?"),
        ("and the times?", "The Times", "and?"),
    ],
)
def test_a_well_known_outlet_the_index_lacks_is_found(question: str, outlet: str, rest: str) -> None:
    unindexed = INDEXED.find_unindexed(question)
    assert unindexed is not None and (unindexed.outlet, unindexed.question) == (outlet, rest)


@pytest.mark.parametrize(
    "question",
    [
        "what did sky news say about greenland",  # indexed: a filter, not a lack
        "what did novaya gazeta report",  # "Novaya Gazeta Europe" goes by it
        "what did the independent say",
        "who is the guardian of the ceasefire?",  # the word, not the outlet
        "how many times did kushner say strongly",
        "did russia telegraph its plans?",
        "what did the bbc and the independent say about greenland?",  # an indexed outlet answers it
    ],
)
def test_no_outlet_the_index_lacks_where_none_is_named(question: str) -> None:
    assert INDEXED.find_unindexed(question) is None


def test_an_indexed_outlet_inside_another_outlets_name_is_not_named() -> None:
    assert INDEXED.find("what did the kyiv independent say?") is None
    mention = INDEXED.find("what did the independent say?")
    assert mention is not None and mention.outlet == "The Independent"


def test_an_outlet_the_index_holds_is_no_longer_unindexed() -> None:
    with_bbc = OutletDirectory(["BBC News", "Sky News"])
    assert with_bbc.find_unindexed("what did the bbc report?") is None
    mention = with_bbc.find("what did bbc news report?")
    assert mention is not None and mention.outlet == "BBC News"


@pytest.mark.parametrize(
    ("question", "outlets", "rest"),
    [
        (
            "compare what sky news and the independent say about kushner",
            ("Sky News", "The Independent"),
            "compare what and say about kushner",
        ),
        # a one-word name in lower case counts where another outlet's name is listed after it
        (
            "how did the independent and sky news describe the deal",
            ("The Independent", "Sky News"),
            "how did and describe the deal",
        ),
        # listed after another outlet's name, as well as before one
        (
            "how do sky news and the independent each describe what the hubs are for?",
            ("Sky News", "The Independent"),
            "how do and each describe what the hubs are for?",
        ),
        (
            "compare the independent with sky news on greenland",
            ("The Independent", "Sky News"),
            "compare with on greenland",
        ),
    ],
)
def test_several_outlets_named_are_all_found(question: str, outlets: tuple[str, ...], rest: str) -> None:
    assert INDEXED.find_several(question) == (outlets, rest)


@pytest.mark.parametrize(
    "question",
    [
        "what did sky news say about kushner",  # one outlet
        "is there an independent mechanism and a monitoring system",  # "independent" as a word
        "what do sky news and the bbc say",  # one indexed outlet; the other is said to be lacking
    ],
)
def test_no_several_outlets_where_fewer_than_two_indexed_ones_are_named(question: str) -> None:
    assert INDEXED.find_several(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "how does the independent explain why the deal was possible at all?",  # before, "independent" was searched
        "what did the independent mention about greenland",
        "who did the independent quote",
    ],
)
def test_a_one_word_outlet_before_a_verb_of_reporting_is_the_outlet(question: str) -> None:
    mention = INDEXED.find(question)
    assert mention is not None and mention.outlet == "The Independent"
