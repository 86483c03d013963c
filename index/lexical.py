"""BM25 (Lucene variant) over passages on bm25s, plus a small delta part for passages added since the last build."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from scipy import sparse

from index.errors import REBUILD_HINT, IndexCorruptError

TOKEN = re.compile(r"(?u)\b\w\w+\b")
BM25_METHOD = "lucene"
K1, B = 1.5, 0.75
EMPTY = "\u2205"
STATS_FILE = "newsbot.stats.json"
# bm25s's numba backend compiles its kernels in every new process (seconds); it pays off only on big indexes.
NUMBA_FROM_PASSAGES = 500_000


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


# English stopwords that name something in news: "Ukraine's own forces" are not the foreign ones ("what happens to
# ukraine's own military under the plan": the answer outside the top 10 while "own" was dropped, 4th since).
NEWS_WORDS = frozenset({"own"})


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS) - NEWS_WORDS


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens without English stopwords, accents folded ("Élysée", "Elysée" and "elysee" are one
    word: news writes names both ways, readers type them without), Snowball-stemmed."""
    words = [w for w in TOKEN.findall(text.lower().replace("’", "'")) if w not in _stopwords()]
    return _stemmer().stemWords([w if w.isascii() else unaccented(w) for w in words])


def unaccented(word: str) -> str:
    """The word without its accents and other combining marks ("élysée" -> "elysee")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def passage_tokens(text: str) -> list[str]:
    """Tokens as indexed: a passage without any word gets one placeholder token."""
    return tokenize(text) or [EMPTY]


@dataclass(frozen=True)
class CorpusStats:
    """What BM25 scores depend on beyond a passage itself: passage count and total length in tokens."""

    docs: int
    tokens: int

    @property
    def average_length(self) -> float:
        return self.tokens / self.docs if self.docs else 1.0


def numba_available() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def backend_for(passages: int) -> str:
    return "numba" if passages >= NUMBA_FROM_PASSAGES and numba_available() else "numpy"


class DeltaLexicon:
    """BM25 for passages added since the last full build, scored with the statistics of the whole corpus."""

    def __init__(self, tokens: list[list[str]], base: CorpusStats, base_df: dict[str, int]) -> None:
        self.size = len(tokens)
        self.vocab: dict[str, int] = {}
        rows, cols, counts = [], [], []
        for row, passage in enumerate(tokens):
            for token, count in Counter(passage).items():
                rows.append(row)
                cols.append(self.vocab.setdefault(token, len(self.vocab)))
                counts.append(count)
        lengths = np.array([len(t) for t in tokens], dtype=np.float32)
        stats = CorpusStats(base.docs + self.size, base.tokens + int(lengths.sum()))
        col = np.array(cols, dtype=np.int64)
        df = np.bincount(col, minlength=len(self.vocab)).astype(np.float64)
        df += np.array([base_df.get(token, 0) for token in self.vocab], dtype=np.float64)
        idf = np.log(1 + (stats.docs - df + 0.5) / (df + 0.5))
        tf = np.array(counts, dtype=np.float64)
        norm = K1 * ((1 - B) + B * lengths[np.array(rows, dtype=np.int64)] / stats.average_length)
        scores = (idf[col] * tf / (norm + tf)).astype(np.float32)
        shape = (self.size, len(self.vocab))
        self.matrix = sparse.csc_matrix((scores, (np.array(rows, dtype=np.int64), col)), shape=shape)

    def scores(self, tokens: list[str]) -> np.ndarray:
        return self.weighted_scores(Counter(tokens))

    def weighted_scores(self, weights: Mapping[str, float]) -> np.ndarray:
        """Σ weight(token) · BM25(token) for every delta passage."""
        known = [(self.vocab[t], w) for t, w in weights.items() if t in self.vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        columns, column_weights = zip(*known, strict=True)
        summed = self.matrix[:, list(columns)] @ np.asarray(column_weights, dtype=np.float64)
        return np.asarray(summed, dtype=np.float32).ravel()


class LexicalIndex:
    """A bm25s retriever whose rows are passage numbers, then the rows of an optional delta part."""

    def __init__(self, retriever: bm25s.BM25, size: int, stats: CorpusStats | None = None) -> None:
        self.retriever = retriever
        self.size = size
        self.base_size = size
        self.stats = stats or CorpusStats(size, size)
        self.delta: DeltaLexicon | None = None

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        return cls.from_tokens([passage_tokens(text) for text in texts])

    @classmethod
    def from_tokens(cls, corpus: list[list[str]]) -> LexicalIndex:
        retriever = bm25s.BM25(method=BM25_METHOD, k1=K1, b=B, backend=backend_for(len(corpus)))
        # Term ids in sorted order: given bare tokens, bm25s numbers them in set order, which changes from run to
        # run, so two builds of the same articles wrote different (equally valid) BM25 files.
        vocabulary = {term: number for number, term in enumerate(sorted({t for tokens in corpus for t in tokens}))}
        retriever.index(([[vocabulary[t] for t in tokens] for tokens in corpus], vocabulary), show_progress=False)
        return cls(retriever, len(corpus), CorpusStats(len(corpus), sum(len(t) for t in corpus)))

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder), show_progress=False)
        stats = {"docs": self.stats.docs, "tokens": self.stats.tokens}
        (folder / STATS_FILE).write_text(json.dumps(stats) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        try:
            params = {"backend": backend_for(size)}
            retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0, override_params=params)
        except Exception as exc:
            raise IndexCorruptError(
                f"{folder}: the BM25 index cannot be read (a garbled file: `newsbot index verify` names it)",
                REBUILD_HINT,
            ) from exc
        return cls(retriever, size, _read_stats(folder / STATS_FILE, size))

    def passages_with(self, word: str) -> int:
        """How many passages use the word (by its stem); 0 for a stopword or a word no passage has."""
        stems = tokenize(word)
        if len(stems) != 1:
            return 0
        column, count = self._column(stems[0]), 0
        if column is not None:
            indptr = self.retriever.scores["indptr"]
            count += int(indptr[column + 1] - indptr[column])
        if self._in_delta(stems[0]):
            assert self.delta is not None
            count += int(self.delta.matrix[:, self.delta.vocab[stems[0]]].nnz)
        return count

    def rows_with_all(self, text: str) -> list[int] | None:
        """The passages holding every word of the text (by stem), in row order; None when it has no word to look
        for (stopwords only), so any passage may hold it."""
        stems = set(tokenize(text))
        if not stems:
            return None
        found: set[int] | None = None
        for stem in stems:
            rows = self._rows_of(stem)
            found = rows if found is None else found & rows
        return sorted(found or ())

    def _rows_of(self, stem: str) -> set[int]:
        rows: set[int] = set()
        column = self._column(stem)
        if column is not None:
            indptr, indices = self.retriever.scores["indptr"], self.retriever.scores["indices"]
            rows.update(int(row) for row in indices[int(indptr[column]) : int(indptr[column + 1])])
        if self._in_delta(stem):
            assert self.delta is not None
            delta_rows = self.delta.matrix[:, self.delta.vocab[stem]].nonzero()[0]
            rows.update(self.base_size + int(row) for row in delta_rows)
        return rows

    def _column(self, stem: str) -> int | None:
        column = self.retriever.vocab_dict.get(stem)
        columns = len(self.retriever.scores["indptr"]) - 1
        return column if column is not None and column < columns else None  # bm25s's empty-token entry: none

    def _in_delta(self, stem: str) -> bool:
        return self.delta is not None and stem in self.delta.vocab

    def with_delta(self, tokens: list[list[str]]) -> LexicalIndex:
        """The same index extended by passages (as token lists) numbered after the base rows."""
        indptr = np.asarray(self.retriever.scores["indptr"])
        doc_freqs = np.diff(indptr)
        base_df = {
            token: int(doc_freqs[column])
            for token, column in self.retriever.vocab_dict.items()
            if column < len(doc_freqs)  # bm25s's empty-token entry has no column
        }
        extended = LexicalIndex(self.retriever, self.base_size, self.stats)
        extended.delta = DeltaLexicon(tokens, self.stats, base_df)
        extended.size = self.base_size + len(tokens)
        return extended

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        """(passage row, BM25 score) best first; only rows sharing a term with the question."""
        query = tokenize(question)
        tokens = [t for t in query if t in self.retriever.vocab_dict]
        ranked: list[tuple[int, float]] = []
        if tokens and self.base_size:
            rows, scores = self.retriever.retrieve([tokens], k=min(k, self.base_size), show_progress=False, n_threads=1)
            ranked = [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]
        if self.delta is not None:
            ranked = _merge(ranked, self._delta_ranking(query, k), k)
        return ranked

    def _delta_ranking(self, query: list[str], k: int) -> list[tuple[int, float]]:
        assert self.delta is not None
        scores = self.delta.scores(query)
        rows = np.argsort(-scores, kind="stable")[:k]
        return [(self.base_size + int(r), float(scores[r])) for r in rows if scores[r] > 0]

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every passage for the question."""
        return self.weighted_scores([(question, 1.0)])

    def weighted_scores(self, queries: Sequence[tuple[str, float]]) -> np.ndarray:
        """Σ weight · BM25(query) of every passage, in one pass over the postings of all the queries' terms."""
        weights: Counter[str] = Counter()
        for text, weight in queries:
            for token in tokenize(text):
                weights[token] += weight
        base = self._base_scores(weights)
        if self.delta is None:
            return base
        return np.concatenate([base, self.delta.weighted_scores(weights)])

    def _base_scores(self, weights: Mapping[str, float]) -> np.ndarray:
        scores = np.zeros(self.base_size, dtype=np.float32)
        vocab = self.retriever.vocab_dict
        known = [(vocab[t], w) for t, w in weights.items() if t in vocab]
        if not known or not self.base_size:
            return scores
        matrix = self.retriever.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        for column, weight in known:
            start, end = int(indptr[column]), int(indptr[column + 1])
            scores[indices[start:end]] += np.float32(weight) * data[start:end]
        return scores


def _merge(first: list[tuple[int, float]], second: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
    return sorted(first + second, key=lambda pair: (-pair[1], pair[0]))[:k]


def _read_stats(path: Path, size: int) -> CorpusStats:
    if not path.is_file():
        return CorpusStats(size, size)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return CorpusStats(int(record["docs"]), int(record["tokens"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(f"{path}: the BM25 statistics cannot be read ({exc})", REBUILD_HINT) from exc
