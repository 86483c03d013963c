"""Near-duplicate grouping across outlets (threshold configurable), outlet mixing, and differing counts."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.engine import Engine
from bot.figures import disagreements, figures
from bot.group import (
    MIN_REPORTED_SHARE,
    group_hits,
    lead_with_question_words,
    mix_outlets,
    reported_share,
    similarity,
)
from index.chunk import Passage
from index.search import Hit

SKY = "Mr Kushner later said the agreement is “a very, very big milestone”, in answer to a question from a journalist."
INDEPENDENT = (
    "Mr Kushner said: “I think today was a very, very big milestone, and I thank President Macron for "
    "assembling this and for all of the work that everyone here has done.”"
)
UNRELATED = "The national bank raised its interest rate to four percent on Tuesday after inflation rose."


def passage(text: str, article: str, outlet: str) -> Passage:
    return Passage(f"{article}:000", article, 0, text, 0, len(text), (0, 0), (0, 0), outlet, "stated", "h", "")


def hit(text: str, article: str, outlet: str, rank: int) -> Hit:
    return Hit(passage(text, article, outlet), rank, 1.0 / rank, 0.5, 1.0)


def test_shared_quote_is_a_near_duplicate() -> None:
    assert similarity(passage(SKY, "a", "Sky"), passage(INDEPENDENT, "b", "Ind")) == 1.0
    assert similarity(passage(SKY, "a", "Sky"), passage(UNRELATED, "c", "Bank")) == 0.0


def test_a_short_quoted_name_is_no_shared_quote() -> None:
    quoted = "Leaders from two dozen nations gathered under the banner of a so-called “coalition of the willing.”"
    unquoted = "Signed by the leaders of 26 nations from the so-called Coalition of the Willing after the summit."
    assert similarity(passage(quoted, "a", "Wiki"), passage(unquoted, "b", "Gazette")) < 0.85
    also_quoted = "It includes a “multinational force for Ukraine”, led by European allies, and US support."
    quoted_too = "The agreement states that a “multinational force for Ukraine” would be deployed to deter Russia."
    assert similarity(passage(also_quoted, "c", "Echo"), passage(quoted_too, "d", "Wire")) < 0.85


def test_kushner_quote_grouped_once_with_every_outlet() -> None:
    hits = [hit(SKY, "a", "Sky News", 1), hit(UNRELATED, "c", "Money", 2), hit(INDEPENDENT, "b", "The Independent", 3)]
    groups = group_hits(hits)
    assert len(groups) == 2
    assert groups[0].lead.passage.outlet == "Sky News" and groups[0].also_reported_by() == ("The Independent",)
    assert groups[0].passage_ids == ["a:000", "b:000"]


def test_a_passage_with_more_to_say_than_the_shared_quote_is_not_hidden() -> None:
    longer = (
        f"{INDEPENDENT} Mr Kushner, who was previously a senior adviser to his father-in-law Mr Trump, said the US "
        "president sought “a deal where both sides look to de-escalate”. He called it peace through strength."
    )
    assert similarity(passage(SKY, "a", "Sky News"), passage(longer, "b", "The Independent")) == 1.0
    assert reported_share(longer, SKY) < MIN_REPORTED_SHARE <= reported_share(SKY, longer)
    short_first = [hit(SKY, "a", "Sky News", 1), hit(longer, "b", "The Independent", 2)]
    for ranked in (short_first, short_first[::-1]):
        [group] = group_hits(ranked)
        assert group.lead.passage.text == longer  # the adviser line stays in view, whichever ranks first
        assert group.also_reported_by() == ("Sky News",)
        assert group.score == max(hit.score for hit in ranked)  # it ranks as its best passage
    # asked for words only the short report has, it still does not become the one shown
    lead_with_question_words([group], "in answer to a question from a journalist?")
    assert group.lead.passage.text == longer


def test_passages_each_with_something_of_their_own_are_not_grouped() -> None:
    first = f"{SKY} He spoke after the dinner on Tuesday evening, standing next to the French president at the palace."
    second = f"{INDEPENDENT} The envoys then flew on to Berlin for further talks with the German government."
    assert similarity(passage(first, "a", "A"), passage(second, "b", "B")) == 1.0  # the quotation is shared
    assert len(group_hits([hit(first, "a", "A", 1), hit(second, "b", "B", 2)])) == 2


@pytest.mark.parametrize(("threshold", "grouped"), [(0.5, True), (0.85, True), (0.95, False)])
def test_threshold_decides(threshold: float, grouped: bool) -> None:
    # 13 words = 11 word trigrams; changing the last word keeps 10 of them: similarity 10/11 ≈ 0.91.
    first = "Italy and Poland confirmed on Tuesday they would not send any troops there."
    second = "Italy and Poland confirmed on Tuesday they would not send any troops anywhere."
    value = similarity(passage(first, "a", "A"), passage(second, "b", "B"))
    assert 0.85 < value < 0.95
    groups = group_hits([hit(first, "a", "A", 1), hit(second, "b", "B", 2)], threshold)
    assert (len(groups) == 1) is grouped


def test_same_article_is_never_its_own_corroboration() -> None:
    groups = group_hits([hit(SKY, "a", "Sky", 1), hit(SKY, "a", "Sky", 2)])
    assert len(groups) == 2


def test_lead_is_the_member_that_answers_the_question() -> None:
    [group] = group_hits([hit(SKY, "a", "Sky News", 1), hit(INDEPENDENT, "b", "The Independent", 2)])
    lead_with_question_words([group], "who did he thank?")
    assert group.lead.passage.outlet == "The Independent" and group.also_reported_by() == ("Sky News",)


def test_outlet_cap_keeps_a_mix_and_fills_when_short() -> None:
    hits = [hit(f"text {n} about bridges and roads here", f"x{n}", "Big", n) for n in range(1, 5)]
    hits.append(hit("another outlet on the bridge", "y", "Small", 5))
    groups = group_hits(hits)
    assert [g.lead.passage.outlet for g in mix_outlets(groups, 3, cap=2)] == ["Big", "Big", "Small"]
    assert [g.lead.passage.outlet for g in mix_outlets(groups, 4, cap=1)] == ["Big", "Big", "Big", "Small"]
    assert [g.lead.passage.outlet for g in mix_outlets(groups, 3, cap=None)] == ["Big", "Big", "Big"]


def test_the_outlet_cap_applies_page_by_page() -> None:
    outlets = ["Big", "Big", "Big", "Mid", "Small", "Tiny", "Other"]
    groups = group_hits(hit(f"story {n} on the bridge and roads", f"x{n}", o, n) for n, o in enumerate(outlets, 1))
    paged = mix_outlets(groups, 6, cap=2, page=3)
    assert [g.lead.passage.article_id for g in paged] == ["x1", "x2", "x4", "x3", "x5", "x6"]
    assert [g.lead.passage.article_id for g in mix_outlets(groups, 6, cap=2)] == ["x1", "x2", "x4", "x5", "x6", "x7"]
    assert mix_outlets(groups, 3, cap=2, page=3) == paged[:3]  # the first page is what k = 3 shows


def test_counts_of_the_same_thing_differ() -> None:
    lead = passage("While the Paris summit drew 27 heads of state or government, not all agreed.", "a", "Wiki")
    others = [
        passage("Officials from 35 countries met in Paris. The two countries signed.", "b", "Wire"),
        passage("Signed by the leaders of 26 nations from the coalition.", "c", "Gazette"),
        passage("The summit drew 27 heads of state, the palace said.", "d", "Echo"),
        passage("The army will be capped at 800,000 troops.", "e", "Army Times"),
        passage("Leaders from 26 nations met.", "f", "Wiki"),
    ]
    variants = disagreements(lead, others)
    assert [outlet for outlet, _ in variants] == ["Wire", "Gazette"]
    assert "35 countries" in variants[0][1] and "26 nations" in variants[1][1]


def test_figures_read_words_and_dozens_but_not_back_references() -> None:
    text = "More than two dozen nations came. The two countries agreed. Five leaders spoke."
    found = figures(passage(text, "a", "X"))
    assert [(f.value, f.kind) for f in found] == [(24.0, "participants"), (5.0, "participants")]


@pytest.mark.parametrize(("threshold", "groups"), [(0.85, 1), (0.95, 2)])
def test_engine_takes_the_threshold_from_settings(threshold: float, groups: int) -> None:
    first = "Italy and Poland confirmed on Tuesday they would not send any troops there."
    second = "Italy and Poland confirmed on Tuesday they would not send any troops anywhere."
    engine = Engine(Settings(group_threshold=threshold))
    picked = engine._pick([hit(first, "a", "A", 1), hit(second, "b", "B", 2)], 3, None, "troops", 3)
    assert len(picked) == groups
