"""Searcher: a question in, ranked passages out — the one entry point the rest of newsbot uses."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.chunk import Passage
from index.corpus import IndexedCorpus
from index.embed import Encoder
from index.errors import REBUILD_HINT, ConfigError, IndexMismatchError, ModelError, QuestionError
from index.fuse import FUSIONS, RRF_K, convex, rrf
from index.late_interaction import LATE_WEIGHT, RERANK_DEPTH, TokenVectorCache, late_ranking
from index.lexical import TOKEN
from index.phrases import holding
from index.seats import seat_words
from index.textnorm import safe_text

MODES = ("bm25", "dense", "hybrid")
CANDIDATE_DEPTH = 100
# BM25 weight of earlier-turn context terms and of corpus words close in meaning to the question's words.
CONTEXT_WEIGHT = 0.5
# Weight of the earlier-turn context's vector against the follow-up's own in the dense query: equal, since a
# follow-up ("will it fight the russians?") leaves its subject to the turn before.
CONTEXT_VECTOR_WEIGHT = 1.0
RELATED_WEIGHT = 0.3
QUERY_CACHE = 1024  # question and context texts whose vectors are remembered
LEXICAL_LEADER_WITHIN = 5  # BM25's first passage is kept among the fused top 5 (reciprocal rank fusion only)


@dataclass(frozen=True)
class SearchOptions:
    """How to rank: retrieval mode, fusion method and its parameters."""

    mode: str = "hybrid"
    fusion: str = "rrf"
    alpha: float = 0.5
    rrf_k: int = RRF_K
    semantic_terms: bool = True
    late_interaction: bool = True  # hybrid-rrf only: the best candidates also ranked token by token

    @property
    def embeds_question(self) -> bool:
        """Whether the question is embedded, so that hits carry its cosine to their closest sentence (not with BM25
        alone, where a hit's cosine is 0.0)."""
        return self.mode != "bm25"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"retrieval mode {self.mode!r} is not known", f"use one of {', '.join(MODES)}")
        if self.fusion not in FUSIONS:
            raise ConfigError(f"fusion {self.fusion!r} is not known", f"use one of {', '.join(FUSIONS)}")
        if not 0.0 <= self.alpha <= 1.0:
            raise ConfigError(f"alpha={self.alpha} is outside [0, 1]", "use e.g. 0.5 (equal weight)")


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its fused score and the evidence behind it."""

    passage: Passage
    row: int
    score: float
    cosine: float
    bm25: float


class Searcher:
    """Ranks the passages of one loaded index for a question."""

    def __init__(self, corpus: IndexedCorpus, encoder: Encoder | None = None) -> None:
        self.corpus = corpus
        self._encoder = encoder
        self._token_cache: TokenVectorCache | None = None
        # A follow-up re-encodes its context, 'more' its question: remember the last texts' vectors.
        self._encoded = lru_cache(maxsize=QUERY_CACHE)(self._encode_text)

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = _index_encoder(self.corpus)
        check_model(self.corpus, self._encoder)
        return self._encoder

    def search(
        self,
        question: str,
        k: int = 3,
        options: SearchOptions | None = None,
        *,
        allowed_rows: Collection[int] | None = None,
        expansion: str = "",
        phrases: Sequence[str] = (),
    ) -> list[Hit]:
        """Top-k passages; `allowed_rows` restricts to a subset, `expansion` adds lower-weight context terms, and
        passages holding every one of `phrases` word for word come first (in their ranked order)."""
        options = options or SearchOptions()
        question, expansion = safe_text(question), safe_text(expansion)
        if not TOKEN.search(question):
            raise QuestionError(f"{question!r} has no words to search for", "ask a question in words")
        depth = CANDIDATE_DEPTH if allowed_rows is None else self.corpus.dense.size
        query = self._query(question, expansion) if options.embeds_question else None
        query_vector = query[0] if query is not None else None
        semantic = options.mode == "hybrid" and options.semantic_terms
        lexical = self._lexical(question, expansion, depth, semantic) if options.mode != "dense" else []
        dense = self.corpus.sentences.search(query_vector, depth) if query_vector is not None else []
        ranked = _allowed(_fuse(options, lexical, dense), allowed_rows)
        if query is not None and _late_interaction(options):
            late = late_ranking(query[1], [row for row, _ in ranked[:RERANK_DEPTH]], self.token_cache)
            fused = rrf([lexical, dense, late], k=options.rrf_k, weights=[1.0, 1.0, LATE_WEIGHT])
            ranked = _allowed(fused, allowed_rows)
        if options.mode == "hybrid" and options.fusion == "rrf":
            ranked = with_lexical_leader(ranked, _allowed(lexical, allowed_rows))
        if phrases:
            ranked = _holders_first(ranked, _allowed([(row, 0.0) for row in self.phrase_rows(phrases)], allowed_rows))
        return [self._hit(row, score, query_vector, lexical) for row, score in ranked[:k]]

    def phrase_rows(self, phrases: Sequence[str]) -> list[int]:
        """The passages holding every phrase word for word, in row order."""
        candidates = self.corpus.lexical.rows_with_all(" ".join(phrases))
        rows = range(len(self.corpus.passages)) if candidates is None else candidates
        return holding(self.corpus.passages, rows, phrases)

    @property
    def token_cache(self) -> TokenVectorCache:
        if self._token_cache is None:
            self._token_cache = TokenVectorCache(lambda row: self.corpus.passages[row].text, self.encoder)
        return self._token_cache

    def _query(self, question: str, expansion: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's vector (context terms blended in at CONTEXT_VECTOR_WEIGHT) and its token vectors."""
        vector, tokens = self._encoded(question)
        if expansion:
            context_vector, context_tokens = self._encoded(expansion)
            vector = vector + CONTEXT_VECTOR_WEIGHT * context_vector
            vector /= np.linalg.norm(vector)
            tokens = np.concatenate([tokens, context_tokens])
        return vector, tokens

    def _encode_text(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        vector, tokens = self.encoder.encode_query_tokens(text)
        vector.setflags(write=False)  # shared by every caller of the cache
        tokens.setflags(write=False)
        return vector, tokens

    def _lexical(self, question: str, expansion: str, depth: int, semantic: bool) -> list[tuple[int, float]]:
        """BM25 for the question, plus lower-weight BM25 for context terms and words close in meaning."""
        related = [*self.corpus.terms.expand(question, self.encoder), *seat_words(question)] if semantic else []
        if not expansion and not related:
            return self.corpus.lexical.search(question, depth)
        queries = [(question, 1.0), (expansion, CONTEXT_WEIGHT), (" ".join(related), RELATED_WEIGHT)]
        return top_rows(self.corpus.lexical.weighted_scores(queries), depth)

    def _hit(self, row: int, score: float, query: np.ndarray | None, lexical: list[tuple[int, float]]) -> Hit:
        cosine = self.corpus.sentences.passage_cosine(row, query) if query is not None else 0.0
        bm25 = dict(lexical).get(row, 0.0)
        return Hit(self.corpus.passages[row], row, score, cosine, bm25)


Ranking = list[tuple[int, float]]


def top_rows(scores: np.ndarray, depth: int) -> Ranking:
    """The `depth` best-scoring rows with a positive score, best first (ties: lower row first)."""
    depth = min(depth, len(scores))
    if depth <= 0:
        return []
    candidates = np.argpartition(-scores, depth - 1)[:depth]
    ordered = sorted(candidates.tolist(), key=lambda r: (-scores[r], r))
    return [(int(r), float(scores[r])) for r in ordered if scores[r] > 0]


def _allowed(ranked: Ranking, allowed_rows: Collection[int] | None) -> Ranking:
    if allowed_rows is None:
        return ranked
    allowed = set(allowed_rows)
    return [(row, score) for row, score in ranked if row in allowed]


def with_lexical_leader(ranked: Ranking, lexical: Ranking) -> Ranking:
    """The fused ranking with BM25's first passage inside its top LEXICAL_LEADER_WITHIN: reciprocal rank fusion weighs
    ranks alone, so the passage BM25 puts first (often the one holding the question's rare words) can sink below
    passages both legs rank middling ("will it fight the russians": BM25 1st, fused 8th; eval/README.md)."""
    if not lexical or any(row == lexical[0][0] for row, _ in ranked[:LEXICAL_LEADER_WITHIN]):
        return ranked
    leader = next((pair for pair in ranked if pair[0] == lexical[0][0]), lexical[0])
    head = [*ranked[: LEXICAL_LEADER_WITHIN - 1], leader]
    return head + [pair for pair in ranked[LEXICAL_LEADER_WITHIN - 1 :] if pair[0] != leader[0]]


def _holders_first(ranked: Ranking, holders: Ranking) -> Ranking:
    """The ranking with the passages holding the quoted phrases moved to the top, ranked ones in their order first."""
    holding_rows = {row for row, _ in holders}
    first = [pair for pair in ranked if pair[0] in holding_rows]
    ranked_rows = {row for row, _ in first}
    first += [pair for pair in holders if pair[0] not in ranked_rows]
    return first + [pair for pair in ranked if pair[0] not in holding_rows]


def _late_interaction(options: SearchOptions) -> bool:
    return options.mode == "hybrid" and options.fusion == "rrf" and options.late_interaction


def _fuse(options: SearchOptions, lexical: Ranking, dense: Ranking) -> Ranking:
    if options.mode == "bm25":
        return lexical
    if options.mode == "dense":
        return dense
    if options.fusion == "convex":
        return convex(lexical, dense, options.alpha)
    return rrf([lexical, dense], k=options.rrf_k)


def _index_encoder(corpus: IndexedCorpus) -> Encoder:
    """The model the index was built with; an index from a model not available here needs a rebuild."""
    name = corpus.manifest.model_name
    try:
        return Encoder(name, backend=corpus.manifest.encoder or None)
    except ModelError as exc:
        raise IndexMismatchError(
            f"{corpus.folder}: built with model {name!r}, which is not available here", REBUILD_HINT
        ) from exc


def check_model(corpus: IndexedCorpus, encoder: Encoder) -> None:
    """Refuse to search an index with vectors from another model."""
    manifest = corpus.manifest
    if encoder.weights_hash != manifest.model_sha256:
        raise IndexMismatchError(
            f"{corpus.folder}: built with model {manifest.model_name!r} (sha256 {manifest.model_sha256[:12]}…), "
            f"but the configured model is {encoder.source.name!r} (sha256 {encoder.weights_hash[:12]}…)",
            REBUILD_HINT,
        )
