"""The index directory: manifest with checksums, atomic replacement, load-time verification."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from index.errors import (
    LOCATION_HINT,
    REBUILD_HINT,
    IndexCorruptError,
    IndexLocationError,
    IndexLockedError,
    IndexMismatchError,
    IndexMissingError,
)

FORMAT_VERSION = 2  # 2: sentence vectors and term vectors
# What a build derives from the articles, in files of the same format: raised when newsbot changes what it writes
# there (name aliases, BM25 terms, chunking rules), so an index built before is reported as older. 0: a manifest
# without it; 1: quotations going on past their sentence carry their speaker's name; 2: the int8 ONNX encoder
# embeds each text alone, so a vector no longer depends on the texts embedded beside it (both 2026-11-26); 3: a
# role after "United States", "United Kingdom" or "European Union" is that country's, for name aliases; 4: "the PM"
# is the prime minister, for name aliases; 5: a sentence closing a quotation another sentence opened is the
# speaker's, and "He" after a photo caption is not the caption's subject, for name aliases; 6: BM25 terms with their
# accents folded ("Élysée" and "Elysée" one term); 7: "own" is a BM25 term, no longer a stopword; 8: a sentence
# listing things by semicolons is embedded clause by clause as well (index/sentence_vectors.py).
RECIPE = 8
MANIFEST = "manifest.json"
ARTICLES = "articles.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.faiss"
EMBEDDINGS = "embeddings.npy"
BM25_DIR = "bm25"
DELTA_DIR = "delta"
FINGERPRINTS = "fingerprints.json"
FileInfo = dict[str, object]
# The names an index folder holds at its top level (a test checks a fresh index against them). A folder holding
# anything else is not an index, and publishing would replace it whole: it is refused (`check_location`). The
# sentence and term file names are written out, not imported: `newsbot health` reads this module without numpy.
INDEX_ENTRIES = frozenset(
    {
        MANIFEST,
        ARTICLES,
        PASSAGES,
        VECTORS,
        EMBEDDINGS,
        BM25_DIR,
        DELTA_DIR,
        FINGERPRINTS,
        "terms.json",
        "term_vectors.npy",
        "sentence_embeddings.npy",
        "sentence_counts.npy",
        "sentence_vectors.faiss",
    }
)


@dataclass(frozen=True)
class Manifest:
    """What an index was built from and with; compared on load."""

    format_version: int
    created_at: str
    model_name: str
    model_sha256: str
    embedding_dim: int
    chunking: dict[str, int]
    faiss_kind: str
    passage_count: int
    articles: dict[str, str]
    files: dict[str, FileInfo]
    delta_passages: int = 0
    encoder: str = "torch"
    recipe: int = 0

    @property
    def older_recipe(self) -> bool:
        """True for an index an older newsbot built: it loads, but lacks what `newsbot index build` adds now."""
        return self.recipe < RECIPE

    @property
    def base_passages(self) -> int:
        """Passages in the main segment; the rest are in the delta segment written by `newsbot add`."""
        return self.passage_count - self.delta_passages

    def to_json(self) -> dict[str, object]:
        return {
            "format_version": self.format_version,
            "recipe": self.recipe,
            "created_at": self.created_at,
            "model": {
                "name": self.model_name,
                "sha256": self.model_sha256,
                "dim": self.embedding_dim,
                "encoder": self.encoder,
            },
            "chunking": self.chunking,
            "faiss_kind": self.faiss_kind,
            "passage_count": self.passage_count,
            "delta_passages": self.delta_passages,
            "articles": self.articles,
            "files": self.files,
        }

    @classmethod
    def from_json(cls, record: dict[str, object], where: Path) -> Manifest:
        try:
            model = record["model"]
            assert isinstance(model, dict)
            return cls(
                format_version=int(record["format_version"]),  # type: ignore[arg-type]
                created_at=str(record["created_at"]),
                model_name=str(model["name"]),
                model_sha256=str(model["sha256"]),
                embedding_dim=int(model["dim"]),
                chunking=dict(record["chunking"]),  # type: ignore[arg-type]
                faiss_kind=str(record["faiss_kind"]),
                passage_count=int(record["passage_count"]),  # type: ignore[arg-type]
                articles=dict(record["articles"]),  # type: ignore[arg-type]
                files=dict(record["files"]),  # type: ignore[arg-type]
                delta_passages=int(record.get("delta_passages", 0)),  # type: ignore[arg-type]
                encoder=str(model.get("encoder", "torch")),
                recipe=int(record.get("recipe", 0)),  # type: ignore[arg-type]
            )
        except (KeyError, TypeError, ValueError, AssertionError) as exc:
            raise IndexCorruptError(f"{where}: the manifest is incomplete ({exc!r})", REBUILD_HINT) from exc


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_files(folder: Path, known: Mapping[str, FileInfo] | None = None) -> dict[str, FileInfo]:
    """Size and sha256 of every file under the folder (the manifest excluded), by relative path.

    `known` holds entries of files hard-linked unchanged from the previous index: they are not hashed again.
    """
    known = known or {}
    described = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        name = str(path.relative_to(folder))
        size = path.stat().st_size
        reused = known.get(name)
        if reused is not None and reused.get("size") == size:
            described[name] = dict(reused)
        else:
            described[name] = {"size": size, "sha256": file_sha256(path)}
    return described


def link_unchanged(source: Path, staging: Path, names: list[str]) -> None:
    """Hard-link files of the published index into a staging folder (files are never written in place)."""
    for name in names:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / name, target)
        except OSError:
            shutil.copy2(source / name, target)


def write_json(path: Path, record: object) -> None:
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    """The manifest of an index folder, or a clear error if there is none or it is unreadable."""
    check_location(folder)
    recover(folder)
    path = folder / MANIFEST
    if not path.is_file():
        if folder.is_dir() and any(folder.iterdir()):
            raise IndexCorruptError(f"{folder}: the index has no {MANIFEST} (a partial write?)", REBUILD_HINT)
        raise IndexMissingError(f"no index at {folder}", "build one with `newsbot index build`")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(f"{path}: the manifest is not valid JSON ({exc})", REBUILD_HINT) from exc
    if not isinstance(record, dict):
        raise IndexCorruptError(f"{path}: the manifest is not a JSON object", REBUILD_HINT)
    version = record.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"{folder}: index format version {version!r}, this newsbot reads version {FORMAT_VERSION}",
            REBUILD_HINT,
        )
    return Manifest.from_json(record, path)


def check_sizes(folder: Path, manifest: Manifest) -> None:
    """Cheap load-time check: every listed file exists with its recorded size."""
    for name, info in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise IndexCorruptError(f"{path}: index file is missing", REBUILD_HINT)
        if path.stat().st_size != info.get("size"):
            raise IndexCorruptError(
                f"{path}: index file is {path.stat().st_size} bytes, the manifest says {info.get('size')} "
                "(truncated or overwritten)",
                REBUILD_HINT,
            )


def verify_checksums(folder: Path, manifest: Manifest) -> list[str]:
    """Full check (`newsbot index verify`): problems found, empty when every checksum matches."""
    problems = []
    for name, info in manifest.files.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif file_sha256(path) != info.get("sha256"):
            problems.append(f"{path}: sha256 does not match the manifest")
    extra = set(describe_files(folder)) - set(manifest.files) if folder.is_dir() else set()
    problems.extend(f"{folder / name}: not listed in the manifest" for name in sorted(extra))
    return problems


def check_location(folder: Path) -> None:
    """Refuse an index location holding something newsbot did not write: building there would replace it."""
    if not folder.exists() or (folder / MANIFEST).is_file():
        return
    if not folder.is_dir():
        raise IndexLocationError(f"{folder} is a file, not an index folder; newsbot will not replace it", LOCATION_HINT)
    foreign = sorted(entry.name for entry in folder.iterdir() if entry.name not in INDEX_ENTRIES)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise IndexLocationError(
            f"{folder} is not an index folder: it holds {shown}, which newsbot did not write and will not replace",
            LOCATION_HINT,
        )


def staging_dir(target: Path) -> Path:
    """A fresh sibling folder to build a new index in (call it holding the write lock)."""
    for stale in target.parent.glob(f"{target.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a writer that was killed: only lock holders write
    staging = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, target: Path) -> None:
    """Swap a finished index into place: the old one is kept aside until the new one is there."""
    _fsync_tree(staging)
    check_location(target)
    recover(target)
    backup = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, backup)
    os.replace(staging, target)
    _fsync_dir(target.parent)
    shutil.rmtree(backup, ignore_errors=True)


def recover(target: Path) -> None:
    """After a crash between the two renames of `publish`, put the previous index back."""
    if (target / MANIFEST).is_file():
        return
    backups = sorted(target.parent.glob(f"{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if backups and (backups[-1] / MANIFEST).is_file():
        if target.exists():
            shutil.rmtree(target)
        os.replace(backups[-1], target)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def say_waiting(message: str) -> None:
    """Default for a writer that has to wait: one line on stderr."""
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def write_lock(
    target: Path, on_wait: Callable[[str], None] | None = say_waiting, timeout: float | None = None
) -> Iterator[None]:
    """Serialise writers of one index: a second writer says it waits, then waits its turn.

    `timeout` (seconds) turns a wait that lasts too long into IndexLockedError; None waits as long as it takes.
    """
    check_location(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(f"{target.name}.lock")
    if lock_path.is_dir():
        raise IndexLocationError(f"{lock_path} is a folder, where newsbot keeps the index's lock file", LOCATION_HINT)
    with lock_path.open("a+") as handle:
        if not _try_lock(handle.fileno()):
            if on_wait:
                on_wait(f"{target}: another newsbot process is updating this index; waiting for it to finish …")
            _wait_for_lock(handle.fileno(), target, timeout)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait_for_lock(descriptor: int, target: Path, timeout: float | None) -> None:
    if timeout is None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + timeout
    while not _try_lock(descriptor):
        if time.monotonic() > deadline:
            raise IndexLockedError(
                f"{target}: another newsbot process has been updating this index for over {timeout:.0f} s",
                "wait for it to finish and run the command again",
            )
        time.sleep(0.1)
