"""Evaluation question set: load qa.jsonl, match answer phrases, validate against articles."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

QUESTION_TYPES = (
    "factoid",
    "paraphrase",
    "multi_source",
    "quote",
    "followup",
    "unanswerable",
)
DIFFICULTIES = ("easy", "medium", "hard")
REQUIRED_FIELDS = ("id", "question", "answers", "sources", "type", "difficulty")
OPTIONAL_FIELDS = ("context",)
MAX_ANSWERS = 3

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\ufeff"
_QUOTES = str.maketrans(
    dict.fromkeys(_SINGLE_QUOTES, "'")
    | dict.fromkeys(_DOUBLE_QUOTES, '"')
    | dict.fromkeys(_DASHES, "-")
    | dict.fromkeys(_INVISIBLE)
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class QAItem:
    """One evaluation question with the verbatim answer phrases and source articles."""

    id: str
    question: str
    answers: tuple[str, ...]
    sources: tuple[str, ...]
    type: str
    difficulty: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class DistributionRules:
    """Minimum size and per-type counts a question set must meet."""

    min_total: int = 70
    min_paraphrase_fraction: float = 1 / 3
    min_per_type: tuple[tuple[str, int], ...] = (
        ("paraphrase", 24),
        ("followup", 10),
        ("unanswerable", 8),
        ("multi_source", 6),
        ("quote", 6),
    )


DEFAULT_RULES = DistributionRules()


# --------------------------------------------------------------------------- matching


def normalize_for_match(text: str) -> str:
    """NFKC, straight quotes, ASCII hyphens, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WHITESPACE.sub(" ", text).strip().casefold()


def phrase_in(text: str, phrases: Iterable[str]) -> bool:
    """True when any non-empty phrase occurs in text, both sides normalized."""
    haystack = normalize_for_match(text)
    return any(_contains(haystack, phrase) for phrase in phrases)


def _contains(normalized_text: str, phrase: str) -> bool:
    needle = normalize_for_match(phrase)
    return bool(needle) and needle in normalized_text


# --------------------------------------------------------------------------- loading


def load_qa(path: str | Path) -> list[QAItem]:
    """Read a JSON-lines question set; raise ValueError naming file, line and field."""
    path = Path(path)
    items: list[QAItem] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = _parse_line(line, path, lineno)
        if item.id in seen:
            raise _error(path, lineno, "id", f"duplicate id {item.id!r} (first used on line {seen[item.id]})")
        seen[item.id] = lineno
        items.append(item)
    return items


def _error(path: Path, lineno: int, field: str | None, message: str) -> ValueError:
    where = f"{path}, line {lineno}" + (f", field {field!r}" if field else "")
    return ValueError(f"{where}: {message}")


