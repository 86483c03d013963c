"""The Answer a reader gets: cited passages with highlights, or an honest "not answered"."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from index.chunk import Passage
from index.lexical import tokenize
from index.search import Hit
from index.sentences import sentence_spans

NOT_ANSWERED = "The articles don't answer this."


@dataclass(frozen=True)
class CitedPassage:
    """One passage of an answer: the text, where it is from, why it ranked, what to highlight."""

    rank: int
    passage: Passage
    score: float
    highlight: tuple[int, int]
    also_reported_by: tuple[str, ...] = ()
    variants: tuple[tuple[str, str], ...] = ()

    @property
    def highlight_text(self) -> str:
        start, end = self.highlight
        return self.passage.text[start:end]

    def to_json(self) -> dict[str, object]:
        passage = self.passage
        record: dict[str, object] = {
            "rank": self.rank,
            "text": passage.text,
            "outlet": passage.cited_outlet,
            "article": passage.article_id,
            "headline": passage.headline,
            "date": passage.date,
            "score": round(self.score, 6),
            "highlight": self.highlight_text,
            "passage_id": passage.passage_id,
            "url": passage.url,
        }
        if self.also_reported_by:
            record["also_reported_by"] = list(self.also_reported_by)
        if self.variants:
            record["variants"] = [{"outlet": o, "text": t} for o, t in self.variants]
        return record


@dataclass(frozen=True)
class Answer:
    """What newsbot says to a question: passages (answers, or only 'related' when not answered)."""

    question: str
    answered: bool
    passages: tuple[CitedPassage, ...]
    notes: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, object]:
        record: dict[str, object] = {
            "question": self.question,
            "answered": self.answered,
            "passages": [p.to_json() for p in self.passages],
        }
        if self.notes:
            record["notes"] = list(self.notes)
        record.update(self.extra)
        return record


def best_sentence(text: str, question: str) -> tuple[int, int]:
    """Span of the sentence sharing most question terms (ties: the earlier one)."""
    terms = set(tokenize(question))
    best, best_overlap = (0, len(text)), -1
    offset = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line):
            overlap = len(terms & set(tokenize(line[start:end])))
            if overlap > best_overlap:
                best, best_overlap = (offset + start, offset + end), overlap
        offset += len(line) + 1
    return best


EVIDENCE_DEPTH = 3  # passages whose words count as evidence: the top of the answer, whatever k is
# Words that shape a question without naming what it asks about (BM25's stopwords are already left out).
QUESTION_FILLER = frozenset(
    tokenize(
        "many much whats actually exactly really quote kind sort gonna wanna say said says tell think reckon "
        "happen happens get got go goes going make keep thing way like also still ever even anything something know"
    )
)


@dataclass(frozen=True)
class TermRarity:
    """How rare each search term is among the indexed passages (BM25's idf); a term never seen is the rarest."""

    document_frequency: dict[str, int]
    passages: int

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> TermRarity:
        frequency: Counter[str] = Counter()
        count = 0
        for text in texts:
            frequency.update(set(tokenize(text)))
            count += 1
        return cls(dict(frequency), count)

    def weight(self, term: str) -> float:
        seen = self.document_frequency.get(term, 0)
        return math.log(1 + (self.passages - seen + 0.5) / (seen + 0.5))


def question_terms(question: str) -> set[str]:
    """The stemmed content words of a question: what the passages must talk about to answer it."""
    return set(tokenize(question)) - QUESTION_FILLER


def answer_evidence(question: str, passages: Sequence[Passage], rarity: TermRarity | None = None) -> float:
    """Share of the question's content, weighted by rarity, that the top passages contain (1.0: all of it)."""
    terms = question_terms(question)
    if not terms:
        return 1.0
    found: set[str] = set()
    for passage in passages[:EVIDENCE_DEPTH]:
        found.update(tokenize(passage.text))
    weight = rarity.weight if rarity is not None else _uniform
    return sum(weight(term) for term in terms if term in found) / sum(weight(term) for term in terms)


def _uniform(_term: str) -> float:
    return 1.0


def is_answered(
    hits: Sequence[Hit], threshold: float, question: str | None = None, rarity: TermRarity | None = None
) -> bool:
    """Enough evidence: the top passages contain at least `threshold` of the question's content.

    Without the question (callers that do not pass it yet) any hit counts as an answer.
    """
    if not hits:
        return False
    if question is None:
        return True
    return answer_evidence(question, [hit.passage for hit in hits], rarity) >= threshold


def cite(hits: list[Hit], question: str, first_rank: int = 1) -> tuple[CitedPassage, ...]:
    return tuple(
        CitedPassage(rank, hit.passage, hit.score, best_sentence(hit.passage.text, question))
        for rank, hit in enumerate(hits, start=first_rank)
    )
