"""Cleaning: page chrome goes, article text (including captions, once) stays."""

from __future__ import annotations

from index.articles import load_articles
from index.clean import clean_text, merge_captions, strip_credit
from tests.conftest import SEEDS

CHROME = (
    "Stay up to date with notifications",
    "Notifications can be managed",
    "Join our commenting forum",
    "Join thought-provoking conversations",
    "shareprint",
    "Editor in chief",
    "Terms of use",
    "(Sky News)",
    "(AP)",
    "Photo: EPA",
    "NewsPolitics",
    "Masters of Business",
    "One killed in Russian strike on Kyiv hospital",
    "Ukraine more reassured after coalition of willing Paris meeting",
    "‘Considerable progress’ on Ukraine security guarantees",
)


def cleaned_seeds() -> dict[str, str]:
    return {a.file_name: clean_text(a.raw_text, headline=a.headline, outlet=a.outlet) for a in load_articles(SEEDS)}


def test_boilerplate_lines_are_removed_from_seeds() -> None:
    for name, text in cleaned_seeds().items():
        for chrome in CHROME:
            assert chrome not in text, f"{chrome!r} left in {name}"
        assert text == text.strip() and "\n\n" not in text


def test_captions_kept_once_with_their_facts() -> None:
    texts = cleaned_seeds()
    novaya = texts["003_5966592e1f5adaf3.txt"]
    assert novaya.count("at the Élysée Palace in Paris, France, 6 January 2026") == 1
    independent = texts["002_4f06e7c685bc3fd5.txt"]
    assert independent.count("sign the coalition of the willing deal in Paris") == 1


def test_subheadings_and_quotes_are_article_text() -> None:
    leaders = cleaned_seeds()["004_e8d0e09293f9b1c1.txt"]
    assert "Mission Aimed at Deterrence, Not Combat" in leaders
    assert leaders.endswith("“then it is not truly a coalition of the willing.”")


def test_rules_are_general_not_tied_to_the_seeds() -> None:
    raw = (
        "Daily Planet\n\nRiver floods the valley\n\nNewsWeather\n\n"
        "Heavy rain pushed the river over its banks on Sunday, flooding dozens of homes in the valley.\n"
        "Residents wade through water in Smallville\n"
        "Residents wade through water in Smallville (Reuters)\n"
        "Storm warnings issued across the north\n"
        "Officials said the water would recede by Wednesday, according to the latest forecasts.\n"
        "Share\nSubscribe to our free newsletter for updates\n\n\n"
    )
    text = clean_text(raw, headline="River floods the valley", outlet="Daily Planet")
    assert text.split("\n") == [
        "Heavy rain pushed the river over its banks on Sunday, flooding dozens of homes in the valley.",
        "Residents wade through water in Smallville",
        "Officials said the water would recede by Wednesday, according to the latest forecasts.",
    ]


def test_credit_helpers() -> None:
    assert strip_credit("Leaders meet in Paris (AP)") == "Leaders meet in Paris"
    assert strip_credit("Leaders meet. Photo: EPA / Jane Doe") == "Leaders meet."
    assert strip_credit("He said (in French) hello.") == "He said (in French) hello."
    kept, captions = merge_captions(["Caption here", "Caption here (Getty Images)", "Body."])
    assert kept == ["Caption here", "Body."] and captions == {0}
