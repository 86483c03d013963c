"""CI gate: the shipped question set on the seed index must keep hybrid Hit@5 and MRR@10 above the floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine import Engine
from eval.command import DEFAULT_QA, load_set
from eval.gate import below_floors, floors
from eval.suite import evaluate_set


@pytest.mark.slow
def test_hybrid_retrieval_stays_above_the_floors(seed_index: Path) -> None:
    settings = Settings(index_dir=seed_index)
    evaluation = evaluate_set(Engine(settings), load_set(DEFAULT_QA), ["hybrid-rrf"], str(DEFAULT_QA))
    scores = evaluation.scores["hybrid-rrf"]
    assert evaluation.judgements.unjudgeable(evaluation.items) == []
    assert scores.counts["answerable"] == 88
    assert below_floors(scores, settings) == [], f"floors {floors(settings)}; run `newsbot eval` to see failures"
    raised = Settings(index_dir=seed_index, eval_floor_hit5=scores.overall["hit@5"] + 0.01)
    assert below_floors(scores, raised) == [f"hybrid-rrf hit@5 = {scores.overall['hit@5']:.3f} is below the floor "
                                            f"{raised.eval_floor_hit5:.3f}"]  # fmt: skip
