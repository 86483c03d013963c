"""Evaluation scoring on hand-made answers: qrels from phrases, ranx metrics, outlet coverage, abstention, failures."""

from __future__ import annotations

import pytest

from bot.answer import Answer, CitedPassage
from eval.metrics import ALL, COVERAGE, outlet_coverage, rank_scores, score_mode
from eval.qa_set import QAItem
from eval.qrels import judge
from eval.run import ModeRun, QuestionRun, check_modes, mode_label
from eval.suite import Evaluation, failures
from index.chunk import Passage
from index.errors import ConfigError

OUTLETS = {"a": "Harbour Herald", "b": "Money Daily", "c": "City Times"}


def passage(pid: str, text: str) -> Passage:
    article = pid.split(":")[0]
    return Passage(pid, article, 0, text, 0, len(text), (0, 0), (0, 0), OUTLETS[article], "stated", "", "")


PASSAGES = [
    passage("a:0", "The mayor opened the new bridge on Monday."),
    passage("a:1", "The bridge cost 40 million euros."),
    passage("b:0", "Officials said the bridge cost 40 million euros in total."),
    passage("b:1", "The bank raised its rate to four percent."),
    passage("c:0", "Forty million euros: the bridge’s cost, said the mayor."),
    passage("c:1", "Traffic engineers expect twenty thousand cars a day."),
    passage("c:2", "A rare orchid was found in the northern forest."),
]
BY_ID = {p.passage_id: p for p in PASSAGES}


def item(qid: str, qtype: str = "factoid", answers: tuple[str, ...] = ("40 million euros",)) -> QAItem:
    return QAItem(qid, f"question {qid}", answers, (), qtype, "easy")


def answered(qa: QAItem, ids: list[str], answered: bool = True, credited: dict[str, tuple[str, ...]] | None = None):
    credited = credited or {}
    cited = tuple(
        CitedPassage(rank, BY_ID[pid], 1.0 / rank, (0, 1), also_reported_by=credited.get(pid, ()))
        for rank, pid in enumerate(ids, start=1)
    )
    return QuestionRun(qa, Answer(qa.question, answered, cited), 1.0)


def test_judge_marks_passages_containing_a_phrase_and_their_reports() -> None:
    judgements = judge([item("q1"), item("q2", answers=("FOUR percent",)), item("q3", "unanswerable", ())], PASSAGES)
    assert judgements.relevant["q1"] == {"a:1", "b:0"}
    assert judgements.reporting["q1"] == {"a", "b"}
    assert judgements.relevant["q2"] == {"b:1"}
    assert judgements.relevant["q3"] == frozenset()
    assert judgements.unjudgeable([item("q1")]) == []
    missing = judge([item("q4", answers=("a tunnel",))], PASSAGES)
    assert missing.unjudgeable([item("q4", answers=("a tunnel",))]) == ["q4"]


def test_rank_scores_keep_shown_order_and_drop_repeats() -> None:
    assert rank_scores(["x", "y", "x", "z"]) == {"x": 3.0, "y": 2.0, "z": 1.0}


def test_score_mode_uses_ranx_per_question_and_per_type() -> None:
    q1, q2, q3 = item("q1"), item("q2", "paraphrase"), item("q3", "unanswerable", ())
    run = ModeRun(
        "bm25",
        (
            answered(q1, ["a:1", "a:0", "b:0"]),  # answer at rank 1 (and 3)
            answered(q2, ["a:0", "b:1", "c:0", "b:0"]),  # first answer at rank 4
            answered(q3, ["a:0"], answered=False),
        ),
    )
    scores = score_mode(judge([q1, q2, q3], PASSAGES), run)
    assert scores.per_question["q1"]["hit@1"] == 1.0
    assert scores.per_question["q2"]["hit@3"] == 0.0 and scores.per_question["q2"]["hit@5"] == 1.0
    assert scores.per_question["q2"]["mrr@10"] == pytest.approx(0.25)
    assert scores.per_question["q1"]["recall@5"] == 1.0
    assert scores.overall["mrr@10"] == pytest.approx((1.0 + 0.25) / 2)
    assert scores.by_type["paraphrase"]["hit@1"] == 0.0
    assert scores.counts == {ALL: 2, "factoid": 1, "paraphrase": 1}
    assert "q3" not in scores.per_question


def test_outlet_coverage_counts_shown_and_credited_reports() -> None:
    qa = item("m1", "multi_source")
    judgements = judge([qa], PASSAGES)
    assert judgements.reporting["m1"] == {"a", "b"}
    assert outlet_coverage(judgements, answered(qa, ["a:1", "a:0"])) == 0.5
    assert outlet_coverage(judgements, answered(qa, ["a:1", "b:0"])) == 1.0
    credited = answered(qa, ["a:1"], credited={"a:1": ("Money Daily",)})
    assert outlet_coverage(judgements, credited) == 1.0
    sixth = answered(qa, ["a:1", "a:0", "b:1", "c:0", "c:1", "b:0"])
    assert outlet_coverage(judgements, sixth) == 0.5  # b:0 sits at rank 6
    scores = score_mode(judgements, ModeRun("dense", (answered(qa, ["a:1", "a:0"]),)))
    assert scores.by_type["multi_source"][COVERAGE] == 0.5


def test_abstention_precision_recall_and_false_abstentions() -> None:
    questions = (
        answered(item("u1", "unanswerable", ()), ["a:0"], answered=False),
        answered(item("u2", "unanswerable", ()), ["a:0"], answered=True),
        answered(item("q1"), ["a:1"], answered=False),
        answered(item("q2"), ["a:1"], answered=True),
        answered(item("q3"), ["a:1"], answered=True),
        answered(item("q4"), ["a:1"], answered=True),
    )
    abstention = score_mode(judge([q.item for q in questions], PASSAGES), ModeRun("bm25", questions)).abstention
    assert abstention.precision == 0.5
    assert abstention.recall == 0.5
    assert abstention.false_abstention == 0.25
    assert abstention.to_json()["abstained_answerable"] == 1


def test_failures_list_misses_wrong_abstentions_and_what_came_instead() -> None:
    hit, miss, shy, bold = item("q1"), item("q2"), item("q3"), item("u1", "unanswerable", ())
    runs = (
        answered(hit, ["a:1"]),
        answered(miss, ["a:0", "b:1", "c:0", "c:1", "c:2", "a:1"]),
        answered(shy, ["b:0"], answered=False),
        answered(bold, ["b:1"], answered=True),
    )
    items = tuple(q.item for q in runs)
    judgements = judge(items, PASSAGES)
    evaluation = Evaluation("qa", items, judgements, {"bm25": ModeRun("bm25", runs)}, {}, {}, 0.1)
    found = {f.item.id: f for f in failures(evaluation, "bm25")}
    assert set(found) == {"q2", "q3", "u1"}
    assert found["q2"].kind == "missed" and found["q2"].first_relevant_rank == 6
    assert [c.passage.passage_id for c in found["q2"].returned] == ["a:0", "b:1", "c:0"]
    assert found["q2"].to_json()["answer_passages"] == ["a:1", "b:0"]
    assert found["q3"].kind == "abstained"
    assert found["u1"].kind == "answered"


def test_mode_labels_and_unknown_modes() -> None:
    assert mode_label("hybrid", "convex") == "hybrid-convex"
    assert mode_label("bm25", "rrf") == "bm25"
    assert check_modes(["dense", "bm25", "dense"]) == ["dense", "bm25"]
    with pytest.raises(ConfigError, match="'hybrid'"):
        check_modes(["hybrid"])
