"""Build an index directory from the articles folder and the library: clean, chunk, embed, index, publish atomically."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.aliases import AliasedPassages, alias_passages
from index.articles import METADATA_FILE, Article, Skipped, load_articles, read_metadata
from index.cache import EmbeddingCache, cache_dir, drop_superseded
from index.chunk import ChunkParams, Passage, chunk_article
from index.clean import clean_text
from index.dense import FAISS_KINDS, DenseIndex, build_faiss
from index.embed import BACKENDS, DEFAULT_MODEL, Encoder
from index.errors import ArticleError, ConfigError, IndexError_, IndexLocationError
from index.lexical import LexicalIndex
from index.segment import ArticleRecord, Segment
from index.semantic_terms import TermNeighbours
from index.sentence_vectors import SENTENCE_VECTORS, SentenceVectors
from index.store import (
    BM25_DIR,
    FINGERPRINTS,
    FORMAT_VERSION,
    MANIFEST,
    RECIPE,
    VECTORS,
    Manifest,
    describe_files,
    publish,
    read_manifest,
    say_waiting,
    staging_dir,
    write_json,
    write_lock,
)

__all__ = ["ArticleRecord", "IndexSettings", "build_index", "library_dir", "prepare"]

# Vectors from which `auto` picks HNSW. A flat search costs ~0.1 ms per 1,000 vectors and question on an idle core
# here (~0.4 ms on the busy shared machine): 5 ms at 50,000, the most a 30 ms hybrid query can spare; HNSW answers
# in under 1 ms with recall@10 0.95 (bench/scale.py, README "Large corpora").
HNSW_THRESHOLD = 50_000

# Texts embedded between two writes to the embedding cache: an interrupted build keeps what it embedded.
CACHE_CHUNK = 16_384

Progress = Callable[[int, int], None]
Announce = Callable[[str], None]


@dataclass(frozen=True)
class IndexSettings:
    """How to build: which model and encoder, passage sizes, and which FAISS index ('auto' picks by size)."""

    model: str = DEFAULT_MODEL
    chunking: ChunkParams = field(default_factory=ChunkParams)
    faiss_kind: str = "auto"
    encoder: str = ""

    def __post_init__(self) -> None:
        if self.faiss_kind not in ("auto", *FAISS_KINDS):
            raise ConfigError(
                f"faiss index kind {self.faiss_kind!r} is not known", f"use one of auto, {', '.join(FAISS_KINDS)}"
            )
        if self.encoder not in ("", *BACKENDS):
            raise ConfigError(f"encoder {self.encoder!r} is not known", f"use one of {', '.join(BACKENDS)}")

    def faiss_kind_for(self, vector_count: int) -> str:
        if self.faiss_kind != "auto":
            return self.faiss_kind
        return "hnsw" if vector_count >= HNSW_THRESHOLD else "flat"

    def make_encoder(self) -> Encoder:
        return Encoder(self.model, backend=self.encoder or None)


@dataclass(frozen=True)
class ModelStamp:
    """Which model and encoder made the vectors of an index."""

    name: str
    sha256: str
    encoder: str

    @classmethod
    def of(cls, encoder: Encoder) -> ModelStamp:
        return cls(encoder.source.name, encoder.weights_hash, encoder.backend)

    @classmethod
    def from_manifest(cls, manifest: Manifest) -> ModelStamp:
        return cls(manifest.model_name, manifest.model_sha256, manifest.encoder)


def library_dir(index_dir: Path) -> Path:
    """Where `newsbot add` keeps added articles: beside the index (`.newsbot-library/` for `.newsbot/`)."""
    index_dir = Path(index_dir)
    return index_dir.with_name(f"{index_dir.name}-library")


def check_neighbours(index_dir: Path) -> None:
    """The folders newsbot keeps beside an index (library, embedding cache) must be folders where they exist."""
    for folder, kept in ((library_dir(index_dir), "added articles"), (cache_dir(index_dir), "its embedding cache")):
        if folder.exists() and not folder.is_dir():
            raise IndexLocationError(
                f"{folder} is a file, where newsbot keeps {kept} for the index {index_dir}",
                "move that file away, or point --index-dir (or NEWSBOT_INDEX_DIR) at another folder",
            )


def prepare(articles: list[Article], params: ChunkParams) -> tuple[list[ArticleRecord], list[Passage]]:
    """Clean and chunk every article; passages are numbered article by article."""
    return prepare_reusing(articles, params, {})


Reusable = dict[str, tuple[ArticleRecord, list[Passage]]]


def prepare_reusing(
    articles: list[Article], params: ChunkParams, previous: Reusable
) -> tuple[list[ArticleRecord], list[Passage]]:
    """Like `prepare`, but an article unchanged since the previous index keeps its record and passages."""
    records, passages = [], []
    for article in articles:
        known = previous.get(article.article_id)
        if known is not None and known[0].same_source(article):
            records.append(known[0])
            passages.extend(known[1])
            continue
        text = clean_text(article.raw_text, headline=article.headline, outlet=article.outlet)
        records.append(ArticleRecord.from_article(article, text))
        passages.extend(chunk_article(article, text, params))
    return records, passages


def say_skipped(problem: ArticleError) -> None:
    """Default for an article file that cannot be read: one warning on stderr; the build goes on without it."""
    print(f"skipped {problem}", file=sys.stderr, flush=True)


def load_sources(articles_dir: Path, library: Path, on_skip: Skipped | None = say_skipped) -> list[Article]:
    """The articles folder, then the library of added articles (if it holds any)."""
    articles = load_articles(articles_dir, on_skip)
    if not (library / METADATA_FILE).is_file() or not read_metadata(library):
        return articles
    added = load_articles(library, on_skip)
    clash = sorted({a.article_id for a in articles} & {a.article_id for a in added})
    if clash:
        raise ArticleError(
            f"article {clash[0]!r} is both in {articles_dir} and in the library {library}",
            "rename one of the two files (and its articles.toml entry)",
        )
    return articles + added


def counting(progress: Progress | None, total: int) -> Callable[[int], None]:
    """An encoder callback (texts just done) that reports (done so far, total) to `progress`."""
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    return advance


def embed_texts(encoder: Encoder, texts: list[str], cache_root: Path, progress: Progress | None) -> np.ndarray:
    """Vectors for every text: from the embedding cache, or encoded (and then cached)."""
    drop_superseded(cache_root, encoder.identity)
    cache = EmbeddingCache(cache_root, encoder.identity)
    found, missing = cache.lookup(texts)
    if found is not None and not missing:
        return found
    advance = counting(progress, len(missing))
    vectors = found
    for first in range(0, len(missing), CACHE_CHUNK):
        rows = missing[first : first + CACHE_CHUNK]
        chunk = [texts[i] for i in rows]
        fresh = encoder.encode_passages(chunk, advance)
        cache.store(chunk, fresh)
        if vectors is None:
            vectors = np.zeros((len(texts), fresh.shape[1]), dtype=np.float32)
        vectors[rows] = fresh  # filled chunk by chunk: no second copy of all vectors
    assert vectors is not None
    return vectors


def embed_passages(
    encoder: Encoder, aliased: AliasedPassages, cache_root: Path, progress: Progress | None
) -> SentenceVectors:
    """Sentence vectors of every passage (passage vectors derive from them), through the embedding cache."""
    return SentenceVectors(embed_texts(encoder, aliased.embedded, cache_root, progress), aliased.counts)


def term_vectors(words: list[str], index_dir: Path, encoder: Encoder | None, settings: IndexSettings) -> np.ndarray:
    """Embeddings of vocabulary words for semantic query expansion, cached like passages."""
    encoder = encoder or settings.make_encoder()
    return embed_texts(encoder, words, cache_dir(index_dir), None)


def build_index(
    articles_dir: Path,
    index_dir: Path,
    settings: IndexSettings,
    progress: Progress | None = None,
    *,
    on_wait: Announce | None = say_waiting,
    on_skip: Skipped | None = say_skipped,
) -> Manifest:
    """Build the whole index over the articles folder and the library, and swap it into `index_dir` atomically.

    Unchanged articles keep their passages; passages embedded before come from the embedding cache. Article files
    that cannot be read are reported to `on_skip` and left out (None: they stop the build).
    """
    index_dir = Path(index_dir)
    check_neighbours(index_dir)
    encoder = settings.make_encoder()
    with write_lock(index_dir, on_wait):
        return build_locked(articles_dir, index_dir, settings, encoder, progress, on_skip)


def build_locked(
    articles_dir: Path,
    index_dir: Path,
    settings: IndexSettings,
    encoder: Encoder,
    progress: Progress | None,
    on_skip: Skipped | None = say_skipped,
) -> Manifest:
    """`build_index` for a caller that holds the write lock."""
    articles = load_sources(articles_dir, library_dir(index_dir), on_skip)
    records, passages = prepare_reusing(articles, settings.chunking, previous_contents(index_dir, settings))
    aliased = alias_passages(passages)
    sentences = embed_passages(encoder, aliased, cache_dir(index_dir), progress)
    segment = Segment(records, passages, sentences)
    return publish_full(index_dir, segment, ModelStamp.of(encoder), settings, encoder, aliased.tokens)


def previous_contents(index_dir: Path, settings: IndexSettings) -> Reusable:
    """Records and passages of the published index, by article, when its chunking matches; else nothing."""
    from index.corpus import read_segments

    try:
        manifest = read_manifest(index_dir)
        if manifest.chunking != chunking_json(settings.chunking):
            return {}
        segments = read_segments(index_dir, manifest)
    except IndexError_:
        return {}
    by_article: Reusable = {}
    for segment in segments:
        for record in segment.records:
            by_article[record.article_id] = (record, [])
        for passage in segment.passages:
            by_article[passage.article_id][1].append(passage)
    return by_article


def chunking_json(params: ChunkParams) -> dict[str, int]:
    return {"min_words": params.min_words, "max_words": params.max_words}


def publish_full(
    index_dir: Path,
    segment: Segment,
    stamp: ModelStamp,
    settings: IndexSettings,
    encoder: Encoder | None = None,
    tokens: list[list[str]] | None = None,
) -> Manifest:
    """Write a complete index (no delta part) into a staging folder and swap it in; hold the write lock.
    `tokens` are the passages' BM25 terms where the caller has them (`alias_passages`)."""
    words = TermNeighbours.vocabulary(p.text for p in segment.passages)
    terms = TermNeighbours(words, term_vectors(words, index_dir, encoder, settings))
    staging = staging_dir(index_dir)
    segment.write(staging)
    terms.save(staging)
    kind = settings.faiss_kind_for(len(segment.passages))
    DenseIndex(build_faiss(np.asarray(segment.vectors), kind)).save(staging / VECTORS)
    sentence_kind = settings.faiss_kind_for(len(segment.sentences.vectors))
    DenseIndex(build_faiss(np.asarray(segment.sentences.vectors), sentence_kind)).save(staging / SENTENCE_VECTORS)
    (staging / BM25_DIR).mkdir()
    tokens = tokens if tokens is not None else alias_passages(segment.passages).tokens
    LexicalIndex.from_tokens(tokens).save(staging / BM25_DIR)
    write_json(staging / FINGERPRINTS, {r.fingerprint: r.article_id for r in segment.records})
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        created_at=now(),
        model_name=stamp.name,
        model_sha256=stamp.sha256,
        embedding_dim=int(segment.vectors.shape[1]),
        chunking=chunking_json(settings.chunking),
        faiss_kind=kind,
        passage_count=len(segment.passages),
        articles={r.file_name: r.checksum for r in segment.records},
        files=describe_files(staging),
        encoder=stamp.encoder,
        recipe=RECIPE,
    )
    write_json(staging / MANIFEST, manifest.to_json())
    publish(staging, index_dir)
    return manifest


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
