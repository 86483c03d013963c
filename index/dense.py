"""FAISS inner-product search over normalised passage vectors: flat or HNSW."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.errors import REBUILD_HINT, ConfigError, IndexCorruptError

FAISS_KINDS = ("flat", "hnsw")
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 64


def build_faiss(vectors: np.ndarray, kind: str = "flat") -> faiss.Index:
    """An inner-product index over the rows of `vectors` (already L2-normalised)."""
    if kind not in FAISS_KINDS:
        raise ConfigError(f"faiss index kind {kind!r} is not known", f"use one of {', '.join(FAISS_KINDS)}")
    dim = int(vectors.shape[1])
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


class DenseIndex:
    """Passage vectors in FAISS; rows are passage numbers."""

    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, *, expected_rows: int, expected_dim: int) -> DenseIndex:
        try:
            index = faiss.read_index(str(path))
        except Exception as exc:
            raise IndexCorruptError(f"{path}: the vector index cannot be read ({exc})", REBUILD_HINT) from exc
        if index.ntotal != expected_rows or index.d != expected_dim:
            raise IndexCorruptError(
                f"{path}: holds {index.ntotal} vectors of dimension {index.d}, but the index has "
                f"{expected_rows} passages of dimension {expected_dim}",
                REBUILD_HINT,
            )
        return cls(index)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(passage row, cosine similarity) best first."""
        if self.size == 0:
            return []
        scores, rows = self.index.search(query.reshape(1, -1).astype(np.float32), min(k, self.size))
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
