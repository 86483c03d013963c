"""Embedding cache: passage vectors keyed by (encoder identity, passage text hash) in append-only shards."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import numpy as np

KEY_BYTES = 16
MAX_SHARDS = 32
SHARD = re.compile(r"^(\d{6})\.keys\.npy$")


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


def cache_dir(index_dir: Path) -> Path:
    """The cache lives beside the index (`.newsbot-cache/` for `.newsbot/`), so a rebuild can reuse it."""
    index_dir = Path(index_dir)
    return index_dir.with_name(f"{index_dir.name}-cache")


# Cache folders of encoders this newsbot no longer runs: their vectors can never be looked up again. The int8
# ONNX encoder embedded in batches under "<weights>-onnx" before it embedded each text alone ("-onnx-each").
SUPERSEDED = {"-onnx-each": "-onnx"}


def drop_superseded(root: Path, identity: str) -> None:
    """Remove the cache folder this encoder's identity replaced (only newsbot writes the cache folder)."""
    for current, older in SUPERSEDED.items():
        if identity.endswith(current):
            shutil.rmtree(Path(root) / (identity.removesuffix(current) + older), ignore_errors=True)


class EmbeddingCache:
    """Vectors of passages embedded before, by one encoder; write it only while holding the index write lock."""

    def __init__(self, root: Path, identity: str, dim: int | None = None, *, load: bool = True) -> None:
        """`load=False` only appends (no look-ups): adding one article need not read the whole cache."""
        self.folder = Path(root) / identity
        self.dim = dim
        self._shards: list[np.ndarray] = []
        self._where: dict[bytes, tuple[int, int]] = {}
        if load:
            self._load()

    def __len__(self) -> int:
        return len(self._where)

    def _load(self) -> None:
        if not self.folder.is_dir():
            return
        for keys_path in sorted(self.folder.glob("*.keys.npy")):
            vectors_path = keys_path.with_name(keys_path.name.replace(".keys.", ".vectors."))
            try:
                keys = np.load(keys_path, allow_pickle=False)
                vectors = np.load(vectors_path, allow_pickle=False, mmap_mode="r")
            except (OSError, ValueError):
                continue  # an unreadable shard is only a cache miss
            self.dim = self.dim or (vectors.shape[1] if vectors.ndim == 2 else None)
            if keys.ndim != 2 or vectors.shape != (len(keys), self.dim):
                continue
            shard = len(self._shards)
            self._shards.append(vectors)
            for row, key in enumerate(keys):
                self._where[key.tobytes()] = (shard, row)

    def lookup(self, texts: list[str]) -> tuple[np.ndarray | None, list[int]]:
        """Vectors for the texts found (zero rows elsewhere) and the positions of the texts not found.

        With an empty cache of unknown dimension, every text is missing and there is no matrix.
        """
        if self.dim is None:
            return None, list(range(len(texts)))
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing = []
        for position, text in enumerate(texts):
            found = self._where.get(text_key(text))
            if found is None:
                missing.append(position)
            else:
                vectors[position] = self._shards[found[0]][found[1]]
        return vectors, missing

    def store(self, texts: list[str], vectors: np.ndarray) -> None:
        """Add vectors as a new shard (vectors first, keys last: a shard without keys is never read)."""
        fresh = {text_key(t): i for i, t in enumerate(texts) if text_key(t) not in self._where}
        if not fresh:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        rows = list(fresh.values())
        keys = np.frombuffer(b"".join(fresh), dtype=np.uint8).reshape(len(fresh), KEY_BYTES)
        self._write_shard(keys, np.ascontiguousarray(vectors[rows], dtype=np.float32))
        if len(list(self.folder.glob("*.keys.npy"))) > MAX_SHARDS:
            self._shards, self._where = [], {}
            self._load()
            self.compact()

    def compact(self) -> None:
        """Merge all shards into one."""
        old = sorted(self.folder.glob("*.npy"))
        keys = np.frombuffer(b"".join(self._where), dtype=np.uint8).reshape(len(self._where), KEY_BYTES)
        vectors = np.stack([self._shards[s][r] for s, r in self._where.values()]).astype(np.float32)
        name = self._write_shard(keys, vectors, reload=False)
        for path in old:
            if not path.name.startswith(name):
                path.unlink(missing_ok=True)
        self._shards, self._where = [], {}
        self._load()

    def _write_shard(self, keys: np.ndarray, vectors: np.ndarray, *, reload: bool = True) -> str:
        numbers = [int(m.group(1)) for p in self.folder.glob("*.keys.npy") if (m := SHARD.match(p.name))]
        name = f"{max(numbers, default=-1) + 1:06d}"
        _atomic_save(self.folder / f"{name}.vectors.npy", vectors)
        _atomic_save(self.folder / f"{name}.keys.npy", keys)
        if reload:
            shard = len(self._shards)
            self._shards.append(vectors)
            for row, key in enumerate(keys):
                self._where[key.tobytes()] = (shard, row)
        return name


def _atomic_save(path: Path, array: np.ndarray) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("wb") as handle:
        np.save(handle, array, allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
