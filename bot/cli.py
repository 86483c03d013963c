"""The `newsbot` command: subcommands index, ask, chat; heavy imports happen inside each subcommand."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ArticleError, NewsbotError

if TYPE_CHECKING:
    from rich.console import Console

    from bot.engine import Engine

Command = Callable[[argparse.Namespace], int]


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _settings_overrides(args: argparse.Namespace) -> dict[str, Any]:
    names = ("index_dir", "articles_dir", "model", "mode", "fusion", "k", "faiss_kind", "alpha")
    return {name: getattr(args, name, None) for name in names}


def make_engine(args: argparse.Namespace) -> Engine:
    from bot.config import load_settings
    from bot.engine import Engine

    config = Path(args.config) if getattr(args, "config", None) else None
    return Engine(load_settings(_settings_overrides(args), config_path=config))


def progress_bar(console: Console) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar showing sentences embedded and sentences/s (passages are embedded sentence by sentence)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("embedding sentences"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("embed", total=None, rate="")

        def update(done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:,.0f} sentences/s" if elapsed > 0 else ""
            bar.update(task, completed=done, total=total, rate=rate)

        yield update


def ensure_index(engine: Engine, console: Console) -> None:
    for update in progress_bar(console):
        if engine.ensure_index(lambda msg: console.print(msg, style="yellow"), update):
            console.print(f"Index ready: {engine.corpus.manifest.passage_count} passages.", style="green")
    if engine.corpus.manifest.older_recipe:
        console.print(
            f"note: {engine.settings.index_dir} was built by an older newsbot; `newsbot index build` rebuilds it with "
            "what this version adds (text embedded before comes from the embedding cache).",
            style="yellow",
            markup=False,
        )


def cmd_index_build(args: argparse.Namespace) -> int:
    from index.build import build_index

    engine = make_engine(args)
    console = _stderr_console()
    settings = engine.settings
    for update in progress_bar(console):
        manifest = build_index(settings.articles_dir, settings.index_dir, engine.index_settings, update)
    console.print(
        f"Indexed {len(manifest.articles)} articles as {manifest.passage_count} passages "
        f"({manifest.model_name}, {manifest.faiss_kind} vectors) in {settings.index_dir}",
        style="green",
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from index.build import library_dir
    from index.ingest import Metadata, ignored_fields_warnings, read_incoming, unknown_outlet_warning
    from index.update import add_articles

    engine = make_engine(args)
    console = _stderr_console()
    flags = Metadata(args.outlet, args.outlet_confidence, args.headline, args.date, args.url)
    unreadable: list[NewsbotError] = []
    skip = _skipping(console, unreadable)
    items = read_incoming([Path(p) for p in args.paths], flags, on_skip=skip)
    for item in items:
        if item.outlet_missing:
            console.print(f"warning: {unknown_outlet_warning(item)}", style="yellow", markup=False)
    for warning in ignored_fields_warnings(items):
        console.print(f"warning: {warning}", style="yellow", markup=False)
    articles = [item.to_article() for item in items]
    source = {a.article_id: item.source for a, item in zip(articles, items, strict=True)}
    settings = engine.settings
    for update in progress_bar(console):
        report = add_articles(
            settings.index_dir, settings.articles_dir, articles, engine.index_settings, update, on_wait=_say(console)
        )
    for duplicate in report.duplicates:
        skipped = source[duplicate.article.article_id]
        _say(console)(f"skipped {skipped}: same text as indexed article {duplicate.existing_id}")
    for article in report.textless:
        why = "no text to index once cleaned (only a headline or boilerplate)"
        skip(ArticleError(f"{source[article.article_id]}: {why}", "give its full text"))
    added = f"Added {_count(len(report.added), 'article')} as {_count(report.passages, 'passage')} to"
    console.print(
        f"{added} {settings.index_dir} (files kept in {library_dir(settings.index_dir)})."
        if report.added
        else f"Nothing added to {settings.index_dir}.",
        style="green" if report.added else "yellow",
        markup=False,
    )
    for record in report.added:
        print(record.article_id)
    return 1 if unreadable else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _skipping(console: Console, unreadable: list[NewsbotError]) -> Callable[[NewsbotError], None]:
    """Report an article file that cannot be added (one line and its hint); the rest of the batch goes on."""

    def skip(problem: NewsbotError) -> None:
        unreadable.append(problem)
        console.print(f"skipped {problem}", style="red", markup=False, highlight=False)

    return skip


def cmd_remove(args: argparse.Namespace) -> int:
    from index.update import remove_article

    engine = make_engine(args)
    console = _stderr_console()
    report = remove_article(engine.settings.index_dir, args.article, engine.index_settings, on_wait=_say(console))
    console.print(
        f"Removed {report.record.article_id} ({report.passages} passages) from the index and the library.",
        style="green",
        markup=False,
    )
    return 0


def _say(console: Console) -> Callable[[str], None]:
    return lambda message: console.print(message, style="yellow", markup=False)


def cmd_index_verify(args: argparse.Namespace) -> int:
    from index.corpus import IndexedCorpus
    from index.store import read_manifest, verify_checksums

    engine = make_engine(args)
    folder = engine.settings.index_dir
    problems = verify_checksums(folder, read_manifest(folder))
    if not problems:
        IndexedCorpus.open(folder)
    console = _stderr_console()
    for problem in problems:
        console.print(problem, style="red", markup=False)
    if problems:
        console.print("The index is damaged: rebuild it with `newsbot index build`.", style="red", markup=False)
        return 1
    console.print(f"{folder}: all checksums match and the parts agree.", style="green", markup=False)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    ensure_index(engine, _stderr_console())
    if args.batch:
        return _ask_batch(engine, Path(args.batch), args.outlet)
    if not args.question:
        raise NewsbotError("no question given", 'use `newsbot ask "your question"` or `--batch FILE.jsonl`')
    answer = engine.ask(" ".join(args.question), k=args.k, mode=args.mode, outlet=args.outlet)
    if args.json:
        from bot.render.json import render_json

        print(render_json(answer))
    else:
        from rich.console import Console

        from bot.render.terminal import render_terminal

        Console(highlight=False).print(render_terminal(answer))
    return 0


MAX_BAD_LINES_SHOWN = 10


def read_batch(path: Path) -> list[tuple[str, str, list[str]]]:
    """(id, question, context) per line of a batch JSONL file. Every line is read before any is answered, so a
    bad line stops the batch before it starts, and all bad lines are named at once."""
    if not path.is_file():
        raise NewsbotError(f"batch file {path} not found", 'give a JSONL file with one {"id", "question"} per line')
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError as exc:
        raise NewsbotError(f"{path}: not UTF-8 text (byte {exc.start})", "save the batch file as UTF-8 JSONL") from None
    questions, problems = [], []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                questions.append(_batch_line(path, number, line))
            except NewsbotError as exc:
                problems.append(exc)
    if problems:
        raise _bad_lines(path, problems)
    return questions


def _bad_lines(path: Path, problems: list[NewsbotError]) -> NewsbotError:
    """One error naming every bad line of a batch file (the first MAX_BAD_LINES_SHOWN), each with its fix."""
    if len(problems) == 1:
        return problems[0]
    shown = [
        f"  {_without_path(problem.message, path)}" + (f" ({problem.hint})" if problem.hint else "")
        for problem in problems
    ]
    more = len(problems) - MAX_BAD_LINES_SHOWN
    listing = "\n".join(shown[:MAX_BAD_LINES_SHOWN] + ([f"  … and {more} more"] if more > 0 else []))
    return NewsbotError(
        f"{path}: {len(problems)} lines cannot be read; nothing was answered:\n{listing}",
        "fix those lines and run the batch again",
    )


def _without_path(message: str, path: Path) -> str:
    return message.removeprefix(f"{path}, ")


def _batch_line(path: Path, number: int, line: str) -> tuple[str, str, list[str]]:
    """Field names as in a question set (`question` or `query`, optional `id`, `context` or `history`)."""
    from eval.foreign_set import ALIASES, earlier_questions

    where = f"{path}, line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise NewsbotError(f"{where}: not valid JSON ({exc.msg})", "write one JSON object per line") from None
    if not isinstance(record, dict):
        raise NewsbotError(f"{where}: expected a JSON object", 'e.g. {"id": "q1", "question": "..."}')
    question = next((record[name] for name in ALIASES["question"] if name in record), None)
    if not isinstance(question, str) or not question.strip():
        raise NewsbotError(f'{where}: needs a "question" (a non-empty string)', 'e.g. {"id": "q1", "question": "..."}')
    item_id = next((record[name] for name in ALIASES["id"] if name in record), number)
    context = earlier_questions(next((record[name] for name in ALIASES["context"] if name in record), []))
    if context is None:
        raise NewsbotError(
            f'{where}: "context" must be a list of earlier questions', 'e.g. "context": ["Who hosted the summit?"]'
        )
    return str(item_id), question, context


def _ask_batch(engine: Engine, path: Path, outlet: str | None = None) -> int:
    from bot.render.json import render_json

    for item_id, question, context in read_batch(path):
        answer = engine.ask(question, k=engine.settings.k, context=context, outlet=outlet)
        print(render_json(answer, id=item_id), flush=True)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.chat import run_chat

    engine = make_engine(args)
    console = _stderr_console()
    ensure_index(engine, console)
    return run_chat(engine)


def cmd_sources(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    ensure_index(engine, _stderr_console())
    if args.json:
        from bot.render.json import render_article_json, render_sources_json

        view = engine.article_view(args.article) if args.article else None
        print(render_article_json(view) if view else render_sources_json(engine.sources()))
        return 0
    from rich.console import Console

    from bot.render.terminal import render_article_terminal, render_sources_terminal

    shown = render_article_terminal(engine.article_view(args.article)) if args.article else None
    Console(highlight=False).print(shown or render_sources_terminal(engine.sources()))
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    from bot.telegram.command import load_bot_settings, serve

    settings = load_bot_settings(args)  # token and settings checked before any network call
    engine = make_engine(args)
    ensure_index(engine, _stderr_console())
    return serve(engine, settings, verbose=args.verbose)


def cmd_health(args: argparse.Namespace) -> int:
    """Cheap (no model, no numpy): the index manifest and file sizes, and the bot's heartbeat if it writes one."""
    from bot.config import load_settings
    from bot.health import health_problem, heartbeat_path

    config = Path(args.config) if getattr(args, "config", None) else None
    settings = load_settings(_settings_overrides(args), config_path=config)
    heartbeat = Path(args.heartbeat) if args.heartbeat else heartbeat_path()
    problem = health_problem(settings.index_dir, heartbeat)
    if problem:
        print(f"unhealthy: {problem}", file=sys.stderr)
        return 1
    print(f"healthy: {settings.index_dir}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.command import run_eval

    engine = make_engine(args)
    ensure_index(engine, _stderr_console())
    return run_eval(engine, args)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index-dir", help="index folder (default .newsbot, env NEWSBOT_INDEX_DIR)")
    parser.add_argument("--articles", dest="articles_dir", help="articles folder (default seeds/)")
    parser.add_argument("--model", help="embedding model: local path, installed package or hub name")
    parser.add_argument("--config", help="a newsbot.toml file (default ./newsbot.toml, env NEWSBOT_CONFIG)")


def _retrieval_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-k", type=int, help="number of passages (default 3)")
    parser.add_argument("--mode", choices=("bm25", "dense", "hybrid"), help="retrieval mode (default hybrid)")
    parser.add_argument("--fusion", choices=("rrf", "convex"), help="hybrid fusion (default rrf)")
    parser.add_argument("--alpha", type=float, help="dense weight for convex fusion (default 0.5)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Answers questions with cited passages from news articles."
    )
    parser.add_argument("--version", action="version", version=f"newsbot {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    index = sub.add_parser("index", help="build or verify the search index")
    index_sub = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    build = index_sub.add_parser("build", help="(re)build the index over the articles folder")
    _add_common(build)
    build.add_argument("--faiss", dest="faiss_kind", choices=("auto", "flat", "hnsw"), help="vector index kind")
    build.set_defaults(func=cmd_index_build)
    verify = index_sub.add_parser("verify", help="check the index files against their checksums")
    _add_common(verify)
    verify.set_defaults(func=cmd_index_verify)
    ask = sub.add_parser("ask", help="answer one question (or a batch file) with cited passages")
    ask.add_argument("question", nargs="*", help="the question")
    _add_common(ask)
    _retrieval_flags(ask)
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--batch", metavar="FILE.jsonl", help="answer each {id, question, context} line; prints JSONL")
    ask.add_argument("--outlet", metavar="NAME", help="answer from this outlet's articles only")
    ask.set_defaults(func=cmd_ask)
    add = sub.add_parser("add", help="add articles (.txt, .md, .html, folders, JSONL) to the index")
    add.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files, folders of them, or FILE.jsonl (one article per line: text or content, title, "
        "source, published, url …)",
    )
    _add_common(add)
    add.add_argument("--outlet", help="outlet of every article added (else from a sidecar .toml or the page)")
    add.add_argument("--outlet-confidence", choices=("stated", "inferred", "unknown"), help="default stated")
    add.add_argument("--headline", help="headline (else from a sidecar .toml, the page title or the first line)")
    add.add_argument("--date", help="ISO date, e.g. 2026-01-06")
    add.add_argument("--url", help="the article's address")
    add.set_defaults(func=cmd_add)
    remove = sub.add_parser("remove", help="remove an article added with `newsbot add`")
    remove.add_argument("article", help="article id, file name or unique id prefix")
    _add_common(remove)
    remove.set_defaults(func=cmd_remove)
    chat = sub.add_parser("chat", help="interactive question session in the terminal")
    _add_common(chat)
    _retrieval_flags(chat)
    chat.set_defaults(func=cmd_chat)
    sources = sub.add_parser("sources", help="list the indexed articles, or show article N in full")
    sources.add_argument("article", nargs="?", help="article number (from the list) or article id")
    _add_common(sources)
    sources.add_argument("--json", action="store_true", help="print JSON")
    sources.set_defaults(func=cmd_sources)
    from bot.telegram.command import add_bot_flags

    telegram = sub.add_parser("bot", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN)")
    _add_common(telegram)
    add_bot_flags(telegram)
    telegram.set_defaults(func=cmd_bot)
    health = sub.add_parser("health", help="exit 0 if the index loads and the bot's heartbeat is fresh (HEALTHCHECK)")
    _add_common(health)
    health.add_argument("--heartbeat", help="heartbeat file (default /data/heartbeat, env NEWSBOT_HEARTBEAT_FILE)")
    health.set_defaults(func=cmd_health)
    from eval.command import add_eval_flags

    evaluate = sub.add_parser("eval", help="score retrieval and abstention on a question set, per mode and type")
    _add_common(evaluate)
    add_eval_flags(evaluate)
    evaluate.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NewsbotError as exc:
        _stderr_console().print(f"error: {exc}", style="red", markup=False, highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
