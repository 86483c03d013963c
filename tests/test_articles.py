"""Article loading: metadata validation with errors that name the file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.articles import cited_outlet, format_date, load_articles, read_article_text
from index.errors import ArticleError
from tests.conftest import SEEDS, write_articles


def test_seed_metadata_is_complete_and_honest() -> None:
    articles = {a.file_name: a for a in load_articles(SEEDS)}
    assert len(articles) == 5
    assert articles["000_4adbfad0522c808d.txt"].cited_outlet == "Sky News (attribution inferred)"
    assert articles["001_29a9e3f239559014.txt"].cited_outlet == "unknown outlet"
    assert articles["002_4f06e7c685bc3fd5.txt"].cited_outlet == "The Independent"
    assert articles["003_5966592e1f5adaf3.txt"].date == "2026-01-07"
    assert all(a.outlet_confidence in {"stated", "inferred", "unknown"} for a in articles.values())


def test_cited_outlet_never_presents_a_guess_as_fact() -> None:
    assert cited_outlet("Sky News", "inferred") == "Sky News (attribution inferred)"
    assert cited_outlet("Somebody", "unknown") == "unknown outlet"
    assert cited_outlet("", "stated") == "unknown outlet"
    assert format_date("2026-01-06") == "6 Jan 2026"
    assert format_date("") == ""


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ('["alpha.txt"]\noutlet = "X"\nheadlin = "typo"\n', "unknown field 'headlin'"),
        ('["alpha.txt"]\noutlet = "X"\noutlet_confidence = "sure"\n', "field 'outlet_confidence' is 'sure'"),
        ('["alpha.txt"]\noutlet_confidence = "stated"\n', "field 'outlet' is missing"),
        ('["alpha.txt"]\noutlet = "X"\ndate = "6 Jan"\n', "field 'date' is '6 Jan'"),
        ('["alpha.txt"]\noutlet = 3\n', "field 'outlet' must be a string"),
        ('["alpha.txt"\n', "not valid TOML"),
    ],
)
def test_bad_metadata_names_file_and_field(tmp_path: Path, metadata: str, message: str) -> None:
    folder = write_articles(tmp_path, {"alpha.txt": "Some text."}, metadata)
    with pytest.raises(ArticleError) as caught:
        load_articles(folder)
    assert message in str(caught.value)
    assert "articles.toml" in str(caught.value)


def test_article_without_metadata_entry(tmp_path: Path) -> None:
    folder = write_articles(tmp_path, {"alpha.txt": "A.", "beta.txt": "B."}, '["alpha.txt"]\noutlet = "X"\n')
    with pytest.raises(ArticleError, match=r"beta\.txt: no metadata entry"):
        load_articles(folder)


def test_metadata_for_missing_file(tmp_path: Path) -> None:
    folder = write_articles(tmp_path, {"alpha.txt": "A."}, '["alpha.txt"]\noutlet = "X"\n["ghost.txt"]\noutlet = "Y"\n')
    with pytest.raises(ArticleError, match=r"ghost\.txt does not exist"):
        load_articles(folder)


def test_missing_folder_and_metadata(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="articles folder not found"):
        load_articles(tmp_path / "nope")
    (tmp_path / "story.txt").write_text("x")
    with pytest.raises(ArticleError, match=r"story\.txt: is a file, not a folder"):
        load_articles(tmp_path / "story.txt")
    (tmp_path / "story.txt").unlink()
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ArticleError, match="metadata file not found"):
        load_articles(tmp_path)


def test_encodings_and_binary(tmp_path: Path) -> None:
    (tmp_path / "utf16.txt").write_bytes("Café news.".encode("utf-16"))
    (tmp_path / "latin.txt").write_bytes("Café news.".encode("latin-1"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    assert read_article_text(tmp_path / "utf16.txt") == "Café news."
    assert read_article_text(tmp_path / "latin.txt") == "Café news."
    with pytest.raises(ArticleError, match="binary"):
        read_article_text(tmp_path / "bin.txt")
