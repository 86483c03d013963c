"""Benchmark: the question sets as typed, with one typing slip per question (in its longest word, or in its first
function word: "what", "where", "does"), wrapped in chat ("hey, … lol"), written formally ("According to the
articles, who …?"), and with names in capitals ("Did the US sign?"), each with spelling correction off and on, in
the same run; and framed as in conversation ("honestly, … — is that right?")."""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.config import load_settings  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.names import corpus_names  # noqa: E402
from eval.qa_set import QAItem, load_qa  # noqa: E402
from eval.suite import evaluate_set  # noqa: E402
from index.spelling import FUNCTION_WORDS  # noqa: E402

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# each letter's right-hand neighbour on a QWERTY keyboard (the last of a row: its left-hand one)
KEYBOARD_NEIGHBOUR = {row[i]: row[i + 1] if i + 1 < len(row) else row[i - 1] for row in ROWS for i in range(len(row))}
SLIPS = ("swap", "drop", "double", "neighbour")
OPENERS = ("hey, ", "hi bot, ", "quick question: ", "ok so ", "can you tell me ", "", "")
CLOSERS = (" lol", " btw", " thanks", " please", "?", "", "")
VARIANTS = ("plain", "slips", "short-slips", "chatter", "formal", "capitals", "framing")
# How readers frame a question in conversation, before and after it.
FRAMES_BEFORE = ("honestly, ", "basically, ", "I'm trying to understand ", "out of curiosity, ", "so basically, ", "")
FRAMES_AFTER = (", any idea?", " — is that right?", ", if you know", ", can you explain?", "", "")


