"""Read articles to add — .txt, .md, saved .html, folders of them, JSONL — with metadata from flags, files or pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from index.articles import (
    ARTICLE_SUFFIXES,
    CONFIDENCES,
    METADATA_FIELDS,
    METADATA_FILE,
    UNKNOWN_OUTLET,
    Article,
    Skipped,
    must_be_text,
    read_article_text,
    read_metadata,
)
from index.errors import ArticleError
from index.extract import HTML_SUFFIXES, extract_html
from index.feed import feed_record

ADDABLE_SUFFIXES = (*ARTICLE_SUFFIXES, *HTML_SUFFIXES)
JSONL_SUFFIX = ".jsonl"
SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Metadata:
    """Where an article comes from; None means 'not given here' (a later source may give it)."""

    outlet: str | None = None
    outlet_confidence: str | None = None
    headline: str | None = None
    date: str | None = None
    url: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These fields, with `other` filling in the ones not given (or given empty)."""
        return Metadata(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    @classmethod
    def from_table(
        cls, where: str, table: Mapping[str, object], written_as: Mapping[str, str] | None = None
    ) -> Metadata:
        """Metadata from a sidecar, articles.toml entry or JSONL record; `written_as` names a field as the
        record wrote it (a feed's "title" for the headline) in errors."""
        unknown = sorted(set(table) - set(METADATA_FIELDS))
        if unknown:
            raise ArticleError(
                f"{where}: unknown field {unknown[0]!r}", f"valid fields are {', '.join(METADATA_FIELDS)}"
            )
        for key, value in table.items():
            must_be_text(where, (written_as or {}).get(key, key), value)
        return cls(**{k: v for k, v in table.items() if v != ""})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Incoming:
    """An article to add: its text and metadata, before it gets a file name in the library."""

    source: str
    text: str
    metadata: Metadata
    suffix: str = ".txt"
    ignored: tuple[str, ...] = ()  # fields of a JSONL record that are no article metadata

    def to_article(self) -> Article:
        """The article as it will be stored in the library, with checked metadata and a content-based name."""
        meta = self.metadata
        outlet = (meta.outlet or "").strip()
        confidence = meta.outlet_confidence or ("stated" if outlet else "unknown")
        _check(self.source, outlet, confidence, meta.date or "")
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        slug = SLUG.sub("-", (meta.headline or Path(self.source.split(",")[0]).stem).lower()).strip("-")[:48]
        stem = f"{slug or 'article'}-{digest[:10]}"
        return Article(
            article_id=stem,
            file_name=stem + self.suffix,
            raw_text=self.text,
            outlet=outlet,
            outlet_confidence=confidence,
            headline=(meta.headline or "").strip(),
            date=meta.date or "",
            url=(meta.url or "").strip(),
        )

    @property
    def outlet_missing(self) -> bool:
        return not (self.metadata.outlet or "").strip()


def _check(source: str, outlet: str, confidence: str, date: str) -> None:
    if confidence not in CONFIDENCES:
        raise ArticleError(f"{source}: outlet_confidence is {confidence!r}", f"use one of {', '.join(CONFIDENCES)}")
    if confidence != "unknown" and not outlet:
        raise ArticleError(
            f"{source}: outlet_confidence is {confidence!r} but no outlet is given", "give --outlet NAME"
        )
    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise ArticleError(f"{source}: date {date!r} is not an ISO date", "use e.g. --date 2026-01-06") from None


def read_incoming(paths: list[Path], flags: Metadata, on_skip: Skipped | None = None) -> list[Incoming]:
    """Every article named by the paths (files, folders, JSONL), metadata from flags first.

    With `on_skip`, a file (or JSONL line) that cannot be added is reported to it and the others are still read;
    without, the first such problem stops the batch.
    """
    incoming: list[Incoming] = []
    skipped: list[ArticleError] = []
    if on_skip is not None:
        on_skip = _counting(on_skip, skipped)
    for path in paths:
        if path.is_dir():
            incoming.extend(_read_folder(path, flags, on_skip))
        elif not path.exists():
            hint = "give article files, a folder of them, or a .jsonl"
            _skip(on_skip, ArticleError(f"{path}: no such file or folder", hint))
        elif path.suffix.lower() == JSONL_SUFFIX:
            incoming.extend(_read_jsonl(path, flags, on_skip))
        else:
            incoming.extend(_attempt(on_skip, lambda path=path: [_read_file(path, flags, _sidecar(path))]))
    if not incoming and skipped:
        raise ArticleError(f"nothing to add: {len(skipped)} skipped (see above)", "fix them and run the command again")
    if not incoming:
        raise ArticleError(
            f"no articles found in {', '.join(map(str, paths))}",
            f"give files ending in {', '.join(ADDABLE_SUFFIXES)} or {JSONL_SUFFIX}",
        )
    return incoming


def _counting(on_skip: Skipped, skipped: list[ArticleError]) -> Skipped:
    """`on_skip` that also keeps what it was told, so an empty result can say why."""

    def skip(problem: ArticleError) -> None:
        skipped.append(problem)
        on_skip(problem)

    return skip


def ignored_fields_warnings(items: list[Incoming]) -> list[str]:
    """One line per JSONL file whose records hold fields that are no article metadata (they are left out)."""
    by_file: dict[str, set[str]] = {}
    for item in items:
        if item.ignored:
            by_file.setdefault(item.source.rsplit(", line ", 1)[0], set()).update(item.ignored)
    return [
        f"{path}: ignored field(s) {', '.join(sorted(names))} (an article keeps its text, {', '.join(METADATA_FIELDS)})"
        for path, names in by_file.items()
    ]


def unknown_outlet_warning(item: Incoming) -> str:
    return (
        f"{item.source}: no outlet given; it will be cited as “{UNKNOWN_OUTLET}” "
        '(give --outlet NAME, a sidecar .toml, or an "outlet" field)'
    )


def _skip(on_skip: Skipped | None, problem: ArticleError) -> None:
    if on_skip is None:
        raise problem
    on_skip(problem)


def _attempt(on_skip: Skipped | None, read: Callable[[], list[Incoming]]) -> list[Incoming]:
    """What `read` returns, or nothing (reported to `on_skip`) when it fails with an ArticleError."""
    try:
        return read()
    except ArticleError as problem:
        _skip(on_skip, problem)
        return []


def _read_folder(folder: Path, flags: Metadata, on_skip: Skipped | None = None) -> list[Incoming]:
    table = read_metadata(folder) if (folder / METADATA_FILE).is_file() else {}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ADDABLE_SUFFIXES)
    jsonl = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == JSONL_SUFFIX)
    items = []
    for path in files:
        listed = table.get(path.name)
        where = f'{folder / METADATA_FILE} ["{path.name}"]'
        items.extend(_attempt(on_skip, lambda p=path, w=where, e=listed: [_read_listed(p, w, e, flags)]))
    for path in jsonl:
        items.extend(_read_jsonl(path, flags, on_skip))
    return items


