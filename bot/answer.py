"""The Answer a reader gets: cited passages with highlights, or an honest "not answered"."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.chunk import Passage
from index.clean import capitalised_share
from index.lexical import TOKEN, tokenize
from index.search import Hit
from index.sentences import sentence_spans

HEADING_SHARE = 0.6  # a line with more capitalised words than this, and no closing punctuation, is a heading

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
    """Span of the sentence sharing most question terms (ties: the earlier one). A sub-heading ("Trilateral
    Declaration Signed in Paris") is chosen only when no sentence of running text shares a term: it names the
    subject, the sentence under it answers."""
    terms = set(tokenize(question))
    best, best_rank = (0, len(text)), (False, -1)
    offset = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line):
            sentence = line[start:end]
            overlap = len(terms & set(tokenize(sentence)))
            rank = (overlap > 0 and not is_heading(sentence), overlap)
            if rank > best_rank:
                best, best_rank = (offset + start, offset + end), rank
        offset += len(line) + 1
    return best


def is_heading(sentence: str) -> bool:
    """A title-case line: no closing punctuation, and most of its words capitalised."""
    words = TOKEN.findall(sentence)
    stripped = sentence.rstrip()
    if not words or stripped.endswith((".", "?", "!", ":", "”", '"', "’", ")")):
        return False
    return capitalised_share(words) > HEADING_SHARE


def cite(hits: list[Hit], question: str, first_rank: int = 1) -> tuple[CitedPassage, ...]:
    return tuple(
        CitedPassage(rank, hit.passage, hit.score, best_sentence(hit.passage.text, question))
        for rank, hit in enumerate(hits, start=first_rank)
    )
