"""Open a built index directory into memory: passages, articles, BM25, FAISS, verified against the manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.build import ArticleRecord
from index.chunk import Passage
from index.dense import DenseIndex
from index.errors import REBUILD_HINT, IndexCorruptError
from index.lexical import LexicalIndex
from index.store import ARTICLES, BM25_DIR, EMBEDDINGS, PASSAGES, VECTORS, Manifest, check_sizes, read_manifest


@dataclass
class IndexedCorpus:
    """Everything search needs, loaded once."""

    folder: Path
    manifest: Manifest
    articles: dict[str, ArticleRecord]
    passages: list[Passage]
    lexical: LexicalIndex
    dense: DenseIndex
    embeddings: np.ndarray

    @classmethod
    def open(cls, folder: Path) -> IndexedCorpus:
        folder = Path(folder)
        manifest = read_manifest(folder)
        check_sizes(folder, manifest)
        passages = _read_passages(folder / PASSAGES)
        if len(passages) != manifest.passage_count:
            raise IndexCorruptError(
                f"{folder / PASSAGES}: {len(passages)} passages, the manifest says {manifest.passage_count}",
                REBUILD_HINT,
            )
        embeddings = _read_embeddings(folder / EMBEDDINGS, len(passages), manifest.embedding_dim)
        dense = DenseIndex.load(folder / VECTORS, expected_rows=len(passages), expected_dim=manifest.embedding_dim)
        lexical = LexicalIndex.load(folder / BM25_DIR, len(passages))
        return cls(folder, manifest, _read_articles(folder / ARTICLES), passages, lexical, dense, embeddings)

    def passage_row(self, passage_id: str) -> int | None:
        for row, passage in enumerate(self.passages):
            if passage.passage_id == passage_id:
                return row
        return None


def _read_passages(path: Path) -> list[Passage]:
    try:
        with path.open(encoding="utf-8") as handle:
            return [Passage.from_json(json.loads(line)) for line in handle if line.strip()]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorruptError(f"{path}: the passage table cannot be read ({exc})", REBUILD_HINT) from exc


def _read_articles(path: Path) -> dict[str, ArticleRecord]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return {r["article_id"]: ArticleRecord(**r) for r in records}
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorruptError(f"{path}: the article table cannot be read ({exc})", REBUILD_HINT) from exc


def _read_embeddings(path: Path, rows: int, dim: int) -> np.ndarray:
    try:
        vectors = np.load(path, allow_pickle=False, mmap_mode="r")
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{path}: the embedding matrix cannot be read ({exc})", REBUILD_HINT) from exc
    if vectors.shape != (rows, dim):
        raise IndexCorruptError(
            f"{path}: shape {vectors.shape}, expected ({rows}, {dim}) from the passage table", REBUILD_HINT
        )
    return vectors