def _read_listed(path: Path, where: str, listed: dict[str, str] | None, flags: Metadata) -> Incoming:
    meta = Metadata.from_table(where, dict(listed)) if listed else _sidecar(path)
    return _read_file(path, flags, meta)


def _sidecar(path: Path) -> Metadata:
    """Metadata from `story.toml` beside `story.html` (the fields of an articles.toml entry), if present."""
    sidecar = path.with_suffix(".toml")
    if not sidecar.is_file() or sidecar.name == METADATA_FILE:
        return Metadata()
    try:
        table = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{sidecar}: not valid TOML ({exc})", "fix the syntax and retry") from exc
    return Metadata.from_table(str(sidecar), table)


def _read_file(path: Path, flags: Metadata, listed: Metadata) -> Incoming:
    suffix = path.suffix.lower()
    if suffix not in ADDABLE_SUFFIXES:
        raise ArticleError(
            f"{path}: cannot add a {suffix or 'suffix-less'} file", f"give {', '.join(ADDABLE_SUFFIXES)}"
        )
    if suffix in HTML_SUFFIXES:
        page = extract_html(path)
        found = Metadata(page.site_name or None, None, page.title or None, page.date or None, page.url or None)
        return _incoming(str(path), page.text, flags.over(listed).over(found), ".txt")
    text = read_article_text(path)
    found = Metadata(None, None, headline_line(text), None, None)
    return _incoming(str(path), text, flags.over(listed).over(found), suffix)


HEADLINE_WORDS = 25
HEADLINE_ENDINGS = tuple(".,;:!…\"”'’")


def headline_line(text: str) -> str | None:
    """A text file's first line when it reads as the headline: alone in its paragraph, at most HEADLINE_WORDS
    words, not ending like a sentence, not a byline ("By …"); a Markdown heading ("# …") likewise."""
    lines = text.lstrip("\ufeff").strip("\n").splitlines()
    if len(lines) < 3 or lines[1].strip():
        return None  # no paragraph after it, or the first line runs on into one
    first = lines[0].strip()
    first = first.lstrip("#").strip() if first.startswith("#") else first
    if not first or len(first.split()) > HEADLINE_WORDS or first.endswith(HEADLINE_ENDINGS):
        return None
    return None if first.lower().startswith("by ") else first


def _incoming(source: str, text: str, metadata: Metadata, suffix: str) -> Incoming:
    if not text.strip():
        raise ArticleError(f"{source}: the article has no text", "give a file with the article's text")
    item = Incoming(source, text, metadata, suffix)
    item.to_article()  # checks the metadata now, before anything is written
    return item


def _read_jsonl(path: Path, flags: Metadata, on_skip: Skipped | None = None) -> list[Incoming]:
    items = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                where = f"{path}, line {number}"
                items.extend(_attempt(on_skip, lambda w=where, x=line: [_jsonl_item(w, _utf8(w, x), flags)]))
    return items


def _utf8(where: str, line: bytes) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArticleError(f"{where}: not UTF-8 text", "save the JSONL file as UTF-8") from None


def _jsonl_item(where: str, line: str, flags: Metadata) -> Incoming:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{where}: not valid JSON ({exc.msg})", "write one JSON object per line") from None
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: expected a JSON object", 'e.g. {"text": "…", "outlet": "…"}')
    feed = feed_record(record)
    if "text" not in feed.fields:
        raise ArticleError(f'{where}: needs a "text" field with the article text', 'e.g. {"text": "…", "outlet": "…"}')
    text = must_be_text(where, feed.written_as["text"], feed.fields["text"])
    metadata = Metadata.from_table(where, {f: v for f, v in feed.fields.items() if f != "text"}, feed.written_as)
    item = _incoming(where, text, flags.over(metadata), ".txt")
    return replace(item, ignored=tuple(feed.ignored))
