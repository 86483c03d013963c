"""The abstention signal of bot/answer.py: rarity-weighted coverage of the question's content words."""

from __future__ import annotations

import math

import pytest

from bot.answer import EVIDENCE_DEPTH, TermRarity, answer_evidence, is_answered, question_terms
from index.chunk import Passage
from index.search import Hit

TEXTS = [
    "The mayor of Harbour City opened the new bridge on Monday.",
    "The bridge cost 40 million euros and took three years to build.",
    "The national bank raised its interest rate on Tuesday.",
    "The mayor said the bridge links the old town to the port.",
]


def passage(text: str, number: int = 0) -> Passage:
    return Passage(f"a:{number}", "a", number, text, 0, len(text), (0, 0), (0, 0), "Herald", "stated", "", "")


def hits(*texts: str) -> list[Hit]:
    return [Hit(passage(text, n), n, 1.0, 0.0, 0.0) for n, text in enumerate(texts)]


@pytest.fixture
def rarity() -> TermRarity:
    return TermRarity.from_texts(TEXTS)


def test_rarity_is_bm25_idf_and_unseen_terms_are_rarest(rarity: TermRarity) -> None:
    assert rarity.passages == 4
    assert rarity.document_frequency["bridg"] == 3
    assert rarity.weight("bridg") == pytest.approx(math.log(1 + 1.5 / 3.5))
    assert rarity.weight("tunnel") > rarity.weight("bank") > rarity.weight("bridg")


def test_question_terms_drop_stopwords_and_question_filler() -> None:
    assert question_terms("What did the mayor actually say about the bridge?") == {"mayor", "bridg"}
    assert question_terms("what's that?") == set()


def test_evidence_is_the_weighted_share_of_terms_found(rarity: TermRarity) -> None:
    top = [passage(TEXTS[1])]
    assert answer_evidence("how much did the bridge cost", top, rarity) == 1.0
    assert answer_evidence("what was the weather", top, rarity) == 0.0
    partial = answer_evidence("how much did the bridge toll cost", top, rarity)
    expected = (rarity.weight("bridg") + rarity.weight("cost")) / sum(
        rarity.weight(t) for t in ("bridg", "cost", "toll")
    )
    assert partial == pytest.approx(expected)
    assert answer_evidence("how much did the bridge toll cost", top) == pytest.approx(2 / 3)  # no rarity: uniform
    assert answer_evidence("and that?", top, rarity) == 1.0  # nothing to look for: not evidence against


def test_evidence_reads_only_the_top_passages(rarity: TermRarity) -> None:
    shown = [passage(TEXTS[2], n) for n in range(EVIDENCE_DEPTH)] + [passage(TEXTS[1], 9)]
    assert answer_evidence("bridge cost", shown, rarity) == 0.0
    assert answer_evidence("bridge cost", shown[-1:], rarity) == 1.0


def test_is_answered_compares_evidence_with_the_threshold(rarity: TermRarity) -> None:
    found = hits(TEXTS[1])
    assert is_answered(found, 0.5, "how much did the bridge cost", rarity)
    assert not is_answered(found, 0.5, "did the bank raise the interest rate", rarity)
    assert not is_answered([], 0.0, "bridge", rarity)
    assert is_answered(found, 0.0, "what was the weather", rarity)  # 0 never abstains while there are passages
    assert is_answered(found, 0.9)  # a caller without the question: any passage counts as an answer
