"""Benchmark: ONNX int8 vs torch fp32 encoder — speed, cosine to fp32, and Hit@5 on eval/qa.jsonl (same run); and
the int8 encoder's texts each in a run of their own (as it embeds them) against batched runs (as it did before)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eval.qa_set import load_qa, phrase_in  # noqa: E402
from index.build import IndexSettings, build_index  # noqa: E402
from index.corpus import IndexedCorpus  # noqa: E402
from index.embed import Encoder  # noqa: E402
from index.search import Searcher, SearchOptions  # noqa: E402

BACKENDS = ("torch", "onnx")


def hit_at_5(searcher: Searcher, mode: str) -> float:
    """Share of answerable questions with an answer phrase in one of the top 5 passages."""
    items = [item for item in load_qa(REPO / "eval" / "qa.jsonl") if item.answers]
    hits = 0
    for item in items:
        expansion = " ".join(item.context[-1:])
        found = searcher.search(item.question, 5, SearchOptions(mode=mode), expansion=expansion)
        hits += any(phrase_in(hit.passage.text, item.answers) for hit in found)
    return hits / len(items)


def throughput(encoder: Encoder, texts: list[str], rounds: int) -> float:
    encoder.encode_passages(texts[:32])
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        encoder.encode_passages(texts)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best


def batched_throughput(encoder: Encoder, texts: list[str], rounds: int, size: int = 64) -> float:
    """Passages/s of the int8 graph run on length-sorted batches, the way passages were embedded before."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for first in range(0, len(order), size):
            encoder.onnx.encode([texts[i] for i in order[first : first + size]])
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best


def query_ms(encoder: Encoder, questions: list[str]) -> float:
    encoder.encode_query(questions[0])
    samples = []
    for question in questions:
        start = time.perf_counter()
        encoder.encode_query(question)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", dest="json_path", help="also write the results to this JSON file")
    args = parser.parse_args()
    encoders = {name: Encoder(backend=name) for name in BACKENDS}
    results: dict[str, dict[str, float]] = {name: {} for name in BACKENDS}
    with tempfile.TemporaryDirectory() as tmp:
        for name in BACKENDS:
            index = Path(tmp) / name
            build_index(REPO / "seeds", index, IndexSettings(encoder=name), on_wait=None)
            searcher = Searcher(IndexedCorpus.open(index), encoders[name])
            results[name]["hit5_hybrid"] = hit_at_5(searcher, "hybrid")
            results[name]["hit5_dense"] = hit_at_5(searcher, "dense")
            texts = [p.text for p in searcher.corpus.passages]
    questions = [item.question for item in load_qa(REPO / "eval" / "qa.jsonl")][:60]
    corpus = texts * 4
    for _ in range(2):  # alternate, so both see the same load on a shared machine
        for name in BACKENDS:
            rate = throughput(encoders[name], corpus, args.rounds)
            results[name]["passages_per_s"] = max(results[name].get("passages_per_s", 0.0), rate)
            results[name]["query_ms_p50"] = query_ms(encoders[name], questions)
        batched = batched_throughput(encoders["onnx"], corpus, args.rounds)
        results["onnx"]["batched_passages_per_s"] = max(results["onnx"].get("batched_passages_per_s", 0.0), batched)
    cosine = np.sum(encoders["torch"].encode_passages(texts) * encoders["onnx"].encode_passages(texts), axis=1)
    results["onnx"]["cosine_to_fp32_min"] = float(cosine.min())
    results["onnx"]["cosine_to_fp32_mean"] = float(cosine.mean())
    print(f"{'encoder':<8}{'Hit@5 hybrid':>14}{'Hit@5 dense':>13}{'passages/s':>12}{'query ms':>10}")
    for name, row in results.items():
        print(
            f"{name:<8}{row['hit5_hybrid']:>14.3f}{row['hit5_dense']:>13.3f}"
            f"{row['passages_per_s']:>12.1f}{row['query_ms_p50']:>10.2f}"
        )
    speedup = results["onnx"]["passages_per_s"] / results["torch"]["passages_per_s"]
    print(f"onnx/torch speed: {speedup:.2f}x; cosine to fp32 min {cosine.min():.4f}, mean {cosine.mean():.4f}")
    each, batched = results["onnx"]["passages_per_s"], results["onnx"]["batched_passages_per_s"]
    print(f"onnx, each text alone (shipped): {each:.1f} passages/s; batches of 64 (before): {batched:.1f}", end="")
    print(f" ({each / batched:.2f}x)")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
