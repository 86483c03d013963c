"""An Evaluation as rich tables for the terminal or as one JSON document for machines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from eval.compare import Comparison, ModeComparison, SetsComparison
from eval.metrics import ALL, COVERAGE, RANKING_METRICS, ModeScores, hit_names
from eval.qa_set import QUESTION_TYPES
from eval.suite import Evaluation, Failure, failures

HEADERS = {"mrr@10": "MRR@10", "ndcg@10": "nDCG@10", "recall@5": "R@5", COVERAGE: "outlets@5"}
SNIPPET = 110


def to_json(evaluation: Evaluation, cutoffs: Sequence[int]) -> dict[str, object]:
    """Every number of the evaluation, per mode, per type and per question, plus failures and calibration."""
    modes: dict[str, object] = {}
    for label, scores in evaluation.scores.items():
        modes[label] = _scores_json(scores, cutoffs) | {
            "hit_curve": [scores.overall[f"hit@{k}"] for k in range(1, 11)],
            "calibration": evaluation.calibration[label].to_json(),
            "per_question": scores.per_question,
            "failures": [f.to_json() for f in failures(evaluation, label)],
        }
    return {
        "qa": evaluation.qa_path,
        "questions": len(evaluation.items),
        "question_ids": [item.id for item in evaluation.items],
        "unjudgeable": evaluation.judgements.unjudgeable(evaluation.items),
        "abstain_below": evaluation.threshold,
        "modes": modes,
    }


def _scores_json(scores: ModeScores, cutoffs: Sequence[int]) -> dict[str, object]:
    """A mode's metrics overall and per question type, and its abstention counts."""
    names = [*hit_names(cutoffs), *RANKING_METRICS]
    return {
        "overall": _pick(scores.overall, names),
        "by_type": {
            qtype: _pick(values, [*names, COVERAGE]) | {"questions": scores.counts[qtype]}
            for qtype, values in scores.by_type.items()
        },
        "abstention": scores.abstention.to_json(),
    }


def render(evaluation: Evaluation, cutoffs: Sequence[int], failures_of: str | None) -> RenderableType:
    """Summary per mode, Hit@5/MRR per type, abstention and calibration, then the failures of one mode."""
    parts: list[RenderableType] = [summary_table(evaluation, cutoffs), type_table(evaluation.scores)]
    parts.append(abstention_table(evaluation))
    unjudgeable = evaluation.judgements.unjudgeable(evaluation.items)
    if unjudgeable:
        parts.append(Text(f"No indexed passage answers: {', '.join(unjudgeable)} (left out of the scores)", "yellow"))
    if failures_of is not None:
        parts.append(failure_listing(failures(evaluation, failures_of), failures_of))
    return Group(*parts)


def summary_table(evaluation: Evaluation, cutoffs: Sequence[int]) -> Table:
    some = next(iter(evaluation.scores.values()))
    title = f"Retrieval on {some.counts[ALL]} answerable questions ({evaluation.qa_path})"
    return _metrics_table(title, evaluation.scores, cutoffs)


def _metrics_table(title: str, scored: Mapping[str, ModeScores], cutoffs: Sequence[int]) -> Table:
    names = [*hit_names(cutoffs), *RANKING_METRICS]
    table = Table(title=title)
    table.add_column("mode")
    for name in [*names, COVERAGE]:
        table.add_column(_header(name), justify="right")
    for label, scores in scored.items():
        coverage = scores.by_type.get("multi_source", {}).get(COVERAGE)
        table.add_row(label, *(_num(scores.overall[n]) for n in names), _num(coverage))
    return table


def type_table(scored: Mapping[str, ModeScores]) -> Table:
    table = Table(title="Hit@5 / MRR@10 per question type")
    table.add_column("mode")
    some = next(iter(scored.values()))
    types = [t for t in QUESTION_TYPES if t in some.by_type] + sorted(set(some.counts) - {*QUESTION_TYPES, ALL})
    for qtype in types:
        table.add_column(f"{qtype}\nn={some.counts[qtype]}", justify="right")
    for label, scores in scored.items():
        cells = [f"{scores.by_type[t]['hit@5']:.2f}/{scores.by_type[t]['mrr@10']:.2f}" for t in types]
        table.add_row(label, *cells)
    return table


