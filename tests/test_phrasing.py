"""Chat around a question, references to the articles and closing punctuation are left out of what it searches."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.phrasing import (
    article_detail_asked,
    asks_for_author,
    asks_for_overview,
    asks_for_summary_of,
    asks_when_published,
    checks_only,
    mention_count_topic,
    searchable,
)
from bot.sources import collection_summary


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("According to the articles, who hosted the summit?", "who hosted the summit"),
        ("In the reports, what did Macron call it?", "what did Macron call it"),
        ("what do the articles say about greenland?", "what greenland"),  # not "what about …", a follow-up
        ("do the reports mention japan?", "japan"),
        ("what did the news say about the hubs", "what the hubs"),
        ("who hosted the summit???", "who hosted the summit"),
        ("who hosted the summit?!", "who hosted the summit"),
        ("what happened at the news conference?", "what happened at the news conference"),  # not the articles
        ("who reported that the US did not sign", "who reported that the US did not sign"),
        ("?!", "?!"),  # nothing else: left as typed, for the search to say so
        ("hey, who hosted the summit lol", "who hosted the summit"),
        ("wait who even is this gottemoeller person", "who even is this gottemoeller person"),
        ("hi bot, can you tell me who hosted the summit?", "who hosted the summit"),
        ("quick question: what did macron say btw", "what did macron say"),
        ("what did kushner say, thanks!", "what did kushner say"),
        ("do you know what rutte said", "what rutte said"),
        ("what did they tell me", "what did they tell me"),  # not a request around the question
        ("so what do the allies do now?", "so what do the allies do now"),  # "so" may lean on the last turn
        ("hi bot", "hi bot"),  # nothing but chat: left as typed ("Nothing to look for")
        ("tl;dr of the summit?", "the summit"),  # "tl" and "dr" were searched: "The articles never mention DR."
        ("TL;DR on greenland", "greenland"),
        ("eli5 the security guarantees", "the security guarantees"),
        ("recap of the paris talks", "the paris talks"),
        ("Honestly I don't get why Greenland keeps coming up, can you explain?", "why Greenland keeps coming up"),
        ("I read somewhere that the US didn't sign — is that true?", "the US didn't sign"),
        ("my friend says germany is sending troops", "germany is sending troops"),
        ("is it true someone called it 'really concrete'?", "someone called it 'really concrete'"),
        ("Is it correct that Macron hosted?", "Macron hosted"),
        ("is it true or false that russia agreed", "is it true or false that russia agreed"),  # asks true or false
        ("Is there anything in these reports about troop numbers?", "troop numbers"),
        ("I'm trying to understand how big the army will be, any idea?", "how big the army will be"),
        ("so basically, what are the hubs for?", "so what are the hubs for"),  # "so" may lean on the last turn
        ("what did witkoff say about the killing?", "what did witkoff say about the killing"),
        ("is the US a reliable partner, or not?", "is the US a reliable partner"),
        ("was it right to sign?", "was it right to sign"),  # "right" is no check on its own
        ("I don't think the americans signed, who's right?", "I don't think the americans signed"),
        ("the us signed it, am i right?", "the us signed it"),
        ("who is right about greenland?", "who is right about greenland"),  # asked, not a check
        ("what do the reports actually say about greenland?", "what greenland"),
        ("Sorry, which country is that island part of?", "which country is that island part of"),
        ("800k troops?", "800,000 troops"),  # figures as news writes them
        ("is £2bn enough", "is £2 billion enough"),
        ("1.5m people or $3 bn", "1.5 million people or $3 billion"),
        ("what happened at 5pm, and 2 b", "what happened at 5pm, and 2 b"),
        ("next question - who signed the declaration", "who signed the declaration"),  # the reader's list
        ("ok next: who signed it", "who signed it"),
        ("first of all, who hosted the summit?", "who hosted the summit"),
        ("finally, who paid", "who paid"),
        ("one more thing: who is witkoff", "who is witkoff"),
        ("when is the next meeting", "when is the next meeting"),  # asked about, not the reader's list
        ("first lady of france?", "first lady of france"),
        ("next time, who will host", "next time, who will host"),
        ("List the Ukrainian cities where the hubs are.", "which Ukrainian cities where the hubs are"),
        ("Name the hotel the delegations used", "which hotel the delegations used"),
        ("Give me the number of troops Ukraine can have", "what is the number of troops Ukraine can have"),
        ("Give me his job title.", "what is his job title"),
        ("Describe Germany's position", "what is Germany's position"),
        ("Explain why the US backing matters.", "why the US backing matters"),
        ("Summarise how Russia reacted", "how Russia reacted"),
        ("Quote what Zelensky said about it", "what Zelensky said about it"),
        ("summarise the news", "summarise the news"),  # the news as a whole: asks_for_overview reads it
        ("explain", "explain"),  # nothing after the command: as typed
        ("name the ceasefire deal's author", "which ceasefire deal's author"),
        ("name macron gave the agreement", "name macron gave the agreement"),  # "name" as a noun
        # "about" goes with the reference to the articles: "what about greenland" would read as a follow-up
        ("what does the article say about greenland?", "what greenland"),
        ("what does story say about troops", "what troops"),  # an outlet's name taken out before
    ],
)
def test_what_a_question_searches(question: str, searched: str) -> None:
    assert searchable(question) == searched


def test_a_figure_written_short_finds_the_figure(seed_index: Path) -> None:
    answer = Engine(Settings(index_dir=seed_index)).ask("800k troops?")
    assert answer.answered and "800,000" in answer.passages[0].passage.text


def test_a_question_numbered_in_the_readers_list_is_answered(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    # "next" was a word the passages had to say: 'None of the closest passages says “next”.'
    for question in ("next question - who signed the declaration?", "ok next: who signed the declaration"):
        answer = engine.ask(question)
        assert answer.answered and not answer.notes


def test_a_question_framed_as_in_conversation_is_answered(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    # Before, "honestly", "explain" and "articles" were words the passages had to cover: not answered.
    question = "Honestly I don't get why Greenland keeps coming up in articles about Ukraine, can you explain?"
    answer = engine.ask(question)
    assert answer.answered and "Greenland" in answer.passages[0].passage.text


@pytest.mark.slow
def test_a_question_ranks_the_same_however_it_refers_to_the_articles_or_ends(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    plain = engine.ask("who hosted the summit")
    for written in (
        "who hosted the summit?",
        "According to the articles, who hosted the summit???",
        "hey, can you tell me who hosted the summit lol",
    ):
        answer = engine.ask(written)
        assert answer.question == written  # shown as typed
        assert answer.answered == plain.answered
        assert [p.passage.passage_id for p in answer.passages] == [p.passage.passage_id for p in plain.passages]


def test_a_summary_names_the_biggest_outlets_and_counts_the_rest() -> None:
    articles = {
        str(n): SimpleNamespace(outlet=outlet, outlet_confidence="stated")
        for n, outlet in enumerate(["A", "A", "B", "C", "D", "E", "F", "G", ""])
    }
    articles["8"].outlet_confidence = "unknown"
    summary = collection_summary(SimpleNamespace(articles=articles))  # type: ignore[arg-type]
    assert summary == "9 articles, from A (2), B, C, D, E, 2 more outlets and 1 of unknown outlet."


@pytest.mark.parametrize(
    ("message", "overview"),
    [
        ("what happened?", True),
        ("what's going on", True),
        ("catch me up", True),
        ("give me the key points!", True),
        ("what happened at the summit?", False),  # a question about one event: searched
        ("summarise the summit", False),
        ("what happened to the 600,000 cap", False),
        ("summarise the article", True),  # "the Independent article": the outlet is read before
        ("give me a summary of the report", True),
        ("what is the story about?", True),
        ("what is the declaration about", False),  # about the news: searched
        ("headlines", False),  # the articles' headlines (article_detail_asked), not their openings
    ],
)
def test_a_request_for_the_news_as_a_whole(message: str, overview: bool) -> None:
    assert asks_for_overview(message) is overview


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("how many articles mention greenland?", "greenland"),
        ("How many outlets mention the military hubs", "military hubs"),
        ("how many of the articles even talk about Kushner?", "Kushner"),
        ("how many sources quote Rutte", "Rutte"),
        ("how many Independent articles mention Greenland?", "Greenland"),  # the outlet is read as usual
        ("how many articles from the Independent mention greenland?", "greenland"),
        ("how many articles are there?", None),  # about the index: its summary
        ("how many troops will be sent?", None),  # a figure in the articles: searched
        ("which articles mention kushner", "kushner"),  # the same answer lists them
        ("what stories talk about Greenland?", "Greenland"),
        ("which of the outlets quote rutte", "rutte"),
        ("which outlets reported that the US didn't sign?", None),  # a question about what they report
        ("what articles do you have?", None),  # about the index
        ("what did the articles say about greenland", None),
    ],
)
def test_a_question_counting_the_articles_that_mention_something(message: str, topic: str | None) -> None:
    assert mention_count_topic(message) == topic


@pytest.mark.parametrize(
    ("message", "published", "author"),
    [
        ("when was the article published?", True, False),  # "the Independent" is read as the outlet before
        ("when were the articles published", True, False),
        ("how old is this story", True, False),
        ("what's the date of the report?", True, False),
        ("when did it come out?", True, False),
        ("who wrote the article?", False, True),
        ("who is the author of this piece", False, True),
        ("when was the declaration published", False, False),  # about the news: searched
        ("who wrote the declaration", False, False),
        ("who reported that the US did not sign", False, False),
    ],
)
def test_questions_about_the_articles_publication(message: str, published: bool, author: bool) -> None:
    assert asks_when_published(message) is published
    assert asks_for_author(message) is author


@pytest.mark.parametrize(
    ("message", "detail"),
    [
        ("when was the article published?", "published"),
        ("what is the headline of the report?", "headline"),  # "the Sky News report": the outlet is read before
        ("what are the headlines", "headline"),
        ("what headline did they run", "headline"),
        ("what was the story called?", "headline"),
        ("link to the story", "link"),
        ("what's the url of the article?", "link"),
        ("links?", "link"),
        ("where can I read the full report?", "link"),
        ("what is the title of the declaration", None),  # about the news: searched
        ("what is kushner's title", None),
        ("what did the declaration link to", None),
        ("where can I read about greenland", None),
        ("which outlet wrote the article?", "outlet"),  # "article 3": read as "the article" before
        ("where is the story from", "outlet"),
        ("what paper is it from?", "outlet"),
        ("who published the article", "outlet"),
        ("whose report is this", "outlet"),
        ("which outlet wrote about greenland", None),  # about the news: searched
        ("where did the troops come from", None),
    ],
)
def test_questions_about_the_articles_own_details(message: str, detail: str | None) -> None:
    assert article_detail_asked(message) == detail


@pytest.mark.parametrize(
    ("message", "summary_of"),
    [
        ("tl;dr of the summit?", True),
        ("TLDR on greenland", True),
        ("recap of the paris talks", True),
        ("eli5 the security guarantees", True),
        ("tl;dr", False),  # the news as a whole: an overview
        ("and the germans?", False),
    ],
)
def test_a_summary_asked_of_something(message: str, summary_of: bool) -> None:
    assert asks_for_summary_of(message) is summary_of


def test_a_summary_of_something_is_no_follow_up(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    conversation = Conversation()
    engine.reply(conversation, "how many troops will ukraine have")
    # "the summit" is all that is searched, and was read as a follow-up to the question about troops
    answer = engine.reply(conversation, "tl;dr of the summit?")
    assert not any(note.startswith("Read as a follow-up") for note in answer.notes)


@pytest.mark.parametrize(
    ("question", "only"),
    [
        ("Is that true?", True),
        ("Really?", True),
        ("who's right?", True),
        ("Am I right?", True),
        ("Is that true about Italy?", False),  # asks something of its own
        ("Is that the US?", False),
        ("Why not?", False),
    ],
)
def test_a_question_that_only_checks_what_was_said(question: str, only: bool) -> None:
    assert checks_only(question) is only
