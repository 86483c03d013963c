"""Incremental updates: the delta part, removal, cache reuse, a waiting second writer, a writer killed mid-update."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from index.articles import Article
from index.build import IndexSettings, build_index, library_dir
from index.chunk import ChunkParams
from index.corpus import IndexedCorpus
from index.embed import Encoder
from index.ingest import Incoming, Metadata
from index.search import Searcher, SearchOptions
from index.store import MANIFEST, read_manifest, verify_checksums, write_lock
from index.update import add_articles, remove_article
from tests.conftest import REPO

FERRY = (
    "The river ferry between Lakeside and Granton will stop running in April, the transport authority said on "
    "Friday. About nine hundred commuters use the ferry every day and the operator blamed rising fuel costs.\n"
)
ORCHESTRA = (
    "The city orchestra will tour five countries next summer, its conductor announced. The tour opens in Vienna "
    "with a new violin concerto written for the orchestra's leader.\n"
)


def article(text: str, outlet: str = "Coastal Times", headline: str = "") -> Article:
    return Incoming("test", text, Metadata(outlet=outlet, headline=headline or text[:30])).to_article()


@pytest.fixture
def delta_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep added passages in the delta part even on a tiny index (normally merged below 5,000 passages)."""
    monkeypatch.setattr("index.update.COMPACT_BELOW", 0)
    monkeypatch.setattr("index.update.DELTA_SHARE", 1000.0)


def test_second_writer_waits_for_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "index"
    said: list[str] = []
    order: list[str] = []

    def second() -> None:
        with write_lock(target, on_wait=said.append):
            order.append("second")

    with write_lock(target):
        worker = threading.Thread(target=second)
        worker.start()
        for _ in range(200):
            if said:
                break
            time.sleep(0.01)
        order.append("first")
    worker.join(timeout=10)
    assert order == ["first", "second"]
    assert said and "another newsbot process is updating this index; waiting" in said[0]


@pytest.mark.slow
def test_added_article_goes_to_the_delta_part(tiny_index: Path, tiny_articles: Path, delta_always: None) -> None:
    main_inode = (tiny_index / "vectors.faiss").stat().st_ino
    report = add_articles(tiny_index, tiny_articles, [article(FERRY)], IndexSettings())
    assert not report.merged and report.passages == 1
    manifest = read_manifest(tiny_index)
    assert manifest.delta_passages == 1 and manifest.passage_count == 4
    assert (tiny_index / "vectors.faiss").stat().st_ino == main_inode  # the main part was linked, not rewritten
    assert verify_checksums(tiny_index, manifest) == []
    searcher = Searcher(IndexedCorpus.open(tiny_index))
    for mode in ("bm25", "dense", "hybrid"):
        [hit] = searcher.search("When will the ferry stop running?", 1, SearchOptions(mode=mode))
        assert hit.passage.article_id == report.added[0].article_id and hit.row == 3, mode
        assert hit.passage.outlet == "Coastal Times"
    [bridge] = searcher.search("How much did the bridge cost?", 1)
    assert bridge.passage.article_id == "alpha"


@pytest.mark.slow
def test_delta_ranks_like_the_merged_index(tiny_index: Path, tiny_articles: Path, delta_always: None) -> None:
    add_articles(tiny_index, tiny_articles, [article(FERRY), article(ORCHESTRA, "Money Daily")], IndexSettings())
    questions = ["ferry fuel costs", "orchestra tour Vienna", "bridge cost", "interest rate", "rare orchid"]
    delta = Searcher(IndexedCorpus.open(tiny_index))
    build_index(tiny_articles, tiny_index, IndexSettings())  # a full build merges the library back in
    assert read_manifest(tiny_index).delta_passages == 0
    merged = Searcher(IndexedCorpus.open(tiny_index))
    for question in questions:
        for mode in ("bm25", "dense"):
            first = delta.search(question, 1, SearchOptions(mode=mode))[0].passage.passage_id
            assert first == merged.search(question, 1, SearchOptions(mode=mode))[0].passage.passage_id


@pytest.mark.slow
def test_remove_from_delta_and_from_main(tiny_index: Path, tiny_articles: Path, monkeypatch) -> None:
    first = add_articles(tiny_index, tiny_articles, [article(FERRY)], IndexSettings())
    assert first.merged  # a small index stays one exact segment
    monkeypatch.setattr("index.update.COMPACT_BELOW", 0)
    monkeypatch.setattr("index.update.DELTA_SHARE", 1000.0)
    second = add_articles(tiny_index, tiny_articles, [article(ORCHESTRA)], IndexSettings())
    assert not second.merged and read_manifest(tiny_index).delta_passages == 1
    gone = remove_article(tiny_index, second.added[0].article_id, IndexSettings())
    assert not gone.merged and read_manifest(tiny_index).delta_passages == 0
    gone = remove_article(tiny_index, first.added[0].file_name, IndexSettings())
    assert gone.merged and gone.passages == 1
    corpus = IndexedCorpus.open(tiny_index)
    assert sorted(corpus.articles) == ["alpha", "beta", "gamma"] and len(corpus.passages) == 3
    assert verify_checksums(tiny_index, corpus.manifest) == []
    assert not [p for p in library_dir(tiny_index).iterdir() if p.suffix == ".txt"]


