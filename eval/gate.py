"""The regression gate: the default mode's Hit@5 and MRR@10 on the set must not fall below the configured floors."""

from __future__ import annotations

from bot.config import Settings
from eval.metrics import ModeScores


def floors(settings: Settings) -> dict[str, float]:
    """Metric -> floor, from the one place floors live (Settings.eval_floor_*)."""
    return {"hit@5": settings.eval_floor_hit5, "mrr@10": settings.eval_floor_mrr10}


def below_floors(scores: ModeScores, settings: Settings) -> list[str]:
    """One line per metric under its floor; empty when the run passes."""
    return [
        f"{scores.label} {metric} = {scores.overall[metric]:.3f} is below the floor {floor:.3f}"
        for metric, floor in floors(settings).items()
        if scores.overall[metric] < floor
    ]
