"""The highlighted sentence: the one sharing most of the question's words, not a sub-heading above it."""

from __future__ import annotations

from bot.answer import best_sentence, is_heading

PASSAGE = (
    "Trilateral Declaration Signed in Paris\n"
    "The declaration was signed by the leaders of 26 nations on Tuesday. Talks went on late."
)


def highlighted(text: str, question: str) -> str:
    start, end = best_sentence(text, question)
    return text[start:end]


def test_the_sentence_with_most_question_words_is_highlighted() -> None:
    assert highlighted(PASSAGE, "how long did the talks go on") == "Talks went on late."


def test_running_text_wins_over_a_sub_heading_with_as_many_words() -> None:
    # the heading shares "declaration" and "signed" too, and comes first
    assert highlighted(PASSAGE, "who signed the declaration") == (
        "The declaration was signed by the leaders of 26 nations on Tuesday."
    )


def test_a_sub_heading_is_highlighted_when_nothing_else_shares_a_word() -> None:
    assert highlighted("Trilateral Declaration Signed in Paris\nTalks went on late.", "trilateral") == (
        "Trilateral Declaration Signed in Paris"
    )


def test_headings_are_title_case_lines_without_closing_punctuation() -> None:
    assert is_heading("Mission Aimed at Deterrence, Not Combat")
    assert not is_heading("Macron said the deal was historic")
    assert not is_heading("The Paris Declaration Was Signed.")  # a sentence, however capitalised
    assert not is_heading("Emmanuel Macron, Keir Starmer and Volodymyr Zelensky sign the deal in Paris")
