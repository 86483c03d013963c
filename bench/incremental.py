"""Benchmark: adding one article to an N-passage index (in process and as `newsbot add`) vs a full rebuild."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import NewsWriter  # noqa: E402
from bench.workload import corpus_folder  # noqa: E402
from index.build import IndexSettings, build_index, library_dir  # noqa: E402
from index.cache import cache_dir  # noqa: E402
from index.corpus import IndexedCorpus  # noqa: E402
from index.ingest import Incoming, Metadata  # noqa: E402
from index.search import Searcher  # noqa: E402
from index.store import read_manifest  # noqa: E402
from index.update import add_articles, remove_article  # noqa: E402


def linked_copy(index: Path, target: Path) -> Path:
    """A copy of the index sharing its files (safe: index files are never written in place) and its cache."""
    for path in (target, library_dir(target), cache_dir(target)):
        shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(index, target, copy_function=os.link)
    if cache_dir(index).is_dir():
        shutil.copytree(cache_dir(index), cache_dir(target), copy_function=os.link)
    return target


def timed(action: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"))
    parser.add_argument("--json", dest="json_path", type=Path)
    args = parser.parse_args()
    settings = IndexSettings()
    folder = corpus_folder(args.work, args.passages)
    index = args.work / f"index-{args.passages}"
    results: dict[str, float | int | bool] = {}
    if not (index / "manifest.json").is_file():
        results["cold_build_s"], _ = timed(lambda: build_index(folder, index, settings, on_wait=None))
    results["rebuild_unchanged_s"], manifest = timed(lambda: build_index(folder, index, settings, on_wait=None))
    results["passages"] = manifest.passage_count  # type: ignore[attr-defined]
    writer = NewsWriter(seed=99)
    copy = linked_copy(index, args.work / "index-incremental")
    fresh = Incoming("bench", writer.article(1).text, Metadata(outlet="Bench Times", headline="Bench story one"))
    settings.make_encoder().encode_query("warm up")  # the model is loaded, as in a running bot
    results["add_one_s"], report = timed(lambda: add_articles(copy, folder, [fresh.to_article()], settings))
    results["add_one_merged"] = report.merged  # type: ignore[attr-defined]
    results["delta_passages"] = read_manifest(copy).delta_passages
    results["open_after_add_s"], corpus = timed(lambda: IndexedCorpus.open(copy))
    hit = Searcher(corpus).search("Bench story one " + fresh.text[:200], 1)[0]
    results["added_article_found"] = hit.passage.article_id == report.added[0].article_id  # type: ignore[attr-defined]
    article_id = report.added[0].article_id  # type: ignore[attr-defined]
    results["remove_one_s"], _ = timed(lambda: remove_article(copy, article_id, settings))
    story = args.work / "story.txt"
    story.write_text(writer.article(2).text, encoding="utf-8")
    command = [sys.executable, "-m", "bot.cli", "add", str(story), "--outlet", "Bench Times"]
    command += ["--index-dir", str(copy), "--articles", str(folder)]
    results["cli_add_one_s"], _ = timed(lambda: subprocess.run(command, cwd=REPO, check=True, capture_output=True))
    print(f"index of {results['passages']} passages")
    for key, value in results.items():
        print(f"  {key:<22}{value:>12.3f}" if isinstance(value, float) else f"  {key:<22}{value!s:>12}")
    if args.json_path:
        args.json_path.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
