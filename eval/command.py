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
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA, help="question set (default eval/qa.jsonl)")
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

    items = load_set(args.qa)
    cutoffs = cutoffs_of(args)
    labels = check_modes(args.eval_modes or list(MODE_LABELS))
    default = mode_label(engine.settings.mode, engine.settings.fusion)
    shown = args.failures or (default if default in labels else labels[0])
    check_modes([shown])
    check_outputs(args)
    baseline = _baseline(args.compare, labels)
    evaluation = _evaluate(engine, items, labels, str(args.qa))
    _print(evaluation, cutoffs, shown, as_json=args.json, baseline=baseline)
    _write_extras(evaluation, engine, args)
    return _check(evaluation, engine, default) if args.check else 0


def _evaluate(engine: Engine, items: list[QAItem], labels: list[str], qa_path: str) -> Evaluation:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from eval.suite import evaluate_set

    console = Console(stderr=True)
    with Progress(TextColumn("asking"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("ask", total=len(items) * len(labels))
        return evaluate_set(engine, items, labels, qa_path, lambda: bar.advance(task))


def _baseline(path: Path | None, labels: list[str]) -> tuple[str, dict[str, object]] | None:
    """The earlier `eval --json` output to compare with, read and checked before any question is asked."""
    if path is None:
        return None
    from eval.compare import load_baseline

    document = load_baseline(path)
    scored = list(document["modes"])  # type: ignore[call-overload]
    if not set(scored) & set(labels):
        raise ConfigError(
            f"--compare {path} scored {', '.join(scored)}, none of the modes asked for now ({', '.join(labels)})",
            f"add --mode {scored[0]}",
        )
    return str(path), document


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
