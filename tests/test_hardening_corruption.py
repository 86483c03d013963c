"""Corrupted or mismatched index: every case gives one exact message with the fix, through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest

from bot.cli import main
from index.corpus import IndexedCorpus
from index.store import MANIFEST, describe_files, read_manifest, verify_checksums, write_lock

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
HINT = "  → rebuild it with `newsbot index build` (your article files are not touched)"
DAMAGED = "The index is damaged: rebuild it with `newsbot index build`."
FILES = [
    "manifest.json", "passages.jsonl", "articles.json", "fingerprints.json",
    "embeddings.npy", "sentence_embeddings.npy", "sentence_counts.npy",
    "vectors.faiss", "sentence_vectors.faiss", "terms.json", "term_vectors.npy",
    "bm25/data.csc.index.npy", "bm25/indices.csc.index.npy", "bm25/indptr.csc.index.npy",
    "bm25/newsbot.stats.json", "bm25/params.index.json", "bm25/vocab.index.json",
]  # fmt: skip
NOT_JSON = "Expecting value: line 1 column 1 (char 0)"
BM25_GARBLED = "the BM25 index cannot be read (a garbled file: `newsbot index verify` names it)"
GARBLED = {
    "manifest.json": f"the manifest is not valid JSON ({NOT_JSON})",
    "passages.jsonl": f"the passage table cannot be read ({NOT_JSON})",
    "articles.json": f"the article table cannot be read ({NOT_JSON})",
    "embeddings.npy": "the embedding matrix cannot be read (not a valid .npy array)",
    "sentence_embeddings.npy": "the sentence vectors cannot be read (not a valid .npy array)",
    "sentence_counts.npy": "the sentence counts cannot be read (not a valid .npy array)",
    "vectors.faiss": "the vector index cannot be read (not a FAISS index file)",
    "sentence_vectors.faiss": "the vector index cannot be read (not a FAISS index file)",
    "terms.json": f"the term list cannot be read ({NOT_JSON})",
    "term_vectors.npy": "the term vectors cannot be read (not a valid .npy array)",
    "bm25/newsbot.stats.json": f"the BM25 statistics cannot be read ({NOT_JSON})",
}


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """Exit code and the non-empty stderr lines of one `newsbot` run in this process; never a traceback."""
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, [line for line in captured.err.splitlines() if line.strip()]


def ask(capsys: pytest.CaptureFixture[str], index: Path) -> tuple[int, list[str]]:
    return run_cli(capsys, "ask", "How much did the bridge cost?", "--index-dir", str(index), "--articles", "/nowhere")


def garble(path: Path) -> None:
    """Same size, different bytes: passes the load-time size check."""
    size = path.stat().st_size
    path.write_bytes((b"garbled!" * (size // 8 + 1))[:size])


def edit_manifest(index: Path, change: dict[str, object], model: dict[str, object] | None = None) -> None:
    record = json.loads((index / MANIFEST).read_text())
    record.update(change)
    record["model"].update(model or {})
    (index / MANIFEST).write_text(json.dumps(record))


@pytest.mark.parametrize("name", FILES)
def test_missing_file(tiny_index: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    (tiny_index / name).unlink()
    reason = "the index has no manifest.json (a partial write?)" if name == MANIFEST else "index file is missing"
    where = tiny_index if name == MANIFEST else tiny_index / name
    assert ask(capsys, tiny_index) == (1, [f"error: {where}: {reason}", HINT])


@pytest.mark.parametrize("name", FILES)
def test_truncated_file(tiny_index: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = tiny_index / name
    size = path.stat().st_size
    path.write_bytes(b"" if name == MANIFEST else path.read_bytes()[: size // 2])
    if name == MANIFEST:
        expected = f"error: {path}: the manifest is not valid JSON ({NOT_JSON})"
    else:
        expected = (
            f"error: {path}: index file is {size // 2} bytes, the manifest says {size} (truncated or overwritten)"
        )
    assert ask(capsys, tiny_index) == (1, [expected, HINT])


@pytest.mark.parametrize("name", [n for n in FILES if n != "fingerprints.json"])
def test_garbled_file(tiny_index: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    garble(tiny_index / name)
    where = tiny_index / name if name in GARBLED else tiny_index / "bm25"
    assert ask(capsys, tiny_index) == (1, [f"error: {where}: {GARBLED.get(name, BM25_GARBLED)}", HINT])


def test_garbled_fingerprints_stop_an_add(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garble(tiny_index / "fingerprints.json")
    article = tmp_path / "new.txt"
    article.write_text("The harbour ferry will run every hour from March, the port authority said on Friday.\n")
    before = (tiny_index / MANIFEST).read_text()
    code, lines = run_cli(capsys, "add", str(article), "--outlet", "Port News", "--index-dir", str(tiny_index))
    path = tiny_index / "fingerprints.json"
    assert (code, lines) == (1, [f"error: {path}: the article fingerprints cannot be read ({NOT_JSON})", HINT])
    assert (tiny_index / MANIFEST).read_text() == before


@pytest.mark.parametrize("name", FILES[1:])
def test_verify_names_a_flipped_byte(tiny_index: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = tiny_index / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    code, lines = run_cli(capsys, "index", "verify", "--index-dir", str(tiny_index))
    assert (code, lines) == (1, [f"{path}: sha256 does not match the manifest", DAMAGED])


def test_verify_passes_an_intact_index_and_names_a_stray_file(
    tiny_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "index", "verify", "--index-dir", str(tiny_index)) == (
        0,
        [f"{tiny_index}: all checksums match and the parts agree."],
    )
    (tiny_index / "stray.bin").write_bytes(b"x")
    assert run_cli(capsys, "index", "verify", "--index-dir", str(tiny_index)) == (
        1,
        [f"{tiny_index / 'stray.bin'}: not listed in the manifest", DAMAGED],
    )


@pytest.mark.parametrize("version", [1, 3, "2"])
def test_manifest_of_another_format_version(
    tiny_index: Path, capsys: pytest.CaptureFixture[str], version: object
) -> None:
    edit_manifest(tiny_index, {"format_version": version})
    message = f"error: {tiny_index}: index format version {version!r}, this newsbot reads version 2"
    assert ask(capsys, tiny_index) == (1, [message, HINT])


def test_manifest_of_a_model_not_available_here(tiny_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_manifest(tiny_index, {}, {"name": "intfloat/e5-large-v2", "sha256": "ab" * 32})
    message = f"error: {tiny_index}: built with model 'intfloat/e5-large-v2', which is not available here"
    assert ask(capsys, tiny_index) == (1, [message, HINT])


def test_manifest_of_other_weights_under_the_same_name(tiny_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_manifest(tiny_index, {}, {"sha256": "0" * 64})
    message = (
        f"error: {tiny_index}: built with model 'all-MiniLM-L6-v2' (sha256 000000000000…), "
        "but the configured model is 'all-MiniLM-L6-v2' (sha256 53aa51172d14…)"
    )
    assert ask(capsys, tiny_index) == (1, [message, HINT])


def test_manifest_of_another_dimension(tiny_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_manifest(tiny_index, {}, {"dim": 768})
    message = f"error: {tiny_index / 'embeddings.npy'}: shape (3, 384), expected (3, 768) from the passage table"
    assert ask(capsys, tiny_index) == (1, [message, HINT])


def test_passage_count_disagrees_with_the_manifest(tiny_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_manifest(tiny_index, {"passage_count": 4})
    message = f"error: {tiny_index / 'passages.jsonl'}: 3 passages, the manifest says 4"
    assert ask(capsys, tiny_index) == (1, [message, HINT])


@pytest.mark.parametrize(("name", "source"), [("vectors.faiss", "embeddings.npy"), ("sentence_vectors.faiss", "")])
def test_faiss_count_disagrees_with_the_passage_table(
    tiny_index: Path, capsys: pytest.CaptureFixture[str], name: str, source: str
) -> None:
    """A consistent-looking index (checksums rewritten) whose FAISS file holds one vector too few."""
    vectors = np.load(tiny_index / (source or "sentence_embeddings.npy"))
    short = faiss.IndexFlatIP(vectors.shape[1])
    short.add(np.ascontiguousarray(vectors[:-1]))
    faiss.write_index(short, str(tiny_index / name))
    edit_manifest(tiny_index, {"files": describe_files(tiny_index)})
    rows = len(vectors)
    what = "passages" if name == "vectors.faiss" else "sentences"
    message = (
        f"error: {tiny_index / name}: holds {rows - 1} vectors of dimension 384, "
        f"but the index has {rows} {what} of dimension 384"
    )
    assert ask(capsys, tiny_index) == (1, [message, HINT])
    assert run_cli(capsys, "index", "verify", "--index-dir", str(tiny_index)) == (1, [message, HINT])


def test_staging_folder_left_by_a_crashed_update_is_ignored_then_cleaned(
    tiny_index: Path, tiny_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staging = tiny_index.with_name(f"{tiny_index.name}.tmp-99999")
    shutil.copytree(tiny_index, staging)
    (staging / "passages.jsonl").write_text('{"half a line')
    code, lines = ask(capsys, tiny_index)
    assert code == 0 and lines == []
    assert run_cli(capsys, "index", "build", "--index-dir", str(tiny_index), "--articles", str(tiny_articles))[0] == 0
    assert not staging.exists() and verify_checksums(tiny_index, read_manifest(tiny_index)) == []


def test_crash_between_the_two_renames_puts_the_previous_index_back(
    tiny_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tiny_index.with_name(f"{tiny_index.name}.old-99999")
    os.replace(tiny_index, backup)
    tiny_index.mkdir()  # the new index had not arrived yet: an empty folder at the target
    code, lines = ask(capsys, tiny_index)
    assert code == 0 and lines == []
    assert not backup.exists() and verify_checksums(tiny_index, read_manifest(tiny_index)) == []


def test_partial_index_without_a_backup(tiny_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny_index / MANIFEST).unlink()
    (tiny_index / "vectors.faiss").unlink()
    assert ask(capsys, tiny_index) == (
        1,
        [f"error: {tiny_index}: the index has no manifest.json (a partial write?)", HINT],
    )


def _add_command(index: Path, articles: Path, article: Path) -> list[str]:
    newsbot = [sys.executable, "-m", "bot.cli", "add", str(article), "--outlet", "Port News"]
    return [*newsbot, "--index-dir", str(index), "--articles", str(articles)]


def _article(folder: Path, name: str, sentence: str) -> Path:
    path = folder / name
    path.write_text(f"{sentence} The port authority announced it on Friday after a long public consultation.\n")
    return path


def test_an_add_waits_for_the_lock_holder(tiny_index: Path, tiny_articles: Path, tmp_path: Path) -> None:
    article = _article(tmp_path, "ferry.txt", "The harbour ferry will run every hour from March.")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with write_lock(tiny_index):
        process = subprocess.Popen(
            _add_command(tiny_index, tiny_articles, article), cwd=REPO, env=env, stderr=subprocess.PIPE, text=True
        )
        assert process.stderr is not None
        waiting = process.stderr.readline()
        assert "another newsbot process is updating this index; waiting for it to finish" in waiting
        assert process.poll() is None
    _, rest = process.communicate(timeout=120)
    assert process.returncode == 0, rest
    assert "ferry" in {r.article_id.split("-")[0] for r in IndexedCorpus.open(tiny_index).articles.values()}


def test_concurrent_adds_are_serialised_not_corrupted(tiny_index: Path, tiny_articles: Path, tmp_path: Path) -> None:
    articles = [
        _article(tmp_path, "ferry.txt", "The harbour ferry will run every hour from March."),
        _article(tmp_path, "tram.txt", "A new tram line will link the station to the university campus."),
    ]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    processes = [
        subprocess.Popen(
            _add_command(tiny_index, tiny_articles, a), cwd=REPO, env=env, stderr=subprocess.PIPE, text=True
        )
        for a in articles
    ]
    errors = [p.communicate(timeout=180)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], errors
    corpus = IndexedCorpus.open(tiny_index)
    assert {r.article_id.split("-")[0] for r in corpus.articles.values()} == {"alpha", "beta", "gamma", "ferry", "tram"}
    assert verify_checksums(tiny_index, corpus.manifest) == []
