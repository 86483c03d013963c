"""An article named by its /sources number in a question: which number, and what is left to search."""

from __future__ import annotations

import pytest

from bot.article_refs import LAST, find_article_mention


@pytest.mark.parametrize(
    ("question", "number", "rest"),
    [
        ("what does article 3 say about troops?", 3, "what does the article say about troops?"),
        ("in the second article, who hosted the summit?", 2, "in the article, who hosted the summit?"),
        ("what does the fourth story say about putin?", 4, "what does the article say about putin?"),
        ("summarise article #2", 2, "summarise the article"),
        ("what did the last piece say?", LAST, "what did the article say?"),
        ("when was the 2nd article published", 2, "when was the article published"),
        ("according to story no. 4, who signed", 4, "according to the article, who signed"),
        ("what is the headline of article 3?", 3, "what is the headline of the article?"),
        ("article 3's take on greenland", 3, "the article's take on greenland"),
        ("what is article 2 about?", 2, "what is the article about?"),
        ("tell me about article 4", 4, "tell me about the article"),
        ("where is article 4 from?", 4, "where is the article from?"),
        ("which outlet wrote article 3", 3, "which outlet wrote the article"),
        ("and article 4?", 4, "and the article?"),
    ],
)
def test_an_article_named_by_number_is_found(question: str, number: int, rest: str) -> None:
    mention = find_article_mention(question)
    assert mention is not None and (mention.number, mention.question) == (number, rest)


@pytest.mark.parametrize(
    "question",
    [
        "does the declaration invoke article 5",  # a treaty's article
        "what does article 5 mean for ukraine",
        "what does article 5 of the nato treaty say?",
        "what does article 5 say about collective defence",
        "the first report of a drone strike",  # a report of something, not a listed one
        "what did the report say",
        "is there an article about greenland",
        "what did macron say about article 5 of the treaty",
        "article 5 of the declaration",
    ],
)
def test_no_article_number_where_none_is_meant(question: str) -> None:
    assert find_article_mention(question) is None


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("and article 4?", "and?"),  # asks the same of it as of the article before
        ("what about the second story", "what about"),
        ("what about article 2 on greenland?", "what about the article on greenland?"),  # asks something of its own
        ("what does article 3 say about troops?", "what does the article say about troops?"),
    ],
)
def test_an_article_after_a_connective_alone_leaves_the_connective_to_search(question: str, searched: str) -> None:
    mention = find_article_mention(question)
    assert mention is not None and mention.searched == searched


def test_the_words_naming_it_leave_out_the_preposition_and_the_article() -> None:
    mention = find_article_mention("in the second article, who hosted the summit?")
    assert mention is not None and mention.written == "second article"
