"""Benchmark: warm, in-process `ask` latency (p50/p95) per retrieval mode on the seed index."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.config import load_settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from index.build import build_index  # noqa: E402

QUESTIONS = [
    "Which countries will send troops?",
    "What did Kushner say about the agreement?",
    "Who hosted the summit in Paris?",
    "How big an army will Ukraine be allowed?",
    "What did Zelensky say about territory?",
    "Did the US sign the declaration?",
    "What did Rutte think of the meeting?",
    "Where will the military hubs be?",
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(engine: Engine, mode: str, fusion: str, rounds: int) -> dict[str, float]:
    for question in QUESTIONS:  # warm-up: model, caches
        engine.ask(question, mode=mode, fusion=fusion)
    samples = []
    for _ in range(rounds):
        for question in QUESTIONS:
            start = time.perf_counter()
            engine.ask(question, mode=mode, fusion=fusion)
            samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": statistics.median(samples), "p95_ms": percentile(samples, 0.95), "queries": len(samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", dest="json_path", help="also write the results to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"index_dir": Path(tmp) / "index", "articles_dir": REPO / "seeds"})
        engine = Engine(settings)
        build_index(settings.articles_dir, settings.index_dir, engine.index_settings)
        results = {
            label: measure(engine, mode, fusion, args.rounds)
            for label, mode, fusion in (
                ("bm25", "bm25", "rrf"), ("dense", "dense", "rrf"),
                ("hybrid-rrf", "hybrid", "rrf"), ("hybrid-convex", "hybrid", "convex"),
            )
        }
    baseline = results["bm25"]["p50_ms"]
    print(f"{'mode':<14}{'p50 ms':>10}{'p95 ms':>10}{'x bm25 p50':>12}")
    for label, row in results.items():
        print(f"{label:<14}{row['p50_ms']:>10.2f}{row['p95_ms']:>10.2f}{row['p50_ms'] / baseline:>12.1f}")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
