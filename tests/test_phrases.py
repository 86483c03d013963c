"""Quoted phrases: read from the question, found word for word, searched first, and said when no passage has them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import Engine
from bot.evidence import sentence_says
from index.chunk import Passage
from index.lexical import LexicalIndex, tokenize
from index.phrases import holding, phrase_pattern, quoted_phrases, said_words


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ('who said "peace through strength"?', ("peace through strength",)),
        ("who said “peace through strength”?", ("peace through strength",)),
        ("what did starmer's 'iron-cast commitment' mean", ("iron-cast commitment",)),
        ("who said «it ends forever» and 'it ends forever'?", ("it ends forever",)),
        ("what did starmer's government say about the hubs", ()),  # an apostrophe, not a quotation
        ('who said "?"', ()),
        ("was it rock 'n' roll?", ()),  # a lone letter: no phrase
    ],
)
def test_quoted_phrases(question: str, phrases: tuple[str, ...]) -> None:
    assert quoted_phrases(question) == phrases


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("who said peace through strength?", "peace through strength"),
        ("And who said that the carnage has to stop", "the carnage has to stop"),
        (
            "Who has said this illustrates the willingness of the coalition?",
            "this illustrates the willingness of the coalition",
        ),
        ("who said that?", None),  # quotes nothing
        ("who said it first", None),  # too few words to be a quotation
        ("what did starmer say about peace through strength", None),  # not a "who said" question
    ],
)
def test_the_unquoted_words_of_a_who_said_question(question: str, words: str | None) -> None:
    assert said_words(question) == words


def test_a_phrase_matches_whatever_the_case_punctuation_and_apostrophe() -> None:
    pattern = phrase_pattern("It's a very, very big milestone")
    assert pattern.search("Kushner: “it’s a very very big  milestone”.")
    assert not pattern.search("it's a very big milestone")  # a word missing
    assert not phrase_pattern("big mile").search("a big milestone")  # whole words only


def passage(row: int, text: str) -> Passage:
    return Passage(f"a:{row:03d}", "a", row, text, 0, len(text), (0, 0), (0, 0), "Test Outlet", "stated", "", "")


def test_rows_with_all_words_narrow_the_passages_to_check_including_added_ones() -> None:
    texts = ["peace through strength, he said", "strength and peace", "the bridge opened"]
    added = ["Peace through strength again"]
    lexical = LexicalIndex.build(texts).with_delta([tokenize(text) for text in added])
    assert lexical.rows_with_all("peace through strength") == [0, 1, 3]
    assert lexical.rows_with_all("through the") is None  # stopwords only: any passage may hold it
    passages = [passage(row, text) for row, text in enumerate([*texts, *added])]
    assert holding(passages, [0, 1, 3], ["peace through strength"]) == [0, 3]


@pytest.mark.slow
def test_a_quoted_phrase_ranks_its_passages_first_or_is_said_to_be_missing(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    answer = engine.ask('who said "peace through strength"?')
    assert "peace through strength" in answer.passages[0].passage.text and answer.notes == ()
    missing = engine.ask('who said "peace thru strength"?')
    assert missing.notes == ("No passage has “peace thru strength” word for word.",) and missing.passages
    from_outlet = engine.ask('what does the independent say about "legitimate target"?')
    assert "No passage from The Independent has “legitimate target” word for word." in from_outlet.notes
    long = engine.ask('who said "' + "no such words " * 20 + '"?')
    assert long.notes[0].startswith("No passage has “no such words") and len(long.notes[0]) < 100
    # typed without quotation marks: searched first where a passage holds the words, and no note where none does
    unquoted = engine.ask("who said peace through strength")
    assert "peace through strength" in unquoted.passages[0].passage.text and unquoted.notes == ()
    assert engine.ask("who said peace thru strength").notes == ()
    slipped = engine.ask("who said peace throuh strength")  # read with the slip corrected
    assert "peace through strength" in slipped.passages[0].passage.text
    assert slipped.notes == ("Read “throuh” as “through”.",)


@pytest.mark.slow
def test_a_quoted_topic_is_counted_word_for_word(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    assert engine.ask("how many articles mention military hubs?").extra["mentions"] == 5  # words anywhere
    # quoted: word for word, so not Leaders Wiki's "military coordination hubs"
    assert engine.ask("how many articles mention “military hubs”?").extra["mentions"] == 4
    missing = engine.ask("how many articles mention “the military hubs”?")
    assert "mentions" not in missing.extra and missing.notes[0].startswith("No passage has “the military hubs”")


@pytest.mark.parametrize(
    ("covers", "says"),
    [
        ((1.0, 1.0), True),
        ((0.86, 1.0), True),  # "a huge milestone": "a very, very big milestone"
        ((1.0, 0.43, 1.0), True),  # "an iron-clad commitment": most words as written
        ((0.42, 0.41), False),  # "russia will pay for this" against a sentence on Russia
        ((1.0, 0.38), False),  # one word of two as written is not most
    ],
)
def test_a_sentence_says_a_quotation_closely_or_mostly_as_written(covers: tuple[float, ...], says: bool) -> None:
    assert sentence_says(covers) is says


def test_a_quotation_no_sentence_says_is_not_answered(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    invented = engine.ask('who said "russia will pay for this"?')
    assert not invented.answered and invented.passages  # the closest passages are still offered
    assert "None of the closest passages says “russia will pay for this”, or words close to it." in invented.notes
    for misremembered in (
        'who called the agreement "a huge milestone"?',
        'who said "the carnage must stop"?',
        'who mentioned "an iron-clad commitment" to ukraine?',
    ):
        answer = engine.ask(misremembered)
        assert answer.answered, misremembered
        assert answer.notes[0].startswith("No passage has")  # still told it is not word for word
