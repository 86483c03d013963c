"""Article text and metadata (title, date, site name, url) from a saved HTML page, with trafilatura."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from index.articles import read_article_text
from index.errors import ArticleError

HTML_SUFFIXES = (".html", ".htm")
MIN_WORDS = 20  # less than this is a link list or a cookie notice, not an article


@dataclass(frozen=True)
class ExtractedPage:
    """What the extractor found in a page; empty strings where it found nothing."""

    text: str
    title: str = ""
    date: str = ""
    site_name: str = ""
    url: str = ""


def extract_html(path: Path) -> ExtractedPage:
    """The main article text of a saved page (paragraphs one per line) and its metadata."""
    import trafilatura

    html = read_article_text(path)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
    )
    found = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    text = (found.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise ArticleError(
            f"{path}: no article text found in this HTML page ({len(text.split())} words of text)",
            "save the article page itself (not a front page or list of links), or paste its text into a .txt file",
        )
    return ExtractedPage(
        text=text + "\n",
        title=(found.get("title") or "").strip(),
        date=_iso_date(found.get("date") or ""),
        site_name=(found.get("sitename") or "").strip(),
        url=(found.get("url") or "").strip(),
    )


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return ""
