"""Conversation state and follow-up reading: bounded, serialisable, old context only where a question needs it."""

from __future__ import annotations

import json

import pytest

from bot.conversation import Conversation, Listing, Turn
from bot.followup import EntityLexicon, ends_on_unknown_thing, is_more, one_read_as, read_question

LEXICON = EntityLexicon.from_texts(
    [
        "Mr Zelensky met Jared Kushner in Paris. Zelensky said Greenland was discussed. Rose Gottemoeller spoke. "
        "Kushner thanked Macron. Rutte and Macron spoke about the Coalition in Paris on Tuesday in Paris.",
        "The talks went well, said Zelensky, and Kushner agreed with Gottemoeller and Greenland and Rose.",
    ]
)


def turn(question: str, at: float = 1000.0, **fields: object) -> Turn:
    return Turn(question=question, query=question, timestamp=at, **fields)  # type: ignore[arg-type]


def test_round_trip_through_json() -> None:
    conversation = Conversation(max_turns=3, ttl_seconds=60)
    conversation.add(turn("What did Zelensky say?", passage_ids=["a:001"], entities=["zelensky"], outlet="Sky News"))
    conversation.add(turn("and about territory?", expansion="zelensky", terms=["territory"], followup=True))
    conversation.add(turn("and in sky news and the independent?", outlets=["Sky News", "The Independent"]))
    record = json.loads(json.dumps(conversation.to_json()))
    assert Conversation.from_json(record) == conversation


def test_a_listing_round_trips_ends_with_the_next_turn_and_expires() -> None:
    conversation = Conversation(ttl_seconds=60)
    conversation.add(turn("who hosted the summit?"))
    conversation.listing = Listing("what happened?", ["a:000", "b:000", "c:000", "d:000"], 3, "", 1000.0)
    assert Conversation.from_json(json.loads(json.dumps(conversation.to_json()))) == conversation
    assert conversation.current_listing(now=1030.0) is not None and conversation.listing.rest() == ["d:000"]
    assert conversation.current_listing(now=1061.0) is None and conversation.listing is None
    conversation.listing = Listing("what happened?", ["a:000"], 1, "", 1000.0)
    conversation.add(turn("who signed it?"))  # a searched question: 'more' pages it, not the listing
    assert conversation.listing is None
    conversation.listing = Listing("what happened?", ["a:000"], 1, "", 1000.0)
    conversation.reset()
    assert conversation.listing is None and not conversation.can_page()


def test_bounded_in_turns_and_time() -> None:
    conversation = Conversation(max_turns=2, ttl_seconds=60)
    for n in range(5):
        conversation.add(turn(f"q{n}", at=1000.0 + n))
    assert [t.question for t in conversation.turns] == ["q3", "q4"]
    assert conversation.last(now=1050.0).question == "q4"  # type: ignore[union-attr]
    assert conversation.last(now=1064.5) is None
    assert conversation.turns == []


def test_reset_forgets_everything() -> None:
    conversation = Conversation()
    conversation.add(turn("q"))
    conversation.reset()
    assert conversation.last(now=1000.0) is None


def test_lexicon_knows_names_not_common_words() -> None:
    assert {"zelensky", "kushner", "gottemoeller", "paris"} <= LEXICON.names
    assert "talks" not in LEXICON.names and "the" not in LEXICON.names


ZELENSKY = turn("What did Zelensky say about the declaration?", entities=["zelensky"], terms=["declaration"])


@pytest.mark.parametrize(
    "question",
    [
        "and what about territory?",
        "who did he thank?",
        "where exactly was it held",
        "is it likely that it will hold",  # the second "it" is the declaration
        "So what do the allies do in the meantime?",
        "who else attended the talks?",  # "else": someone besides those the turn before was about
        "Ok cool. Who signed?",  # chatter ("cool") is no topic of its own
    ],
)
def test_follow_ups_carry_the_previous_terms(question: str) -> None:
    reading = read_question(question, ZELENSKY, LEXICON)
    assert reading.followup
    assert "zelensky" in reading.expansion.split() and "declaration" in reading.expansion.split()
    assert reading.query == question, "the new words are searched as asked; old ones only as expansion"
    assert "zelensky" in reading.entities, "a follow-up keeps the names it is about for the next one"


