"""`newsbot eval`: flags, loading the set, running it, and printing tables, JSON, a plot or export files."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigError, NewsbotError

if TYPE_CHECKING:
    from bot.engine import Engine
    from eval.qa_set import QAItem
    from eval.suite import Evaluation

DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
MODE_LABELS = ("bm25", "dense", "hybrid-rrf", "hybrid-convex")
DEFAULT_CUTOFFS = (1, 3, 5)


def add_eval_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--qa",
        type=Path,
        nargs="+",
        default=[DEFAULT_QA],
        metavar="FILE",
        help="question set (default eval/qa.jsonl); several: each set's figures and all of them together",
    )
    parser.add_argument("--mode", dest="eval_modes", nargs="+", choices=MODE_LABELS, help="modes (default all four)")
    parser.add_argument("-k", dest="cutoffs", type=int, nargs="+", help="Hit@k cutoffs, 1..10 (default 1 3 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--plot", type=Path, metavar="FILE.png", help="also draw Hit@k curves per mode")
    parser.add_argument("--export", type=Path, metavar="DIR", help="also write BEIR files and TREC runs here")
    parser.add_argument("--failures", metavar="MODE", help="mode whose failed questions are listed (default hybrid)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the default mode is below the eval floors")
    parser.add_argument(
        "--compare", type=Path, metavar="BEFORE.json", help="show the change since an earlier `eval --json` output"
    )


def load_set(path: Path) -> list[QAItem]:
    """The questions of a set in eval/README.md's format or a close variant; notes on what was assumed."""
    from rich.console import Console

    from eval.foreign_set import SetFormatError, read_foreign_set

    if not path.is_file():
        raise NewsbotError(f"question set {path} not found", "give a JSONL question set with --qa (see eval/README.md)")
    try:
        reading = read_foreign_set(path)
    except SetFormatError as exc:
        raise NewsbotError(str(exc), "fix that line; `python -m eval.qa_set FILE ARTICLES` checks a set") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsbotError(f"question set {path} cannot be read ({exc})", "give a UTF-8 JSON-lines file") from None
    for note in reading.notes(path):
        Console(stderr=True).print(f"note: {note}", markup=False, highlight=False)
    return reading.items


def cutoffs_of(args: argparse.Namespace) -> list[int]:
    cutoffs = sorted(set(args.cutoffs or DEFAULT_CUTOFFS))
    if not all(1 <= k <= 10 for k in cutoffs):
        raise ConfigError(f"-k {' '.join(map(str, args.cutoffs))}: Hit@k needs k from 1 to 10", "e.g. -k 1 3 5")
    return cutoffs


def run_eval(engine: Engine, args: argparse.Namespace) -> int:
    """Evaluate, print, and write the optional plot and export; 1 when --check finds a regression."""
    from eval.run import check_modes, mode_label

    paths = _set_paths(args.qa)
    cutoffs = cutoffs_of(args)
    labels = check_modes(args.eval_modes or list(MODE_LABELS))
    default = mode_label(engine.settings.mode, engine.settings.fusion)
    shown = args.failures or (default if default in labels else labels[0])
    check_modes([shown])
    if len(paths) > 1:
        return _run_sets(engine, args, paths, labels, default)
    items = load_set(paths[0])
    check_outputs(args)
    baseline = _baseline(args.compare, labels)
    evaluation = _evaluate(engine, items, labels, str(paths[0]))
    _print(evaluation, cutoffs, shown, as_json=args.json, baseline=baseline)
    _write_extras(evaluation, engine, args)
    return _check(evaluation, engine, default) if args.check else 0


ONE_SET_FLAGS = ("plot", "export", "check")
WIDE = 150  # columns of the several-sets tables written to a file: every mode's figures on one line


def _set_paths(paths: list[Path]) -> list[Path]:
    """The --qa files, each once."""
    seen: dict[Path, Path] = {}
    for path in paths:
        if path.resolve() in seen:
            raise ConfigError(f"--qa names {path} twice", "give each question set once")
        seen[path.resolve()] = path
    return list(seen.values())


def _run_sets(engine: Engine, args: argparse.Namespace, paths: list[Path], labels: list[str], default: str) -> int:
    """Several sets: each evaluated as alone, then printed per set and all together (failures only if asked)."""
    from eval.compare import compare_sets
    from eval.report import failure_listing, pooled_json, sets_comparison_view, sets_view
    from eval.suite import failures, pool

    given = [f"--{flag}" for flag in ONE_SET_FLAGS if getattr(args, flag)]
    if given:
        raise ConfigError(
            f"{' and '.join(given)} works on one question set, and --qa names {len(paths)}",
            f"run it with one --qa FILE (without {given[0]}, several sets print each one's figures and all together)",
        )
    sets = [(path, load_set(path)) for path in paths]  # every file read before the first question is asked
    baseline = _sets_baseline(args.compare, labels)
    evaluations = [_evaluate(engine, items, labels, str(path)) for path, items in sets]
    pooled = {label: pool(evaluations, label) for label in labels}
    cutoffs = cutoffs_of(args)
    document = pooled_json(evaluations, pooled, cutoffs)
    comparison = compare_sets(baseline, document, str(args.compare)) if baseline else None
    if args.json:
        extra = {"comparison": comparison.to_json()} if comparison else {}
        print(json.dumps(document | extra, ensure_ascii=False))
        return 0
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:  # a file or a pipe: one line per set, not wrapped at 80 columns
        console = Console(highlight=False, width=WIDE)
    shown = default if default in labels else labels[0]
    console.print(sets_view(evaluations, pooled, cutoffs, shown))
    if comparison is not None:
        console.print(sets_comparison_view(comparison, shown))
    if args.failures:
        for evaluation in evaluations:
            console.print(f"\n{evaluation.qa_path}", style="bold", markup=False)
            console.print(failure_listing(failures(evaluation, args.failures), args.failures))
    return 0


