"""The index directory: deterministic builds, manifest checks, corruption caught with the rebuild hint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.build import IndexSettings, build_index
from index.corpus import IndexedCorpus
from index.embed import Encoder
from index.errors import IndexCorruptError, IndexLocationError, IndexMismatchError, IndexMissingError, ModelError
from index.search import Searcher, SearchOptions, check_model
from index.store import INDEX_ENTRIES, MANIFEST, RECIPE, read_manifest, recover, verify_checksums
from tests.conftest import REPO

pytestmark = pytest.mark.slow
HINT = "rebuild it with `newsbot index build`"


def test_build_is_deterministic(tiny_articles: Path, tiny_index_master: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_index(tiny_articles, again, IndexSettings())
    first = (tiny_index_master / "passages.jsonl").read_text()
    assert (again / "passages.jsonl").read_text() == first
    ids = [json.loads(line)["passage_id"] for line in first.splitlines()]
    assert ids == sorted(ids) and ids[0] == "alpha:000"
    np.testing.assert_allclose(np.load(again / "embeddings.npy"), np.load(tiny_index_master / "embeddings.npy"))


def test_manifest_records_how_it_was_built(tiny_index: Path) -> None:
    manifest = json.loads((tiny_index / MANIFEST).read_text())
    assert manifest["format_version"] == 2
    assert manifest["model"]["sha256"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    assert manifest["model"]["dim"] == 384
    assert manifest["chunking"] == {"min_words": 40, "max_words": 120}
    assert set(manifest["articles"]) == {"alpha.txt", "beta.txt", "gamma.txt"}
    assert "vectors.faiss" in manifest["files"] and "created_at" in manifest
    assert verify_checksums(tiny_index, read_manifest(tiny_index)) == []


def test_search_modes_find_the_bridge(tiny_index: Path) -> None:
    searcher = Searcher(IndexedCorpus.open(tiny_index))
    for mode in ("bm25", "dense", "hybrid"):
        hits = searcher.search("How much did the bridge cost?", 2, SearchOptions(mode=mode))
        assert hits[0].passage.article_id == "alpha", mode
    convex = searcher.search("interest rate rise", 1, SearchOptions(fusion="convex", alpha=0.3))
    assert convex[0].passage.outlet == "Money Daily"


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="newsbot index build"):
        IndexedCorpus.open(tmp_path / "none")


def test_an_index_built_by_an_older_newsbot_loads_and_says_so(tiny_index: Path) -> None:
    assert json.loads((tiny_index / MANIFEST).read_text())["recipe"] == RECIPE
    assert not read_manifest(tiny_index).older_recipe
    manifest = json.loads((tiny_index / MANIFEST).read_text())
    del manifest["recipe"]  # as every newsbot before the recipe wrote it
    (tiny_index / MANIFEST).write_text(json.dumps(manifest))
    assert read_manifest(tiny_index).recipe == 0 and read_manifest(tiny_index).older_recipe
    assert IndexedCorpus.open(tiny_index).manifest.older_recipe


def test_format_version_mismatch(tiny_index: Path) -> None:
    manifest = json.loads((tiny_index / MANIFEST).read_text())
    manifest["format_version"] = 99
    (tiny_index / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError) as caught:
        IndexedCorpus.open(tiny_index)
    assert str(caught.value) == (
        f"{tiny_index}: index format version 99, this newsbot reads version 2\n"
        f"  → {HINT} (your article files are not touched)"
    )


def test_truncated_vector_file(tiny_index: Path) -> None:
    vectors = tiny_index / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:100])
    with pytest.raises(IndexCorruptError) as caught:
        IndexedCorpus.open(tiny_index)
    assert "vectors.faiss: index file is 100 bytes" in str(caught.value)
    assert "(truncated or overwritten)" in str(caught.value) and HINT in str(caught.value)


def test_garbled_manifest_and_missing_file(tiny_index: Path) -> None:
    (tiny_index / "embeddings.npy").unlink()
    with pytest.raises(IndexCorruptError, match=r"embeddings\.npy: index file is missing"):
        IndexedCorpus.open(tiny_index)
    (tiny_index / MANIFEST).write_text("{not json")
    with pytest.raises(IndexCorruptError, match="the manifest is not valid JSON"):
        IndexedCorpus.open(tiny_index)


def test_verify_detects_a_flipped_byte(tiny_index: Path) -> None:
    path = tiny_index / "passages.jsonl"
    data = bytearray(path.read_bytes())
    data[10] = ord("X") if data[10] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    assert verify_checksums(tiny_index, read_manifest(tiny_index)) == [f"{path}: sha256 does not match the manifest"]


def test_model_mismatch(tiny_index: Path) -> None:
    manifest = json.loads((tiny_index / MANIFEST).read_text())
    manifest["model"]["sha256"] = "0" * 64
    manifest["model"]["name"] = "other-model"
    (tiny_index / MANIFEST).write_text(json.dumps(manifest))
    corpus = IndexedCorpus.open(tiny_index)
    with pytest.raises(IndexMismatchError, match="built with model 'other-model'"):
        check_model(corpus, Encoder())


def test_crash_between_renames_recovers_previous_index(tiny_index: Path) -> None:
    backup = tiny_index.with_name(tiny_index.name + ".old-123")
    shutil.move(tiny_index, backup)
    recover(tiny_index)
    assert (tiny_index / MANIFEST).is_file() and not backup.exists()


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="embedding model 'no-such-model' not found"):
        Encoder("no-such-model")


def test_a_built_index_holds_only_index_entries(tiny_index_master: Path) -> None:
    assert {entry.name for entry in tiny_index_master.iterdir()} <= INDEX_ENTRIES


def _beside(location: Path) -> set[str]:
    return {entry.name for entry in location.parent.iterdir()}


def test_build_never_replaces_a_file(tiny_articles: Path, tmp_path: Path) -> None:
    precious = tmp_path / "passwords.txt"
    precious.write_text("do not lose me")
    before = _beside(precious)
    with pytest.raises(IndexLocationError, match=r"passwords\.txt is a file, not an index folder"):
        build_index(tiny_articles, precious, IndexSettings())
    with pytest.raises(IndexLocationError, match="new or empty folder"):
        IndexedCorpus.open(precious)
    assert precious.read_text() == "do not lose me"
    assert _beside(precious) == before  # no lock, backup or cache left beside it


def test_build_never_replaces_a_folder_of_other_files(tiny_articles: Path, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "notes.txt").write_text("mine")
    (documents / "terms.json").write_text("[]")  # an index file name does not make it an index
    with pytest.raises(IndexLocationError, match=r"it holds notes\.txt, which newsbot did not write"):
        build_index(tiny_articles, documents, IndexSettings())
    assert sorted(p.name for p in documents.iterdir()) == ["notes.txt", "terms.json"]


def test_an_empty_folder_or_an_index_without_manifest_is_rebuilt(tiny_articles: Path, tiny_index: Path) -> None:
    empty = tiny_index.with_name("empty")
    empty.mkdir()
    build_index(tiny_articles, empty, IndexSettings())
    (tiny_index / MANIFEST).unlink()
    with pytest.raises(IndexCorruptError, match=r"has no manifest\.json"):
        IndexedCorpus.open(tiny_index)
    build_index(tiny_articles, tiny_index, IndexSettings())
    assert IndexedCorpus.open(tiny_index).passages == IndexedCorpus.open(empty).passages


@pytest.mark.parametrize(
    ("neighbour", "message"),
    [
        ("index-cache", r"index-cache is a file, where newsbot keeps its embedding cache"),
        ("index-library", r"index-library is a file, where newsbot keeps added articles"),
        ("index.lock", r"index\.lock is a folder, where newsbot keeps the index's lock file"),
    ],
)
def test_a_neighbour_of_the_wrong_kind_is_named(
    tiny_articles: Path, tmp_path: Path, neighbour: str, message: str
) -> None:
    if neighbour.endswith(".lock"):
        (tmp_path / neighbour).mkdir()
    else:
        (tmp_path / neighbour).write_text("mine")
    with pytest.raises(IndexLocationError, match=message):
        build_index(tiny_articles, tmp_path / "index", IndexSettings())
    assert not (tmp_path / "index").exists()


@pytest.mark.slow
def test_builds_in_two_processes_write_the_same_files(tiny_articles: Path, tmp_path: Path) -> None:
    """Byte-identical index files whatever the process's string hashing (bm25s numbers terms in set order)."""
    script = (
        "import sys; from index.build import IndexSettings, build_index; "
        "build_index(sys.argv[1], sys.argv[2], IndexSettings())"
    )
    files = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
        folder = tmp_path / f"index-{seed}"
        subprocess.run([sys.executable, "-c", script, str(tiny_articles), str(folder)], check=True, env=env, cwd=REPO)
        files.append({name: info["sha256"] for name, info in read_manifest(folder).files.items()})
    assert files[0] == files[1]
