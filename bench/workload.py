"""Shared pieces of the scale benchmarks: a synthetic corpus folder, questions, timing and memory helpers."""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import ORGS, PLACES, ROLES, TOPICS, write_folder
from eval.qa_set import load_qa

REPO = Path(__file__).resolve().parent.parent


def corpus_folder(work: Path, passages: int) -> Path:
    """The synthetic articles folder for `passages`, generated once per work folder."""
    folder = work / f"corpus-{passages}"
    if not (folder / "articles.toml").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        write_folder(folder, passages)
    return folder


def questions(count: int, seed: int = 7) -> list[str]:
    """Half news-style questions about the synthetic corpus, half questions of eval/qa.jsonl."""
    rng = random.Random(seed)
    templates = (
        "What did the {role} of {place} say about {topic}?",
        "Why did {org} change its plans on {topic}?",
        "How many people are affected by {topic} in {place}?",
        "Who criticised {org} over {topic}?",
    )
    made = [
        rng.choice(templates).format(
            role=rng.choice(ROLES), place=rng.choice(PLACES), topic=rng.choice(TOPICS), org=rng.choice(ORGS)
        )
        for _ in range(count - count // 2)
    ]
    asked = [item.question for item in load_qa(REPO / "eval" / "qa.jsonl")][: count // 2]
    return made + asked


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency(ask: Callable[[str], object], asked: list[str], rounds: int = 1) -> dict[str, float]:
    """p50/p95 in milliseconds of `ask` over the questions, after one warm-up pass."""
    for question in asked[:5]:
        ask(question)
    samples = []
    for _ in range(rounds):
        for question in asked:
            start = time.perf_counter()
            ask(question)
            samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": statistics.median(samples), "p95_ms": percentile(samples, 0.95), "queries": len(samples)}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far: VmHWM (ru_maxrss would include a parent's peak after exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
