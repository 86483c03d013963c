"""Article records from news feeds and scrapers: their usual field names (title, content, source, published)
read as newsbot's (headline, text, outlet, date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# newsbot's field, then the names feeds use for it, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "articleBody", "maintext", "full_text"),
    "headline": ("headline", "title"),
    "outlet": ("outlet", "source", "publisher", "site_name", "siteName", "source_name"),
    "outlet_confidence": ("outlet_confidence",),
    "date": ("date", "published", "publishedAt", "published_at", "datePublished", "publish_date", "pubDate"),
    "url": ("url", "link"),
}


@dataclass(frozen=True)
class FeedRecord:
    """One record read: newsbot's fields, the record's name for each, and the names it has beyond them."""

    fields: dict[str, object]
    written_as: dict[str, str]
    ignored: list[str]


def feed_record(record: dict[str, object]) -> FeedRecord:
    """The record under newsbot's field names (for each, the first of its names with a value)."""
    found: dict[str, object] = {}
    written_as: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        name = next((n for n in names if n in record and record[n] not in (None, "")), None)
        if name is not None:
            found[field] = _value(field, record[name])
            written_as[field] = name
    return FeedRecord(found, written_as, sorted(set(record) - set(written_as.values())))


def _value(field: str, value: object) -> object:
    if field == "outlet" and isinstance(value, dict):  # NewsAPI: "source": {"id": …, "name": "BBC News"}
        return value.get("name", value)
    if field == "date" and isinstance(value, str):
        return _day(value)
    return value


def _day(value: str) -> str:
    """'2026-01-06T09:30:00Z' -> '2026-01-06'; anything else as given (checked later)."""
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return value