def test_a_thing_named_in_the_readers_own_word_leans_on_the_turn_before() -> None:
    vocabulary = {"summit", "declaration", "intervention", "paris"}
    assert ends_on_unknown_thing("who came up with the name", vocabulary)
    assert ends_on_unknown_thing("what did people think of the paris operation?", vocabulary)
    assert ends_on_unknown_thing("what did people think of the us operation?", vocabulary, EntityLexicon(["us"]))
    assert not ends_on_unknown_thing("what did people think of the us operation?", vocabulary)
    assert not ends_on_unknown_thing("who hosted the summit?", vocabulary)  # the articles' word: asked afresh
    assert not ends_on_unknown_thing("what did the pope say", vocabulary)  # no "the <noun>" at the end
    assert not ends_on_unknown_thing("who said “the name”", vocabulary)  # a quotation's words are the speaker's
    reading = read_question("who came up with the name", ZELENSKY, LEXICON, vocabulary=vocabulary)
    assert reading.followup and "zelensky" in reading.expansion.split()
    assert not read_question("who came up with the name", ZELENSKY, LEXICON).followup


GUARANTEES = turn("what are the five security guarantees", terms=["five", "security", "guarantees"])


@pytest.mark.parametrize(
    "question", ["which one involves the americans", "which of them does Washington lead?", "which ones are binding"]
)
def test_which_one_picks_out_one_of_the_things_asked_about_before(question: str) -> None:
    reading = read_question(question, GUARANTEES, LEXICON)
    assert reading.followup and {"security", "guarantees"} <= set(reading.expansion.split())


def test_which_of_the_countries_names_what_it_picks_from() -> None:
    assert not read_question("which of the countries refused to send troops", GUARANTEES, LEXICON).followup


@pytest.mark.parametrize("question", ["what about macron", "and Kushner?", "how about rose gottemoeller?"])
def test_and_someone_else_asks_the_same_of_them(question: str) -> None:
    reading = read_question(question, ZELENSKY, LEXICON)
    assert reading.followup and reading.expansion.split() == ["declaration"], "the topic stays, the name is swapped"
    assert "zelensky" not in reading.entities, "the next follow-up is about the new name"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what about macron", "What did macron say about the declaration?"),
        ("and Kushner?", "What did Kushner say about the declaration?"),
        ("how about rose gottemoeller?", "What did rose gottemoeller say about the declaration?"),
        ("and what did kushner say?", ""),  # a question of its own, not the one before asked again
    ],
)
def test_and_someone_else_is_the_question_before_asked_of_them(question: str, asked: str) -> None:
    assert read_question(question, ZELENSKY, LEXICON).asked == asked


def test_the_question_asked_again_goes_on_through_a_chain_of_names() -> None:
    britain = turn("how many troops is britain sending", entities=["britain"], terms=["troops", "sending"])
    lexicon = EntityLexicon.from_texts(["Britain and France met. France and Germany spoke. Britain, Germany agreed."])
    france = read_question("and france?", britain, lexicon)
    assert france.asked == "how many troops is france sending"
    again = turn("and france?", entities=list(france.entities), followup=True, asked=france.asked)
    assert read_question("and germany?", again, lexicon).asked == "how many troops is germany sending"


@pytest.mark.parametrize(
    "question", ["and what did kushner call it?", "and what about his team?", "and macron and the declaration?"]
)
def test_a_follow_up_saying_more_keeps_the_previous_names(question: str) -> None:
    reading = read_question(question, ZELENSKY, LEXICON)
    assert reading.followup and "zelensky" in reading.expansion.split() + list(reading.entities)


@pytest.mark.parametrize("question", ["why?", "what's the last one?", "when did he say that?", "and what about them?"])
def test_follow_up_without_new_words_searches_the_old_topic(question: str) -> None:
    reading = read_question(question, ZELENSKY, LEXICON)
    assert reading.followup and reading.expansion == ""
    assert reading.query == f"{question} zelensky declaration"
    assert reading.terms == ("declaration",), "the topic stays for the next follow-up"


@pytest.mark.parametrize(
    "question",
    [
        "What did Rutte think of the meeting?",
        "Who is Rose Gottemoeller?",
        "What did Zelensky say about his country?",
        "How many troops will Britain send to the new military hubs?",
        "Who hosted the summit?",
        "was it planned that the us envoys would join the press conference?",  # "it" stands for nothing
        "is it true that poland will not send troops",
        "is it true ukraine can keep 800,000 troops",  # "that" left out: a clause still follows "is it true"
        "is it right, the declaration was signed in paris?",
        "what did erdogan say?",  # someone asked what they did: a name, though not one of the articles
        "did meloni attend",
        'who said "Paris will pay for this"?',  # a quotation's pronouns are the speaker's, not the reader's
        "who said “it ends forever”",
    ],
)
def test_self_contained_questions_are_not_polluted(question: str) -> None:
    reading = read_question(question, ZELENSKY, LEXICON)
    assert not reading.followup and reading.expansion == ""


def test_a_pronoun_outside_the_quotation_still_leans_on_the_turn_before() -> None:
    assert read_question('did he say it was "a big step"?', ZELENSKY, LEXICON).followup


def test_is_it_true_alone_asks_of_the_answer_before() -> None:
    assert read_question("is it true?", ZELENSKY, LEXICON).followup