def abstention_table(evaluation: Evaluation) -> Table:
    table = Table(
        title=f"Abstention (answered: false) at abstain_below = {evaluation.threshold:g}",
        caption="P, R: precision and recall of abstaining on unanswerable questions; false: answerable ones not "
        "answered; t*: threshold calibrated on this set (false <= 5%); LOO: leave-one-out estimate at t*",
    )
    for column in ("mode", "P", "R", "false", "t*", "R / false at t*", "LOO R / false"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for label, scores in evaluation.scores.items():
        a, c = scores.abstention, evaluation.calibration[label]
        table.add_row(
            label,
            _num(a.precision),
            f"{a.abstained_unanswerable}/{a.unanswerable}",
            f"{a.abstained_answerable}/{a.answerable}",
            _num(c.chosen.threshold),
            f"{_num(c.chosen.recall)} / {_num(c.chosen.false_abstention)}",
            f"{_num(c.held_out.recall)} / {_num(c.held_out.false_abstention)}",
        )
    return table


def sets_view(
    evaluations: Sequence[Evaluation], pooled: Mapping[str, ModeScores], cutoffs: Sequence[int], default: str
) -> RenderableType:
    """Several sets: Hit@5 / MRR@10 of each in each mode (and abstention in the default mode), then every metric
    and the question types over all their questions together."""
    table = Table(
        title=f"Hit@5 / MRR@10 per question set ({len(evaluations)} sets)",
        caption=f"questions: answerable + unanswerable; caught: unanswerable questions not answered; refused: "
        f"answerable questions not answered ({default})",
    )
    for column in ("set", "questions", *pooled, "caught", "refused"):
        table.add_column(column, justify="left" if column == "set" else "right", no_wrap=column == "set")
    for evaluation in evaluations:
        table.add_row(Path(evaluation.qa_path).stem, *_set_cells(evaluation.scores, default))
    table.add_row("all together", *_set_cells(pooled, default), style="bold")
    some = next(iter(pooled.values()))
    title = (
        f"All {len(evaluations)} sets together: {some.counts[ALL]} answerable questions, "
        f"{some.abstention.unanswerable} unanswerable"
    )
    return Group(table, _metrics_table(title, pooled, cutoffs), type_table(pooled), _abstention_counts(pooled))


def _set_cells(scored: Mapping[str, ModeScores], default: str) -> list[str]:
    some = scored.get(default) or next(iter(scored.values()))
    counted = some.abstention
    cells = [f"{counted.answerable} + {counted.unanswerable}"]
    cells += [f"{scores.overall['hit@5']:.3f} / {scores.overall['mrr@10']:.3f}" for scores in scored.values()]
    caught = f"{counted.abstained_unanswerable}/{counted.unanswerable}"
    return [*cells, caught, f"{counted.abstained_answerable}/{counted.answerable}"]


def _abstention_counts(pooled: Mapping[str, ModeScores]) -> Table:
    table = Table(title="Abstention over all the sets (answered: false)")
    for column in ("mode", "P", "caught", "R", "refused", "false"):
        table.add_column(column, justify="left" if column == "mode" else "right")
    for label, scores in pooled.items():
        a = scores.abstention
        table.add_row(
            label,
            _num(a.precision),
            f"{a.abstained_unanswerable}/{a.unanswerable}",
            _num(a.recall),
            f"{a.abstained_answerable}/{a.answerable}",
            _num(a.false_abstention),
        )
    return table


def pooled_json(
    evaluations: Sequence[Evaluation], pooled: Mapping[str, ModeScores], cutoffs: Sequence[int]
) -> dict[str, object]:
    """Each set's document (as `to_json`) and the figures over all their questions together."""
    modes = {label: _scores_json(scores, cutoffs) for label, scores in pooled.items()}
    some = next(iter(pooled.values()))
    named = f"all {len(evaluations)} sets together"
    together = {"qa": named, "sets": len(evaluations), "answerable": some.counts[ALL], "modes": modes}
    return {"sets": [to_json(evaluation, cutoffs) for evaluation in evaluations], "all_together": together}


def failure_listing(found: Sequence[Failure], label: str) -> RenderableType:
    """Each failed question, where its answer is, and what `ask` returned instead."""
    lines = Text(f"\n{len(found)} failed questions in {label}:\n", style="bold")
    for failure in found:
        item = failure.item
        first = failure.first_relevant_rank
        rank = f"answer first at rank {first}" if first else "answer not in the top 10"
        lines.append(f"\n{item.id} [{item.type}, {failure.kind}] ", style="bold red")
        lines.append(item.question)
        if item.context:
            lines.append(f"  (after: {' / '.join(item.context)})", style="dim")
        if item.answers:
            lines.append(f"\n  expected: {' | '.join(item.answers)} — in {', '.join(failure.answer_passages)}; {rank}")
        for cited in failure.returned:
            lines.append(f"\n  {cited.rank}. {cited.passage.passage_id} ({cited.passage.cited_outlet}): ", style="dim")
            lines.append(_snippet(cited.highlight_text))
    return lines


def comparison_view(comparison: Comparison, moves_of: str | None) -> RenderableType:
    """Each mode's metrics now, with the change since the baseline; then the questions that moved in one mode."""
    table = Table(
        title=f"Compared with {comparison.baseline} ({comparison.baseline_qa or 'question set not named'})",
        caption="now (change since the baseline); caught: unanswerable questions not answered; refused: answerable "
        "questions not answered",
    )
    some = comparison.modes[0]
    table.add_column("mode", no_wrap=True)
    for name in [*some.metrics, *some.abstention]:
        table.add_column(_header(name), justify="right")
    for mode in comparison.modes:
        cells = [_change(before, now) for before, now in mode.metrics.values()]
        cells += [_change(before, now, count=True, fewer_is_better=name == "refused")
                  for name, (before, now) in mode.abstention.items()]  # fmt: skip
        table.add_row(mode.label, *cells)
    parts: list[RenderableType] = [table]
    if comparison.only_before or comparison.only_now:
        parts.append(Text(_set_difference(comparison), "yellow"))
    moved = next((mode for mode in comparison.modes if mode.label == moves_of), None)
    if moved is not None:
        parts.append(_moves_listing(moved))
    return Group(*parts)


def sets_comparison_view(comparison: SetsComparison, label: str) -> RenderableType:
    """All the sets together against the baseline, then each set's change in one mode and its moved questions."""
    parts: list[RenderableType] = [comparison_view(comparison.together, None)]
    table = Table(
        title=f"Each set in {label}, compared with {comparison.baseline}",
        caption="now (change since the baseline); moved: questions whose MRR@10 or failure changed, better / worse",
    )
    for column in ("set", "Hit@5", "MRR@10", "caught", "refused", "moved"):
        table.add_column(column, justify="left" if column == "set" else "right", no_wrap=column == "set")
    listings: list[RenderableType] = []
    for qa, one in comparison.sets:
        mode = next((mode for mode in one.modes if mode.label == label), None)
        if mode is None:
            continue
        cells = [_change(*mode.metrics[name]) if name in mode.metrics else Text("–") for name in ("hit@5", "mrr@10")]
        cells += [_change(*mode.abstention[key], count=True, fewer_is_better=key == "refused")
                  if key in mode.abstention else Text("–") for key in ("caught", "refused")]  # fmt: skip
        better = sum(move.better for move in mode.moves)
        table.add_row(Path(qa).stem, *cells, f"{better} / {len(mode.moves) - better}" if mode.moves else "–")
        if mode.moves:
            listings.append(Group(Text(f"\n{Path(qa).stem}", style="bold"), _moves_listing(mode)))
    parts.append(table)
    unmatched = []
    if comparison.only_before:
        unmatched.append(f"Sets only in the baseline, not compared: {', '.join(comparison.only_before)}")
    if comparison.only_now:
        unmatched.append(f"Sets new since the baseline, not compared: {', '.join(comparison.only_now)}")
    if unmatched:
        parts.append(Text("\n".join(unmatched), "yellow"))
    return Group(*parts, *listings)


def _change(before: float, now: float, *, count: bool = False, fewer_is_better: bool = False) -> Text:
    delta = now - before
    shown = f"{now:g} ({delta:+g})" if count else f"{now:.3f} ({delta:+.3f})"
    if abs(delta) < 5e-5:
        return Text(f"{now:g} (=)" if count else f"{now:.3f} (=)")
    return Text(shown, "green" if (delta > 0) != fewer_is_better else "red")


def _set_difference(comparison: Comparison) -> str:
    lines = []
    if comparison.only_before:
        lines.append(f"Only in the baseline, not compared: {_some(comparison.only_before)}")
    if comparison.only_now:
        lines.append(f"New since the baseline, not compared: {_some(comparison.only_now)}")
    return "\n".join(lines)


def _some(question_ids: Sequence[str], shown: int = 10) -> str:
    rest = len(question_ids) - shown
    return ", ".join(question_ids[:shown]) + (f" and {rest} more" if rest > 0 else "")


def _moves_listing(mode: ModeComparison) -> Text:
    if not mode.moves:
        return Text(f"\nNo question moved in {mode.label}.")
    better = sum(move.better for move in mode.moves)
    lines = Text(f"\nQuestions that moved in {mode.label}: {better} better, {len(mode.moves) - better} worse\n")
    for move in mode.moves:
        lines.append(f"\n  {'↑' if move.better else '↓'} {move.question_id} ", "green" if move.better else "red")
        lines.append(move.description)
    return lines


def _header(metric: str) -> str:
    return HEADERS.get(metric, metric.replace("hit@", "Hit@"))


def _pick(values: dict[str, float], names: Sequence[str]) -> dict[str, float]:
    return {name: round(values[name], 4) for name in names if name in values}


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
