"""Fusion arithmetic on hand-made rankings."""

from __future__ import annotations

import pytest

from index.fuse import convex, min_max, rrf
from index.search import with_lexical_leader


def test_rrf_sums_reciprocal_ranks() -> None:
    lexical = [(1, 9.0), (2, 5.0), (3, 1.0)]
    dense = [(3, 0.9), (1, 0.8)]
    fused = dict(rrf([lexical, dense], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[2] == pytest.approx(1 / 62)
    assert [row for row, _ in rrf([lexical, dense], k=60)] == [1, 3, 2]


def test_rrf_ties_break_by_row_and_weights_apply() -> None:
    assert rrf([[(5, 1.0)], [(4, 1.0)]]) == [(4, 1 / 61), (5, 1 / 61)]
    fused = dict(rrf([[(1, 1.0)], [(2, 1.0)]], k=10, weights=[2.0, 1.0]))
    assert fused == {1: pytest.approx(2 / 11), 2: pytest.approx(1 / 11)}


def test_min_max_and_convex() -> None:
    assert min_max([(1, 10.0), (2, 5.0), (3, 0.0)]) == {1: 1.0, 2: 0.5, 3: 0.0}
    assert min_max([(1, 3.0), (2, 3.0)]) == {1: 1.0, 2: 1.0}
    assert min_max([]) == {}
    fused = dict(convex([(1, 10.0), (2, 0.0)], [(2, 0.9), (3, 0.1)], alpha=0.25))
    assert fused[1] == pytest.approx(0.75)
    assert fused[2] == pytest.approx(0.25)
    assert fused[3] == pytest.approx(0.0)


def test_bm25s_first_passage_is_kept_among_the_fused_top_five() -> None:
    fused = [(row, 1.0 - row / 10) for row in range(8)]  # rows 0..7, best first
    kept = with_lexical_leader(fused, [(7, 12.0), (0, 3.0)])
    assert [row for row, _ in kept] == [0, 1, 2, 3, 7, 4, 5, 6]  # after the fused top 4, the rest shifted down
    assert dict(kept)[7] == dict(fused)[7]  # its fused score travels with it
    assert with_lexical_leader(fused, [(3, 12.0)]) == fused  # already in the top 5
    assert with_lexical_leader(fused, []) == fused  # no BM25 hits
