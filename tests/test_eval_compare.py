"""`newsbot eval --compare`: metric deltas and moved questions against an earlier `eval --json` output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.compare import compare, load_baseline
from index.errors import NewsbotError


def document(mrr: dict[str, float], failures: dict[str, str], hit5: float, ids: list[str] | None = None) -> dict:
    """The parts of an `eval --json` output that a comparison reads."""
    mode = {
        "overall": {"hit@1": 0.5, "hit@5": hit5, "mrr@10": sum(mrr.values()) / len(mrr)},
        "abstention": {"abstained_unanswerable": 1, "abstained_answerable": len(
            [k for k in failures.values() if k == "abstained"])},
        "per_question": {qid: {"mrr@10": value} for qid, value in mrr.items()},
        "failures": [{"id": qid, "kind": kind} for qid, kind in failures.items()],
    }  # fmt: skip
    listed = {"question_ids": ids} if ids is not None else {}
    return {"qa": "eval/qa.jsonl", "modes": {"hybrid-rrf": mode}} | listed


def test_metrics_and_questions_that_moved_both_ways() -> None:
    before = document({"q1": 1.0, "q2": 0.25, "q3": 0.5}, {"q2": "missed", "q4": "answered"}, 0.667)
    now = document({"q1": 0.5, "q2": 1.0, "q3": 0.5}, {"q3": "abstained"}, 0.667)
    [mode] = compare(before, now, "before.json").modes
    assert mode.metrics["hit@5"] == (0.667, 0.667)
    assert mode.metrics["mrr@10"] == pytest.approx((0.5833, 0.6667), abs=1e-4)
    assert mode.abstention == {"caught": (1, 1), "refused": (0, 1)}
    moves = {move.question_id: move for move in mode.moves}
    assert set(moves) == {"q1", "q2", "q3", "q4"}
    assert not moves["q1"].better and moves["q1"].description == "MRR@10 1.00 → 0.50"
    assert moves["q2"].better and moves["q2"].description == "MRR@10 0.25 → 1.00; answer now in the top 5"
    assert not moves["q3"].better and moves["q3"].description == "now not answered"  # same rank, refused
    assert moves["q4"].better and moves["q4"].description == "unanswerable, now not answered"


def test_questions_only_one_side_asked_are_named_not_compared() -> None:
    before = document({"q1": 1.0, "q2": 1.0}, {}, 1.0, ids=["q1", "q2", "q9"])
    now = document({"q1": 1.0, "q3": 0.0}, {"q3": "missed"}, 0.5, ids=["q1", "q3", "q9"])
    comparison = compare(before, now, "before.json")
    assert comparison.only_before == ("q2",) and comparison.only_now == ("q3",)
    assert comparison.modes[0].moves == ()  # q3 is new, q9 (unanswerable) did not move


def test_an_older_output_without_question_ids_is_compared_on_its_scored_questions() -> None:
    before = document({"q1": 1.0, "q2": 1.0}, {}, 1.0)
    now = document({"q1": 1.0, "q2": 1.0}, {"q10": "answered"}, 1.0, ids=["q1", "q2", "q10"])
    comparison = compare(before, now, "before.json")
    assert comparison.only_before == () and comparison.only_now == ()  # an unanswerable one shows when it fails
    [move] = comparison.modes[0].moves
    assert (move.question_id, move.better) == ("q10", False)


def test_modes_only_one_side_scored_are_left_out() -> None:
    before = document({"q1": 1.0}, {}, 1.0)
    now = document({"q1": 1.0}, {}, 1.0)
    now["modes"]["bm25"] = now["modes"]["hybrid-rrf"]
    assert [mode.label for mode in compare(before, now, "b.json").modes] == ["hybrid-rrf"]
    assert json.dumps(compare(before, now, "b.json").to_json())  # plain JSON


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{oops", "not a readable JSON document"),
        ('{"qa": "x", "questions": 3}', "not the JSON of `newsbot eval --json`"),
        ('{"modes": {"bm25": {"per_question": {}}}}', "not the JSON of `newsbot eval --json`"),
        ("[1, 2]", "not the JSON of `newsbot eval --json`"),
    ],
)
def test_a_baseline_that_is_no_eval_output_is_named(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "before.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsbotError) as caught:
        load_baseline(path)
    assert message in str(caught.value) and "before.json" in str(caught.value)
    assert "newsbot eval --json > before.json" in caught.value.hint


def test_a_hand_edited_baseline_with_odd_values_is_compared_on_what_is_numeric() -> None:
    before = document({"q1": 1.0}, {}, 1.0)
    before["modes"]["hybrid-rrf"]["overall"]["hit@5"] = "high"
    before["modes"]["hybrid-rrf"]["per_question"]["q1"] = "?"
    before["modes"]["hybrid-rrf"]["failures"] = {"q1": "missed"}
    [mode] = compare(before, document({"q1": 1.0}, {}, 1.0), "b.json").modes
    assert "hit@5" not in mode.metrics and "mrr@10" in mode.metrics
    assert [(m.question_id, m.mrr_before, m.mrr_now) for m in mode.moves] == [("q1", None, 1.0)]
