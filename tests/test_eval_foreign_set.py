"""Question sets written by others: field aliases, lone strings, derived types, and errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.foreign_set import UNLABELLED, SetFormatError, read_foreign_set
from eval.qa_set import load_qa

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, *records: object, name: str = "set.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_the_shipped_set_reads_the_same_as_with_the_strict_loader() -> None:
    path = REPO / "eval" / "qa.jsonl"
    reading = read_foreign_set(path)
    assert reading.items == load_qa(path)
    assert reading.notes(path) == []


def test_aliases_lone_strings_and_numeric_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"qid": 7, "query": "who hosted it", "answer": "Emmanuel Macron", "source": "a.txt", "level": "easy"},
        {"query_id": "f1", "text": "and where?", "history": "who hosted it", "expected": ["Élysée Palace"]},
    )
    first, second = read_foreign_set(path).items
    assert (first.id, first.question, first.answers, first.sources, first.difficulty) == (
        "7", "who hosted it", ("Emmanuel Macron",), ("a.txt",), "easy"
    )  # fmt: skip
    assert (second.id, second.context, second.type) == ("f1", ("who hosted it",), "followup")


def test_a_context_of_chat_turns_keeps_the_readers_questions(tmp_path: Path) -> None:
    turns = [
        {"role": "user", "content": "who hosted it"},
        {"role": "assistant", "content": "Emmanuel Macron"},
        {"content": "and when?"},
        {"role": "user", "content": "  "},
    ]
    (item,) = read_foreign_set(write(tmp_path, {"question": "where?", "answers": ["x"], "history": turns})).items
    assert item.context == ("who hosted it", "and when?") and item.type == "followup"


@pytest.mark.parametrize(
    ("record", "expected_type"),
    [
        ({"question": "q", "answers": ["x"]}, UNLABELLED),
        ({"question": "q", "answers": []}, "unanswerable"),
        ({"question": "q", "answers": ["x"], "context": ["earlier"]}, "followup"),
        ({"question": "q", "answers": ["x"], "type": "Multi-Source"}, "multi_source"),
        ({"question": "q", "answers": ["x"], "type": "follow up"}, "followup"),
        ({"question": "q", "answers": ["x"], "type": "comparison"}, "comparison"),
        ({"question": "q", "type": "unanswerable"}, "unanswerable"),
    ],
)
def test_types_are_normalised_or_derived(tmp_path: Path, record: dict[str, object], expected_type: str) -> None:
    (item,) = read_foreign_set(write(tmp_path, record)).items
    assert item.type == expected_type
    assert item.id == "line1"


def test_notes_name_ignored_fields_and_unlabelled_questions(tmp_path: Path) -> None:
    path = write(tmp_path, {"question": "q", "answers": ["x"], "notes": "n", "url": "u"})
    notes = read_foreign_set(path).notes(path)
    assert any("ignored field(s) notes, url" in note for note in notes)
    assert any("1 question(s) have no type" in note for note in notes)


def test_a_json_array_file_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text(json.dumps([{"question": "q1", "answers": ["x"]}, {"question": "q2", "answers": []}]))
    assert [item.question for item in read_foreign_set(path).items] == ["q1", "q2"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"answers": ["x"]}'], ["line 1", "'question'", "missing or empty"]),
        (['{"question": "q"}'], ["line 1", "'answers'", "[] for an unanswerable"]),
        (['{"question": "q", "answers": ["x"], "type": "unanswerable"}'], ["'answers'", "no answer phrases"]),
        (['{"question": "q", "answers": [1, 2]}'], ["'answers'", "string or a list of strings"]),
        (['{"question": ["q"], "answers": []}'], ["'question'", "must be a string, got list"]),
        (['{"question": "q", "answers": [], "context": [5]}'], ["'context'", "chat turns"]),
        (['{"question": "q", "answers": []}', "{oops"], ["line 2", "invalid JSON"]),
        (['{"id": "a", "question": "q", "answers": []}'] * 2, ["line 2", "duplicate id 'a'", "line 1"]),
        (["[1, 2]"], ["line 1", "JSON object"]),
        (["", "  "], ["no questions"]),
    ],
)
def test_errors_name_the_line_and_the_field(tmp_path: Path, lines: list[str], expected: list[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SetFormatError) as caught:
        read_foreign_set(path)
    for fragment in expected:
        assert fragment in str(caught.value)
