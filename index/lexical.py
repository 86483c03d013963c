"""BM25 (Lucene variant) over passages on bm25s: tokenise, build, save, load, search."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index.errors import REBUILD_HINT, IndexCorruptError

TOKEN = re.compile(r"(?u)\b\w\w+\b")
BM25_METHOD = "lucene"
K1, B = 1.5, 0.75


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS)


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens without English stopwords, Snowball-stemmed."""
    words = [w for w in TOKEN.findall(text.lower().replace("’", "'")) if w not in _stopwords()]
    return _stemmer().stemWords(words)


class LexicalIndex:
    """A bm25s retriever whose rows are passage numbers."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25(method=BM25_METHOD, k1=K1, b=B)
        corpus = [tokenize(text) or ["\u2205"] for text in texts]
        retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        try:
            retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        except Exception as exc:
            raise IndexCorruptError(f"{folder}: the BM25 index cannot be read ({exc})", REBUILD_HINT) from exc
        return cls(retriever, size)

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        """(passage row, BM25 score) best first; only rows sharing a term with the question."""
        tokens = [t for t in tokenize(question) if t in self.retriever.vocab_dict]
        if not tokens or self.size == 0:
            return []
        rows, scores = self.retriever.retrieve([tokens], k=min(k, self.size), show_progress=False, n_threads=1)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every passage for the question."""
        tokens = [t for t in tokenize(question) if t in self.retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)
