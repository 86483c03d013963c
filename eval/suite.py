"""A whole evaluation: the set run in each mode, scored, abstention calibrated, failures picked out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answer import CitedPassage
from bot.engine import Engine
from eval.calibrate import Calibration, calibrate
from eval.metrics import ALL, Abstention, ModeScores, mean_scores, score_mode
from eval.qa_set import QAItem
from eval.qrels import Judgements, judge
from eval.run import DEPTH, ModeRun, QuestionRun, run_mode
from index.errors import NewsbotError

FAILURE_DEPTH = 5  # an answerable question fails when no passage in the top 5 answers it
SHOWN_INSTEAD = 3


@dataclass(frozen=True)
class Failure:
    """A question `ask` got wrong in one mode, with what it returned instead."""

    label: str
    kind: str  # missed: no answer in the top 5 · abstained: answerable but not answered · answered: unanswerable
    item: QAItem
    first_relevant_rank: int | None
    answer_passages: tuple[str, ...]
    returned: tuple[CitedPassage, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "mode": self.label,
            "kind": self.kind,
            "id": self.item.id,
            "type": self.item.type,
            "question": self.item.question,
            "context": list(self.item.context),
            "answers": list(self.item.answers),
            "answer_passages": list(self.answer_passages),
            "first_relevant_rank": self.first_relevant_rank,
            "returned": [
                {"rank": c.rank, "passage_id": c.passage.passage_id, "outlet": c.passage.cited_outlet,
                 "highlight": c.highlight_text}
                for c in self.returned
            ],
        }  # fmt: skip


@dataclass(frozen=True)
class Evaluation:
    """Runs, scores and calibration of one question set on one index."""

    qa_path: str
    items: tuple[QAItem, ...]
    judgements: Judgements
    runs: dict[str, ModeRun]
    scores: dict[str, ModeScores]
    calibration: dict[str, Calibration]
    threshold: float


def evaluate_set(
    engine: Engine,
    items: Sequence[QAItem],
    labels: Sequence[str],
    qa_path: str = "",
    progress: Callable[[], None] | None = None,
) -> Evaluation:
    """Ask every question in every mode through Engine.ask and score the answers."""
    judgements = judge(items, engine.corpus.passages)
    missing = judgements.unjudgeable(items)
    if len(missing) == sum(1 for item in items if item.answers) and missing:
        raise NewsbotError(
            f"no indexed passage contains any answer phrase of {qa_path or 'the question set'}",
            "evaluate against the index of the articles the set was written for (--index-dir / --articles)",
        )
    runs = {label: run_mode(engine, items, label, DEPTH, progress) for label in labels}
    scores = {label: score_mode(judgements, run) for label, run in runs.items()}
    calibration = {label: calibrate(run) for label, run in runs.items()}
    return Evaluation(qa_path, tuple(items), judgements, runs, scores, calibration, engine.settings.abstain_below)


def pool(evaluations: Sequence[Evaluation], label: str) -> ModeScores:
    """One mode's scores over the questions of several sets together: each metric the mean over all their
    answerable questions (so a set weighs by its size), abstention counted over all of them."""
    rows: dict[str, dict[str, float]] = {}
    groups: dict[str, list[str]] = {ALL: []}
    for number, evaluation in enumerate(evaluations):
        types = {item.id: item.type for item in evaluation.items}
        for question_id, values in evaluation.scores[label].per_question.items():
            key = f"{number}:{question_id}"  # ids repeat across sets
            rows[key] = values
            groups[ALL].append(key)
            groups.setdefault(types[question_id], []).append(key)
    by_type = {name: mean_scores(rows[key] for key in keys) for name, keys in groups.items() if keys}
    counts = {name: len(keys) for name, keys in groups.items()}
    parts = [evaluation.scores[label].abstention for evaluation in evaluations]
    totals = Abstention(
        unanswerable=sum(part.unanswerable for part in parts),
        abstained_unanswerable=sum(part.abstained_unanswerable for part in parts),
        answerable=sum(part.answerable for part in parts),
        abstained_answerable=sum(part.abstained_answerable for part in parts),
    )
    return ModeScores(label, rows, by_type, counts, totals)


def failures(evaluation: Evaluation, label: str) -> list[Failure]:
    """Every question of one mode that missed its answer or abstained wrongly, in set order."""
    found = []
    for question in evaluation.runs[label].questions:
        kind = _failure_kind(evaluation.judgements, question)
        if kind:
            found.append(_failure(evaluation.judgements, label, kind, question))
    return found


def first_relevant_rank(judgements: Judgements, question: QuestionRun) -> int | None:
    relevant = judgements.relevant.get(question.item.id, frozenset())
    ranks = (rank for rank, pid in enumerate(question.passage_ids, start=1) if pid in relevant)
    return next(ranks, None)


def _failure_kind(judgements: Judgements, question: QuestionRun) -> str:
    if not question.item.answers:
        return "answered" if question.answer.answered else ""
    if not judgements.relevant.get(question.item.id):
        return ""  # no indexed passage answers it: reported apart, not a retrieval failure
    rank = first_relevant_rank(judgements, question)
    if rank is None or rank > FAILURE_DEPTH:
        return "missed"
    return "" if question.answer.answered else "abstained"


def _failure(judgements: Judgements, label: str, kind: str, question: QuestionRun) -> Failure:
    return Failure(
        label=label,
        kind=kind,
        item=question.item,
        first_relevant_rank=first_relevant_rank(judgements, question),
        answer_passages=tuple(sorted(judgements.relevant.get(question.item.id, ()))),
        returned=question.answer.passages[:SHOWN_INSTEAD],
    )
