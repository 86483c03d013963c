"""`newsbot eval --compare`: this evaluation against an earlier `--json` one, by metric and by question."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from index.errors import NewsbotError

HINT = "give the output of an earlier `newsbot eval --json > before.json`"
RANKING = ("mrr@10", "ndcg@10", "recall@5")  # after the Hit@k columns, as the summary table orders them
MOVES = {  # (failure before, failure now) -> how the question moved, for the reader
    ("", "missed"): "answer no longer in the top 5",
    ("missed", ""): "answer now in the top 5",
    ("", "abstained"): "now not answered",
    ("abstained", ""): "answered again",
    ("", "answered"): "unanswerable, now answered",
    ("answered", ""): "unanswerable, now not answered",
}


@dataclass(frozen=True)
class QuestionMove:
    """One question whose MRR@10 or failure changed between the two evaluations."""

    question_id: str
    mrr_before: float | None
    mrr_now: float | None
    failure_before: str  # "" (none), "missed", "abstained" or "answered", as in the failure listing
    failure_now: str

    @property
    def better(self) -> bool:
        if self.failure_before != self.failure_now:
            return not self.failure_now
        return (self.mrr_now or 0.0) > (self.mrr_before or 0.0)

    @property
    def description(self) -> str:
        parts = []
        if self.mrr_before != self.mrr_now:
            parts.append(f"MRR@10 {_mrr(self.mrr_before)} → {_mrr(self.mrr_now)}")
        if self.failure_before != self.failure_now:
            key = (self.failure_before, self.failure_now)
            parts.append(MOVES.get(key, f"{self.failure_before} → {self.failure_now}"))
        return "; ".join(parts)


@dataclass(frozen=True)
class ModeComparison:
    """One retrieval mode evaluated before and now."""

    label: str
    metrics: dict[str, tuple[float, float]]  # metric -> (before, now)
    abstention: dict[str, tuple[int, int]]  # "caught" (unanswerable not answered), "refused" (answerable)
    moves: tuple[QuestionMove, ...]


@dataclass(frozen=True)
class Comparison:
    """This evaluation against a baseline: the modes both have, and which questions only one of them asked."""

    baseline: str
    baseline_qa: str
    only_before: tuple[str, ...]
    only_now: tuple[str, ...]
    modes: tuple[ModeComparison, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "baseline": self.baseline,
            "baseline_qa": self.baseline_qa,
            "only_before": list(self.only_before),
            "only_now": list(self.only_now),
            "modes": {
                mode.label: {
                    "metrics": {name: {"before": b, "now": n, "delta": round(n - b, 4)} for name, (b, n) in
                                mode.metrics.items()},
                    "abstention": {name: {"before": b, "now": n} for name, (b, n) in mode.abstention.items()},
                    "questions": [
                        {"id": m.question_id, "better": m.better, "mrr@10": [m.mrr_before, m.mrr_now],
                         "failure": [m.failure_before, m.failure_now]}
                        for m in mode.moves
                    ],
                }
                for mode in self.modes
            },
        }  # fmt: skip


@dataclass(frozen=True)
class SetsComparison:
    """Several sets against an earlier several-set `--json`: all together, and each set found in both."""

    baseline: str
    together: Comparison
    sets: tuple[tuple[str, Comparison], ...]  # (the set's path, its comparison)
    only_before: tuple[str, ...]  # sets only the baseline scored
    only_now: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "baseline": self.baseline,
            "all_together": self.together.to_json(),
            "sets": {qa: comparison.to_json() for qa, comparison in self.sets},
            "only_before": list(self.only_before),
            "only_now": list(self.only_now),
        }


def load_baseline(path: Path) -> dict[str, object]:
    """An earlier `newsbot eval --json` document of one set, checked enough to compare against."""
    document = _read(path)
    if "sets" in document:
        raise NewsbotError(f"--compare {path}: the JSON of several sets, and --qa names one", f"{HINT} of this set")
    if not _scored(document):
        raise NewsbotError(f"--compare {path}: not the JSON of `newsbot eval --json` (no scored modes)", HINT)
    return document


def load_sets_baseline(path: Path) -> dict[str, object]:
    """An earlier `newsbot eval --qa SET SET … --json` document, checked enough to compare against."""
    document = _read(path)
    sets, together = document.get("sets"), document.get("all_together")
    if not isinstance(sets, list) or not isinstance(together, dict):
        raise NewsbotError(
            f"--compare {path}: not the JSON of several sets", f"{HINT.replace('--json', '--qa SET SET … --json')}"
        )
    if not _scored(together) or not all(isinstance(one, dict) and _scored(one) for one in sets):
        raise NewsbotError(f"--compare {path}: not the JSON of `newsbot eval --json` (no scored modes)", HINT)
    return document


def compare_sets(before: Mapping[str, object], now: Mapping[str, object], baseline: str) -> SetsComparison:
    """All the sets together by metric, then each set the two documents both scored (by its path) by metric
    and question."""
    earlier = {str(one.get("qa")): one for one in before["sets"]}  # type: ignore[attr-defined]
    current = {str(one.get("qa")): one for one in now["sets"]}  # type: ignore[attr-defined]
    together = compare(before["all_together"], now["all_together"], baseline)  # type: ignore[arg-type]
    return SetsComparison(
        baseline,
        together,
        tuple((qa, compare(earlier[qa], current[qa], baseline)) for qa in current if qa in earlier),
        tuple(qa for qa in earlier if qa not in current),
        tuple(qa for qa in current if qa not in earlier),
    )


def _read(path: Path) -> dict[str, object]:
    if not path.is_file():
        raise NewsbotError(f"--compare {path}: no such file", HINT)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsbotError(f"--compare {path}: not a readable JSON document ({exc})", HINT) from None
    if not isinstance(document, dict):
        raise NewsbotError(f"--compare {path}: not the JSON of `newsbot eval --json` (no scored modes)", HINT)
    return document


def _scored(document: Mapping[str, object]) -> bool:
    modes = document.get("modes")
    return isinstance(modes, dict) and bool(modes) and all(_mode_document(mode) for mode in modes.values())


def compare(before: Mapping[str, object], now: Mapping[str, object], baseline: str) -> Comparison:
    """Metric deltas and moved questions for every mode both evaluations ran."""
    before_modes, now_modes = _modes(before), _modes(now)
    if _lists_ids(before) and _lists_ids(now):
        ids_before, ids_now = _listed_ids(before), _listed_ids(now)
        known = ids_now
    else:  # an output of an older newsbot: an unanswerable question shows only where it failed
        ids_before, ids_now = _scored_ids(before), _scored_ids(now)
        known = sorted(set(_known_ids(before)) | set(_known_ids(now)), key=_natural)
    only_before = tuple(i for i in ids_before if i not in set(ids_now))
    only_now = tuple(i for i in ids_now if i not in set(ids_before))
    common = [i for i in known if i not in only_before and i not in only_now]
    modes = tuple(
        _compare_mode(label, before_modes[label], now_modes[label], common)
        for label in now_modes
        if label in before_modes
    )
    return Comparison(baseline, str(before.get("qa", "")), only_before, only_now, modes)


def _compare_mode(label: str, before: Mapping, now: Mapping, ids: list[str]) -> ModeComparison:
    overall_before, overall_now = _numbers(before.get("overall")), _numbers(now.get("overall"))
    hits = sorted((n for n in overall_now if re.fullmatch(r"hit@\d+", n)), key=lambda n: int(n[4:]))
    metrics = {n: (overall_before[n], overall_now[n]) for n in [*hits, *RANKING] if n in overall_before}
    abstained_before, abstained_now = _numbers(before.get("abstention")), _numbers(now.get("abstention"))
    abstention = {
        key: (int(abstained_before[field]), int(abstained_now[field]))
        for key, field in (("caught", "abstained_unanswerable"), ("refused", "abstained_answerable"))
        if field in abstained_before and field in abstained_now
    }
    return ModeComparison(label, metrics, abstention, tuple(_moves(before, now, ids)))


def _numbers(values: object) -> dict[str, float]:
    """The numeric entries of a JSON object (a hand-edited baseline may hold anything)."""
    if not isinstance(values, dict):
        return {}
    return {str(k): float(v) for k, v in values.items() if isinstance(v, int | float) and not isinstance(v, bool)}


def _moves(before: Mapping, now: Mapping, ids: list[str]) -> list[QuestionMove]:
    mrr_before, mrr_now = _mrr_of(before), _mrr_of(now)
    failed_before, failed_now = _failures_of(before), _failures_of(now)
    moves = []
    for question_id in ids:
        move = QuestionMove(
            question_id,
            mrr_before.get(question_id),
            mrr_now.get(question_id),
            failed_before.get(question_id, ""),
            failed_now.get(question_id, ""),
        )
        if move.mrr_before != move.mrr_now or move.failure_before != move.failure_now:
            moves.append(move)
    return moves


def _modes(document: Mapping[str, object]) -> dict[str, Mapping]:
    modes = document.get("modes", {})
    return {label: mode for label, mode in modes.items() if _mode_document(mode)} if isinstance(modes, dict) else {}


def _mode_document(mode: object) -> bool:
    return isinstance(mode, dict) and isinstance(mode.get("overall"), dict)


def _lists_ids(document: Mapping[str, object]) -> bool:
    return isinstance(document.get("question_ids"), list)


def _listed_ids(document: Mapping[str, object]) -> list[str]:
    return [str(i) for i in document["question_ids"]]  # type: ignore[attr-defined]


def _scored_ids(document: Mapping[str, object]) -> list[str]:
    """The answerable questions a set's scores cover."""
    return sorted({str(i) for mode in _modes(document).values() for i in mode.get("per_question", {})}, key=_natural)


def _known_ids(document: Mapping[str, object]) -> list[str]:
    """The questions an output without a list of ids shows: those scored, and those that failed."""
    failed = {str(f.get("id")) for mode in _modes(document).values() for f in mode.get("failures", [])
              if isinstance(f, dict)}  # fmt: skip
    return [*_scored_ids(document), *sorted(failed, key=_natural)]


def _mrr_of(mode: Mapping) -> dict[str, float]:
    scores = mode.get("per_question", {})
    found = {str(i): _numbers(s).get("mrr@10") for i, s in scores.items()} if isinstance(scores, dict) else {}
    return {i: round(value, 4) for i, value in found.items() if value is not None}


def _failures_of(mode: Mapping) -> dict[str, str]:
    failures = mode.get("failures", [])
    listed = failures if isinstance(failures, list) else []
    return {str(f["id"]): str(f.get("kind", "")) for f in listed if isinstance(f, dict) and "id" in f}


def _natural(question_id: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", question_id)]


def _mrr(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
