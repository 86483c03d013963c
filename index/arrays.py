"""Read a stored .npy array of an index, or say which file is damaged without numpy's internals."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.errors import REBUILD_HINT, IndexCorruptError


def load_array(path: Path, what: str, *, mmap: bool = True) -> np.ndarray:
    """The array in `path` (memory-mapped by default); IndexCorruptError naming the file if it cannot be read."""
    try:
        return np.load(path, allow_pickle=False, mmap_mode="r" if mmap else None)
    except (OSError, ValueError) as exc:
        reason = "the file is missing" if not path.is_file() else "not a valid .npy array"
        raise IndexCorruptError(f"{path}: {what} cannot be read ({reason})", REBUILD_HINT) from exc
