"""Benchmark: newsbot at N passages vs the naive stack (rank-bm25 + FAISS flat + the same model), one run.

Prints and writes: build time and passages/s as a ratio to the raw encode throughput measured in the same run,
index size, peak RSS, query p50/p95 per mode, FAISS HNSW recall@10 vs flat, and the naive stack side by side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.workload import corpus_folder, folder_mb, latency, peak_rss_mb, questions  # noqa: E402
from index.build import IndexSettings, build_index  # noqa: E402
from index.corpus import IndexedCorpus  # noqa: E402
from index.dense import HNSW_EF_CONSTRUCTION, HNSW_M  # noqa: E402
from index.embed import Encoder  # noqa: E402
from index.fuse import rrf  # noqa: E402
from index.search import Searcher, SearchOptions  # noqa: E402
from index.sentence_vectors import passage_sentences  # noqa: E402

MODES = ("bm25", "dense", "hybrid")
DEPTH = 100


def raw_throughput(encoder: Encoder, texts: list[str]) -> float:
    """Passages/s of the model itself: plain batches of 64 in corpus order, nothing else."""
    encoder._encode(texts[:8])
    start = time.perf_counter()
    for first in range(0, len(texts), 64):
        encoder._encode(texts[first : first + 64])
    return len(texts) / (time.perf_counter() - start)


def measure_build(folder: Path, index: Path, settings: IndexSettings) -> tuple[float, int]:
    start = time.perf_counter()
    manifest = build_index(folder, index, settings, on_wait=None)
    return time.perf_counter() - start, manifest.passage_count


def build_ratio(work: Path, sample: int, settings: IndexSettings) -> dict[str, float]:
    """Cold build (empty embedding cache) of a `sample`-passage corpus vs raw encoding of the same passages."""
    folder = corpus_folder(work, sample)
    encoder = settings.make_encoder()
    encoder.encode_query("load the model first: both measurements run with it loaded")
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        seconds, passages = measure_build(folder, Path(tmp) / "index", settings)
        indexed = IndexedCorpus.open(Path(tmp) / "index").passages
    raw = raw_throughput(encoder, [p.text for p in indexed])
    sentences, _ = passage_sentences(indexed)  # what the build embeds: every sentence of every passage
    raw_sentences = raw_throughput(encoder, sentences) * len(indexed) / len(sentences)
    build = passages / seconds
    return {
        "passages": passages,
        "build_s": seconds,
        "build_per_s": build,
        "raw_per_s": raw,
        "ratio": build / raw,
        "raw_sentences_as_passages_per_s": raw_sentences,
        "ratio_to_raw_sentences": build / raw_sentences,
    }


class NaiveStack:
    """The product card's naive stack: rank-bm25 BM25Okapi, FAISS flat, sentence-transformers for queries."""

    def __init__(self, texts: list[str], vectors: np.ndarray) -> None:
        import faiss
        from rank_bm25 import BM25Okapi

        start = time.perf_counter()
        self.bm25 = BM25Okapi([text.lower().split() for text in texts])
        self.flat = faiss.IndexFlatIP(vectors.shape[1])
        self.flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
        self.index_s = time.perf_counter() - start
        self.model = Encoder(backend="torch").model

    def search(self, question: str, mode: str, k: int = 5) -> list[int]:
        ranked = []
        if mode != "dense":
            scores = self.bm25.get_scores(question.lower().split())
            top = np.argsort(-scores)[:DEPTH]
            ranked.append([(int(r), float(scores[r])) for r in top])
        if mode != "bm25":
            vector = self.model.encode([question], normalize_embeddings=True, convert_to_numpy=True)
            scores, rows = self.flat.search(np.asarray(vector, dtype=np.float32), DEPTH)
            ranked.append([(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True)])
        fused = ranked[0] if len(ranked) == 1 else rrf(ranked)
        return [row for row, _ in fused[:k]]


def hnsw_recall(vectors: np.ndarray, queries: np.ndarray, ef_values: list[int]) -> dict[str, object]:
    """Build HNSW over the same vectors; recall@10 against exact flat search and ms/query per efSearch."""
    import faiss

    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    start = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    hnsw.add(vectors)
    built = time.perf_counter() - start
    exact = [set(flat.search(q[None], 10)[1][0]) for q in queries]
    rows = {"flat": {"recall_at_10": 1.0, "ms_per_query": _ms_per_query(flat, queries)}}
    for ef in ef_values:
        hnsw.hnsw.efSearch = ef
        found = [set(hnsw.search(q[None], 10)[1][0]) for q in queries]
        recall = float(np.mean([len(a & b) / 10 for a, b in zip(found, exact, strict=True)]))
        rows[f"hnsw ef={ef}"] = {"recall_at_10": recall, "ms_per_query": _ms_per_query(hnsw, queries)}
    return {"hnsw_build_s": built, "by_index": rows}


