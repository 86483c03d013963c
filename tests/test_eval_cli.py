"""`newsbot eval` end to end on the tiny index: JSON, tables, failures, plot, BEIR/TREC export, errors, --check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

QUESTIONS = [
    {"id": "t1", "question": "how much did the bridge cost", "answers": ["40 million euros"],
     "sources": ["alpha.txt"], "type": "factoid", "difficulty": "easy"},
    {"id": "t2", "question": "what did the central bank do to borrowing costs", "answers": ["raised its interest rate"],
     "sources": ["beta.txt"], "type": "paraphrase", "difficulty": "medium"},
    {"id": "t3", "question": "how long did it take to build", "context": ["how much did the bridge cost"],
     "answers": ["took three years to build"], "sources": ["alpha.txt"], "type": "followup", "difficulty": "medium"},
    {"id": "t4", "question": "who won the football match", "answers": [], "sources": [], "type": "unanswerable",
     "difficulty": "easy"},
]  # fmt: skip


@pytest.fixture
def tiny_qa(tmp_path: Path) -> Path:
    path = tmp_path / "tiny_qa.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_eval_json_plot_and_export(tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys) -> None:
    plot, export = tmp_path / "curves.png", tmp_path / "beir"
    code, out, err = run(
        capsys, "eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--mode", "bm25", "hybrid-rrf",
        "-k", "1", "3", "--json", "--plot", str(plot), "--export", str(export),
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    assert report["questions"] == 4 and report["unjudgeable"] == []
    assert set(report["modes"]) == {"bm25", "hybrid-rrf"}
    bm25 = report["modes"]["bm25"]
    assert set(bm25["overall"]) == {"hit@1", "hit@3", "mrr@10", "ndcg@10", "recall@5"}
    assert bm25["per_question"]["t1"]["hit@1"] == 1.0
    assert set(bm25["by_type"]) == {"answerable", "factoid", "paraphrase", "followup"}
    assert bm25["abstention"]["unanswerable"] == 1 and bm25["abstention"]["answerable"] == 3
    assert len(bm25["hit_curve"]) == 10 and bm25["calibration"]["chosen"]["threshold"] is not None
    for failure in bm25["failures"]:
        assert failure["kind"] in {"missed", "abstained", "answered"} and failure["returned"]
    assert plot.read_bytes().startswith(b"\x89PNG")
    assert (export / "qrels" / "test.tsv").read_text().splitlines()[:2] == [
        "query-id\tcorpus-id\tscore", "t1\talpha:000\t1"
    ]
    queries = [json.loads(line) for line in (export / "queries.jsonl").read_text().splitlines()]
    assert queries[2] == {"_id": "t3", "text": QUESTIONS[2]["question"],
                          "metadata": {"type": "followup", "context": ["how much did the bridge cost"]}}  # fmt: skip
    corpus = [json.loads(line) for line in (export / "corpus.jsonl").read_text().splitlines()]
    assert {c["_id"] for c in corpus} >= {"alpha:000", "beta:000"}
    run_lines = (export / "runs" / "hybrid-rrf.trec").read_text().splitlines()
    assert run_lines[0].split()[:4] == ["t1", "Q0", run_lines[0].split()[2], "1"]
    assert all(len(line.split()) == 6 for line in run_lines)


@pytest.mark.slow
def test_eval_tables_failures_and_check(tiny_index: Path, tiny_qa: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    args = ("eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--mode", "hybrid-rrf")
    code, out, _ = run(capsys, *args, "--check")
    assert code == 0
    assert "Retrieval on 3 answerable questions" in out
    assert "Abstention (answered: false)" in out and "failed questions in hybrid-rrf" in out
    monkeypatch.setenv("NEWSBOT_EVAL_FLOOR_MRR10", "1.01")
    code, _, err = run(capsys, *args, "--check")
    assert code == 1
    assert "regression: hybrid-rrf mrr@10" in err and "below the floor 1.010" in err


@pytest.mark.slow  # the tiny index is built with the model
def test_eval_errors_name_the_problem(tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "eval", "--qa", str(tmp_path / "none.jsonl"), "--index-dir", str(tiny_index))
    assert code == 1 and "none.jsonl not found" in err and "Traceback" not in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(QUESTIONS[0]) + "\n{oops\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "--qa", str(bad), "--index-dir", str(tiny_index))
    assert code == 1 and "line 2" in err and "invalid JSON" in err
    code, _, err = run(capsys, "eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "-k", "11")
    assert code == 2 and "-k 11" in err and "1 to 10" in err


@pytest.mark.parametrize(
    ("flag", "target", "message"),
    [
        ("--plot", "curves.txt", "the plot is drawn as .png, .svg, .pdf, not .txt"),
        ("--plot", "curves", "not a name without extension"),  # matplotlib would quietly write curves.png
        ("--plot", "folder.png", "folder.png is a folder"),
        ("--export", "file.tsv", "file.tsv is a file"),
    ],
)
def test_eval_refuses_unusable_outputs_before_asking(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys, flag: str, target: str, message: str
) -> None:
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "file.tsv").write_text("mine")
    argv = ["eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), flag, str(tmp_path / target)]
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err and out == ""  # no question was asked
    assert (tmp_path / "file.tsv").read_text() == "mine" and not (tmp_path / "curves.png").exists()


def test_eval_output_that_cannot_be_written_is_named(tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder is needed")
    argv = ["eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--json", "--mode", "bm25"]
    code, _, err = run(capsys, *argv, "--plot", str(blocker / "curves.png"))
    assert code == 1 and "curves.png: cannot be written" in err and "Traceback" not in err


@pytest.mark.slow
def test_eval_reads_a_set_in_another_shape(tiny_index: Path, tmp_path: Path, capsys) -> None:
    """An independent set with other field names, lone strings and no types is scored, with notes on stderr."""
    foreign = [
        {"qid": 1, "query": QUESTIONS[0]["question"], "answer": "40 million euros", "comment": "easy one"},
        {"qid": 2, "query": QUESTIONS[2]["question"], "history": "how much did the bridge cost",
         "answers": ["took three years to build"]},
        {"qid": 3, "query": "who won the football match", "answers": []},
    ]  # fmt: skip
    path = tmp_path / "theirs.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in foreign) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "eval", "--qa", str(path), "--index-dir", str(tiny_index), "--mode", "bm25", "--json")
    assert code == 0, err
    assert "ignored field(s) comment" in err and "have no type" in err
    bm25 = json.loads(out)["modes"]["bm25"]
    assert set(bm25["by_type"]) == {"answerable", "unlabelled", "followup"}
    assert bm25["per_question"]["1"]["hit@1"] == 1.0
    assert bm25["abstention"]["unanswerable"] == 1


@pytest.mark.slow
def test_eval_compares_with_an_earlier_json_output(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    args = ("eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--mode", "bm25", "hybrid-rrf")
    code, out, _ = run(capsys, *args, "--json")
    before = tmp_path / "before.json"
    before.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, *args, "--compare", str(before))
    assert code == 0 and f"Compared with {before}" in out and "No question moved in hybrid-rrf." in out
    baseline = json.loads(before.read_text(encoding="utf-8"))  # as if t1 had been missed before the change
    hybrid = baseline["modes"]["hybrid-rrf"]
    assert hybrid["per_question"]["t1"]["mrr@10"] == 1.0
    hybrid["per_question"]["t1"]["mrr@10"] = 0.0
    hybrid["failures"].append({"id": "t1", "kind": "missed"})
    hybrid["overall"]["hit@1"] -= 1 / 3
    before.write_text(json.dumps(baseline), encoding="utf-8")
    code, out, _ = run(capsys, *args, "--compare", str(before), "--json")
    comparison = json.loads(out)["comparison"]["modes"]
    assert comparison["hybrid-rrf"]["metrics"]["hit@1"]["delta"] == pytest.approx(1 / 3, abs=1e-3)
    assert comparison["hybrid-rrf"]["questions"] == [
        {"id": "t1", "better": True, "mrr@10": [0.0, 1.0], "failure": ["missed", ""]}
    ]
    assert comparison["bm25"]["questions"] == []
    code, out, _ = run(capsys, *args, "--compare", str(before))
    assert "1 better, 0 worse" in out and "t1 MRR@10 0.00 → 1.00; answer now in the top 5" in out
    assert "refused: answerable questions not answered" in " ".join(out.split())


def test_eval_refuses_a_baseline_it_cannot_compare_before_asking(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys
) -> None:
    before = tmp_path / "before.json"
    before.write_text(json.dumps({"modes": {"bm25": {"overall": {"hit@5": 1.0}}}}), encoding="utf-8")
    argv = ["eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--compare", str(before)]
    code, out, err = run(capsys, *argv, "--mode", "dense")
    assert code == 2 and "scored bm25, none of the modes asked for now (dense)" in err and out == ""
    before.write_text("not json", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert code == 1 and "not a readable JSON document" in err and "Traceback" not in err and out == ""


@pytest.mark.slow
def test_eval_scores_several_sets_each_and_all_together(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys
) -> None:
    second = tmp_path / "second.jsonl"  # the same ids as the first set: pooled apart all the same
    second.write_text("\n".join(json.dumps(q) for q in QUESTIONS[:2]) + "\n", encoding="utf-8")
    argv = ["eval", "--qa", str(tiny_qa), str(second), "--index-dir", str(tiny_index), "--mode", "bm25", "hybrid-rrf"]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [document["qa"] for document in report["sets"]] == [str(tiny_qa), str(second)]
    together = report["all_together"]
    assert together["sets"] == 2 and together["answerable"] == 5
    for label in ("bm25", "hybrid-rrf"):
        each = [document["modes"][label] for document in report["sets"]]
        sizes = [mode["by_type"]["answerable"]["questions"] for mode in each]
        weighted = sum(mode["overall"]["mrr@10"] * size for mode, size in zip(each, sizes, strict=True)) / sum(sizes)
        pooled = together["modes"][label]
        assert pooled["overall"]["mrr@10"] == pytest.approx(weighted, abs=1e-3)  # each set weighs by its size
        assert pooled["by_type"]["answerable"]["questions"] == 5 and pooled["by_type"]["factoid"]["questions"] == 2
        assert pooled["abstention"]["unanswerable"] == 1 and pooled["abstention"]["answerable"] == 5
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "per question set (2 sets)" in out and "All 2 sets together: 5 answerable" in out
    assert "tiny_qa" in out and "second" in out and "all together" in out
    assert "failed questions" not in out  # listed only when --failures asks
    code, out, _ = run(capsys, *argv, "--failures", "bm25")
    assert code == 0 and out.count("failed questions in bm25") == 2


@pytest.mark.parametrize("flag", [["--plot", "curves.png"], ["--export", "beir"], ["--check"]])
def test_eval_refuses_one_set_flags_with_several_sets(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys, flag: list[str]
) -> None:
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps(QUESTIONS[0]) + "\n", encoding="utf-8")
    argv = ["eval", "--qa", str(tiny_qa), str(second), "--index-dir", str(tiny_index), *flag]
    code, out, err = run(capsys, *argv)
    assert code == 2 and f"{flag[0]} works on one question set, and --qa names 2" in err and out == ""
    assert "Traceback" not in err and not (Path.cwd() / "curves.png").exists()


def test_eval_refuses_a_set_named_twice(tiny_index: Path, tiny_qa: Path, capsys) -> None:
    code, out, err = run(capsys, "eval", "--qa", str(tiny_qa), str(tiny_qa), "--index-dir", str(tiny_index))
    assert code == 2 and f"--qa names {tiny_qa} twice" in err and out == ""


@pytest.mark.slow
def test_eval_compares_several_sets_with_an_earlier_json_output(
    tiny_index: Path, tiny_qa: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(json.dumps(q) for q in QUESTIONS[:2]) + "\n", encoding="utf-8")
    args = ("eval", "--qa", str(tiny_qa), str(second), "--index-dir", str(tiny_index), "--mode", "hybrid-rrf")
    code, out, _ = run(capsys, *args, "--json")
    baseline = json.loads(out)  # as if the second set's t1 had been missed before the change
    hybrid = baseline["sets"][1]["modes"]["hybrid-rrf"]
    assert hybrid["per_question"]["t1"]["mrr@10"] == 1.0
    hybrid["per_question"]["t1"]["mrr@10"] = 0.0
    hybrid["failures"].append({"id": "t1", "kind": "missed"})
    baseline["all_together"]["modes"]["hybrid-rrf"]["overall"]["mrr@10"] -= 0.2
    before = tmp_path / "before.json"
    before.write_text(json.dumps(baseline), encoding="utf-8")
    code, out, _ = run(capsys, *args, "--compare", str(before), "--json")
    comparison = json.loads(out)["comparison"]
    together = comparison["all_together"]["modes"]["hybrid-rrf"]["metrics"]["mrr@10"]
    assert together["delta"] == pytest.approx(0.2, abs=1e-3)
    assert comparison["sets"][str(tiny_qa)]["modes"]["hybrid-rrf"]["questions"] == []
    assert comparison["sets"][str(second)]["modes"]["hybrid-rrf"]["questions"] == [
        {"id": "t1", "better": True, "mrr@10": [0.0, 1.0], "failure": ["missed", ""]}
    ]
    code, out, _ = run(capsys, *args, "--compare", str(before))
    assert code == 0 and "(all 2 sets together)" in out and "Each set in hybrid-rrf" in out
    assert "t1 MRR@10 0.00 → 1.00; answer now in the top 5" in out
    code, out, err = run(capsys, "eval", "--qa", str(tiny_qa), "--index-dir", str(tiny_index), "--compare", str(before))
    assert code == 1 and "the JSON of several sets, and --qa names one" in err and out == ""
    one = tmp_path / "one.json"
    one.write_text(json.dumps(baseline["sets"][0]), encoding="utf-8")
    code, out, err = run(capsys, *args, "--compare", str(one))
    assert code == 1 and "not the JSON of several sets" in err and out == ""
