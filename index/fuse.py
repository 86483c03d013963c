"""Rank fusion: reciprocal rank fusion and normalised convex combination, pure functions over lists."""

from __future__ import annotations

from collections.abc import Sequence

Ranking = Sequence[tuple[int, float]]
RRF_K = 60
FUSIONS = ("rrf", "convex")


def rrf(rankings: Sequence[Ranking], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: score(d) = Σ w_i / (k + rank_i(d)), ranks from 1."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (row, _score) in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return _sorted(fused)


def min_max(ranking: Ranking) -> dict[int, float]:
    """Scores scaled to [0, 1] within one ranking (all equal -> all 1)."""
    if not ranking:
        return {}
    scores = [score for _row, score in ranking]
    low, high = min(scores), max(scores)
    span = high - low
    return {row: (score - low) / span if span else 1.0 for row, score in ranking}


def convex(lexical: Ranking, dense: Ranking, alpha: float = 0.5) -> list[tuple[int, float]]:
    """alpha * dense + (1 - alpha) * lexical, each min-max normalised; missing counts as 0."""
    lex, den = min_max(lexical), min_max(dense)
    fused = {row: alpha * den.get(row, 0.0) + (1 - alpha) * lex.get(row, 0.0) for row in {*lex, *den}}
    return _sorted(fused)


def _sorted(scores: dict[int, float]) -> list[tuple[int, float]]:
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