def _ms_per_query(index: object, queries: np.ndarray) -> float:
    start = time.perf_counter()
    for query in queries:
        index.search(query[None], 10)  # type: ignore[attr-defined]
    return (time.perf_counter() - start) * 1000 / len(queries)


def serving_rss_mb(index: Path, asked: list[str]) -> float:
    """Peak RSS of a fresh process that opens the index and answers questions (what `newsbot ask` holds)."""
    script = (
        "from bench.workload import peak_rss_mb; from index.corpus import IndexedCorpus; "
        f"from index.search import Searcher; s = Searcher(IndexedCorpus.open({str(index)!r})); "
        f"[s.search(q, 5) for q in {asked!r}]; print(peak_rss_mb())"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1_000, help="passages of the cold build-vs-raw-encode run")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"), help="corpora, index and cache")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--naive-queries", type=int, default=20)
    parser.add_argument("--ef", default="16,32,64,128", help="HNSW efSearch values to measure")
    parser.add_argument("--json", dest="json_path", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    settings = IndexSettings()  # what `newsbot index build` does: faiss_kind auto
    results: dict[str, object] = {"passages_target": args.passages, "encoder": settings.make_encoder().backend}
    results["build_vs_raw_encode"] = build_ratio(args.work, args.sample, settings)
    index = args.work / f"index-{args.passages}"
    seconds, passages = measure_build(corpus_folder(args.work, args.passages), index, settings)
    corpus = IndexedCorpus.open(index)
    kind = corpus.manifest.faiss_kind
    results["build"] = {"passages": passages, "seconds": seconds, "size_mb": folder_mb(index), "faiss": kind}
    searcher = Searcher(corpus)
    asked = questions(args.queries)
    results["newsbot"] = {
        mode: latency(lambda q, m=mode: searcher.search(q, 5, SearchOptions(mode=m)), asked) for mode in MODES
    }
    results["peak_rss_mb_build_and_queries"] = peak_rss_mb()
    results["serving_peak_rss_mb"] = serving_rss_mb(index, asked[:10])
    vectors = np.ascontiguousarray(corpus.embeddings, dtype=np.float32)
    query_vectors = np.stack([searcher.encoder.encode_query(q) for q in asked])
    results["faiss"] = hnsw_recall(vectors, query_vectors, [int(v) for v in args.ef.split(",")])
    naive = NaiveStack([p.text for p in corpus.passages], vectors)
    naive_asked = asked[: args.naive_queries]
    results["naive"] = {mode: latency(lambda q, m=mode: naive.search(q, m), naive_asked) for mode in MODES}
    results["naive"]["index_s_without_encoding"] = naive.index_s  # type: ignore[index]
    print_table(results)
    if args.json_path:
        args.json_path.write_text(json.dumps(results, indent=1) + "\n")


def print_table(results: dict) -> None:  # type: ignore[type-arg]
    ratio = results["build_vs_raw_encode"]
    print(
        f"encoder {results['encoder']}; cold build of {ratio['passages']} passages: {ratio['build_per_s']:.0f}/s, "
        f"raw encode {ratio['raw_per_s']:.0f}/s -> {100 * ratio['ratio']:.0f} % of raw; raw encode of the same "
        f"sentences {ratio['raw_sentences_as_passages_per_s']:.0f} passages/s "
        f"-> {100 * ratio['ratio_to_raw_sentences']:.0f} %"
    )
    build = results["build"]
    print(
        f"index of {build['passages']} passages ({build['faiss']} FAISS): built in {build['seconds']:.1f} s, "
        f"{build['size_mb']:.0f} MB on disk; "
        f"peak RSS {results['peak_rss_mb_build_and_queries']:.0f} MB (build+queries), "
        f"{results['serving_peak_rss_mb']:.0f} MB serving"
    )
    print(f"\n{'mode':<8}{'newsbot p50':>12}{'p95':>9}{'naive p50':>11}{'p95':>9}{'speed-up':>10}")
    for mode in MODES:
        ours, naive = results["newsbot"][mode], results["naive"][mode]
        print(
            f"{mode:<8}{ours['p50_ms']:>12.2f}{ours['p95_ms']:>9.2f}{naive['p50_ms']:>11.2f}"
            f"{naive['p95_ms']:>9.2f}{naive['p50_ms'] / ours['p50_ms']:>9.1f}x"
        )
    faiss_rows = results["faiss"]
    print(f"\nFAISS (HNSW M=32 built in {faiss_rows['hnsw_build_s']:.1f} s)    recall@10   ms/query")
    for name, row in faiss_rows["by_index"].items():
        print(f"{name:<28}{row['recall_at_10']:>10.3f}{row['ms_per_query']:>11.3f}")


if __name__ == "__main__":
    main()