def slip(word: str, rng: random.Random) -> str:
    """One typing slip inside the word (never its first or last letter): two letters swapped, one dropped,
    one doubled, or one replaced by its keyboard neighbour."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(SLIPS)
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + KEYBOARD_NEIGHBOUR.get(word[i], word[i]) + word[i + 1 :]


def with_slips(items: list[QAItem], seed: int) -> list[QAItem]:
    """Each question with a slip in its longest word of 5+ letters (context questions left as written)."""
    return _slipped(items, seed, lambda words: max((w for w in words if len(w) >= 5), key=len, default=None))


def with_function_slips(items: list[QAItem], seed: int) -> list[QAItem]:
    """Each question with a slip in its first function word of 4+ letters ("what", "where", "does")."""
    return _slipped(items, seed, lambda words: next((w for w in words if w.lower() in FUNCTION_WORDS), None))


def _slipped(items: list[QAItem], seed: int, choose: Callable[[list[str]], str | None]) -> list[QAItem]:
    """Each question with one slip in the word `choose` picks from its words (none: left as written)."""
    rng = random.Random(seed)
    slipped = []
    for item in items:
        word = choose(re.findall(r"[A-Za-z]+", item.question))
        question = item.question
        if word is not None:
            question = re.sub(rf"\b{word}\b", slip(word, rng), question, count=1)
        slipped.append(dataclasses.replace(item, question=question))
    return slipped


def with_formal(items: list[QAItem], seed: int) -> list[QAItem]:
    """Each question as a question set would write it: capitalised, with a closing "?", and half of them
    "According to the articles, …" (`seed` picks which half)."""
    rng = random.Random(seed)
    formal = []
    for item in items:
        question = item.question.rstrip("?").strip()
        question = f"{question[:1].upper()}{question[1:]}?"
        if rng.random() < 0.5:
            question = f"According to the articles, {question[:1].lower()}{question[1:]}"
        formal.append(dataclasses.replace(item, question=question))
    return formal


ABBREVIATIONS = ("uk", "eu", "un", "nato")  # and "us" after "the": "tell us" is a pronoun


def with_capitals(items: list[QAItem], names: frozenset[str]) -> list[QAItem]:
    """Each question written with capitals: first letter, the articles' names ("Zelensky", "Paris") and
    abbreviations ("the US", "NATO"), with a closing "?"."""

    def capitalised(question: str) -> str:
        question = re.sub(r"\bthe us\b", "the US", question)
        question = re.sub(rf"\b(?:{'|'.join(ABBREVIATIONS)})\b", lambda m: m.group(0).upper(), question)
        question = re.sub(
            r"\b[a-z]+\b", lambda m: m.group(0).capitalize() if m.group(0) in names else m.group(0), question
        )
        question = question.rstrip("?").strip()
        return f"{question[:1].upper()}{question[1:]}?"

    return [
        dataclasses.replace(item, question=capitalised(item.question), context=tuple(map(capitalised, item.context)))
        for item in items
    ]


def with_chatter(items: list[QAItem], seed: int) -> list[QAItem]:
    """Each question with a chat opener and closer drawn from OPENERS and CLOSERS."""
    rng = random.Random(seed)
    return [
        dataclasses.replace(item, question=f"{rng.choice(OPENERS)}{item.question}{rng.choice(CLOSERS)}")
        for item in items
    ]


def with_framing(items: list[QAItem], seed: int) -> list[QAItem]:
    """Each question framed as in conversation, drawn from FRAMES_BEFORE and FRAMES_AFTER ("honestly, … — is
    that right?")."""
    rng = random.Random(seed)
    return [
        dataclasses.replace(item, question=f"{rng.choice(FRAMES_BEFORE)}{item.question}{rng.choice(FRAMES_AFTER)}")
        for item in items
    ]


def measure(engine: Engine, items: list[QAItem]) -> tuple[float, float, int, int]:
    """Hit@5, MRR@10, answerable questions not answered, and unanswerable ones not answered (hybrid-rrf)."""
    evaluation = evaluate_set(engine, items, ["hybrid-rrf"])
    overall = evaluation.scores["hybrid-rrf"].overall
    abstention = evaluation.scores["hybrid-rrf"].abstention
    return overall["hit@5"], overall["mrr@10"], abstention.abstained_answerable, abstention.abstained_unanswerable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index-dir", type=Path, default=REPO / ".newsbot", help="a seed index (newsbot index build)")
    names = ("qa.jsonl", "holdout.jsonl", *(f"holdout{n}.jsonl" for n in range(2, 87)))
    sets = [REPO / "eval" / name for name in names]
    parser.add_argument("--qa", type=Path, nargs="+", default=sets)
    parser.add_argument("--seed", type=int, default=7, help="seed of the slips (default 7)")
    parser.add_argument(
        "--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS), help="which variants (default all)"
    )
    args = parser.parse_args()
    base = load_settings({"index_dir": args.index_dir})
    engines = {name: Engine(dataclasses.replace(base, spelling=name)) for name in ("off", "on")}
    names = corpus_names([passage.text for passage in engines["on"].corpus.passages])
    header = f"{'set':<28} {'spelling':>8} {'Hit@5':>6} {'MRR@10':>7}"
    print(f"{header} {'not answered (answerable)':>26} {'(unanswerable)':>15}")
    for path in args.qa:
        items = load_qa(path)
        answerable = sum(1 for item in items if item.answers)
        variants = {
            "plain": items,
            "slips": with_slips(items, args.seed),
            "short-slips": with_function_slips(items, args.seed),
            "chatter": with_chatter(items, args.seed),
            "formal": with_formal(items, args.seed),
            "capitals": with_capitals(items, names),
            "framing": with_framing(items, args.seed),
        }
        for variant in args.variants:
            label = path.name if variant == "plain" else f"{path.name} + {variant.replace('-', ' ')}"
            for name, engine in engines.items():
                hit5, mrr, false, caught = measure(engine, variants[variant])
                print(
                    f"{label:<28} {name:>8} {hit5:>6.3f} {mrr:>7.3f} {false:>20}/{answerable:<5} "
                    f"{caught:>9}/{len(items) - answerable}"
                )


if __name__ == "__main__":
    main()
