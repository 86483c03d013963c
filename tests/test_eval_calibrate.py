"""Abstention calibration: candidate thresholds, the false-abstention budget, and the leave-one-out estimate."""

from __future__ import annotations

import pytest

from bot.answer import Answer
from eval.calibrate import calibrate, candidates, choose, leave_one_out, trade_off
from eval.qa_set import QAItem
from eval.run import ModeRun, QuestionRun

ANSWERABLE = [0.05, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0]
UNANSWERABLE = [0.1, 0.2, 0.55]


def test_candidates_sit_between_measured_values() -> None:
    assert candidates([0.4, 0.2, 0.2, 1.0]) == [0.0, 0.3, 0.7]


def test_trade_off_counts_values_below_the_threshold() -> None:
    point = trade_off(0.3, ANSWERABLE, UNANSWERABLE)
    assert point.recall == pytest.approx(2 / 3)
    assert point.false_abstention == pytest.approx(0.1)


def test_choose_takes_the_highest_threshold_within_budget() -> None:
    assert choose(ANSWERABLE, UNANSWERABLE, budget=0.1).threshold == 0.35  # 0.05 abstains, 0.5 would too
    assert choose(ANSWERABLE, UNANSWERABLE, budget=0.0).threshold == 0.0
    strict = choose(ANSWERABLE, UNANSWERABLE, budget=0.2)
    assert strict.threshold == 0.575 and strict.recall == 1.0  # 0.05 and 0.5: 2 of 10 answerable


def test_leave_one_out_judges_each_question_without_it() -> None:
    held_out = leave_one_out(ANSWERABLE, UNANSWERABLE, budget=0.1)
    assert held_out.threshold is None
    assert held_out.recall == pytest.approx(2 / 3)
    # Leaving out 0.05 moves the threshold above 0.5: 0.5 is then a false abstention, and 0.05 itself one too.
    assert held_out.false_abstention == pytest.approx(0.1)


def test_calibrate_reads_evidence_off_a_run() -> None:
    def question(qid: str, evidence: float, answers: tuple[str, ...]) -> QuestionRun:
        qa = QAItem(qid, "q", answers, (), "factoid" if answers else "unanswerable", "easy")
        return QuestionRun(qa, Answer("q", True, ()), evidence)

    run = ModeRun(
        "hybrid-rrf",
        tuple(question(f"a{i}", v, ("x",)) for i, v in enumerate(ANSWERABLE))
        + tuple(question(f"u{i}", v, ()) for i, v in enumerate(UNANSWERABLE)),
    )
    calibration = calibrate(run, budget=0.1)
    assert calibration.chosen.threshold == 0.35
    assert calibration.curve[0].threshold == 0.0 and calibration.curve[0].recall == 0.0
    record = calibration.to_json()
    assert record["chosen"] == {"threshold": 0.35, "recall": pytest.approx(2 / 3), "false_abstention": 0.1}
    assert record["leave_one_out"]["threshold"] is None