def test_first_question_has_nothing_to_lean_on() -> None:
    reading = read_question("and what about territory?", None, LEXICON)
    assert not reading.followup and reading.expansion == ""


def test_chained_follow_up_still_knows_the_name() -> None:
    first = read_question("who is jared kushner?", None, LEXICON)
    previous = turn("who is jared kushner?", entities=list(first.entities), terms=list(first.terms))
    second = read_question("what job did he have before", previous, LEXICON)
    assert second.followup and "kushner" in second.expansion
    chained = turn("what job did he have before", entities=list(second.entities), terms=list(second.terms))
    third = read_question("what does he reckon trump wants out of a deal", chained, LEXICON)
    assert third.followup and "kushner" in third.expansion.split()


def test_a_pronoun_in_a_chain_still_stands_for_the_first_subject() -> None:
    """A later "it" after a follow-up read through "it" means what that one meant, not what it asked about it."""
    first = read_question("what is the multinational force for ukraine?", None, LEXICON)
    previous = turn("what is the multinational force …?", terms=list(first.terms))
    second = read_question("will it fight the russians", previous, LEXICON)
    assert second.expansion.split() == ["multinational", "force", "ukraine"]
    assert second.subject == ("multinational", "force", "ukraine")
    chained = turn("will it fight the russians", terms=list(second.terms), subject=list(second.subject))
    third = read_question("where will it be based", chained, LEXICON)
    assert third.expansion.split() == ["multinational", "force", "ukraine"]
    topic = read_question("and what about the hubs?", chained, LEXICON)  # no pronoun: the previous turn's topic
    assert topic.expansion.split() == ["fight", "russians"]


def test_it_after_a_name_is_still_the_previous_topic() -> None:
    previous = turn("what did kushner say about greenland?", entities=["kushner", "greenland"])
    reading = read_question("what did Zelensky say about it?", previous, LEXICON)
    assert reading.followup and "greenland" in reading.expansion.split()
    resolved = read_question("what did Zelensky say about his plans?", previous, LEXICON)
    assert not resolved.followup  # "his" is Zelensky


@pytest.mark.parametrize("question", ["is that a lot?", "what does that mean?", "when did this happen?"])
def test_that_standing_for_the_previous_subject_keeps_it_for_the_next_it(question: str) -> None:
    previous = turn("how big will the army be?", terms=["big", "army"], subject=["big", "army"])
    reading = read_question(question, previous, LEXICON)
    assert reading.followup and reading.subject == ("big", "army")
    assert read_question("what about that deal?", previous, LEXICON).subject == ("deal",)


@pytest.mark.parametrize(
    ("text", "more"), [("more", True), ("/more", True), ("More please!", True), ("more troops?", False)]
)
def test_more_is_recognised(text: str, more: bool) -> None:
    assert is_more(text) is more


def test_a_pronoun_after_who_means_the_person_the_answer_named() -> None:
    previous = turn("Who hosted the summit?", terms=["hosted", "summit"], answer_people=["Emmanuel Macron"])
    reading = read_question("what did he say about the deal?", previous, LEXICON)
    assert reading.followup and reading.named == ("Emmanuel Macron",) and reading.pronoun == "he"
    assert reading.query == "what did he say about the deal? Emmanuel Macron"  # searched as the question's own
    assert "macron" in reading.entities and "summit" in reading.expansion


@pytest.mark.parametrize(
    ("question", "people", "named"),
    [
        ("what did they sign?", ["Keir Starmer", "Emmanuel Macron"], ("Keir Starmer", "Emmanuel Macron")),
        ("what did he sign?", ["Keir Starmer", "Emmanuel Macron"], ()),  # "he" of two people: no guess
        ("what did Zelensky say about his deal?", ["Emmanuel Macron"], ()),  # the question names its "his"
        ("where was it held?", ["Emmanuel Macron"], ()),  # "it" is no person
        ("what did he say?", [], ()),  # the previous question asked no "who"
    ],
)
def test_which_pronouns_take_the_answer(question: str, people: list[str], named: tuple[str, ...]) -> None:
    previous = turn("Who signed it?", answer_people=people)
    assert read_question(question, previous, LEXICON).named == named


def test_answer_people_round_trip_through_json() -> None:
    conversation = Conversation()
    conversation.add(turn("Who hosted the summit?", answer_people=["Emmanuel Macron"]))
    assert Conversation.from_json(json.loads(json.dumps(conversation.to_json()))) == conversation


def test_the_adjective_one_takes_the_noun_of_the_question_before() -> None:
    assert one_read_as("and the ukrainian one?", "leader") == "and the ukrainian leader?"
    assert one_read_as("what about the german one", "chancellor") == "what about the german chancellor"
    assert one_read_as("no one came", "leader") == "no one came"  # no article and adjective before it
