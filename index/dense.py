"""FAISS inner-product search over normalised passage vectors: flat or HNSW, plus a flat part for added rows."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np

from index.errors import REBUILD_HINT, ConfigError, IndexCorruptError

FAISS_KINDS = ("flat", "hnsw")


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Search one question on one thread: OpenMP's team costs more than it saves for a single query, and on a
    busy 2-core machine it made a flat search over 11k vectors 7 ms instead of 1 ms (bench/scale.py)."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# recall@10 against flat search on the synthetic 10k corpus: 0.91 at 64, 0.95 at 128, for +0.1 ms (bench/scale.py).
HNSW_EF_SEARCH = 128


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
    """Passage vectors in FAISS; rows are passage numbers, then the rows of an optional delta part."""

    def __init__(self, index: faiss.Index) -> None:
        self.index = index
        self.delta: faiss.Index | None = None

    @property
    def size(self) -> int:
        return int(self.index.ntotal) + (int(self.delta.ntotal) if self.delta is not None else 0)

    def with_delta(self, vectors: np.ndarray) -> DenseIndex:
        """The same index extended by rows searched exactly (passages added since the last full build)."""
        extended = DenseIndex(self.index)
        extended.delta = build_faiss(vectors, "flat")
        return extended

    def set_ef_search(self, ef_search: int) -> None:
        """HNSW breadth at query time (higher: better recall, slower); ignored by a flat index."""
        hnsw = getattr(self.index, "hnsw", None)
        if hnsw is not None:
            hnsw.efSearch = ef_search

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, *, expected_rows: int, expected_dim: int, rows: str = "passages") -> DenseIndex:
        try:
            index = faiss.read_index(str(path))
        except Exception as exc:
            reason = "the file is missing" if not path.is_file() else "not a FAISS index file"
            raise IndexCorruptError(f"{path}: the vector index cannot be read ({reason})", REBUILD_HINT) from exc
        if index.ntotal != expected_rows or index.d != expected_dim:
            raise IndexCorruptError(
                f"{path}: holds {index.ntotal} vectors of dimension {index.d}, but the index has "
                f"{expected_rows} {rows} of dimension {expected_dim}",
                REBUILD_HINT,
            )
        dense = cls(index)
        dense.set_ef_search(HNSW_EF_SEARCH)
        return dense

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(passage row, cosine similarity) best first."""
        ranked = _search(self.index, query, k, 0)
        if self.delta is not None:
            ranked = _search(self.delta, query, k, int(self.index.ntotal)) + ranked
            ranked = sorted(ranked, key=lambda pair: (-pair[1], pair[0]))[:k]
        return ranked


def _search(index: faiss.Index, query: np.ndarray, k: int, first_row: int) -> list[tuple[int, float]]:
    if index.ntotal == 0:
        return []
    with one_thread():
        scores, rows = index.search(query.reshape(1, -1).astype(np.float32), min(k, int(index.ntotal)))
    return [(first_row + int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
