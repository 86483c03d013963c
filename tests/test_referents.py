"""After "who …?", a follow-up's "he" is the person the answer named: found in the answer's sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import CitedPassage
from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.referents import answer_people, answer_place
from index.chunk import Passage

ARTICLE = (
    "The summit in Paris was hosted by French President Emmanuel Macron. "
    "Special envoy Steve Witkoff and UK Prime Minister Keir Starmer also spoke."
)


def cited(sentence: str) -> tuple[CitedPassage, ...]:
    passage = Passage("a:000", "a", 0, sentence, 0, len(sentence), (0, 0), (0, 0), "Test Outlet", "stated", "", "")
    return (CitedPassage(1, passage, 1.0, (0, len(sentence))),)


def test_the_person_the_answering_sentence_names() -> None:
    answer = cited("The summit in Paris was hosted by French President Emmanuel Macron.")
    assert answer_people("Who hosted the summit?", answer, ARTICLE) == ["Emmanuel Macron"]


def test_the_person_the_question_names_comes_first() -> None:
    answer = cited("Special envoy Steve Witkoff and UK Prime Minister Keir Starmer also spoke.")
    assert answer_people("Who is Steve Witkoff?", answer, ARTICLE) == ["Steve Witkoff"]
    assert answer_people("Who spoke?", answer, ARTICLE) == ["Steve Witkoff", "Keir Starmer"]


@pytest.mark.parametrize(
    ("question", "names_asked"),
    [
        ("What did Macron say?", ()),  # no "who": nothing to remember
        ("who is rose gottemoeller?", ("rose", "gottemoeller")),  # a name asked about, unknown to the article
    ],
)
def test_nothing_to_remember(question: str, names_asked: tuple[str, ...]) -> None:
    answer = cited("The summit in Paris was hosted by French President Emmanuel Macron.")
    assert answer_people(question, answer, ARTICLE, names_asked) == []


@pytest.mark.parametrize("place", ["paris", "france", "french", "kyiv"])
def test_a_place_the_question_names_leaves_the_answer_to_say_who(place: str) -> None:
    answer = cited("The summit in Paris was hosted by French President Emmanuel Macron.")
    # before, "paris" counted as a name asked about, and "he" after "who hosted the summit in paris?" meant no one
    assert answer_people(f"who hosted the summit in {place}?", answer, ARTICLE, (place,)) == ["Emmanuel Macron"]


@pytest.mark.slow
def test_a_follow_up_to_who_searches_for_the_answer(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    conversation = Conversation()
    engine.reply(conversation, "Who hosted the summit?")
    answer = engine.reply(conversation, "what did he say about the deal?")
    assert answer.notes[0] == (
        "Read as a follow-up to “Who hosted the summit?”, “he” as Emmanuel Macron (/new starts afresh)."
    )
    assert "Macron" in answer.passages[0].highlight_text
    batch = engine.ask("what did he say about the deal?", context=["Who hosted the summit?"])  # as ask --batch
    assert [c.passage.passage_id for c in batch.passages] == [c.passage.passage_id for c in answer.passages]


@pytest.mark.slow
def test_a_role_the_who_question_names_is_the_answer(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    conversation = Conversation()
    engine.reply(conversation, "who is the nato chief?")
    answer = engine.reply(conversation, "what did he say about russia?")
    assert "“he” as Mark Rutte" in answer.notes[0]
    assert "Rutte" in answer.passages[0].highlight_text


def test_the_venue_the_answer_to_where_names() -> None:
    caption = "Leaders shake hands after signing a declaration, at the Élysée Palace in Paris, France, 6 January 2026."
    assert answer_place("where was the declaration signed", cited(caption)) == ["élysée", "palace"]
    assert answer_place("who signed the declaration", cited(caption)) == []  # not asked where
    assert answer_place("where was it signed", cited("It was signed at Tuesday’s summit in Paris.")) == []


@pytest.mark.parametrize(
    ("before", "follow_up", "answer_words"),
    [
        # "building" found as the verb of "building the practical foundations"; the residence outside the top 10
        (["where was the declaration signed?", "who hosted it?"], "what is that building?", "official residence"),
        (["where was the declaration signed?"], "who was in the photo", "shake hands"),
    ],
)
def test_a_follow_up_to_where_is_about_the_venue_its_answer_named(
    seed_index: Path, before: list[str], follow_up: str, answer_words: str
) -> None:
    answer = Engine(Settings(index_dir=seed_index)).ask(follow_up, k=10, page=3, context=before)
    assert any(answer_words in cited.passage.text for cited in answer.passages[:5])
