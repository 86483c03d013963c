"""Tests for the evaluation question set (eval/qa.jsonl) and its validator."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repo root, so `eval` imports without an install

from eval.qa_set import (  # noqa: E402
    QUESTION_TYPES,
    QAItem,
    load_articles,
    load_qa,
    main,
    normalize_for_match,
    phrase_in,
    validate_qa,
)
from eval.qrels import judge  # noqa: E402
from index.corpus import IndexedCorpus  # noqa: E402

SEEDS = ROOT / "seeds"
QA_PATH = ROOT / "eval" / "qa.jsonl"
A1 = "a1.txt"
A2 = "a2.txt"
ARTICLES = {
    A1: "Sir Keir said: “We’ve had a very constructive\nmeeting.” Then – later – Macron spoke.",
    A2: "Witkoff said the meeting was constructive and the talks went on.",
}


def item(**overrides: object) -> QAItem:
    fields: dict[str, object] = {
        "id": "t1",
        "question": "how was the meeting?",
        "answers": ("very constructive meeting",),
        "sources": (A1,),
        "type": "factoid",
        "difficulty": "easy",
        "context": (),
    }
    fields.update(overrides)
    return QAItem(**fields)  # type: ignore[arg-type]


def record(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": "q001",
        "question": "who hosted the summit?",
        "answers": ["hosted the summit"],
        "sources": [A1],
        "type": "factoid",
        "difficulty": "easy",
    }
    fields.update(overrides)
    return fields


def write_lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- shipped set


@pytest.fixture(scope="module")
def shipped() -> list[QAItem]:
    return load_qa(QA_PATH)


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return load_articles(SEEDS)


def test_shipped_set_validates_against_seed_articles(shipped: list[QAItem], seeds: dict[str, str]) -> None:
    assert validate_qa(shipped, seeds) == []


HOLDOUTS = ["holdout.jsonl", *(f"holdout{n}.jsonl" for n in range(2, 87))]


def test_every_shipped_set_is_validated_and_in_make_eval() -> None:
    probes = {"conversations.jsonl"}  # follow-up chains written to check one rule (eval/README.md), not a set
    shipped_sets = {path.name for path in QA_PATH.parent.glob("*.jsonl")} - probes
    assert shipped_sets == {"qa.jsonl", *HOLDOUTS}  # a new set: add it to HOLDOUTS
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\neval:", 1)[1].split("\n\n", 1)[0]
    assert {name for name in shipped_sets if f"eval/{name}" not in recipe} == set()  # and to `make eval`


@pytest.mark.parametrize("name", HOLDOUTS)
def test_holdout_sets_validate_and_share_no_question_with_the_other_sets(
    shipped: list[QAItem], seeds: dict[str, str], name: str
) -> None:
    holdout = load_qa(QA_PATH.parent / name)
    assert validate_qa(holdout, seeds, rules=None) == []
    others = {"qa.jsonl", *HOLDOUTS} - {name}
    asked_before = {qa.question.lower() for other in others for qa in load_qa(QA_PATH.parent / other)}
    assert {qa.question.lower() for qa in holdout}.isdisjoint(asked_before)
    assert set(Counter(qa.type for qa in holdout)) == set(QUESTION_TYPES)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["qa.jsonl", *HOLDOUTS])
def test_every_answerable_question_has_an_indexed_passage_holding_its_answer(name: str, seed_index: Path) -> None:
    # The validator reads the articles as written; the index drops headlines of other stories, photo credits and
    # page furniture, so an answer phrase found only there would leave its question out of every score.
    passages = IndexedCorpus.open(seed_index).passages
    items = load_qa(QA_PATH.parent / name)
    assert judge(items, passages).unjudgeable(items) == []


def test_the_conversation_set_validates_and_is_chains_of_follow_ups(seeds: dict[str, str]) -> None:
    conversations = load_qa(QA_PATH.parent / "conversations.jsonl")
    assert validate_qa(conversations, seeds, rules=None) == []
    assert {qa.type for qa in conversations} == {"followup"} and all(len(qa.context) >= 2 for qa in conversations)


def test_shipped_answers_are_verbatim_single_line_phrases(shipped: list[QAItem], seeds: dict[str, str]) -> None:
    for qa in shipped:
        for phrase in qa.answers:
            assert "\n" not in phrase, qa.id
            assert any(phrase in seeds[name] for name in qa.sources), (qa.id, phrase)


def test_shipped_set_covers_every_article_and_type(shipped: list[QAItem], seeds: dict[str, str]) -> None:
    covered = {name for qa in shipped for name in qa.sources}
    assert covered == set(seeds)
    assert set(Counter(qa.type for qa in shipped)) == set(QUESTION_TYPES)


def test_cli_reports_ok_for_shipped_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(QA_PATH), str(SEEDS)]) == 0
    assert capsys.readouterr().out.startswith("OK:")


# --------------------------------------------------------------------------- load_qa


def test_load_qa_reads_items_and_skips_blank_lines(tmp_path: Path) -> None:
    followup = record(id="q002", type="followup", context=["who hosted it?"])
    path = write_lines(tmp_path, [json.dumps(record()), "", json.dumps(followup)])
    items = load_qa(path)
    assert [qa.id for qa in items] == ["q001", "q002"]
    assert items[0].answers == ("hosted the summit",)
    assert items[1].context == ("who hosted it?",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", ["line 2", "invalid JSON"]),
        (json.dumps(record(id="q002", sources=None)), ["line 2", "'sources'", "list of non-empty strings"]),
        (
            json.dumps({k: v for k, v in record(id="q002").items() if k != "question"}),
            ["line 2", "'question'", "missing required field"],
        ),
        (
            json.dumps(record(id="q002", type="trivia")),
            ["line 2", "'type'", "'trivia'", "factoid", "paraphrase", "unanswerable"],
        ),
        (json.dumps(record()), ["line 2", "'id'", "duplicate id 'q001'", "line 1"]),
        (json.dumps(record(id="q002", type="followup")), ["line 2", "'context'", "followup"]),
        (json.dumps(record(id="q002", type="unanswerable")), ["line 2", "'answers'", "unanswerable"]),
        (json.dumps(record(id="q002", type="unanswerable", answers=[])), ["line 2", "'sources'", "unanswerable"]),
        (json.dumps(record(id="q002", difficulty="tricky")), ["line 2", "'difficulty'", "easy, medium, hard"]),
        (json.dumps(record(id="q002", answers=[])), ["line 2", "'answers'", "1 to 3"]),
        (json.dumps(record(id="q002", answer=["x"])), ["line 2", "'answer'", "unknown field"]),
        ("[1, 2]", ["line 2", "JSON object"]),
    ],
)
def test_load_qa_errors_name_file_line_and_field(tmp_path: Path, line: str, expected: list[str]) -> None:
    path = write_lines(tmp_path, [json.dumps(record()), line])
    with pytest.raises(ValueError) as excinfo:
        load_qa(path)
    message = str(excinfo.value)
    assert str(path) in message
    for fragment in expected:
        assert fragment in message


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("“Paris Declaration”", '"paris declaration"'),
        ("Ukraine’s ‘military hubs’", "ukraine's 'military hubs'"),
        ("room – Greenland — here", "room - greenland - here"),
        ("a  very,\n  very\tbig ", "a very, very big"),
        ("The\u00a0Independent", "the independent"),
        ("ＰＡＲＩＳ ２０２６", "paris 2026"),
        ("Élysée", "élysée"),
        ("Straße", "strasse"),
    ],
)
def test_normalize_for_match(raw: str, normalized: str) -> None:
    assert normalize_for_match(raw) == normalized


def test_phrase_in_matches_across_line_breaks_and_quote_styles() -> None:
    text = ARTICLES[A1]
    assert phrase_in(text, ["very constructive meeting"])
    assert phrase_in(text, ["\"We've had a VERY"])
    assert phrase_in(text, ["nowhere at all", "then - later - macron"])
    assert not phrase_in(text, ["Greenland"])
    assert not phrase_in(text, [])
    assert not phrase_in(text, ["  "])


# --------------------------------------------------------------------------- validate_qa


def test_validate_qa_accepts_correct_sources() -> None:
    qa = item(answers=("constructive",), sources=(A1, A2))
    assert validate_qa([qa], ARTICLES, rules=None) == []


def test_validate_qa_catches_wrong_sources_set() -> None:
    problems = validate_qa([item(answers=("constructive",))], ARTICLES, rules=None)
    assert len(problems) == 1
    assert "t1" in problems[0] and A2 in problems[0]


def test_validate_qa_catches_phrase_that_occurs_nowhere() -> None:
    qa = item(answers=("very constructive meeting", "a Greenland summit"))
    problems = validate_qa([qa], ARTICLES, rules=None)
    assert any("'a Greenland summit'" in p and "none of its sources" in p for p in problems)


def test_validate_qa_catches_phrase_only_in_unlisted_article() -> None:
    qa = item(answers=("talks went on",), sources=(A1,))
    problems = validate_qa([qa], ARTICLES, rules=None)
    assert any("none of its sources" in p for p in problems)
    assert any(f"should be ['{A2}']" in p for p in problems)


def test_validate_qa_catches_duplicates_unknown_and_unsorted_sources() -> None:
    items = [
        item(answers=("constructive",), sources=(A2, A1)),
        item(sources=(A1, "missing.txt")),
    ]
    problems = "\n".join(validate_qa(items, ARTICLES, rules=None))
    assert "duplicate id 't1'" in problems
    assert "sorted and unique" in problems
    assert "unknown source article 'missing.txt'" in problems


def test_validate_qa_checks_unanswerable_and_followup_items() -> None:
    items = [
        item(id="u1", type="unanswerable", answers=(), sources=(A1,)),
        item(id="f1", type="followup", context=()),
    ]
    problems = "\n".join(validate_qa(items, ARTICLES, rules=None))
    assert "u1: unanswerable question lists answers or sources" in problems
    assert "f1: followup without context" in problems


def test_validate_qa_enforces_distribution_minimums() -> None:
    problems = validate_qa([item()], ARTICLES)
    text = "\n".join(problems)
    assert "only 1 questions; at least 70 required" in text
    for qtype in ("paraphrase", "followup", "unanswerable", "multi_source", "quote"):
        assert f"{qtype} questions; at least" in text


# --------------------------------------------------------------------------- command line


def test_cli_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.jsonl"), str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert "question set not found" in err and "Traceback" not in err


def test_cli_prints_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    path = write_lines(tmp_path, [json.dumps(record(answers=["constructive"]))])
    assert main([str(path), str(articles), "--no-distribution"]) == 1
    assert "should be ['a1.txt', 'a2.txt']" in capsys.readouterr().out
