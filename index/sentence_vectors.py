"""Sentence-level vectors: every sentence of every passage embedded; a passage scores as its best sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.arrays import load_array
from index.chunk import Passage
from index.dense import DenseIndex
from index.errors import REBUILD_HINT, IndexCorruptError
from index.sentences import text_sentences

SENTENCE_EMBEDDINGS = "sentence_embeddings.npy"
SENTENCE_COUNTS = "sentence_counts.npy"
SENTENCE_VECTORS = "sentence_vectors.faiss"


def passage_sentences(passages: Sequence[Passage]) -> tuple[list[str], np.ndarray]:
    """All sentences in passage order, and how many each passage has."""
    texts: list[str] = []
    counts = []
    for passage in passages:
        before = len(texts)
        texts.extend(text_sentences(passage.text))
        if len(texts) == before:
            texts.append(passage.text)
        counts.append(len(texts) - before)
    return texts, np.asarray(counts, dtype=np.int64)


@dataclass
class SentenceVectors:
    """One row per sentence, grouped by passage: passage p owns `counts[p]` consecutive rows."""

    vectors: np.ndarray
    counts: np.ndarray

    def __post_init__(self) -> None:
        if int(self.counts.sum()) != len(self.vectors):
            raise ValueError(f"{int(self.counts.sum())} sentences counted but {len(self.vectors)} vectors")

    @classmethod
    def empty(cls, dim: int) -> SentenceVectors:
        return cls(np.zeros((0, dim), dtype=np.float32), np.zeros(0, dtype=np.int64))

    @property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.counts)]).astype(np.int64)

    def passage_vectors(self) -> np.ndarray:
        """One vector per passage: the normalised mean of its sentence vectors."""
        if len(self.counts) == 0:
            return np.zeros((0, self.vectors.shape[1]), dtype=np.float32)
        sums = np.add.reduceat(np.asarray(self.vectors, dtype=np.float32), self.offsets[:-1], axis=0)
        faiss.normalize_L2(sums)
        return sums

    def select(self, passages: Sequence[int]) -> SentenceVectors:
        """The sentence rows of the given passages, in that order."""
        offsets = self.offsets
        rows = [np.arange(offsets[p], offsets[p + 1]) for p in passages]
        index = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        return SentenceVectors(np.asarray(self.vectors)[index], self.counts[list(passages)])

    @staticmethod
    def concat(parts: Sequence[SentenceVectors]) -> SentenceVectors:
        return SentenceVectors(
            np.concatenate([np.asarray(p.vectors, dtype=np.float32) for p in parts]),
            np.concatenate([p.counts for p in parts]).astype(np.int64),
        )

    def write(self, folder: Path) -> None:
        np.save(folder / SENTENCE_EMBEDDINGS, np.ascontiguousarray(self.vectors, dtype=np.float32), allow_pickle=False)
        np.save(folder / SENTENCE_COUNTS, self.counts, allow_pickle=False)

    @classmethod
    def read(cls, folder: Path, passages: int, dim: int) -> SentenceVectors:
        counts = load_array(folder / SENTENCE_COUNTS, "the sentence counts", mmap=False)
        vectors = load_array(folder / SENTENCE_EMBEDDINGS, "the sentence vectors")
        if counts.shape != (passages,) or vectors.shape != (int(counts.sum()), dim):
            raise IndexCorruptError(
                f"{folder / SENTENCE_EMBEDDINGS}: {vectors.shape[0]} sentence vectors of dimension "
                f"{vectors.shape[1] if vectors.ndim == 2 else '?'} do not fit {passages} passages of dimension {dim}",
                REBUILD_HINT,
            )
        return cls(vectors, counts)


class SentenceIndex:
    """Dense search over sentences, ranking passages by their best sentence."""

    def __init__(self, dense: DenseIndex, sentences: SentenceVectors) -> None:
        self.dense = dense
        self.sentences = sentences
        self.offsets = sentences.offsets
        self.passage_of = np.repeat(np.arange(len(sentences.counts)), sentences.counts)

    def search(self, query: np.ndarray, depth: int) -> list[tuple[int, float]]:
        """(passage row, cosine of its best sentence), best first; at most `depth` passages."""
        best: dict[int, float] = {}
        for sentence, score in self.dense.search(query, depth * 4):
            best.setdefault(int(self.passage_of[sentence]), score)
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:depth]

    def passage_cosine(self, row: int, query: np.ndarray) -> float:
        """Exact cosine of the passage's best sentence."""
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        if start == end:
            return 0.0
        return float(np.max(np.asarray(self.sentences.vectors[start:end]) @ query))
