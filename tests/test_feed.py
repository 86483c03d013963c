"""JSONL from news feeds and scrapers: their field names read as newsbot's, other fields left out and named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from index.feed import feed_record
from index.ingest import Metadata, ignored_fields_warnings, read_incoming

NEWSAPI = {
    "source": {"id": None, "name": "Harbour Herald"},
    "author": "Ann Writer",
    "title": "Bridge opens",
    "description": "A short summary.",
    "url": "https://h.example/bridge",
    "urlToImage": "https://h.example/b.jpg",
    "publishedAt": "2026-01-05T10:00:00Z",
    "content": "The harbour bridge opened on Monday after three years of work, the mayor said.",
}


def test_a_newsapi_record_reads_as_an_article() -> None:
    feed = feed_record(NEWSAPI)
    assert feed.fields == {
        "text": NEWSAPI["content"],
        "headline": "Bridge opens",
        "outlet": "Harbour Herald",
        "date": "2026-01-05",
        "url": "https://h.example/bridge",
    }
    assert feed.ignored == ["author", "description", "urlToImage"]
    assert feed.written_as["date"] == "publishedAt" and feed.written_as["outlet"] == "source"


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        ({"text": "a", "content": "b"}, "text", "a"),  # newsbot's own name first
        ({"content": "", "body": "b"}, "text", "b"),  # an empty field gives way to the next name
        ({"published": "2026-01-05 23:30:00+01:00"}, "date", "2026-01-05"),  # the day where it was published
        ({"date": "yesterday"}, "date", "yesterday"),  # left for the date check to name
        ({"publisher": "Harbour Herald", "link": "https://h.example"}, "url", "https://h.example"),
    ],
)
def test_field_names(record: dict[str, object], field: str, value: str) -> None:
    assert feed_record(record).fields[field] == value


def test_a_feed_file_is_added_with_one_warning_for_its_extra_fields(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    second = NEWSAPI | {"title": "Tunnel shuts", "content": "The tunnel closed on Monday, the mayor said."}
    feed.write_text("\n".join(json.dumps(r) for r in (NEWSAPI, second)) + "\n", encoding="utf-8")
    items = read_incoming([feed], Metadata())
    assert [i.to_article().headline for i in items] == ["Bridge opens", "Tunnel shuts"]
    assert ignored_fields_warnings(items) == [
        f"{feed}: ignored field(s) author, description, urlToImage "
        "(an article keeps its text, outlet, outlet_confidence, headline, date, url)"
    ]


@pytest.mark.slow
def test_cli_adds_a_newsapi_feed(tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(NEWSAPI) + "\n", encoding="utf-8")
    code = main(["add", str(feed), "--index-dir", str(tiny_index), "--articles", str(tiny_articles)])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("bridge-opens-") and "ignored field(s) author" in err
    code = main(["ask", "when did the harbour bridge open", "--json", "--index-dir", str(tiny_index)])
    passage = json.loads(capsys.readouterr().out)["passages"][0]
    assert (passage["outlet"], passage["headline"], passage["date"]) == ("Harbour Herald", "Bridge opens", "2026-01-05")
