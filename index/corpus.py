"""Open a built index directory into memory: passages, articles, BM25, FAISS, verified against the manifest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunk import Passage
from index.dense import DenseIndex
from index.errors import REBUILD_HINT, IndexCorruptError
from index.lexical import LexicalIndex
from index.segment import (
    TOKENS,
    ArticleRecord,
    Segment,
    read_embeddings,
    read_passages,
    read_records,
    read_tokens,
)
from index.semantic_terms import TermNeighbours
from index.sentence_vectors import SENTENCE_VECTORS, SentenceIndex, SentenceVectors, whole_sentence_rows
from index.store import (
    ARTICLES,
    BM25_DIR,
    DELTA_DIR,
    EMBEDDINGS,
    PASSAGES,
    VECTORS,
    Manifest,
    check_sizes,
    read_manifest,
)


@dataclass
class IndexedCorpus:
    """Everything search needs, loaded once: the main part of the index plus passages added since."""

    folder: Path
    manifest: Manifest
    articles: dict[str, ArticleRecord]
    passages: list[Passage]
    lexical: LexicalIndex
    dense: DenseIndex
    embeddings: np.ndarray
    sentences: SentenceIndex
    terms: TermNeighbours

    @classmethod
    def open(cls, folder: Path) -> IndexedCorpus:
        folder = Path(folder)
        manifest = read_manifest(folder)
        check_sizes(folder, manifest)
        base, dim = manifest.base_passages, manifest.embedding_dim
        passages = read_passages(folder / PASSAGES)
        if len(passages) != base:
            raise IndexCorruptError(
                f"{folder / PASSAGES}: {len(passages)} passages, the manifest says {base}", REBUILD_HINT
            )
        embeddings = read_embeddings(folder / EMBEDDINGS, base, dim)
        dense = DenseIndex.load(folder / VECTORS, expected_rows=base, expected_dim=dim)
        lexical = LexicalIndex.load(folder / BM25_DIR, base)
        records = read_records(folder / ARTICLES)
        sentences = SentenceVectors.read(folder, base, dim)
        sentence_dense = DenseIndex.load(
            folder / SENTENCE_VECTORS, expected_rows=len(sentences.vectors), expected_dim=dim, rows="sentences"
        )
        if manifest.delta_passages:
            delta = Segment.read(folder / DELTA_DIR, manifest.delta_passages, dim)
            passages = passages + delta.passages
            records = records + delta.records
            embeddings = np.concatenate([embeddings, delta.vectors])
            dense = dense.with_delta(np.asarray(delta.vectors))
            lexical = lexical.with_delta(read_tokens(folder / DELTA_DIR / TOKENS, manifest.delta_passages))
            sentence_dense = sentence_dense.with_delta(np.asarray(delta.sentences.vectors))
            sentences = SentenceVectors.concat([sentences, delta.sentences])
        articles = {r.article_id: r for r in records}
        sentence_index = SentenceIndex(sentence_dense, sentences, whole_sentence_rows(passages, sentences.counts))
        terms = TermNeighbours.load(folder)
        return cls(folder, manifest, articles, passages, lexical, dense, embeddings, sentence_index, terms)

    def passage_row(self, passage_id: str) -> int | None:
        for row, passage in enumerate(self.passages):
            if passage.passage_id == passage_id:
                return row
        return None


def read_segments(folder: Path, manifest: Manifest) -> list[Segment]:
    """The main segment and, if any, the delta segment of an index (no search structures)."""
    dim = manifest.embedding_dim
    segments = [Segment.read(folder, manifest.base_passages, dim)]
    if manifest.delta_passages:
        segments.append(Segment.read(folder / DELTA_DIR, manifest.delta_passages, dim))
    return segments
