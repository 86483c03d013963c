"""Late interaction: token vectors, MaxSim, the bounded token-vector cache, and reordering only the top candidates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.corpus import IndexedCorpus
from index.late_interaction import RERANK_DEPTH, TokenVectorCache, inner_tokens, late_ranking, maxsim
from index.search import Searcher, SearchOptions


def test_inner_tokens_drop_cls_sep_and_padding_and_are_unit_length() -> None:
    hidden = np.arange(6 * 3, dtype=np.float32).reshape(6, 3) + 1  # [CLS] a b [SEP] [PAD] [PAD]
    tokens = inner_tokens(hidden, length=4)
    assert tokens.shape == (2, 3)
    np.testing.assert_allclose(np.linalg.norm(tokens, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(tokens[0], hidden[1] / np.linalg.norm(hidden[1]), rtol=1e-6)


def test_maxsim_averages_each_question_tokens_best_match() -> None:
    question = np.eye(3, dtype=np.float32)[:2]  # tokens along x and y
    passage = np.array([[1, 0, 0], [0, 0.6, 0.8]], dtype=np.float16)
    assert maxsim(question, passage) == pytest.approx((1.0 + 0.6) / 2, rel=1e-3)


class CountingEncoder:
    """Token vectors of length-1 'texts': one token whose vector is the text's number along one axis."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def token_vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        self.batches.append(list(texts))
        return [np.eye(8, dtype=np.float32)[[int(text) % 8]] for text in texts]


def test_cache_encodes_only_missing_rows_one_by_one_and_stays_bounded() -> None:
    encoder = CountingEncoder()
    cache = TokenVectorCache(str, encoder, capacity=3)
    first = cache.get([1, 2])
    assert encoder.batches == [["1"], ["2"]] and first[0].dtype == np.float16
    cache.get([2, 3])
    assert encoder.batches[-1] == ["3"]
    cache.get([4])  # evicts row 1, the least recently used
    assert len(cache) == 3
    cache.get([2, 1])
    assert encoder.batches[-1] == ["1"]


def test_late_ranking_orders_rows_by_maxsim() -> None:
    cache = TokenVectorCache(str, CountingEncoder())
    question = np.eye(8, dtype=np.float32)[[5]]
    assert [row for row, _ in late_ranking(question, [3, 5, 7], cache)] == [5, 3, 7]


QUESTIONS = [
    "Who hosted the summit?",
    "what did macron call the agreement",
    "how long did they talk before signing",
    "which countries will not send troops",
    "what did Kushner say about deterrence",
]


@pytest.mark.slow
@pytest.mark.parametrize("question", QUESTIONS)
def test_only_the_order_of_the_top_candidates_changes(seed_index: Path, question: str) -> None:
    searcher = Searcher(IndexedCorpus.open(seed_index))
    plain = [hit.row for hit in searcher.search(question, 10, SearchOptions(late_interaction=False))]
    late = [hit.row for hit in searcher.search(question, 10, SearchOptions())]
    assert set(late[:RERANK_DEPTH]) == set(plain[:RERANK_DEPTH])
    assert late[RERANK_DEPTH:] == plain[RERANK_DEPTH:]


@pytest.mark.slow
def test_onnx_and_torch_give_matching_token_vectors() -> None:
    from index.embed import Encoder

    texts = ["The summit was hosted by Emmanuel Macron.", "Troops"]
    onnx, torch = Encoder(backend="onnx"), Encoder(backend="torch")
    vector, tokens = onnx.encode_query_tokens(texts[0])
    np.testing.assert_allclose(vector, onnx.encode_query(texts[0]), atol=1e-5)
    for a, b in zip(onnx.token_vectors(texts), torch.token_vectors(texts), strict=True):
        assert a.shape == b.shape
        assert float(np.min(np.sum(a * b, axis=1))) > 0.95  # int8 against float32, token by token
    assert tokens.shape == onnx.token_vectors(texts[:1])[0].shape


@pytest.mark.slow
def test_question_vectors_are_remembered_and_read_only(seed_index: Path) -> None:
    searcher = Searcher(IndexedCorpus.open(seed_index))
    first = searcher.search("Who hosted the summit?", 3)
    vector, tokens = searcher._encoded("Who hosted the summit?")
    assert searcher._encoded.cache_info().hits == 1  # the search encoded it; this call found it
    assert not vector.flags.writeable and not tokens.flags.writeable
    again = searcher.search("Who hosted the summit?", 3)
    assert [h.row for h in again] == [h.row for h in first]
    assert searcher._encoded.cache_info().hits == 2


def test_auto_runs_late_interaction_below_the_passage_threshold_only() -> None:
    from index.late_interaction import AUTO_MAX_PASSAGES, wanted

    assert wanted("auto", 59) and not wanted("auto", AUTO_MAX_PASSAGES)
    assert wanted("on", 10 * AUTO_MAX_PASSAGES) and not wanted("off", 59)


@pytest.mark.slow
def test_the_engine_takes_the_setting(seed_index: Path) -> None:
    from bot.config import load_settings
    from bot.engine import Engine
    from index.errors import ConfigError

    assert Engine(load_settings({"index_dir": seed_index}, environ={})).options().late_interaction
    off = load_settings({"index_dir": seed_index}, environ={"NEWSBOT_LATE_INTERACTION": "off"})
    assert not Engine(off).options().late_interaction
    with pytest.raises(ConfigError, match="late_interaction = 'sometimes'"):
        load_settings({"index_dir": seed_index}, environ={"NEWSBOT_LATE_INTERACTION": "sometimes"})
