"""Chunking: passages of whole sentences, offsets into the cleaned text, quotes intact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.articles import Article, load_articles
from index.build import prepare
from index.chunk import ChunkParams, chunk_article, split_sentences
from index.errors import ConfigError
from index.sentences import sentence_spans
from tests.conftest import SEEDS

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=25))
    end = draw(st.sampled_from([".", "!", "?", ".”"]))
    opening = "“" if end == ".”" else ""
    return opening + words[0].capitalize() + "".join(" " + w for w in words[1:]) + end


def article(text: str) -> Article:
    return Article("a", "a.txt", text, "Outlet", "stated", "Headline", "2026-01-06", "")


@settings(max_examples=150, deadline=None)
@given(
    paragraphs=st.lists(st.lists(sentences(), min_size=1, max_size=6), min_size=1, max_size=8),
    min_words=st.integers(1, 60),
    extra=st.integers(0, 100),
)
def test_chunker_never_splits_a_sentence(paragraphs: list[list[str]], min_words: int, extra: int) -> None:
    text = "\n".join(" ".join(p) for p in paragraphs)
    passages = chunk_article(article(text), text, ChunkParams(min_words, min_words + extra))
    covered = [(p.start, p.end) for p in passages]
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
    position = 0
    for paragraph in paragraphs:
        for sentence in paragraph:
            start = text.index(sentence, position)
            end = start + len(sentence)
            position = end
            assert any(s <= start and end <= e for s, e in covered), f"sentence split: {sentence!r}"
    assert [p.seq for p in passages] == list(range(len(passages)))


def test_sentence_splitter_keeps_abbreviations_and_quotes() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. “We agreed,” he said. Then they left!"
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == ["Mr. Smith met Dr. Jones in the U.S. on Monday.", "“We agreed,” he said.", "Then they left!"]


def test_quotes_across_paragraphs_stay_in_one_passage() -> None:
    text = (
        "Addressing the media, the minister said: “We have had a very constructive meeting.\n"
        "“The purpose of the coalition is to deliver a peace that can last for the long term.\n"
        "“This work is more advanced than ever.”\n"
        "He then laid out the terms."
    )
    passages = chunk_article(article(text), text, ChunkParams(5, 200))
    assert "more advanced than ever.”" in passages[0].text
    assert passages[0].text.startswith("Addressing")
    assert [s.quote_open for s in split_sentences(text)] == [True, True, False, False]


def test_seed_passages_have_outlets_offsets_and_sizes() -> None:
    records, passages = prepare(load_articles(SEEDS), ChunkParams())
    texts = {r.article_id: r.text for r in records}
    assert len(passages) > 40
    for passage in passages:
        assert passage.outlet_confidence in {"stated", "inferred", "unknown"}
        assert passage.cited_outlet
        assert texts[passage.article_id][passage.start : passage.end] == passage.text
        assert len(passage.text.split()) <= 2 * ChunkParams().max_words
    assert len({p.passage_id for p in passages}) == len(passages)


def test_chunk_params_are_validated() -> None:
    with pytest.raises(ConfigError, match="min_words=50, max_words=10"):
        ChunkParams(50, 10)
