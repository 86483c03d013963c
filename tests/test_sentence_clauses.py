"""A sentence listing things by semicolons is embedded clause by clause as well, and a clause stands for its passage
only by a margin."""

from __future__ import annotations

import numpy as np
import pytest

from index.aliases import alias_passages
from index.chunk import Passage
from index.dense import DenseIndex, build_faiss
from index.sentence_vectors import (
    CLAUSE_MARGIN,
    SentenceIndex,
    SentenceVectors,
    sentence_clauses,
    whole_sentence_rows,
)

LISTING = (
    "The declaration foresees the establishment of a US-led mechanism to monitor any ceasefire; long-term support "
    "for the Armed Forces of Ukraine, who are to remain the first line of defence; and continued defence "
    "cooperation with Kyiv on weapons production."
)


def _passage(row: int, text: str) -> Passage:
    return Passage(f"a:{row:03d}", "a", row, text, 0, len(text), (0, 0), (0, 0), "Sky", "stated", "h", "")


def test_a_sentence_listing_things_splits_into_its_clauses() -> None:
    assert sentence_clauses(LISTING) == [
        "The declaration foresees the establishment of a US-led mechanism to monitor any ceasefire",
        "long-term support for the Armed Forces of Ukraine, who are to remain the first line of defence",
        "and continued defence cooperation with Kyiv on weapons production.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Macron hosted the summit in Paris on Tuesday afternoon.",  # no semicolon
        "The leaders met; they signed the declaration of intent after hours of talks.",  # one piece too short
    ],
)
def test_other_sentences_have_no_clauses(sentence: str) -> None:
    assert sentence_clauses(sentence) == []


def test_clauses_are_embedded_after_their_sentence_and_counted_with_its_passage() -> None:
    first = _passage(0, f"Starmer spoke first. {LISTING}")
    second = _passage(1, "Zelensky thanked the allies.")
    aliased = alias_passages([first, second])
    assert aliased.embedded[:2] == ["Starmer spoke first.", LISTING]
    assert aliased.embedded[2].startswith("The declaration foresees")
    assert aliased.counts.tolist() == [5, 1]
    assert aliased.tokens[0].count("ceasefir") == 1  # BM25 terms stay the passage's own words, once


def test_whole_sentence_rows_mark_the_clauses() -> None:
    passages = [_passage(0, f"Starmer spoke first. {LISTING}"), _passage(1, "Zelensky thanked the allies.")]
    whole = whole_sentence_rows(passages, np.array([5, 1]))
    assert whole.tolist() == [True, True, False, False, False, True]


def test_rows_that_do_not_fit_the_layout_are_all_whole() -> None:
    """An index whose rows were laid out otherwise (one row per sentence) has no clause rows to mark."""
    whole = whole_sentence_rows([_passage(0, f"Starmer spoke first. {LISTING}")], np.array([2]))
    assert whole.tolist() == [True, True]


def _index(vectors: list[list[float]], counts: list[int], whole: list[bool]) -> SentenceIndex:
    rows = np.asarray(vectors, dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    sentences = SentenceVectors(rows, np.asarray(counts, dtype=np.int64))
    return SentenceIndex(DenseIndex(build_faiss(rows)), sentences, np.asarray(whole))


def _unit(cosine: float) -> list[float]:
    """A vector at this cosine to the query [1, 0]."""
    return [cosine, float(np.sqrt(1 - cosine**2))]


def test_a_clause_stands_for_its_passage_only_by_the_margin() -> None:
    query = np.asarray([1.0, 0.0], dtype=np.float32)
    clause_ahead = 0.6 + CLAUSE_MARGIN + 0.05
    index = _index([_unit(0.5), _unit(clause_ahead), _unit(0.6)], [2, 1], [True, False, True])
    ranked = index.search(query, 2)
    assert [row for row, _ in ranked] == [0, 1]
    assert ranked[0][1] == pytest.approx(clause_ahead - CLAUSE_MARGIN, abs=1e-5)
    close_clause = 0.6 + CLAUSE_MARGIN - 0.05
    index = _index([_unit(0.5), _unit(close_clause), _unit(0.6)], [2, 1], [True, False, True])
    assert [row for row, _ in index.search(query, 2)] == [1, 0]


def test_the_closeness_of_a_passage_is_its_best_whole_sentence() -> None:
    """The evidence weighs the passage's sentences, not a short clause that comes closer to any question."""
    query = np.asarray([1.0, 0.0], dtype=np.float32)
    index = _index([_unit(0.5), _unit(0.9)], [2], [True, False])
    assert index.passage_cosine(0, query) == pytest.approx(0.5, abs=1e-5)
