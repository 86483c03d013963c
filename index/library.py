"""The library: the folder beside the index where `newsbot add` keeps added articles and their articles.toml."""

from __future__ import annotations

import json
import os
from pathlib import Path

from index.articles import METADATA_FIELDS, METADATA_FILE, Article, read_metadata


class Library:
    """Added articles as plain files plus one articles.toml, so every rebuild indexes them again."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def metadata_path(self) -> Path:
        return self.folder / METADATA_FILE

    def entries(self) -> dict[str, dict[str, str]]:
        return read_metadata(self.folder) if self.metadata_path.is_file() else {}

    def __contains__(self, file_name: str) -> bool:
        return file_name in self.entries()

    def add(self, articles: list[Article]) -> None:
        """Write the article files first, then the metadata that names them (each file replaced atomically)."""
        if not articles:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        entries = self.entries()
        for article in articles:
            _write_atomic(self.folder / article.file_name, article.raw_text)
            entries[article.file_name] = {key: getattr(article, key) for key in METADATA_FIELDS}
        self._write_metadata(entries)

    def remove(self, file_name: str) -> None:
        """Drop the metadata entry first, then the file (a crash between leaves a file nothing indexes)."""
        entries = self.entries()
        entries.pop(file_name, None)
        self._write_metadata(entries)
        (self.folder / file_name).unlink(missing_ok=True)

    def _write_metadata(self, entries: dict[str, dict[str, str]]) -> None:
        blocks = []
        for name in sorted(entries):
            lines = [f"[{_toml_string(name)}]"]
            lines += [f"{key} = {_toml_string(entries[name].get(key, ''))}" for key in METADATA_FIELDS]
            blocks.append("\n".join(lines) + "\n")
        header = "# Articles added with `newsbot add`; indexed together with the articles folder.\n\n"
        _write_atomic(self.metadata_path, header + "\n".join(blocks))


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML escapes)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
