"""Sentence-level vectors: every sentence of every passage embedded, and each clause of a sentence listing several
things; a passage scores as its best sentence or clause."""

from __future__ import annotations

import re
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
# A sentence listing several things by semicolons ("The declaration foresees a US-led mechanism to monitor any
# ceasefire; long-term support for the Armed Forces of Ukraine, who are to “remain the first line of defence”; …")
# is embedded clause by clause as well: whole, its vector blurs each item, and a question about one ("what role is
# left for ukraine's own soldiers?") comes closer to the clause (cosine 0.68) than to any sentence of the articles.
CLAUSE_BREAK = re.compile(r";\s+")
MIN_CLAUSE_CHARS = 40  # a shorter piece ("and so on; see below") is no item of a list
# A clause, short, matches loosely: it stands for its passage in the search only by this much more cosine than the
# passage's sentences (0.03: seven questions into the top 5 and two unanswerable ones answered over the shipped sets;
# 0.08: five in, one out, no abstention changed; eval/README.md).
CLAUSE_MARGIN = 0.08


def sentence_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence that lists things by semicolons, each at least MIN_CLAUSE_CHARS long; [] for any
    other sentence."""
    pieces = [piece.strip() for piece in CLAUSE_BREAK.split(sentence)]
    if len(pieces) < 2 or any(len(piece) < MIN_CLAUSE_CHARS for piece in pieces):
        return []
    return pieces


def sentence_units(sentence: str) -> list[str]:
    """The rows a sentence is embedded as: the sentence itself first, then its clauses (`sentence_clauses`)."""
    return [sentence, *sentence_clauses(sentence)]


def whole_sentence_rows(passages: Sequence[Passage], counts: np.ndarray) -> np.ndarray:
    """For each embedded row, whether it is a whole sentence (not one of its clauses), rows laid out as
    `sentence_units` lays them. Only a passage with a semicolon can have clauses, so only those are split again (the
    rest cost a substring test). A passage whose row count does not fit the layout (a sentence of none) has all its
    rows taken as whole."""
    whole = np.ones(int(counts.sum()), dtype=bool)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    for row, passage in enumerate(passages):
        if ";" not in passage.text:
            continue
        sentences = text_sentences(passage.text)
        layout = [unit == 0 for sentence in sentences for unit in range(len(sentence_units(sentence)))]
        if len(layout) == counts[row]:
            whole[offsets[row] : offsets[row + 1]] = layout
    return whole


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
    """Dense search over sentences, ranking passages by their best sentence (or clause, by CLAUSE_MARGIN more)."""

    def __init__(self, dense: DenseIndex, sentences: SentenceVectors, whole: np.ndarray | None = None) -> None:
        """`whole`: for each row, whether it is a whole sentence rather than a clause (`whole_sentence_rows`); all
        rows when not given."""
        self.dense = dense
        self.sentences = sentences
        self.offsets = sentences.offsets
        self.passage_of = np.repeat(np.arange(len(sentences.counts)), sentences.counts)
        self.whole = np.ones(len(sentences.vectors), dtype=bool) if whole is None else whole

    def search(self, query: np.ndarray, depth: int) -> list[tuple[int, float]]:
        """(passage row, cosine of its best sentence, or of a clause less CLAUSE_MARGIN), best first; at most `depth`
        passages."""
        best: dict[int, float] = {}
        for sentence, score in self.dense.search(query, depth * 4):
            score = score if self.whole[sentence] else score - CLAUSE_MARGIN
            passage = int(self.passage_of[sentence])
            best[passage] = max(best.get(passage, score), score)
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:depth]

    def passage_cosine(self, row: int, query: np.ndarray) -> float:
        """Exact cosine of the passage's best whole sentence: a clause, short, comes closer to a question it does not
        answer as well ("when will Ukraine hold elections?"), which the evidence must not take for closeness."""
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        vectors = np.asarray(self.sentences.vectors[start:end])[self.whole[start:end]]
        if len(vectors) == 0:
            return 0.0
        return float(np.max(vectors @ query))
