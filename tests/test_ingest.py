"""`newsbot add` / `remove`: reading files, folders, JSONL and pages with their metadata; the library; the CLI."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from bot.cli import main
from index.articles import load_articles
from index.build import library_dir
from index.errors import ArticleError
from index.ingest import Incoming, Metadata, headline_line, read_incoming, unknown_outlet_warning
from index.library import Library
from tests.test_extract import PAGE

STORY = (
    "The river ferry between Lakeside and Granton will stop running in April, the transport authority said on "
    "Friday. About nine hundred people use the ferry every day.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_flags_give_metadata_and_a_content_based_name(tmp_path: Path) -> None:
    story = write(tmp_path / "ferry.txt", STORY)
    flags = Metadata(outlet="Coastal Times", headline="Ferry to stop", date="2026-03-02", url="https://c.example/f")
    [item] = read_incoming([story], flags)
    article = item.to_article()
    assert (article.outlet, article.outlet_confidence, article.date) == ("Coastal Times", "stated", "2026-03-02")
    assert article.file_name.startswith("ferry-to-stop-") and article.file_name.endswith(".txt")
    assert article.raw_text == STORY and not item.outlet_missing


def test_sidecar_then_flags(tmp_path: Path) -> None:
    story = write(tmp_path / "ferry.md", STORY)
    write(tmp_path / "ferry.toml", 'outlet = "Lakeside Echo"\nheadline = "Ferry ends"\ndate = "2026-03-01"\n')
    [item] = read_incoming([story], Metadata(headline="Flag headline"))
    article = item.to_article()
    assert (article.outlet, article.headline, article.date) == ("Lakeside Echo", "Flag headline", "2026-03-01")
    assert article.file_name.endswith(".md")


def test_folder_with_articles_toml_and_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write(folder / "a.txt", STORY)
    write(folder / "b.txt", STORY.replace("April", "May"))
    write(folder / "articles.toml", '["a.txt"]\noutlet = "Coastal Times"\nheadline = "A"\n')
    write(folder / "more.jsonl", json.dumps({"text": "Second ferry story. " * 5, "outlet": "Money Daily"}) + "\n")
    items = read_incoming([folder], Metadata())
    assert [i.metadata.outlet for i in items] == ["Coastal Times", None, "Money Daily"]
    assert items[2].source.endswith("more.jsonl, line 1")


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (f"Ferry to stop in April\n\n{STORY}", "Ferry to stop in April"),
        (f"# Ferry to stop in April\n\n{STORY}", "Ferry to stop in April"),  # a Markdown heading
        (f"\ufeffWill the ferry stop?\n\n\n{STORY}", "Will the ferry stop?"),
        (STORY, None),  # the first line is a sentence of the story
        (f"By Ann Writer\n\n{STORY}", None),  # a byline
        (f"Ferry to stop\nin April\n\n{STORY}", None),  # runs on into the next line
        ("Ferry to stop in April\n", None),  # nothing after it
    ],
)
def test_a_text_file_s_first_line_as_headline(text: str, headline: str | None) -> None:
    assert headline_line(text) == headline


def test_the_first_line_is_the_headline_unless_one_is_given(tmp_path: Path) -> None:
    story = write(tmp_path / "ferry.txt", f"Ferry to stop in April\n\n{STORY}")
    [item] = read_incoming([story], Metadata(outlet="Coastal Times"))
    assert item.to_article().headline == "Ferry to stop in April"
    assert item.to_article().file_name.startswith("ferry-to-stop-in-april-")
    [flagged] = read_incoming([story], Metadata(outlet="Coastal Times", headline="Granton ferry ends"))
    assert flagged.to_article().headline == "Granton ferry ends"


def test_html_metadata_from_the_page_under_flags(tmp_path: Path) -> None:
    page = write(tmp_path / "bridge.html", PAGE)
    [item] = read_incoming([page], Metadata(outlet="Flag Outlet"))
    article = item.to_article()
    assert article.outlet == "Flag Outlet" and article.headline == "Harbour City opens its new bridge"
    assert article.date == "2026-02-01" and article.url == "https://herald.example/bridge"
    assert "cost 40 million euros" in article.raw_text and article.file_name.endswith(".txt")


def test_missing_outlet_is_unknown_with_a_warning(tmp_path: Path) -> None:
    [item] = read_incoming([write(tmp_path / "x.txt", STORY)], Metadata())
    assert item.outlet_missing
    assert item.to_article().outlet_confidence == "unknown"
    assert "cited as “unknown outlet”" in unknown_outlet_warning(item) and "--outlet" in unknown_outlet_warning(item)


@pytest.mark.parametrize(
    ("name", "content", "flags", "message"),
    [
        ("x.txt", STORY, Metadata(date="6 Jan 2026"), "date '6 Jan 2026' is not an ISO date"),
        ("x.txt", STORY, Metadata(outlet_confidence="sure"), "outlet_confidence is 'sure'"),
        ("x.txt", "  \n", Metadata(), "the article has no text"),
        ("x.pdf", "%PDF", Metadata(), "cannot add a .pdf file"),
        ("x.jsonl", '{"outlet": "A"}\n', Metadata(), 'line 1: needs a "text" field'),
        ("x.jsonl", '{"text": "t", "title": 5}\n', Metadata(), "line 1: field 'title' must be a string, got 5"),
        ("x.jsonl", '{"content": ["t"]}\n', Metadata(), "line 1: field 'content' must be a string"),
        ("x.jsonl", "{oops\n", Metadata(), "line 1: not valid JSON"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(
    tmp_path: Path, name: str, content: str, flags: Metadata, message: str
) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(ArticleError) as caught:
        read_incoming([path], flags)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file or folder"):
        read_incoming([tmp_path / "nope.txt"], Metadata())


def test_library_round_trip_keeps_awkward_metadata(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    meta = Metadata(outlet='The "Quoted" Times', headline="Ünïcode — and \\ backslash", date="2026-01-06")
    first = Incoming("a", STORY, meta).to_article()
    second = Incoming("b", STORY + "More.\n", Metadata(outlet="B")).to_article()
    library.add([first, second])
    entries = tomllib.loads((tmp_path / "lib" / "articles.toml").read_text(encoding="utf-8"))
    assert entries[first.file_name]["outlet"] == 'The "Quoted" Times'
    assert entries[first.file_name]["headline"] == "Ünïcode — and \\ backslash"
    assert [a.article_id for a in load_articles(tmp_path / "lib")] == sorted([first.article_id, second.article_id])
    library.remove(first.file_name)
    assert list(library.entries()) == [second.file_name] and not (tmp_path / "lib" / first.file_name).exists()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_cli_add_remove_and_survive_rebuild(tiny_articles: Path, tmp_path: Path, capsys) -> None:
    index = str(tmp_path / "index")
    common = ("--index-dir", index, "--articles", str(tiny_articles))
    page = write(tmp_path / "in" / "bridge2.html", PAGE.replace("Harbour City", "Port Alden"))
    code, out, err = run(capsys, "add", str(page), *common)
    assert code == 0 and "Added 1 article as" in err
    added = out.strip()
    assert added.startswith("port-alden-opens-its-new-bridge-")
    code, out, err = run(capsys, "add", str(page), *common)
    assert code == 0 and f"same text as indexed article {added}" in err and "Nothing added to" in err
    code, _, err = run(capsys, "index", "build", *common)
    assert code == 0 and "Indexed 4 articles" in err  # the library is indexed with the articles folder
    code, out, _ = run(capsys, "ask", "bridge in Port Alden", "--json", *common)
    assert json.loads(out)["passages"][0]["article"] == added
    code, _, err = run(capsys, "remove", "alpha", *common)
    assert code == 1 and "comes from your articles folder" in err and "Traceback" not in err
    code, _, err = run(capsys, "remove", added, *common)
    assert code == 0 and f"Removed {added}" in err
    assert not list(library_dir(Path(index)).glob("port-alden*"))
    code, _, err = run(capsys, "remove", added, *common)
    assert code == 1 and f"no article {added!r} in the index" in err
    code, _, err = run(capsys, "remove", " ", *common)
    assert code == 1 and "no article given" in err


@pytest.mark.slow
def test_cli_add_warns_about_unknown_outlet(tiny_articles: Path, tmp_path: Path, capsys) -> None:
    story = write(tmp_path / "ferry.txt", STORY)
    code, _, err = run(capsys, "add", str(story), "--index-dir", str(tmp_path / "i"), "--articles", str(tiny_articles))
    assert code == 0 and "warning:" in err and "unknown outlet" in err
