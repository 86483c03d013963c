"""The `newsbot` entry point: ask (text, JSON, batch) and index commands, errors without tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import REPO


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_ask_json_names_outlets(seed_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "Which countries will send troops?", "--json", "--index-dir", str(seed_index))
    assert code == 0
    answer = json.loads(out)
    assert answer["question"] == "Which countries will send troops?"
    assert answer["answered"] is True
    assert len(answer["passages"]) == 3
    for passage in answer["passages"]:
        assert set(passage) >= {"rank", "text", "outlet", "article", "headline", "date", "score", "highlight"}
        assert passage["outlet"] and passage["highlight"] in passage["text"]


@pytest.mark.slow
def test_ask_terminal_and_k(seed_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "What", "did", "Kushner", "say?", "-k", "2", "--index-dir", str(seed_index))
    assert code == 0
    assert "Kushner" in out and "— " in out and "2" in out


@pytest.mark.slow
def test_ask_builds_missing_index_and_says_so(tiny_articles: Path, tmp_path: Path, capsys) -> None:
    index_dir = tmp_path / "fresh"
    code, out, err = run(
        capsys, "ask", "bridge cost", "--json", "--index-dir", str(index_dir), "--articles", str(tiny_articles)
    )
    assert code == 0 and "building it over" in err
    assert json.loads(out)["passages"][0]["outlet"] == "Harbour Herald"


@pytest.mark.slow
def test_batch_loads_once_and_keeps_ids(seed_index: Path, tmp_path: Path, capsys) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "question": "Who hosted the summit?"},
        {"id": "b", "question": "and what about Greenland?", "context": ["Who hosted the summit?"]},
        {"query": "and what about Greenland?", "history": "Who hosted the summit?"},  # a set written elsewhere
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    code, out, _ = run(capsys, "ask", "--batch", str(batch), "--json", "--index-dir", str(seed_index))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "3"]
    assert all(r["passages"] for r in records)
    assert records[2]["passages"] == records[1]["passages"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json}\n", "line 1: not valid JSON"),
        ('{"id": "q1"}\n', 'line 1: needs a "question"'),
        ('{"id": "q1", "question": "  "}\n', 'line 1: needs a "question"'),
        ("[1]\n", "line 1: expected a JSON object"),
        ('{"id": 1, "question": "q", "context": 5}\n', '"context" must be a list'),
    ],
)
def test_bad_batch_lines(seed_index: Path, tmp_path: Path, capsys, content: str, message: str) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text(content)
    code, _, err = run(capsys, "ask", "--batch", str(batch), "--index-dir", str(seed_index))
    assert code == 1 and message in err and "Traceback" not in err


def test_a_batch_with_bad_lines_answers_nothing_and_names_them_all(seed_index: Path, tmp_path: Path, capsys) -> None:
    batch = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "question": "Who hosted the summit?"})
    batch.write_text("\n".join([good, '{"id": "b"}', good, "{oops", good]) + "\n")
    code, out, err = run(capsys, "ask", "--batch", str(batch), "--index-dir", str(seed_index))
    assert code == 1 and out == "" and "Traceback" not in err
    assert "2 lines cannot be read; nothing was answered" in err
    assert 'line 2: needs a "question"' in err and "line 4: not valid JSON" in err
    batch.write_text("{oops\n" * 12)
    code, _, err = run(capsys, "ask", "--batch", str(batch), "--index-dir", str(seed_index))
    assert "12 lines cannot be read" in err and "line 10:" in err and "line 11:" not in err
    assert "… and 2 more" in err


@pytest.mark.slow
def test_batch_context_may_be_chat_turns(seed_index: Path, tmp_path: Path, capsys) -> None:
    """{"role": "user", "content": …} turns are earlier questions; the other roles' turns are left out."""
    batch = tmp_path / "turns.jsonl"
    question = "what did he say about russia?"
    turns = [{"role": "user", "content": "who is the nato chief?"}, {"role": "assistant", "content": "Mark Rutte"}]
    lines = [
        {"id": "turns", "question": question, "context": turns},
        {"id": "strings", "question": question, "context": ["who is the nato chief?"]},
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    code, out, _ = run(capsys, "ask", "--batch", str(batch), "--json", "--index-dir", str(seed_index))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records[0]["passages"] == records[1]["passages"]
    assert "Rutte" in records[0]["passages"][0]["text"]


def test_undecodable_batch_file_and_config_are_named(seed_index: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    batch = tmp_path / "latin1.jsonl"
    batch.write_bytes('{"question": "qui a accueilli le sommet à Paris ?"}\n'.encode("latin-1"))
    code, _, err = run(capsys, "ask", "--batch", str(batch), "--index-dir", str(seed_index))
    assert code == 1 and "latin1.jsonl: not UTF-8 text" in err and "Traceback" not in err
    config = tmp_path / "newsbot.toml"
    config.write_bytes(b"k = 3 # \xff\n")
    monkeypatch.setenv("NEWSBOT_CONFIG", str(config))
    code, _, err = run(capsys, "ask", "who hosted the summit?", "--index-dir", str(seed_index))
    assert code == 2 and "newsbot.toml: not UTF-8 text" in err and "save the config file as UTF-8" in err


def test_user_errors_have_no_traceback(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "ask", "--batch", str(tmp_path / "missing.jsonl"), "--index-dir", str(tmp_path))
    assert code == 1 and "missing.jsonl not found" in err
    code, _, err = run(capsys, "index", "verify", "--index-dir", str(tmp_path / "none"))
    assert code == 1 and "no index at" in err and "newsbot index build" in err


def test_a_file_is_never_taken_for_the_index(tmp_path: Path, capsys) -> None:
    precious = tmp_path / "notes.txt"
    precious.write_text("mine")
    for argv in (["ask", "who?"], ["index", "build"], ["sources"]):
        code, _, err = run(capsys, *argv, "--index-dir", str(precious))
        assert code == 1 and "is a file, not an index folder" in err and "Traceback" not in err, argv
    assert precious.read_text() == "mine" and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.slow
def test_question_without_words(seed_index: Path, capsys) -> None:
    code, _, err = run(capsys, "ask", "?!", "--index-dir", str(seed_index))
    assert code == 1 and "has no words to search for" in err


@pytest.mark.slow
def test_index_build_and_verify(tiny_articles: Path, tmp_path: Path, capsys) -> None:
    index_dir = tmp_path / "idx"
    code, _, err = run(capsys, "index", "build", "--articles", str(tiny_articles), "--index-dir", str(index_dir))
    assert code == 0 and "Indexed 3 articles" in err
    code, _, err = run(capsys, "index", "verify", "--index-dir", str(index_dir))
    assert code == 0 and "all checksums match" in err
    (index_dir / "passages.jsonl").write_text("changed\n")
    code, _, err = run(capsys, "index", "verify", "--index-dir", str(index_dir))
    assert code == 1 and "sha256 does not match" in err and "newsbot index build" in err


def test_bad_setting_is_named(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALPHA", "2")
    code, _, err = run(capsys, "ask", "x", "--index-dir", str(tmp_path))
    assert code == 2 and "alpha = 2.0" in err and "between 0 and 1" in err


def test_console_script_help_is_fast_and_light() -> None:
    script = shutil.which("newsbot", path=str(Path(sys.executable).parent))
    assert script, "the newsbot console script is installed"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert "index" in done.stdout and "ask" in done.stdout and "chat" in done.stdout
    assert "torch" not in done.stderr and "sentence_transformers" not in done.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and capsys.readouterr().out.strip() == f"newsbot {version('newsbot')}"


@pytest.mark.slow
def test_an_index_an_older_newsbot_built_is_named_until_rebuilt(
    tiny_index: Path, tiny_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest_path = tiny_index / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["recipe"]
    manifest_path.write_text(json.dumps(manifest))
    where = ("--index-dir", str(tiny_index), "--articles", str(tiny_articles))
    code, out, err = run(capsys, "ask", "how much did the bridge cost?", *where)
    assert code == 0 and "40 million euros" in out  # it still answers
    assert "was built by an older newsbot; `newsbot index build` rebuilds it" in " ".join(err.split())
    assert run(capsys, "index", "build", *where)[0] == 0
    code, _, err = run(capsys, "ask", "how much did the bridge cost?", *where)
    assert code == 0 and "older newsbot" not in err
