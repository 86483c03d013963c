"""Run a question set through Engine.ask (the code path of `newsbot ask`), once per retrieval mode."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answer import Answer
from bot.engine import Engine
from eval.qa_set import QAItem
from index.chunk import Passage
from index.errors import ConfigError, QuestionError

# Evaluation mode label -> (retrieval mode, fusion) as `ask --mode/--fusion` take them.
MODES: dict[str, tuple[str, str]] = {
    "bm25": ("bm25", "rrf"),
    "dense": ("dense", "rrf"),
    "hybrid-rrf": ("hybrid", "rrf"),
    "hybrid-convex": ("hybrid", "convex"),
}
DEPTH = 10  # passages asked for per question: enough for MRR@10 and nDCG@10


@dataclass(frozen=True)
class QuestionRun:
    """One question of the set and what `ask` answered, with the abstention evidence of that answer."""

    item: QAItem
    answer: Answer
    evidence: float

    @property
    def passage_ids(self) -> list[str]:
        return [cited.passage.passage_id for cited in self.answer.passages]


@dataclass(frozen=True)
class ModeRun:
    """The whole set answered in one retrieval mode."""

    label: str
    questions: tuple[QuestionRun, ...]


def mode_label(mode: str, fusion: str) -> str:
    """The evaluation label of a retrieval setting: hybrid modes carry their fusion."""
    return f"{mode}-{fusion}" if mode == "hybrid" else mode


def check_modes(labels: Sequence[str]) -> list[str]:
    unknown = [label for label in labels if label not in MODES]
    if unknown:
        raise ConfigError(f"evaluation mode {unknown[0]!r} is not known", f"use one of {', '.join(MODES)}")
    return list(dict.fromkeys(labels))


def run_mode(
    engine: Engine,
    items: Sequence[QAItem],
    label: str,
    depth: int = DEPTH,
    progress: Callable[[], None] | None = None,
) -> ModeRun:
    """Ask every question as `ask --batch` does (followups with their context) in one mode."""
    mode, fusion = MODES[label]
    runs = []
    for item in items:
        answer = _ask(engine, item, depth, mode, fusion)
        runs.append(QuestionRun(item, answer, float(answer.extra.get("evidence", 0.0))))
        if progress is not None:
            progress()
    return ModeRun(label, tuple(runs))


def _ask(engine: Engine, item: QAItem, depth: int, mode: str, fusion: str) -> Answer:
    try:
        # pages of the configured k: the top 10 is what asking, then 'More' twice, shows a reader
        return engine.ask(
            item.question, k=depth, mode=mode, fusion=fusion, context=list(item.context), page=engine.settings.k
        )
    except QuestionError:
        return Answer(item.question, False, ())


def _passages(answer: Answer) -> list[Passage]:
    return [cited.passage for cited in answer.passages]
