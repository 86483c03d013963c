"""Read question sets written by others: tolerant of field names and shapes, strict where meaning would change."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eval.qa_set import QUESTION_TYPES, QAItem

UNLABELLED = "unlabelled"
# Accepted spellings of each field, the canonical name first.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "qid", "_id", "query_id", "question_id"),
    "question": ("question", "query", "q", "text"),
    "answers": ("answers", "answer", "answer_phrases", "gold", "expected"),
    "sources": ("sources", "source", "articles"),
    "type": ("type", "question_type", "category"),
    "difficulty": ("difficulty", "level"),
    "context": ("context", "history", "previous", "conversation"),
}


@dataclass
class SetReading:
    """The questions of a foreign set, and what was assumed or ignored while reading it."""

    items: list[QAItem]
    ignored_fields: set[str] = field(default_factory=set)
    unlabelled: int = 0

    def notes(self, path: Path) -> list[str]:
        notes = []
        if self.ignored_fields:
            notes.append(f"{path}: ignored field(s) {', '.join(sorted(self.ignored_fields))}")
        if self.unlabelled:
            notes.append(
                f"{path}: {self.unlabelled} question(s) have no type; they count as {UNLABELLED!r} "
                "(or unanswerable / followup when they have no answers / a context)"
            )
        return notes


class SetFormatError(ValueError):
    """A question set line that cannot be evaluated, with its file and line."""


def read_foreign_set(path: Path) -> SetReading:
    """JSON lines (or one JSON array) of questions in the eval/README.md format or a close variant."""
    reading = SetReading([])
    seen: dict[str, int] = {}
    for lineno, record in _records(path):
        item = _item(record, lineno, path, reading)
        if item.id in seen:
            raise _error(path, lineno, "id", f"duplicate id {item.id!r} (first used on line {seen[item.id]})")
        seen[item.id] = lineno
        reading.items.append(item)
    if not reading.items:
        raise SetFormatError(f"{path}: no questions in the file")
    return reading


def _records(path: Path) -> list[tuple[int, dict[str, object]]]:
    text = path.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("["):
        try:
            array = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _error(path, exc.lineno, None, f"invalid JSON array ({exc.msg})") from None
        return [(number, _object(entry, path, number)) for number, entry in enumerate(array, 1)]
    records = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append((lineno, _object(json.loads(line), path, lineno)))
        except json.JSONDecodeError as exc:
            raise _error(path, lineno, None, f"invalid JSON ({exc.msg})") from None
    return records


def _object(entry: object, path: Path, lineno: int) -> dict[str, object]:
    if not isinstance(entry, dict):
        raise _error(path, lineno, None, "expected a JSON object with at least `question` and `answers`")
    return entry


def _item(record: dict[str, object], lineno: int, path: Path, reading: SetReading) -> QAItem:
    found = {name: _pick(record, name) for name in ALIASES}
    known = {alias for names in ALIASES.values() for alias in names}
    reading.ignored_fields.update(key for key in record if key not in known)
    question = _text(found["question"], path, lineno, "question")
    if question is None:
        raise _error(path, lineno, "question", "missing or empty; every line needs the question text")
    answers = _phrases(found["answers"], path, lineno, "answers")
    context = [] if found["context"] is None else earlier_questions(found["context"])
    if context is None:
        raise _error(path, lineno, "context", 'must be a string, a list of strings or chat turns ({"role": "user", …})')
    given_type = _text(found["type"], path, lineno, "type")
    qtype = _type(given_type, answers, context)
    if answers is None and qtype != "unanswerable":
        raise _error(path, lineno, "answers", "missing; give the answer phrases, or [] for an unanswerable question")
    if qtype == "unanswerable" and answers:
        raise _error(path, lineno, "answers", "an unanswerable question must have no answer phrases")
    reading.unlabelled += given_type is None
    return QAItem(
        id=_identifier(found["id"], lineno),
        question=question,
        answers=tuple(answers or ()),
        sources=tuple(_phrases(found["sources"], path, lineno, "sources") or ()),
        type=qtype,
        difficulty=_text(found["difficulty"], path, lineno, "difficulty") or "",
        context=tuple(context),
    )


def _pick(record: dict[str, object], name: str) -> object:
    return next((record[alias] for alias in ALIASES[name] if alias in record), None)


def _text(value: object, path: Path, lineno: int, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _error(path, lineno, name, f"must be a string, got {type(value).__name__}")
    return value.strip() or None


def _phrases(value: object, path: Path, lineno: int, name: str) -> Sequence[str] | None:
    """A list of strings (empty entries dropped); a lone string counts as a list of one."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        raise _error(path, lineno, name, "must be a string or a list of strings")
    return [entry for entry in value if entry.strip()]


def earlier_questions(context: object) -> list[str] | None:
    """A conversation's earlier questions: a list of strings, one string, or chat turns ({"role": "user",
    "content": …}; other roles' turns left out); empty entries dropped; None when it is none of these."""
    if isinstance(context, str):
        context = [context]
    if not isinstance(context, list):
        return None
    questions = []
    for turn in context:
        if isinstance(turn, dict) and isinstance(turn.get("content"), str):
            if turn.get("role", "user") == "user":
                questions.append(turn["content"])
        elif isinstance(turn, str):
            questions.append(turn)
        else:
            return None
    return [question for question in questions if question.strip()]


def _type(given: str | None, answers: Sequence[str] | None, context: Sequence[str]) -> str:
    if given:
        label = given.lower().replace("-", "_").replace(" ", "_")
        return next((known for known in QUESTION_TYPES if known.replace("_", "") == label.replace("_", "")), label)
    if answers is not None and not answers:
        return "unanswerable"
    return "followup" if context else UNLABELLED


def _identifier(value: object, lineno: int) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"line{lineno}"


def _error(path: Path, lineno: int, field_name: str | None, message: str) -> SetFormatError:
    where = f"{path}, line {lineno}" + (f", field {field_name!r}" if field_name else "")
    return SetFormatError(f"{where}: {message}")
