"""HTML pages: trafilatura keeps the article text and finds title, date, site name and address."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import ArticleError
from index.extract import extract_html

PAGE = """<!DOCTYPE html><html><head><title>Bridge opens | Harbour Herald</title>
<meta property="og:site_name" content="Harbour Herald">
<meta property="og:title" content="Harbour City opens its new bridge">
<meta property="article:published_time" content="2026-02-01T09:00:00Z">
<link rel="canonical" href="https://herald.example/bridge"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour City opens its new bridge</h1>
<p>The mayor of Harbour City opened the new suspension bridge on Monday morning, after three years of building
work that cost 40 million euros.</p>
<p>“It links the old town to the port,” the mayor said, adding that twenty thousand cars a day were expected to
cross it once the toll booths open in March.</p>
<p>Traffic engineers said the bridge would cut the journey from the port to the station from forty minutes to
twelve.</p></article>
<footer>© 2026 Harbour Herald. All rights reserved. <a href="/privacy">Privacy policy</a></footer></body></html>
"""


def write_page(tmp_path: Path, html: str = PAGE) -> Path:
    path = tmp_path / "bridge.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_article_text_without_page_chrome(tmp_path: Path) -> None:
    page = extract_html(write_page(tmp_path))
    assert "cost 40 million euros" in page.text
    assert "“It links the old town to the port,”" in page.text
    assert "Privacy policy" not in page.text and "Sport" not in page.text
    assert page.text.count("\n") >= 3  # one paragraph per line, as the chunker expects


def test_metadata_from_the_page(tmp_path: Path) -> None:
    page = extract_html(write_page(tmp_path))
    assert page.title == "Harbour City opens its new bridge"
    assert page.date == "2026-02-01"
    assert page.site_name == "Harbour Herald"
    assert page.url == "https://herald.example/bridge"


def test_page_without_article_text(tmp_path: Path) -> None:
    path = write_page(tmp_path, "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ArticleError, match="no article text found in this HTML page") as caught:
        extract_html(path)
    assert str(path) in str(caught.value) and caught.value.hint
