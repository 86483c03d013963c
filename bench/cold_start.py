"""Benchmark: wall time of `newsbot --help` and of a first `newsbot ask` in a new process (seed index)."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.build import IndexSettings, build_index  # noqa: E402

NEWSBOT = [sys.executable, "-m", "bot.cli"]


def wall(command: list[str], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return {"median_s": statistics.median(samples), "min_s": min(samples), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", dest="json_path", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        build_index(REPO / "seeds", index, IndexSettings(), on_wait=None)
        results = {
            "python -c pass": wall([sys.executable, "-c", "pass"], args.runs),
            "newsbot --help": wall([*NEWSBOT, "--help"], args.runs),
            "newsbot ask (first, new process)": wall(
                [*NEWSBOT, "ask", "Who hosted the summit?", "--index-dir", str(index), "--json"], args.runs
            ),
        }
    for label, row in results.items():
        print(f"{label:<36}{row['median_s']:>8.3f} s median{row['min_s']:>8.3f} s min")
    if args.json_path:
        args.json_path.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
