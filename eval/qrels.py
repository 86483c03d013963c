"""Relevance judgements from answer phrases: which indexed passages answer a question, which outlets report it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eval.qa_set import QAItem, normalize_for_match
from index.chunk import Passage


@dataclass(frozen=True)
class Judgements:
    """Per question id: the passages containing an answer phrase, and the reports (articles) they come from."""

    relevant: dict[str, frozenset[str]]
    reporting: dict[str, frozenset[str]]
    outlet_of: dict[str, str]

    def unjudgeable(self, items: Sequence[QAItem]) -> list[str]:
        """Answerable questions that no indexed passage answers (the set does not fit these articles)."""
        return [item.id for item in items if item.answers and not self.relevant.get(item.id)]


def judge(items: Sequence[QAItem], passages: Sequence[Passage]) -> Judgements:
    """Binary qrels: a passage is relevant when it contains one of the question's answer phrases."""
    texts = [(passage, normalize_for_match(passage.text)) for passage in passages]
    relevant: dict[str, frozenset[str]] = {}
    reporting: dict[str, frozenset[str]] = {}
    for item in items:
        phrases = [normalize_for_match(phrase) for phrase in item.answers]
        hits = [p for p, text in texts if any(phrase and phrase in text for phrase in phrases)]
        relevant[item.id] = frozenset(p.passage_id for p in hits)
        reporting[item.id] = frozenset(p.article_id for p in hits)
    outlet_of = {passage.article_id: passage.cited_outlet for passage in passages}
    return Judgements(relevant, reporting, outlet_of)
