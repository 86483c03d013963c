"""Incremental index updates: add articles (only they are chunked and embedded) and remove them, atomically."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.aliases import AliasedPassages, alias_passages
from index.articles import Article
from index.build import (
    Announce,
    IndexSettings,
    ModelStamp,
    Progress,
    build_locked,
    check_neighbours,
    chunking_json,
    counting,
    library_dir,
    now,
    prepare,
    publish_full,
)
from index.cache import EmbeddingCache, cache_dir
from index.embed import Encoder
from index.errors import REBUILD_HINT, ArticleError, IndexCorruptError, IndexError_
from index.lexical import STATS_FILE
from index.library import Library
from index.segment import TOKENS, ArticleRecord, Segment, read_passages, read_records, read_tokens, write_tokens
from index.sentence_vectors import SentenceVectors
from index.store import (
    ARTICLES,
    BM25_DIR,
    DELTA_DIR,
    FINGERPRINTS,
    MANIFEST,
    PASSAGES,
    Manifest,
    describe_files,
    link_unchanged,
    publish,
    read_manifest,
    say_waiting,
    staging_dir,
    write_json,
    write_lock,
)

# Below this many passages a full rewrite takes about a second: keep the index in one exact segment.
COMPACT_BELOW = 5_000
# The delta part is merged into the main one once it holds this share of the main part's passages.
DELTA_SHARE = 0.10


@dataclass(frozen=True)
class Duplicate:
    """An article not added because an indexed article has the same cleaned text."""

    article: Article
    existing_id: str


@dataclass(frozen=True)
class AddReport:
    """What `add_articles` did."""

    added: list[ArticleRecord]
    passages: int
    duplicates: list[Duplicate]
    merged: bool = False
    built: bool = False
    file_names: list[str] = field(default_factory=list)
    textless: list[Article] = field(default_factory=list)  # no passage once cleaned: not added


@dataclass(frozen=True)
class RemoveReport:
    """What `remove_article` did."""

    record: ArticleRecord
    passages: int
    merged: bool


def add_articles(
    index_dir: Path,
    articles_dir: Path,
    articles: list[Article],
    settings: IndexSettings,
    progress: Progress | None = None,
    *,
    on_wait: Announce | None = say_waiting,
) -> AddReport:
    """Store the articles in the library and index them; duplicates of indexed articles are skipped."""
    index_dir = Path(index_dir)
    check_neighbours(index_dir)
    encoder = settings.make_encoder()
    with write_lock(index_dir, on_wait):
        manifest = _current(index_dir, settings, encoder)
        records, passages = prepare(articles, settings.chunking)
        articles, records, textless = _without_textless(articles, records, {p.article_id for p in passages})
        accepted, duplicates = _dedupe(articles, records, _fingerprints(index_dir) if manifest else {})
        Library(library_dir(index_dir)).add([articles[i] for i in accepted])
        fresh_records = [records[i] for i in accepted]
        fresh_ids = {r.article_id for r in fresh_records}
        fresh_passages = [p for p in passages if p.article_id in fresh_ids]
        if manifest is None:
            build_locked(articles_dir, index_dir, settings, encoder, progress)
            return AddReport(fresh_records, len(fresh_passages), duplicates, built=True, textless=textless)
        if not fresh_records:
            return AddReport([], 0, duplicates, textless=textless)
        aliased = alias_passages(fresh_passages)
        sentences = _encode(encoder, aliased, index_dir, progress)
        fresh = Segment(fresh_records, fresh_passages, sentences)
        merged = _apply(index_dir, manifest, settings, fresh, set(), aliased.tokens)
    return AddReport(fresh_records, len(fresh_passages), duplicates, merged=merged, textless=textless)


def remove_article(
    index_dir: Path, reference: str, settings: IndexSettings, *, on_wait: Announce | None = say_waiting
) -> RemoveReport:
    """Remove an added article (by id, file name or unique id prefix) from the index and the library."""
    index_dir = Path(index_dir)
    library = Library(library_dir(index_dir))
    with write_lock(index_dir, on_wait):
        manifest = read_manifest(index_dir)
        delta, _ = _read_delta(index_dir, manifest)
        record = _find(reference, read_records(index_dir / ARTICLES) + delta.records)
        if record.file_name not in library:
            raise ArticleError(
                f"article {record.article_id!r} comes from your articles folder, not from `newsbot add`",
                f"delete {record.file_name} and its articles.toml entry there, then run `newsbot index build`",
            )
        in_delta = any(r.article_id == record.article_id for r in delta.records)
        where = delta.passages if in_delta else read_passages(index_dir / PASSAGES)
        passages = sum(1 for p in where if p.article_id == record.article_id)
        empty = Segment.empty(manifest.embedding_dim)
        merged = _apply(index_dir, manifest, settings, empty, {record.article_id}, [])
        library.remove(record.file_name)
    return RemoveReport(record, passages, merged)


def _current(index_dir: Path, settings: IndexSettings, encoder: Encoder) -> Manifest | None:
    """The published manifest if an incremental update can extend it; None if a full build is needed."""
    try:
        manifest = read_manifest(index_dir)
    except IndexError_:
        return None
    same_model = ModelStamp.from_manifest(manifest) == ModelStamp.of(encoder)
    same_chunking = manifest.chunking == chunking_json(settings.chunking)
    has_stats = (index_dir / BM25_DIR / STATS_FILE).is_file() and (index_dir / FINGERPRINTS).is_file()
    return manifest if same_model and same_chunking and has_stats else None


def _fingerprints(index_dir: Path) -> dict[str, str]:
    path = index_dir / FINGERPRINTS
    try:
        fingerprints = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{path}: the article fingerprints cannot be read ({exc})", REBUILD_HINT) from exc
    if not isinstance(fingerprints, dict):
        raise IndexCorruptError(f"{path}: the article fingerprints are not a JSON object", REBUILD_HINT)
    return fingerprints


def _without_textless(
    articles: list[Article], records: list[ArticleRecord], with_text: set[str]
) -> tuple[list[Article], list[ArticleRecord], list[Article]]:
    """The articles (and their records) that have a passage once cleaned, and those that have none."""
    textless = [article for article in articles if article.article_id not in with_text]
    kept = [article for article in articles if article.article_id in with_text]
    return kept, [record for record in records if record.article_id in with_text], textless


def _dedupe(
    articles: list[Article], records: list[ArticleRecord], known: dict[str, str]
) -> tuple[list[int], list[Duplicate]]:
    seen = dict(known)
    accepted, duplicates = [], []
    for position, record in enumerate(records):
        existing = seen.get(record.fingerprint)
        if existing is not None:
            duplicates.append(Duplicate(articles[position], existing))
            continue
        seen[record.fingerprint] = record.article_id
        accepted.append(position)
    return accepted, duplicates


def _encode(encoder: Encoder, aliased: AliasedPassages, index_dir: Path, progress: Progress | None) -> SentenceVectors:
    """Sentence vectors of new passages (appended to the embedding cache without reading it)."""
    texts = aliased.embedded
    vectors = encoder.encode_passages(texts, counting(progress, len(texts)))
    EmbeddingCache(cache_dir(index_dir), encoder.identity, vectors.shape[1], load=False).store(texts, vectors)
    return SentenceVectors(vectors, aliased.counts)


def _find(reference: str, records: list[ArticleRecord]) -> ArticleRecord:
    reference = reference.strip()
    if not reference:
        raise ArticleError("no article given", "give the article id or file name to remove (see `newsbot sources`)")
    matches = [r for r in records if reference in (r.article_id, r.file_name)]
    if not matches and len(reference) >= 3:
        matches = [r for r in records if r.article_id.startswith(reference)]
    if len(matches) != 1:
        problem = f"{reference!r} names several articles" if matches else f"no article {reference!r} in the index"
        raise ArticleError(problem, "give the full article id or file name (see `newsbot sources`)")
    return matches[0]


def _apply(
    index_dir: Path,
    manifest: Manifest,
    settings: IndexSettings,
    new: Segment,
    removed: set[str],
    new_tokens: list[list[str]],
) -> bool:
    """Publish the index with `new` added (`new_tokens`: its BM25 terms) and the `removed` articles gone; True if
    it merged into one segment."""
    delta, delta_tokens = _read_delta(index_dir, manifest)
    in_main = removed - {r.article_id for r in delta.records}
    kept = _without(delta, removed)
    tokens = [t for p, t in zip(delta.passages, delta_tokens, strict=True) if p.article_id not in removed]
    joined = _join([kept, new])
    tokens += new_tokens
    base = manifest.base_passages
    if in_main or base + len(joined.passages) <= COMPACT_BELOW or len(joined.passages) > base * DELTA_SHARE:
        main = _without(Segment.read(index_dir, base, manifest.embedding_dim), removed)
        publish_full(index_dir, _join([main, joined]), ModelStamp.from_manifest(manifest), settings)
        return True
    _publish_delta(index_dir, manifest, delta, joined, tokens, removed)
    return False


def _read_delta(index_dir: Path, manifest: Manifest) -> tuple[Segment, list[list[str]]]:
    rows, dim = manifest.delta_passages, manifest.embedding_dim
    if not rows:
        return Segment.empty(dim), []
    folder = index_dir / DELTA_DIR
    return Segment.read(folder, rows, dim), read_tokens(folder / TOKENS, rows)


def _without(segment: Segment, removed: set[str]) -> Segment:
    if not removed:
        return segment
    keep = [i for i, p in enumerate(segment.passages) if p.article_id not in removed]
    records = [r for r in segment.records if r.article_id not in removed]
    return segment.select(keep, records)


def _join(parts: list[Segment]) -> Segment:
    return Segment.join(parts)


def _publish_delta(
    index_dir: Path, manifest: Manifest, old: Segment, delta: Segment, tokens: list[list[str]], removed: set[str]
) -> None:
    """A new index version: the main segment hard-linked unchanged, a rewritten delta part, a new manifest."""
    staging = staging_dir(index_dir)
    main_files = {n: i for n, i in manifest.files.items() if not n.startswith(f"{DELTA_DIR}/") and n != FINGERPRINTS}
    link_unchanged(index_dir, staging, sorted(main_files))
    if delta.passages:
        delta.write(staging / DELTA_DIR)
        write_tokens(staging / DELTA_DIR / TOKENS, tokens)
    fingerprints = {f: a for f, a in _fingerprints(index_dir).items() if a not in removed}
    fingerprints.update({r.fingerprint: r.article_id for r in delta.records})
    write_json(staging / FINGERPRINTS, fingerprints)
    removed_files = {r.file_name for r in old.records if r.article_id in removed}
    articles = {n: c for n, c in manifest.articles.items() if n not in removed_files}
    articles.update({r.file_name: r.checksum for r in delta.records})
    updated = replace(
        manifest,
        created_at=now(),
        passage_count=manifest.base_passages + len(delta.passages),
        delta_passages=len(delta.passages),
        articles=articles,
        files=describe_files(staging, known=main_files),
    )
    write_json(staging / MANIFEST, updated.to_json())
    publish(staging, index_dir)
