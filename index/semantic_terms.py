"""Semantic query expansion for BM25: corpus words whose embeddings are close to a question's words."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import bm25s
import numpy as np

from index.arrays import load_array
from index.errors import REBUILD_HINT, IndexCorruptError
from index.lexical import TOKEN, tokenize

TERMS_FILE = "terms.json"
TERM_VECTORS_FILE = "term_vectors.npy"
THRESHOLD = 0.6
PER_WORD = 4
MIN_LENGTH = 3
UNSEEN_CACHE = 10_000  # question words outside the vocabulary whose vectors are remembered


class WordEncoder(Protocol):
    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS)


def content_words(text: str) -> list[str]:
    """Lower-cased words of a text that can carry meaning: no stopwords, numbers or very short words."""
    words = TOKEN.findall(text.lower().replace("’", "'"))
    return [w for w in words if len(w) >= MIN_LENGTH and not w.isdigit() and w not in stopwords()]


class TermNeighbours:
    """The corpus vocabulary with one embedding per word."""

    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self.words = words
        self.vectors = vectors
        self.row_of = {word: row for row, word in enumerate(words)}
        self._unseen: dict[str, np.ndarray] = {}

    def word_vectors(self, words: list[str], encoder: WordEncoder) -> np.ndarray:
        """Vectors of words: stored ones for vocabulary words, encoded (and remembered) for the others."""
        fresh = [w for w in dict.fromkeys(words) if w not in self.row_of and w not in self._unseen]
        if fresh:
            if len(self._unseen) > UNSEEN_CACHE:
                self._unseen.clear()
            # One word per model run: the int8 model quantises activations over the whole batch, so a word
            # encoded beside others would get a vector that depends on which words came before.
            self._unseen.update((word, encoder.encode_passages([word])[0]) for word in fresh)
        vectors = np.asarray(self.vectors)
        return np.stack([vectors[self.row_of[w]] if w in self.row_of else self._unseen[w] for w in words])

    @staticmethod
    def vocabulary(texts: Iterable[str]) -> list[str]:
        """The distinct content words of the texts, sorted."""
        return sorted({word for text in texts for word in content_words(text)})

    def save(self, folder: Path) -> None:
        (folder / TERMS_FILE).write_text(json.dumps(self.words, ensure_ascii=False), encoding="utf-8")
        np.save(folder / TERM_VECTORS_FILE, self.vectors, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path) -> TermNeighbours:
        try:
            words = json.loads((folder / TERMS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            path = folder / TERMS_FILE
            raise IndexCorruptError(f"{path}: the term list cannot be read ({exc})", REBUILD_HINT) from exc
        vectors = load_array(folder / TERM_VECTORS_FILE, "the term vectors", mmap=False)
        if not isinstance(words, list) or len(words) != len(vectors):
            raise IndexCorruptError(f"{folder / TERMS_FILE}: word list and vectors disagree", REBUILD_HINT)
        return cls(words, vectors)

    def expand(
        self, question: str, encoder: WordEncoder, threshold: float = THRESHOLD, per_word: int = PER_WORD
    ) -> list[str]:
        """Corpus words close in meaning to the question's words, excluding words BM25 already matches."""
        words = list(dict.fromkeys(content_words(question)))
        if not words or not self.words:
            return []
        own_stems = set(tokenize(" ".join(words)))
        similarities = self.word_vectors(words, encoder) @ np.asarray(self.vectors).T
        expansion: list[str] = []
        shortlist = min(per_word * 3, len(self.words))
        for row in similarities:
            candidates = np.argpartition(-row, shortlist - 1)[:shortlist]
            best = candidates[np.argsort(-row[candidates], kind="stable")]
            picked = [self.words[i] for i in best if row[i] >= threshold and tokenize(self.words[i])]
            fresh = [w for w in picked if tokenize(w)[0] not in own_stems]
            expansion.extend(fresh[:per_word])
        return list(dict.fromkeys(expansion))
