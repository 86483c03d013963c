"""Scores of one mode's run: ranx retrieval metrics, outlet coverage@5 and abstention, per question and per type."""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eval.qrels import Judgements
from eval.run import DEPTH, ModeRun, QuestionRun

RANKING_METRICS = ("mrr@10", "ndcg@10", "recall@5")
COVERAGE = "outlet_coverage@5"
COVERAGE_DEPTH = 5
COVERAGE_TYPES = ("multi_source",)
ALL = "answerable"


def hit_names(cutoffs: Iterable[int]) -> list[str]:
    return [f"hit@{k}" for k in cutoffs]


def ranx_name(name: str) -> str:
    return name.replace("hit@", "hit_rate@")


@dataclass(frozen=True)
class Abstention:
    """How `answered: false` split over unanswerable and answerable questions."""

    unanswerable: int
    abstained_unanswerable: int
    answerable: int
    abstained_answerable: int

    @property
    def precision(self) -> float | None:
        abstained = self.abstained_unanswerable + self.abstained_answerable
        return self.abstained_unanswerable / abstained if abstained else None

    @property
    def recall(self) -> float | None:
        return self.abstained_unanswerable / self.unanswerable if self.unanswerable else None

    @property
    def false_abstention(self) -> float | None:
        return self.abstained_answerable / self.answerable if self.answerable else None

    def to_json(self) -> dict[str, object]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "false_abstention": self.false_abstention,
            "unanswerable": self.unanswerable,
            "abstained_unanswerable": self.abstained_unanswerable,
            "answerable": self.answerable,
            "abstained_answerable": self.abstained_answerable,
        }


@dataclass(frozen=True)
class ModeScores:
    """Everything measured for one mode: per-question scores, their means per type and overall, abstention."""

    label: str
    per_question: dict[str, dict[str, float]]
    by_type: dict[str, dict[str, float]]
    counts: dict[str, int]
    abstention: Abstention

    @property
    def overall(self) -> dict[str, float]:
        return self.by_type[ALL]


def score_mode(judgements: Judgements, run: ModeRun, depth: int = DEPTH) -> ModeScores:
    """Scores of one run; retrieval metrics only over questions that some indexed passage answers."""
    judged = [q for q in run.questions if judgements.relevant.get(q.item.id)]
    per_question = ranx_scores(judgements, judged, hit_names(range(1, depth + 1)) + list(RANKING_METRICS))
    for question in judged:
        if question.item.type in COVERAGE_TYPES:
            per_question[question.item.id][COVERAGE] = outlet_coverage(judgements, question)
    groups: dict[str, list[str]] = {ALL: [q.item.id for q in judged]}
    for question in judged:
        groups.setdefault(question.item.type, []).append(question.item.id)
    by_type = {name: mean_scores(per_question[qid] for qid in ids) for name, ids in groups.items()}
    counts = {name: len(ids) for name, ids in groups.items()}
    return ModeScores(run.label, per_question, by_type, counts, abstention(run.questions))


def ranx_scores(
    judgements: Judgements, questions: Sequence[QuestionRun], names: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Per-question metric values computed by ranx, in the order `ask` showed the passages."""
    from ranx import Qrels, Run, evaluate

    if not questions:
        return {}
    qrels = Qrels({q.item.id: dict.fromkeys(judgements.relevant[q.item.id], 1) for q in questions})
    run = Run({q.item.id: rank_scores(q.passage_ids) for q in questions}, name="newsbot")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*unsafe cast.*")
        evaluate(qrels, run, [ranx_name(n) for n in names], return_mean=False, make_comparable=True)
    return {q.item.id: {n: float(run.scores[ranx_name(n)][q.item.id]) for n in names} for q in questions}


def rank_scores(passage_ids: Sequence[str]) -> dict[str, float]:
    """Scores that keep the shown order (ranx re-sorts by score): first passage highest."""
    unique = list(dict.fromkeys(passage_ids))
    return {pid: float(len(unique) - rank) for rank, pid in enumerate(unique)}


def outlet_coverage(judgements: Judgements, question: QuestionRun, depth: int = COVERAGE_DEPTH) -> float:
    """Share of the reports (articles) carrying the answer that the top `depth` passages show or credit."""
    reporting = judgements.reporting[question.item.id]
    relevant = judgements.relevant[question.item.id]
    shown: set[str] = set()
    credited: set[str] = set()
    for cited in question.answer.passages[:depth]:
        if cited.passage.passage_id in relevant:
            shown.add(cited.passage.article_id)
            credited.update(cited.also_reported_by)
    shown.update(a for a in reporting if judgements.outlet_of.get(a) in credited)
    return len(shown & reporting) / len(reporting)


def abstention(questions: Sequence[QuestionRun]) -> Abstention:
    unanswerable = [q for q in questions if not q.item.answers]
    answerable = [q for q in questions if q.item.answers]
    return Abstention(
        unanswerable=len(unanswerable),
        abstained_unanswerable=sum(not q.answer.answered for q in unanswerable),
        answerable=len(answerable),
        abstained_answerable=sum(not q.answer.answered for q in answerable),
    )


def mean_scores(rows: Iterable[dict[str, float]]) -> dict[str, float]:
    """Each metric's mean over the rows that have it (outlet coverage: multi-source questions only)."""
    columns: dict[str, list[float]] = {}
    for row in rows:
        for name, value in row.items():
            columns.setdefault(name, []).append(value)
    return {name: statistics.fmean(values) for name, values in columns.items()}
