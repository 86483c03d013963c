"""BEIR-style files (corpus, queries, qrels) and TREC run files, so other tools can score the same runs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from eval.metrics import rank_scores
from eval.suite import Evaluation
from index.chunk import Passage

CORPUS = "corpus.jsonl"
QUERIES = "queries.jsonl"
QRELS = Path("qrels") / "test.tsv"
RUNS = "runs"


def export(evaluation: Evaluation, passages: Iterable[Passage], folder: Path) -> list[Path]:
    """Write corpus.jsonl, queries.jsonl, qrels/test.tsv and runs/<mode>.trec under folder; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_corpus(passages, folder / CORPUS), write_queries(evaluation, folder / QUERIES)]
    written.append(write_qrels(evaluation, folder / QRELS))
    written.extend(write_run(evaluation, label, folder / RUNS / f"{label}.trec") for label in evaluation.runs)
    return written


def write_corpus(passages: Iterable[Passage], path: Path) -> Path:
    lines = (
        {"_id": p.passage_id, "title": p.headline, "text": p.text, "metadata": {"outlet": p.cited_outlet}}
        for p in passages
    )
    return _write_jsonl(path, lines)


def write_queries(evaluation: Evaluation, path: Path) -> Path:
    lines = (
        {"_id": item.id, "text": item.question, "metadata": {"type": item.type, "context": list(item.context)}}
        for item in evaluation.items
    )
    return _write_jsonl(path, lines)


def write_qrels(evaluation: Evaluation, path: Path) -> Path:
    """BEIR qrels: a header, then query-id, corpus-id, score (1 = contains an answer phrase)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ["query-id\tcorpus-id\tscore"]
    for item in evaluation.items:
        rows.extend(f"{item.id}\t{pid}\t1" for pid in sorted(evaluation.judgements.relevant.get(item.id, ())))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_run(evaluation: Evaluation, label: str, path: Path) -> Path:
    """A TREC run file written by ranx: `qid Q0 passage_id rank score label`, in the order `ask` showed them."""
    from ranx import Run

    path.parent.mkdir(parents=True, exist_ok=True)
    scored = {q.item.id: rank_scores(q.passage_ids) for q in evaluation.runs[label].questions if q.passage_ids}
    Run(scored, name=label).save(str(path), kind="trec")
    return path


def _write_jsonl(path: Path, records: Iterable[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