@pytest.mark.slow
def test_rebuild_after_chunking_change_embeds_only_new_passages(tiny_articles: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    encoded: list[int] = []

    def count(done: int, total: int) -> None:
        encoded.append(total)

    build_index(tiny_articles, index, IndexSettings(), count)
    assert encoded[-1] == 10  # vectors are per sentence: the three tiny articles have ten
    before = np.load(index / "embeddings.npy")
    encoded.clear()
    build_index(tiny_articles, index, IndexSettings(chunking=ChunkParams(5, 25)), count)
    split = read_manifest(index).passage_count
    assert split > 3 and encoded == []  # regrouped passages reuse every cached sentence vector
    encoded.clear()
    build_index(tiny_articles, index, IndexSettings(), count)
    assert encoded == []  # back to the first chunking: every vector is cached
    np.testing.assert_array_equal(np.load(index / "embeddings.npy"), before)


def _big_jsonl(path: Path, count: int) -> Path:
    lines = [
        json.dumps({"text": f"Report {i}. " + FERRY.replace("April", f"month {i}"), "outlet": "Coastal Times"})
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 300
    while not ready():
        assert process.poll() is None, "the update finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["while embedding", "while writing the new index"])
def test_killed_mid_update_leaves_the_previous_index(
    tiny_index: Path, tiny_articles: Path, tmp_path: Path, moment: str
) -> None:
    before = (tiny_index / MANIFEST).read_text()
    feed = _big_jsonl(tmp_path / "feed.jsonl", 40)
    command = [sys.executable, "-m", "bot.cli", "add", str(feed), "--index-dir", str(tiny_index)]
    process = subprocess.Popen(
        [*command, "--articles", str(tiny_articles)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    library_toml = library_dir(tiny_index) / "articles.toml"
    if moment == "while embedding":
        _kill_when(process, library_toml.is_file)
    else:
        _kill_when(process, lambda: any(tiny_index.parent.glob(f"{tiny_index.name}.tmp-*")))
    assert process.returncode == -signal.SIGKILL
    assert (tiny_index / MANIFEST).read_text() == before
    corpus = IndexedCorpus.open(tiny_index)
    assert len(corpus.passages) == 3 and verify_checksums(tiny_index, corpus.manifest) == []
    report = add_articles(tiny_index, tiny_articles, [article(ORCHESTRA)], IndexSettings())
    assert report.added and not list(tiny_index.parent.glob(f"{tiny_index.name}.tmp-*"))
    assert len(IndexedCorpus.open(tiny_index).articles) == 4


@pytest.mark.slow
def test_interrupted_build_keeps_what_it_embedded(
    tiny_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.build.CACHE_CHUNK", 2)
    index = tmp_path / "index"
    totals: list[int] = []

    def stop_after_first_chunk(done: int, total: int) -> None:
        totals.append(total)
        if done > 2:  # while the second chunk is being embedded; the first one is cached
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(tiny_articles, index, IndexSettings(), stop_after_first_chunk)
    assert not (index / MANIFEST).exists()
    first_total = totals[0]
    totals.clear()
    build_index(tiny_articles, index, IndexSettings(), lambda done, total: totals.append(total))
    assert totals and totals[0] == first_total - 2  # the first chunk came from the cache


def test_auto_picks_hnsw_from_the_threshold_and_loads_its_search_breadth(tmp_path: Path) -> None:
    from index.build import HNSW_THRESHOLD
    from index.dense import HNSW_EF_SEARCH, DenseIndex, build_faiss

    settings = IndexSettings()
    assert settings.faiss_kind_for(HNSW_THRESHOLD - 1) == "flat"
    assert settings.faiss_kind_for(HNSW_THRESHOLD) == "hnsw"
    assert IndexSettings(faiss_kind="flat").faiss_kind_for(10 * HNSW_THRESHOLD) == "flat"
    vectors = np.random.default_rng(0).normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    DenseIndex(build_faiss(vectors, "hnsw")).save(tmp_path / "v.faiss")
    loaded = DenseIndex.load(tmp_path / "v.faiss", expected_rows=300, expected_dim=16)
    assert loaded.index.hnsw.efSearch == HNSW_EF_SEARCH
    assert [loaded.search(vectors[row], 1)[0][0] for row in (0, 150, 299)] == [0, 150, 299]


@pytest.mark.slow
def test_numba_bm25_backend_ranks_like_numpy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.lexical import LexicalIndex, numba_available

    if not numba_available():
        pytest.skip("numba is not installed")
    texts = [FERRY, ORCHESTRA, "The ferry operator raised fares.", "A concert in Vienna sold out."]
    plain = LexicalIndex.build(texts)
    monkeypatch.setattr("index.lexical.NUMBA_FROM_PASSAGES", 0)  # as on an index of 500,000 passages
    (tmp_path / "bm25").mkdir()
    LexicalIndex.build(texts).save(tmp_path / "bm25")
    fast = LexicalIndex.load(tmp_path / "bm25", len(texts))
    assert fast.retriever.backend == "numba"
    for question in ("ferry fares", "orchestra Vienna concert"):
        assert [row for row, _ in fast.search(question, 3)] == [row for row, _ in plain.search(question, 3)]


@pytest.mark.slow
def test_a_build_drops_the_cache_of_batched_onnx_vectors_and_keeps_the_others(
    tiny_articles: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    cache = tmp_path / "index-cache"
    stamp = Encoder().weights_hash[:16]
    for name in (f"{stamp}-onnx", f"{stamp}-torch"):  # batched int8 vectors, never looked up again; fp32 ones
        (cache / name).mkdir(parents=True)
        (cache / name / "000000.keys.npy").write_bytes(b"")
    build_index(tiny_articles, index, IndexSettings())
    assert not (cache / f"{stamp}-onnx").exists()
    assert (cache / f"{stamp}-torch" / "000000.keys.npy").exists() and (cache / f"{stamp}-onnx-each").is_dir()