def _parse_line(line: str, path: Path, lineno: int) -> QAItem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _error(path, lineno, None, f"invalid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise _error(path, lineno, None, "expected a JSON object")
    _check_keys(record, path, lineno)
    item = QAItem(
        id=_string(record, "id", path, lineno),
        question=_string(record, "question", path, lineno),
        answers=_strings(record, "answers", path, lineno),
        sources=_strings(record, "sources", path, lineno),
        type=_choice(record, "type", QUESTION_TYPES, path, lineno),
        difficulty=_choice(record, "difficulty", DIFFICULTIES, path, lineno),
        context=_strings(record, "context", path, lineno) if "context" in record else (),
    )
    _check_item_rules(item, path, lineno)
    return item


def _check_keys(record: dict[str, object], path: Path, lineno: int) -> None:
    for field in REQUIRED_FIELDS:
        if field not in record:
            raise _error(path, lineno, field, "missing required field")
    allowed = set(REQUIRED_FIELDS) | set(OPTIONAL_FIELDS)
    for field in record:
        if field not in allowed:
            raise _error(
                path, lineno, field, f"unknown field (allowed: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})"
            )


def _string(record: dict[str, object], field: str, path: Path, lineno: int) -> str:
    value = record[field]
    if not isinstance(value, str) or not value.strip():
        raise _error(path, lineno, field, "must be a non-empty string")
    return value


def _strings(record: dict[str, object], field: str, path: Path, lineno: int) -> tuple[str, ...]:
    value = record[field]
    if not isinstance(value, list) or not all(isinstance(entry, str) and entry.strip() for entry in value):
        raise _error(path, lineno, field, "must be a list of non-empty strings")
    return tuple(value)


def _choice(
    record: dict[str, object],
    field: str,
    choices: Sequence[str],
    path: Path,
    lineno: int,
) -> str:
    value = record[field]
    if value not in choices:
        raise _error(path, lineno, field, f"unknown {field} {value!r} (valid: {', '.join(choices)})")
    return str(value)


def _check_item_rules(item: QAItem, path: Path, lineno: int) -> None:
    if item.type == "followup" and not item.context:
        raise _error(path, lineno, "context", "a followup needs a non-empty list of earlier questions")
    if item.type != "followup" and item.context:
        raise _error(path, lineno, "context", "only followup questions take a context")
    if item.type == "unanswerable":
        for field in ("answers", "sources"):
            if getattr(item, field):
                raise _error(path, lineno, field, "an unanswerable question must have an empty list")
        return
    if not 1 <= len(item.answers) <= MAX_ANSWERS:
        raise _error(path, lineno, "answers", f"needs 1 to {MAX_ANSWERS} answer phrases, got {len(item.answers)}")


# --------------------------------------------------------------------------- validation


def validate_qa(
    items: Sequence[QAItem],
    articles: Mapping[str, str],
    rules: DistributionRules | None = DEFAULT_RULES,
) -> list[str]:
    """Problems with the set against the article texts; an empty list means valid.

    Pass ``rules=None`` to skip the size and type-distribution checks.
    """
    normalized = {name: normalize_for_match(text) for name, text in articles.items()}
    problems = _duplicate_ids(items)
    for item in items:
        problems.extend(_item_problems(item, normalized))
    if rules is not None:
        problems.extend(_distribution_problems(items, rules))
    return problems


def _duplicate_ids(items: Sequence[QAItem]) -> list[str]:
    counts = Counter(item.id for item in items)
    return [f"duplicate id {qid!r} used {n} times" for qid, n in counts.items() if n > 1]


def _item_problems(item: QAItem, normalized: Mapping[str, str]) -> list[str]:
    prefix = f"{item.id}:"
    problems: list[str] = []
    if item.type not in QUESTION_TYPES:
        problems.append(f"{prefix} unknown type {item.type!r}")
    if item.type == "followup" and not item.context:
        problems.append(f"{prefix} followup without context")
    if item.type == "unanswerable":
        if item.answers or item.sources:
            problems.append(f"{prefix} unanswerable question lists answers or sources")
        return problems
    if not item.answers:
        problems.append(f"{prefix} no answer phrases")
    if list(item.sources) != sorted(set(item.sources)):
        problems.append(f"{prefix} sources must be sorted and unique: {list(item.sources)}")
    for source in item.sources:
        if source not in normalized:
            problems.append(f"{prefix} unknown source article {source!r}")
    problems.extend(_phrase_problems(item, normalized))
    return problems


def _phrase_problems(item: QAItem, normalized: Mapping[str, str]) -> list[str]:
    prefix = f"{item.id}:"
    problems: list[str] = []
    listed = {name: normalized[name] for name in item.sources if name in normalized}
    for phrase in item.answers:
        if not any(_contains(text, phrase) for text in listed.values()):
            problems.append(f"{prefix} answer phrase {phrase!r} occurs in none of its sources {list(item.sources)}")
    expected = sorted(
        name for name, text in normalized.items() if any(_contains(text, phrase) for phrase in item.answers)
    )
    if expected != sorted(set(item.sources)):
        problems.append(
            f"{prefix} sources {list(item.sources)} should be {expected} (the articles containing an answer phrase)"
        )
    return problems


def _distribution_problems(items: Sequence[QAItem], rules: DistributionRules) -> list[str]:
    counts = Counter(item.type for item in items)
    total = len(items)
    problems: list[str] = []
    if total < rules.min_total:
        problems.append(f"only {total} questions; at least {rules.min_total} required")
    for qtype, minimum in rules.min_per_type:
        if counts[qtype] < minimum:
            problems.append(f"only {counts[qtype]} {qtype} questions; at least {minimum} required")
    if counts["paraphrase"] < rules.min_paraphrase_fraction * total:
        problems.append(
            f"{counts['paraphrase']} of {total} questions are paraphrase; "
            f"at least {rules.min_paraphrase_fraction:.0%} required"
        )
    return problems


# --------------------------------------------------------------------------- command line


def load_articles(directory: str | Path) -> dict[str, str]:
    """Every *.txt file in directory, keyed by file name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"article directory not found: {directory}")
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))}
    if not articles:
        raise FileNotFoundError(f"no *.txt articles in {directory}")
    return articles


def summary(items: Sequence[QAItem]) -> str:
    """One line: total and count per type."""
    counts = Counter(item.type for item in items)
    parts = ", ".join(f"{qtype} {counts[qtype]}" for qtype in QUESTION_TYPES)
    return f"{len(items)} questions ({parts})"


def main(argv: Sequence[str] | None = None) -> int:
    """Validate a question set against a directory of articles; 0 if valid, 1 if not."""
    parser = argparse.ArgumentParser(
        prog="python -m eval.qa_set",
        description="Validate a newsbot question set (JSON lines) against article files.",
    )
    parser.add_argument("qa_path", type=Path, help="question set, e.g. eval/qa.jsonl")
    parser.add_argument("articles_dir", type=Path, help="directory of article *.txt files")
    parser.add_argument(
        "--no-distribution", action="store_true", help="skip the size and per-type minimums (for small custom sets)"
    )
    args = parser.parse_args(argv)
    if not args.qa_path.is_file():
        print(f"error: question set not found: {args.qa_path}", file=sys.stderr)
        return 1
    try:
        items = load_qa(args.qa_path)
        articles = load_articles(args.articles_dir)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rules = None if args.no_distribution else DEFAULT_RULES
    problems = validate_qa(items, articles, rules)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {args.qa_path}", file=sys.stderr)
        return 1
    print(f"OK: {summary(items)} valid against {len(articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
