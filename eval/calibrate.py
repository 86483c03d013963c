"""Abstention threshold from the set: the strictest one that keeps false abstentions within a budget."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from bot.evidence import CLOSENESS_PIVOT, CLOSENESS_WEIGHT, SECOND_WEAK_WORD, TWO_WEAK_PENALTY
from eval.run import ModeRun

MAX_FALSE_ABSTENTION = 0.05


@dataclass(frozen=True)
class TradeOff:
    """What abstaining below `threshold` does on the set."""

    threshold: float | None
    recall: float
    false_abstention: float

    def to_json(self) -> dict[str, float | None]:
        return {"threshold": self.threshold, "recall": self.recall, "false_abstention": self.false_abstention}


@dataclass(frozen=True)
class Calibration:
    """The chosen threshold, the whole trade-off curve, and a leave-one-out estimate of how it generalises."""

    chosen: TradeOff
    curve: tuple[TradeOff, ...]
    held_out: TradeOff
    budget: float

    def to_json(self) -> dict[str, object]:
        return {
            "signal": "coverage of the question's worst-covered content word by the top 3 passages, less "
            f"{TWO_WEAK_PENALTY} when a second word is under {SECOND_WEAK_WORD} (0 for a name the articles never "
            f"mention or a figure none of them gives), plus {CLOSENESS_WEIGHT} × (the closest sentence's cosine "
            f"− {CLOSENESS_PIVOT}) where the mode has cosines (bot/evidence.py)",
            "budget_false_abstention": self.budget,
            "chosen": self.chosen.to_json(),
            "leave_one_out": self.held_out.to_json(),
            "curve": [point.to_json() for point in self.curve],
        }


def split_evidence(run: ModeRun) -> tuple[list[float], list[float]]:
    """Evidence values of the answerable and of the unanswerable questions."""
    answerable = [q.evidence for q in run.questions if q.item.answers]
    unanswerable = [q.evidence for q in run.questions if not q.item.answers]
    return answerable, unanswerable


def candidates(values: Sequence[float]) -> list[float]:
    """0, then midpoints between neighbouring distinct values: a threshold never sits on a measured value."""
    distinct = sorted(set(values))
    return [0.0] + [round((low + high) / 2, 4) for low, high in itertools.pairwise(distinct)]


def trade_off(threshold: float, answerable: Sequence[float], unanswerable: Sequence[float]) -> TradeOff:
    recall = sum(v < threshold for v in unanswerable) / len(unanswerable) if unanswerable else 0.0
    false = sum(v < threshold for v in answerable) / len(answerable) if answerable else 0.0
    return TradeOff(threshold, recall, false)


def choose(
    answerable: Sequence[float], unanswerable: Sequence[float], budget: float = MAX_FALSE_ABSTENTION
) -> TradeOff:
    """The highest threshold whose false abstentions stay within budget: it catches the most unanswerables."""
    curve = [trade_off(t, answerable, unanswerable) for t in candidates([*answerable, *unanswerable])]
    allowed = [point for point in curve if point.false_abstention <= budget]
    return max(allowed, key=lambda point: point.threshold or 0.0)


def leave_one_out(answerable: Sequence[float], unanswerable: Sequence[float], budget: float) -> TradeOff:
    """Each question judged by a threshold chosen without it: an honest estimate on unseen questions."""
    caught = sum(v < _threshold(answerable, _without(unanswerable, i), budget) for i, v in enumerate(unanswerable))
    false = sum(v < _threshold(_without(answerable, i), unanswerable, budget) for i, v in enumerate(answerable))
    recall = caught / len(unanswerable) if unanswerable else 0.0
    return TradeOff(None, recall, false / len(answerable) if answerable else 0.0)


def calibrate(run: ModeRun, budget: float = MAX_FALSE_ABSTENTION) -> Calibration:
    answerable, unanswerable = split_evidence(run)
    curve = tuple(trade_off(t, answerable, unanswerable) for t in candidates([*answerable, *unanswerable]))
    held_out = leave_one_out(answerable, unanswerable, budget)
    return Calibration(choose(answerable, unanswerable, budget), curve, held_out, budget)


def _threshold(answerable: Sequence[float], unanswerable: Sequence[float], budget: float) -> float:
    return choose(answerable, unanswerable, budget).threshold or 0.0


def _without(values: Sequence[float], index: int) -> list[float]:
    return [v for i, v in enumerate(values) if i != index]
