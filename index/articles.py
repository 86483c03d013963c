"""Load article files and their metadata (outlet, headline, date, url) into Article records."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.errors import ArticleError

METADATA_FILE = "articles.toml"
ARTICLE_SUFFIXES = (".txt", ".md")
CONFIDENCES = ("stated", "inferred", "unknown")
METADATA_FIELDS = ("outlet", "outlet_confidence", "headline", "date", "url")
UNKNOWN_OUTLET = "unknown outlet"
MAX_ARTICLE_BYTES = 5 * 2**20  # a long report is ~100 KB; anything this big is not one article
MAX_UNREADABLE_SHARE = 0.1  # control characters or undecodable bytes in text read as Windows-1252
Skipped = Callable[[ArticleError], None]


@dataclass(frozen=True)
class Article:
    """One news article: its raw text plus where it comes from."""

    article_id: str
    file_name: str
    raw_text: str
    outlet: str
    outlet_confidence: str
    headline: str
    date: str
    url: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.raw_text.encode("utf-8")).hexdigest()

    @property
    def cited_outlet(self) -> str:
        return cited_outlet(self.outlet, self.outlet_confidence)


def cited_outlet(outlet: str, confidence: str) -> str:
    """How an outlet is shown to readers: never a guess presented as fact."""
    if confidence == "unknown" or not outlet:
        return UNKNOWN_OUTLET
    if confidence == "inferred":
        return f"{outlet} (attribution inferred)"
    return outlet


def format_date(iso_date: str) -> str:
    """'2026-01-06' -> '6 Jan 2026'; '' stays ''."""
    if not iso_date:
        return ""
    day = dt.date.fromisoformat(iso_date)
    return f"{day.day} {day:%b %Y}"


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """Parse `articles.toml`: one table per article file name."""
    path = folder / METADATA_FILE
    if not path.is_file():
        raise ArticleError(
            f"{path}: metadata file not found",
            f'create {METADATA_FILE} beside the articles with one ["file.txt"] table each '
            f"(fields: {', '.join(METADATA_FIELDS)})",
        )
    try:
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{path}: not valid TOML ({exc})", "fix the syntax and retry") from exc
    return {name: _check_entry(path, name, entry) for name, entry in tables.items()}


def must_be_text(where: str, name: str, value: object) -> str:
    """The value of a field that must be a string, or an error naming the field as the file wrote it."""
    if not isinstance(value, str):
        raise ArticleError(f"{where}: field {name!r} must be a string, got {value!r}", "write it in quotes, as text")
    return value


def _check_entry(path: Path, name: str, entry: object) -> dict[str, str]:
    where = f'{path} ["{name}"]'
    if not isinstance(entry, dict):
        raise ArticleError(f"{where}: expected a table of fields", f"fields: {', '.join(METADATA_FIELDS)}")
    unknown = sorted(set(entry) - set(METADATA_FIELDS))
    if unknown:
        raise ArticleError(f"{where}: unknown field {unknown[0]!r}", f"valid fields are {', '.join(METADATA_FIELDS)}")
    fields = {key: entry.get(key, "") for key in METADATA_FIELDS}
    for key, value in fields.items():
        must_be_text(where, key, value)
    _check_values(where, fields)
    return fields


def _check_values(where: str, fields: dict[str, str]) -> None:
    confidence = fields["outlet_confidence"] or ("stated" if fields["outlet"] else "unknown")
    fields["outlet_confidence"] = confidence
    if confidence not in CONFIDENCES:
        raise ArticleError(
            f"{where}: field 'outlet_confidence' is {confidence!r}",
            f"use one of {', '.join(CONFIDENCES)}",
        )
    if confidence != "unknown" and not fields["outlet"]:
        raise ArticleError(
            f"{where}: field 'outlet' is missing but outlet_confidence is {confidence!r}",
            'name the outlet, or set outlet_confidence = "unknown"',
        )
    if fields["date"]:
        try:
            dt.date.fromisoformat(fields["date"])
        except ValueError:
            raise ArticleError(
                f"{where}: field 'date' is {fields['date']!r}", 'use an ISO date such as 2026-01-06, or ""'
            ) from None


def read_article_text(path: Path) -> str:
    """Read an article file as UTF-8 text, with a clear error for anything else."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{path}: {size / 2**20:.1f} MB is too big for one article (at most {MAX_ARTICLE_BYTES // 2**20} MB)",
                "split it into one file per article, or check that it is the right file",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from exc
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _binary(path)
    text = _decode(raw)
    if _unreadable_share(text) > MAX_UNREADABLE_SHARE:
        raise _binary(path)
    return text


def _decode(raw: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (a superset of Latin-1's printable characters)."""
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", errors="replace")


def _binary(path: Path) -> ArticleError:
    return ArticleError(f"{path}: looks like a binary file, not article text", "give a .txt or .md file")


def _unreadable_share(text: str) -> float:
    unreadable = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return unreadable / max(len(text), 1)


def load_articles(folder: Path, on_skip: Skipped | None = None) -> list[Article]:
    """All articles in a folder, in file-name order, each matched to its metadata entry.

    With `on_skip`, a file that cannot be read as article text (binary, empty, too big) is reported to it and
    left out; without, it stops the load.
    """
    folder = Path(folder)
    if not folder.is_dir():
        found = "is a file, not a folder" if folder.exists() else "articles folder not found"
        raise ArticleError(
            f"{folder}: {found}", "pass --articles DIR with your article files (add files with `newsbot add`)"
        )
    metadata = read_metadata(folder)
    files = sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    _check_coverage(folder, metadata, files)
    articles = []
    for path in files:
        try:
            articles.append(_article(path, metadata[path.name]))
        except ArticleError as problem:
            if on_skip is None:
                raise
            on_skip(problem)
    if not articles:
        raise ArticleError(f"{folder}: none of the article files can be read", "fix or replace the files named above")
    return articles


def _check_coverage(folder: Path, metadata: dict[str, dict[str, str]], files: list[Path]) -> None:
    names = {p.name for p in files}
    for path in files:
        if path.name not in metadata:
            raise ArticleError(
                f"{path}: no metadata entry in {folder / METADATA_FILE}",
                f'add a ["{path.name}"] table with fields {", ".join(METADATA_FIELDS)}',
            )
    for name in sorted(set(metadata) - names):
        raise ArticleError(
            f'{folder / METADATA_FILE} ["{name}"]: the article file {name} does not exist',
            "remove the entry or add the file",
        )
    if not files:
        raise ArticleError(f"{folder}: no .txt or .md articles found", "add article files and metadata")


def _article(path: Path, fields: dict[str, str]) -> Article:
    raw_text = read_article_text(path)
    if not raw_text.strip():
        raise ArticleError(f"{path}: the article has no text", "give a file with the article's text")
    return Article(
        article_id=path.stem,
        file_name=path.name,
        raw_text=raw_text,
        outlet=fields["outlet"],
        outlet_confidence=fields["outlet_confidence"],
        headline=fields["headline"],
        date=fields["date"],
        url=fields["url"],
    )
