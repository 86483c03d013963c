"""Bad article files through `newsbot add` and `newsbot index build`: a message per file, the rest still indexed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.cli import main
from index.articles import read_article_text
from index.corpus import IndexedCorpus
from index.store import MANIFEST, read_manifest, verify_checksums

STORY = (
    "The city council approved a new cycling lane along the river on Thursday, the mayor said. "
    "Work will start in May and cost two million euros. Residents welcomed the plan at a public meeting.\n"
)
LATIN1 = "Café owners in Orléans said the façade works would end in June. "
UTF16 = "Über the weekend, Zürich voters backed the tram plan. "
NAV_PAGE = (
    "<html><head><title>Front page</title></head><body><nav><a href='/a'>World</a> "
    "<a href='/b'>Sport</a></nav><p>Accept cookies</p></body></html>"
)
BINARY_HINT = "  → give a .txt or .md file"
EMPTY_HINT = "  → give a file with the article's text"
HUGE_HINT = "  → split it into one file per article, or check that it is the right file"
NAV_HINT = "  → save the article page itself (not a front page or list of links), or paste its text into a .txt file"


def write_bad_batch(folder: Path) -> dict[str, Path]:
    """Good, re-encoded and bad article files, by kind."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {kind: folder / f"{kind}.{'html' if kind == 'nav' else 'txt'}" for kind in
             ("binary", "control", "empty", "huge", "latin1", "nav", "story", "utf16")}  # fmt: skip
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    files["control"].write_bytes(bytes(range(1, 9)) * 400)  # binary without a NUL byte
    files["empty"].write_bytes(b"")
    with files["huge"].open("w", encoding="utf-8") as handle:  # 50 MB of real text
        for _ in range(50 * 2**20 // len(STORY) + 1):
            handle.write(STORY)
    files["latin1"].write_bytes((LATIN1 + STORY).encode("latin-1"))
    files["nav"].write_text(NAV_PAGE, encoding="utf-8")
    files["story"].write_text(STORY, encoding="utf-8")
    files["utf16"].write_bytes((UTF16 + STORY).encode("utf-16"))  # with a byte-order mark
    return files


def expected_skips(files: dict[str, Path]) -> list[str]:
    """The two lines each bad file of the batch gets, in batch order."""
    huge_mb = files["huge"].stat().st_size / 2**20
    skips = {
        "binary": ("looks like a binary file, not article text", BINARY_HINT),
        "control": ("looks like a binary file, not article text", BINARY_HINT),
        "empty": ("the article has no text", EMPTY_HINT),
        "huge": (f"{huge_mb:.1f} MB is too big for one article (at most 5 MB)", HUGE_HINT),
        "nav": ("no article text found in this HTML page (4 words of text)", NAV_HINT),
    }
    return [
        line for kind, (why, hint) in skips.items() if kind in files for line in (f"skipped {files[kind]}: {why}", hint)
    ]


def stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return [line for line in captured.err.splitlines() if line.strip()]


def test_read_article_text_decodes_latin1_and_utf16_with_bom(tmp_path: Path) -> None:
    files = write_bad_batch(tmp_path)
    assert read_article_text(files["latin1"]) == LATIN1 + STORY
    assert read_article_text(files["utf16"]) == UTF16 + STORY


@pytest.mark.slow
def test_add_skips_bad_files_and_adds_the_rest(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_bad_batch(tmp_path / "batch")
    argv = ["add", *map(str, files.values()), "--outlet", "Test Outlet", "--index-dir", str(tiny_index)]
    code = main([*argv, "--articles", str(tiny_articles)])
    lines = stderr_lines(capsys)
    assert code == 1
    assert lines[:10] == expected_skips(files)
    assert lines[10].startswith("Added 3 articles as 3 passages to ")
    corpus = IndexedCorpus.open(tiny_index)
    texts = {r.article_id.split("-")[0]: r.text for r in corpus.articles.values()}
    assert set(texts) == {"alpha", "beta", "gamma", "latin1", "story", "utf16"}
    assert LATIN1.strip() in texts["latin1"] and UTF16.strip() in texts["utf16"]
    assert verify_checksums(tiny_index, corpus.manifest) == []


@pytest.mark.slow
def test_add_of_only_bad_files_changes_nothing(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_bad_batch(tmp_path / "batch")
    bad = [files[kind] for kind in ("binary", "control", "empty", "huge", "nav")]
    before = (tiny_index / MANIFEST).read_text()
    code = main(["add", *map(str, bad), "--index-dir", str(tiny_index), "--articles", str(tiny_articles)])
    lines = stderr_lines(capsys)
    assert code == 1
    assert lines == [
        *expected_skips(files),
        "error: nothing to add: 5 skipped (see above)",
        "  → fix them and run the command again",
    ]
    assert (tiny_index / MANIFEST).read_text() == before


@pytest.mark.slow
def test_add_of_an_article_without_running_text_keeps_it_out(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headline = tmp_path / "headline.txt"
    headline.write_text("Hello.\n")
    before = (tiny_index / MANIFEST).read_text()
    argv = ["add", str(headline), "--outlet", "X", "--index-dir", str(tiny_index)]
    code = main([*argv, "--articles", str(tiny_articles)])
    lines = stderr_lines(capsys)
    assert code == 1
    assert lines == [
        f"skipped {headline}: no text to index once cleaned (only a headline or boilerplate)",
        "  → give its full text",
        f"Nothing added to {tiny_index}.",
    ]
    assert (tiny_index / MANIFEST).read_text() == before
    library = tiny_index.with_name(f"{tiny_index.name}-library")
    assert not any(p.name.startswith("headline") for p in library.glob("*"))  # not kept either


@pytest.mark.slow
def test_jsonl_with_broken_lines_adds_the_good_ones(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"text": STORY, "outlet": "Feed Outlet", "headline": "Cycling lane"}).encode()
    feed.write_bytes(b"\n".join([b"{not json", "caf\xe9".encode("latin-1"), good, b'{"text": 3}']) + b"\n")
    code = main(["add", str(feed), "--index-dir", str(tiny_index), "--articles", str(tiny_articles)])
    lines = stderr_lines(capsys)
    assert code == 1
    assert lines[:6] == [
        f"skipped {feed}, line 1: not valid JSON (Expecting property name enclosed in double quotes)",
        "  → write one JSON object per line",
        f"skipped {feed}, line 2: not UTF-8 text",
        "  → save the JSONL file as UTF-8",
        f"skipped {feed}, line 4: field 'text' must be a string, got 3",
        "  → write it in quotes, as text",
    ]
    assert len(IndexedCorpus.open(tiny_index).articles) == 4


@pytest.mark.slow
def test_build_skips_bad_files_and_indexes_the_rest(
    tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_bad_batch(tiny_articles)
    files.pop("nav").unlink()  # the articles folder holds .txt and .md only
    with (tiny_articles / "articles.toml").open("a", encoding="utf-8") as metadata:
        for path in files.values():
            metadata.write(f'\n["{path.name}"]\noutlet = "Test Outlet"\n')
    index = tmp_path / "index"
    code = main(["index", "build", "--index-dir", str(index), "--articles", str(tiny_articles)])
    lines = stderr_lines(capsys)
    assert code == 0
    assert lines[:8] == expected_skips(files)
    assert lines[8] == f"Indexed 6 articles as 6 passages (all-MiniLM-L6-v2, flat vectors) in {index}"
    manifest = read_manifest(index)
    assert sorted(manifest.articles) == ["alpha.txt", "beta.txt", "gamma.txt", "latin1.txt", "story.txt", "utf16.txt"]


@pytest.mark.slow
def test_build_with_no_readable_article_keeps_the_old_index(
    tiny_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "only.txt").write_bytes(os.urandom(64) + b"\x00")
    (folder / "articles.toml").write_text('["only.txt"]\noutlet = "Test Outlet"\n', encoding="utf-8")
    before = (tiny_index / MANIFEST).read_text()
    code = main(["index", "build", "--index-dir", str(tiny_index), "--articles", str(folder)])
    assert code == 1
    assert stderr_lines(capsys) == [
        f"skipped {folder / 'only.txt'}: looks like a binary file, not article text",
        BINARY_HINT,
        f"error: {folder}: none of the article files can be read",
        "  → fix or replace the files named above",
    ]
    assert (tiny_index / MANIFEST).read_text() == before
