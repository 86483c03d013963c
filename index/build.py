"""Build an index directory from an articles folder: clean, chunk, embed, index, publish atomically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.articles import Article, load_articles
from index.chunk import ChunkParams, Passage, chunk_article
from index.clean import clean_text
from index.dense import FAISS_KINDS, DenseIndex, build_faiss
from index.embed import DEFAULT_MODEL, Encoder
from index.errors import ConfigError
from index.lexical import LexicalIndex
from index.store import (
    ARTICLES,
    BM25_DIR,
    EMBEDDINGS,
    FORMAT_VERSION,
    MANIFEST,
    PASSAGES,
    VECTORS,
    Manifest,
    describe_files,
    publish,
    staging_dir,
    write_json,
    write_lock,
)

HNSW_THRESHOLD = 200_000


@dataclass(frozen=True)
class IndexSettings:
    """How to build: which model, passage sizes, and which FAISS index ('auto' picks by size)."""

    model: str = DEFAULT_MODEL
    chunking: ChunkParams = field(default_factory=ChunkParams)
    faiss_kind: str = "auto"

    def __post_init__(self) -> None:
        if self.faiss_kind not in ("auto", *FAISS_KINDS):
            raise ConfigError(
                f"faiss index kind {self.faiss_kind!r} is not known", f"use one of auto, {', '.join(FAISS_KINDS)}"
            )

    def faiss_kind_for(self, passage_count: int) -> str:
        if self.faiss_kind != "auto":
            return self.faiss_kind
        return "hnsw" if passage_count >= HNSW_THRESHOLD else "flat"


@dataclass(frozen=True)
class ArticleRecord:
    """An indexed article as stored: metadata, cleaned text, checksum of the source text."""

    article_id: str
    file_name: str
    outlet: str
    outlet_confidence: str
    headline: str
    date: str
    url: str
    checksum: str
    text: str

    @classmethod
    def from_article(cls, article: Article, text: str) -> ArticleRecord:
        return cls(
            article.article_id,
            article.file_name,
            article.outlet,
            article.outlet_confidence,
            article.headline,
            article.date,
            article.url,
            article.checksum,
            text,
        )


Progress = Callable[[int, int], None]


def prepare(articles: list[Article], params: ChunkParams) -> tuple[list[ArticleRecord], list[Passage]]:
    """Clean and chunk every article; passages are numbered article by article."""
    records, passages = [], []
    for article in articles:
        text = clean_text(article.raw_text, headline=article.headline, outlet=article.outlet)
        records.append(ArticleRecord.from_article(article, text))
        passages.extend(chunk_article(article, text, params))
    return records, passages


def build_index(
    articles_dir: Path, index_dir: Path, settings: IndexSettings, progress: Progress | None = None
) -> Manifest:
    """Build the whole index over a folder of articles and swap it into `index_dir` atomically."""
    records, passages = prepare(load_articles(articles_dir), settings.chunking)
    encoder = Encoder(settings.model)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, len(passages))

    vectors = encoder.encode_passages([p.text for p in passages], advance)
    return write_index(index_dir, records, passages, vectors, encoder, settings)


def write_index(
    index_dir: Path,
    records: list[ArticleRecord],
    passages: list[Passage],
    vectors: np.ndarray,
    encoder: Encoder,
    settings: IndexSettings,
) -> Manifest:
    """Write every index file into a staging folder, then publish it under the write lock."""
    index_dir = Path(index_dir)
    with write_lock(index_dir):
        staging = staging_dir(index_dir)
        _write_parts(staging, records, passages, vectors, settings)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            model_name=encoder.source.name,
            model_sha256=encoder.weights_hash,
            embedding_dim=int(vectors.shape[1]),
            chunking={"min_words": settings.chunking.min_words, "max_words": settings.chunking.max_words},
            faiss_kind=settings.faiss_kind_for(len(passages)),
            passage_count=len(passages),
            articles={r.file_name: r.checksum for r in records},
            files=describe_files(staging),
        )
        write_json(staging / MANIFEST, manifest.to_json())
        publish(staging, index_dir)
    return manifest


def _write_parts(
    folder: Path,
    records: list[ArticleRecord],
    passages: list[Passage],
    vectors: np.ndarray,
    settings: IndexSettings,
) -> None:
    write_json(folder / ARTICLES, [vars(r) for r in records])
    with (folder / PASSAGES).open("w", encoding="utf-8") as handle:
        for passage in passages:
            handle.write(json.dumps(passage.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
    np.save(folder / EMBEDDINGS, vectors, allow_pickle=False)
    DenseIndex(build_faiss(vectors, settings.faiss_kind_for(len(passages)))).save(folder / VECTORS)
    (folder / BM25_DIR).mkdir()
    LexicalIndex.build([p.text for p in passages]).save(folder / BM25_DIR)
