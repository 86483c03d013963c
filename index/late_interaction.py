"""Late interaction: every question token meets its closest passage token (MaxSim over MiniLM's token vectors);
the best hybrid candidates ordered by that score make a third ranking for reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Protocol

import numpy as np

from index.lru import LRUCache

RERANK_DEPTH = 5  # the top hybrid candidates, reordered token by token (which passages make the top 5 never changes)
# The token-level ranking counts twice in the fusion with BM25 and the dense ranking: on both question sets, and
# with slips or chat added, weight 2 ordered the top 5 better than 1 or 0.5 (eval/README.md, "Late interaction").
LATE_WEIGHT = 2.0
CACHE_PASSAGES = 1024  # passages whose token vectors are kept (about 60 KB each as float16)
# "auto" turns late interaction off from this many passages: there the top candidates are rarely cached, and
# encoding a passage's tokens costs about 7 ms (2 cores), which would triple a query's time.
AUTO_MAX_PASSAGES = 50_000


def wanted(setting: str, passages: int) -> bool:
    """Whether late interaction runs for an index of this many passages under the setting."""
    return setting == "on" or (setting == "auto" and passages < AUTO_MAX_PASSAGES)


class TokenEncoder(Protocol):
    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray]: ...


def inner_tokens(hidden: np.ndarray, length: int) -> np.ndarray:
    """The L2-normalised vectors of a text's own tokens: [CLS], [SEP] and padding left out."""
    tokens = np.asarray(hidden[1 : max(length - 1, 2)], dtype=np.float32)
    norms = np.linalg.norm(tokens, axis=1, keepdims=True)
    return tokens / np.clip(norms, 1e-12, None)


def maxsim(question_tokens: np.ndarray, passage_tokens: np.ndarray) -> float:
    """Mean over question tokens of the cosine with their closest passage token."""
    return float((question_tokens @ passage_tokens.T.astype(np.float32)).max(axis=1).mean())


class TokenVectorCache:
    """Token vectors of recently scored passages by row (float16), least recently used dropped first."""

    def __init__(
        self, passage_text: Callable[[int], str], encoder: TokenEncoder, capacity: int = CACHE_PASSAGES
    ) -> None:
        self.passage_text = passage_text
        self.encoder = encoder
        self._vectors: LRUCache[np.ndarray] = LRUCache(capacity)

    def get(self, rows: Sequence[int]) -> list[np.ndarray]:
        """The token vectors of the rows, encoding those not kept yet."""
        return [self._vectors.get_or_compute(row, partial(self._encode, row)) for row in rows]

    def _encode(self, row: int) -> np.ndarray:
        # One passage per model run: the int8 model quantises activations over the whole batch, so a passage
        # encoded beside others would get vectors (and ranks) that depend on what happened to be cached.
        return self.encoder.token_vectors([self.passage_text(row)])[0].astype(np.float16)

    def __len__(self) -> int:
        return len(self._vectors)


def late_ranking(question_tokens: np.ndarray, rows: Sequence[int], cache: TokenVectorCache) -> list[tuple[int, float]]:
    """The rows by MaxSim with the question, best first (ties: lower row first)."""
    scored = [(row, maxsim(question_tokens, tokens)) for row, tokens in zip(rows, cache.get(rows), strict=True)]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))