def _sets_baseline(path: Path | None, labels: list[str]) -> dict[str, object] | None:
    """The earlier several-set `eval --json` output to compare with, read and checked before any question."""
    if path is None:
        return None
    from eval.compare import load_sets_baseline

    document = load_sets_baseline(path)
    _shares_a_mode(path, list(document["all_together"]["modes"]), labels)  # type: ignore[index]
    return document


def _evaluate(engine: Engine, items: list[QAItem], labels: list[str], qa_path: str) -> Evaluation:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from eval.suite import evaluate_set

    console = Console(stderr=True)
    asking = TextColumn(f"asking {Path(qa_path).name}")
    with Progress(asking, BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("ask", total=len(items) * len(labels))
        return evaluate_set(engine, items, labels, qa_path, lambda: bar.advance(task))


def _baseline(path: Path | None, labels: list[str]) -> tuple[str, dict[str, object]] | None:
    """The earlier `eval --json` output to compare with, read and checked before any question is asked."""
    if path is None:
        return None
    from eval.compare import load_baseline

    document = load_baseline(path)
    _shares_a_mode(path, list(document["modes"]), labels)  # type: ignore[call-overload]
    return str(path), document


def _shares_a_mode(path: Path, scored: list[str], labels: list[str]) -> None:
    """Refuse a baseline that scored none of the modes asked for now."""
    if not set(scored) & set(labels):
        raise ConfigError(
            f"--compare {path} scored {', '.join(scored)}, none of the modes asked for now ({', '.join(labels)})",
            f"add --mode {scored[0]}",
        )


def _print(
    evaluation: Evaluation,
    cutoffs: list[int],
    failures_of: str,
    *,
    as_json: bool,
    baseline: tuple[str, dict[str, object]] | None = None,
) -> None:
    from eval.compare import compare
    from eval.report import comparison_view, render, to_json

    document = to_json(evaluation, cutoffs)
    comparison = compare(baseline[1], document, baseline[0]) if baseline else None
    if as_json:
        extra = {"comparison": comparison.to_json()} if comparison else {}
        print(json.dumps(document | extra, ensure_ascii=False))
        return
    from rich.console import Console

    console = Console(highlight=False)
    console.print(render(evaluation, cutoffs, failures_of))
    if comparison is not None:
        console.print(comparison_view(comparison, failures_of))


PLOT_FORMATS = (".png", ".svg", ".pdf")


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse a --plot or --export path that cannot take the output, before the questions are asked."""
    if args.plot is not None:
        if args.plot.suffix.lower() not in PLOT_FORMATS:
            given = args.plot.suffix or "a name without extension"
            formats = ", ".join(PLOT_FORMATS)
            raise ConfigError(f"--plot {args.plot}: the plot is drawn as {formats}, not {given}", "e.g. hits.png")
        if args.plot.is_dir():
            raise ConfigError(f"--plot {args.plot} is a folder", "give a file name, e.g. --plot hits.png")
    if args.export is not None and args.export.exists() and not args.export.is_dir():
        raise ConfigError(f"--export {args.export} is a file", "give a folder for the BEIR files and TREC runs")


def _write_extras(evaluation: Evaluation, engine: Engine, args: argparse.Namespace) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    if args.plot:
        from eval.plot import plot_hit_curves

        with _writing("--plot", args.plot):
            console.print(f"Hit@k curves written to {plot_hit_curves(evaluation, args.plot)}", markup=False)
    if args.export:
        from eval.export import export

        with _writing("--export", args.export):
            written = export(evaluation, engine.corpus.passages, args.export)
        console.print(f"BEIR files and TREC runs written to {args.export} ({len(written)} files)", markup=False)


@contextlib.contextmanager
def _writing(flag: str, path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise NewsbotError(
            f"{flag} {path}: cannot be written ({exc.strerror})", "give a path in a writable folder"
        ) from None


def _check(evaluation: Evaluation, engine: Engine, label: str) -> int:
    from eval.gate import below_floors

    if label not in evaluation.scores:
        raise ConfigError(f"--check needs the default mode {label!r} among the evaluated modes", f"add --mode {label}")
    problems = below_floors(evaluation.scores[label], engine.settings)
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    for problem in problems:
        console.print(f"regression: {problem}", style="red", markup=False)
    return 1 if problems else 0
