"""One segment of an index folder: its article table, passage table and passage vectors, written and read back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.arrays import load_array
from index.articles import Article
from index.chunk import Passage
from index.errors import REBUILD_HINT, IndexCorruptError
from index.sentence_vectors import SentenceVectors
from index.store import ARTICLES, EMBEDDINGS, PASSAGES, write_json

TOKENS = "tokens.json"


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

    @property
    def fingerprint(self) -> str:
        """sha256 of the cleaned text: two articles with the same fingerprint are duplicates."""
        return text_fingerprint(self.text)

    def same_source(self, article: Article) -> bool:
        """True when the article file and its metadata are unchanged since this record was made."""
        return (
            self.article_id, self.file_name, self.outlet, self.outlet_confidence,
            self.headline, self.date, self.url, self.checksum,
        ) == (
            article.article_id, article.file_name, article.outlet, article.outlet_confidence,
            article.headline, article.date, article.url, article.checksum,
        )  # fmt: skip


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Segment:
    """Articles with their passages (in order), the passages' sentence vectors and one vector per passage."""

    records: list[ArticleRecord]
    passages: list[Passage]
    sentences: SentenceVectors

    def __post_init__(self) -> None:
        if len(self.passages) != len(self.sentences.counts):
            raise ValueError(f"{len(self.passages)} passages but {len(self.sentences.counts)} sentence groups")
        self.vectors = self.sentences.passage_vectors()

    @classmethod
    def empty(cls, dim: int) -> Segment:
        return cls([], [], SentenceVectors.empty(dim))

    def select(self, keep: list[int], records: list[ArticleRecord]) -> Segment:
        """The passages at positions `keep` (with their sentence vectors) and the given article records."""
        return Segment(records, [self.passages[i] for i in keep], self.sentences.select(keep))

    @staticmethod
    def join(parts: list[Segment]) -> Segment:
        return Segment(
            [r for p in parts for r in p.records],
            [x for p in parts for x in p.passages],
            SentenceVectors.concat([p.sentences for p in parts]),
        )

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        write_json(folder / ARTICLES, [vars(r) for r in self.records])
        with (folder / PASSAGES).open("w", encoding="utf-8") as handle:
            for passage in self.passages:
                handle.write(json.dumps(passage.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        np.save(folder / EMBEDDINGS, np.ascontiguousarray(self.vectors, dtype=np.float32), allow_pickle=False)
        self.sentences.write(folder)

    @classmethod
    def read(cls, folder: Path, rows: int, dim: int) -> Segment:
        passages = read_passages(folder / PASSAGES)
        if len(passages) != rows:
            raise IndexCorruptError(
                f"{folder / PASSAGES}: {len(passages)} passages, the manifest says {rows}", REBUILD_HINT
            )
        read_embeddings(folder / EMBEDDINGS, rows, dim)
        return cls(read_records(folder / ARTICLES), passages, SentenceVectors.read(folder, rows, dim))


def read_passages(path: Path) -> list[Passage]:
    try:
        with path.open(encoding="utf-8") as handle:
            return [Passage.from_json(json.loads(line)) for line in handle if line.strip()]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorruptError(f"{path}: the passage table cannot be read ({exc})", REBUILD_HINT) from exc


def read_records(path: Path) -> list[ArticleRecord]:
    try:
        return [ArticleRecord(**r) for r in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorruptError(f"{path}: the article table cannot be read ({exc})", REBUILD_HINT) from exc


def read_embeddings(path: Path, rows: int, dim: int) -> np.ndarray:
    vectors = load_array(path, "the embedding matrix")
    if vectors.shape != (rows, dim):
        raise IndexCorruptError(
            f"{path}: shape {vectors.shape}, expected ({rows}, {dim}) from the passage table", REBUILD_HINT
        )
    return vectors


def write_tokens(path: Path, tokens: list[list[str]]) -> None:
    path.write_text(json.dumps(tokens, ensure_ascii=False) + "\n", encoding="utf-8")


def read_tokens(path: Path, rows: int) -> list[list[str]]:
    try:
        tokens = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{path}: the token table cannot be read ({exc})", REBUILD_HINT) from exc
    if not isinstance(tokens, list) or len(tokens) != rows:
        raise IndexCorruptError(f"{path}: expected token lists for {rows} passages", REBUILD_HINT)
    return tokens
