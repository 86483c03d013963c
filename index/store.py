"""The index directory: manifest with checksums, atomic replacement, load-time verification."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexMissingError,
)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ARTICLES = "articles.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.faiss"
EMBEDDINGS = "embeddings.npy"
BM25_DIR = "bm25"


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
    files: dict[str, dict[str, object]]

    def to_json(self) -> dict[str, object]:
        return {
            "format_version": self.format_version,
            "created_at": self.created_at,
            "model": {"name": self.model_name, "sha256": self.model_sha256, "dim": self.embedding_dim},
            "chunking": self.chunking,
            "faiss_kind": self.faiss_kind,
            "passage_count": self.passage_count,
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
            )
        except (KeyError, TypeError, ValueError, AssertionError) as exc:
            raise IndexCorruptError(f"{where}: the manifest is incomplete ({exc!r})", REBUILD_HINT) from exc


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_files(folder: Path) -> dict[str, dict[str, object]]:
    """Size and sha256 of every file under the folder (the manifest excluded), by relative path."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)
    return {str(p.relative_to(folder)): {"size": p.stat().st_size, "sha256": file_sha256(p)} for p in files}


def write_json(path: Path, record: object) -> None:
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    """The manifest of an index folder, or a clear error if there is none or it is unreadable."""
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


def staging_dir(target: Path) -> Path:
    """A fresh sibling folder to build a new index in."""
    staging = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, target: Path) -> None:
    """Swap a finished index into place: the old one is kept aside until the new one is there."""
    _fsync_tree(staging)
    backup = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, backup)
    os.replace(staging, target)
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


@contextlib.contextmanager
def write_lock(target: Path) -> Iterator[None]:
    """Serialise writers of one index: a second writer gets a clear error instead of a corrupt index."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock_path = target.with_name(f"{target.name}.lock")
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLockedError(
                f"{target}: another newsbot process is updating this index",
                "wait for it to finish and run the command again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
