"""The articles behind the answers: a numbered list, one article in full, a passage in its surroundings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.articles import UNKNOWN_OUTLET, cited_outlet
from index.build import ArticleRecord
from index.chunk import Passage
from index.corpus import IndexedCorpus
from index.errors import NewsbotError
from index.textnorm import shorten


class SourceNotFoundError(NewsbotError):
    """An article number/id or a passage id that is not in the index."""


@dataclass(frozen=True)
class SourceInfo:
    """One indexed article as listed by `newsbot sources` and /sources."""

    number: int
    article_id: str
    outlet: str
    headline: str
    date: str
    passage_count: int

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "article": self.article_id,
            "outlet": self.outlet,
            "headline": self.headline,
            "date": self.date,
            "passages": self.passage_count,
        }


@dataclass(frozen=True)
class ArticleView:
    """One article to read in full: its citation and its cleaned paragraphs."""

    outlet: str
    headline: str
    date: str
    url: str
    paragraphs: list[str]
    article_id: str = ""
    number: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "article": self.article_id,
            "outlet": self.outlet,
            "headline": self.headline,
            "date": self.date,
            "url": self.url,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class ContextView:
    """A passage with the article text just before and after it."""

    before: str
    passage: Passage
    after: str


def ordered_articles(corpus: IndexedCorpus) -> list[ArticleRecord]:
    """Articles in a stable order (by id, i.e. by file), numbered from 1 in listings."""
    return [corpus.articles[article_id] for article_id in sorted(corpus.articles)]


def list_sources(corpus: IndexedCorpus) -> list[SourceInfo]:
    counts: dict[str, int] = {}
    for passage in corpus.passages:
        counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
    return [
        SourceInfo(
            number,
            record.article_id,
            cited_outlet(record.outlet, record.outlet_confidence),
            record.headline,
            record.date,
            counts.get(record.article_id, 0),
        )
        for number, record in enumerate(ordered_articles(corpus), start=1)
    ]


SUMMARY_OUTLETS = 5  # outlets named in a summary; the rest are counted
PUBLISHED_LISTED = 10  # articles whose dates a "when were they published?" note names; the rest are counted


def collection_summary(corpus: IndexedCorpus) -> str:
    """What the index holds, in a sentence: "5 articles, from Sky News, The Independent (2) … and 1 of unknown
    outlet."."""
    records = list(corpus.articles.values())
    listed = outlets_phrase([cited_outlet(record.outlet, record.outlet_confidence) for record in records])
    return f"{len(records)} article{'s' if len(records) != 1 else ''}, from {listed}."


def outlets_phrase(cited: Sequence[str]) -> str:
    """The outlets of some articles (one entry per article), most frequent first: "Sky News, The Independent (2)
    and 1 of unknown outlet"; past SUMMARY_OUTLETS, the rest counted."""
    outlets = Counter(outlet for outlet in cited if outlet != UNKNOWN_OUTLET)
    named = [f"{outlet} ({count})" if count > 1 else outlet for outlet, count in outlets.most_common(SUMMARY_OUTLETS)]
    if len(outlets) > SUMMARY_OUTLETS:
        named.append(f"{len(outlets) - SUMMARY_OUTLETS} more outlets")
    unknown = len(cited) - sum(outlets.values())
    if unknown:
        named.append(f"{unknown} of unknown outlet")
    return ", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else "".join(named)


def publication_note(leads: Sequence[Passage]) -> str:
    """When the articles were published, newest first: "The Independent, 6 Jan 2026 (“Britain signs …”)." for
    one article; "Published: Novaya Gazeta Europe, 7 Jan 2026; …; Leaders Wiki, undated." for several (the
    first PUBLISHED_LISTED, the rest counted)."""
    dated = [lead.citation if lead.date else f"{lead.citation}, undated" for lead in leads[:PUBLISHED_LISTED]]
    if len(leads) == 1:
        headline = f" (“{shorten(leads[0].headline, 80)}”)" if leads[0].headline else ""
        return f"{dated[0]}{headline}."
    rest = len(leads) - PUBLISHED_LISTED
    return "Published: " + "; ".join(dated) + (f"; and {rest} more." if rest > 0 else ".")


def outlet_note(leads: Sequence[Passage]) -> str:
    """Which outlet the articles are from: as `publication_note`, with the outlet first; for one article of unknown
    outlet, that none is recorded."""
    if len(leads) == 1 and leads[0].outlet_confidence == "unknown":
        return "No outlet is recorded for this article; /sources lists what is recorded of each."
    return publication_note(leads)


def headline_note(leads: Sequence[Passage]) -> str:
    """The articles' headlines, newest first: "The Independent, 6 Jan 2026: “Britain signs …”." for one;
    "Headlines: …; …" for several (the first PUBLISHED_LISTED, the rest counted)."""
    return _listed_note(
        "Headlines", [f"“{lead.headline}”" if lead.headline else "no headline recorded" for lead in leads], leads
    )


def link_note(leads: Sequence[Passage]) -> str:
    """Where the articles are online, newest first: "The Independent, 6 Jan 2026: https://…" for one; "Links: …;
    …" for several ("no link recorded" where the metadata has none); no full stop after a link, which would read as
    part of it."""
    return _listed_note("Links", [lead.url or "no link recorded" for lead in leads], leads).removesuffix(".")


def _listed_note(label: str, details: Sequence[str], leads: Sequence[Passage]) -> str:
    listed = [f"{lead.citation}: {detail}" for lead, detail in zip(leads, details, strict=True)][:PUBLISHED_LISTED]
    if len(leads) == 1:
        return f"{listed[0]}."
    rest = len(leads) - PUBLISHED_LISTED
    return f"{label}: " + "; ".join(listed) + (f"; and {rest} more." if rest > 0 else ".")


def first_mentions(corpus: IndexedCorpus, rows: Iterable[int]) -> list[Passage]:
    """The first passage of each article among the given passage rows, in the articles' order."""
    return _first_of_each_article(corpus.passages[row] for row in rows)


def from_outlet(passage: Passage, outlet: str | None) -> bool:
    """Whether the passage is from the outlet (any passage when none is given; never one of unknown outlet)."""
    return outlet is None or (passage.outlet == outlet and passage.outlet_confidence != "unknown")


@dataclass(frozen=True)
class Scope:
    """The articles a question is asked of: one outlet's ("what does the Independent say …", `--outlet`), several
    outlets' ("what do Sky News and the Independent say …"), or one article ("what does article 3 say …": its number
    in /sources), whose `label` the notes name ("article 3 (The Independent)")."""

    outlet: str | None = None
    article_id: str | None = None
    label: str = ""
    outlets: tuple[str, ...] = ()

    def holds(self, passage: Passage) -> bool:
        if self.article_id is not None:
            return passage.article_id == self.article_id
        if self.outlets:
            return any(from_outlet(passage, outlet) for outlet in self.outlets)
        return from_outlet(passage, self.outlet)


def outlet_scope(outlet: str) -> Scope:
    return Scope(outlet=outlet, label=outlet)


def outlets_scope(outlets: Sequence[str]) -> Scope:
    """The scope of several outlets, compared: "Sky News and The Independent"."""
    label = ", ".join(outlets[:-1]) + f" and {outlets[-1]}"
    return Scope(label=label, outlets=tuple(outlets))


def article_scope(corpus: IndexedCorpus, reference: str) -> Scope:
    """The scope of one article, by its number in /sources ("3") or its id (see `find_article`)."""
    number, record = find_article(corpus, reference)
    outlet = record.outlet if record.outlet and record.outlet_confidence != "unknown" else UNKNOWN_OUTLET
    return Scope(article_id=record.article_id, label=f"article {number} ({outlet})")


def scope_of(
    corpus: IndexedCorpus, outlet: str | None, article_id: str | None, outlets: Sequence[str] = ()
) -> Scope | None:
    """The scope a turn was asked in, from what it records (an article no longer indexed: none)."""
    if article_id is not None:
        return article_scope(corpus, article_id) if article_id in corpus.articles else None
    if outlets:
        return outlets_scope(outlets)
    return outlet_scope(outlet) if outlet is not None else None


def in_scope(passage: Passage, scope: Scope | None) -> bool:
    return scope is None or scope.holds(passage)


def _first_of_each_article(passages: Iterable[Passage]) -> list[Passage]:
    """The passage of each article that comes first in it, in the articles' order."""
    first: dict[str, Passage] = {}
    for passage in passages:
        known = first.get(passage.article_id)
        if known is None or passage.seq < known.seq:
            first[passage.article_id] = passage
    return sorted(first.values(), key=lambda passage: passage.article_id)


def newest_leads(corpus: IndexedCorpus, k: int, scope: Scope | None = None) -> list[Passage]:
    """The opening passage of each of the k newest articles (of one outlet or the one article, if given; undated ones
    last)."""
    newest = _first_of_each_article(passage for passage in corpus.passages if in_scope(passage, scope))
    newest.sort(key=lambda passage: passage.date or "", reverse=True)  # stable: same day in article order
    return newest[:k]


def find_article(corpus: IndexedCorpus, reference: str) -> tuple[int, ArticleRecord]:
    """An article by list number ('2'), article id, id prefix ('002') or file name."""
    reference = reference.strip()
    records = ordered_articles(corpus)
    numbered = list(enumerate(records, start=1))
    if reference.isdigit() and not reference.startswith("0") and 1 <= int(reference) <= len(records):
        return numbered[int(reference) - 1]
    matches = [(n, r) for n, r in numbered if reference in (r.article_id, r.file_name)]
    if not matches and len(reference) >= 3:
        matches = [(n, r) for n, r in numbered if r.article_id.startswith(reference)]
    if len(matches) != 1:
        problem = f"{reference!r} names several articles" if matches else f"no article {reference!r} in the index"
        raise SourceNotFoundError(
            problem, f"give a number from 1 to {len(records)} (see `newsbot sources`) or a full article id"
        )
    return matches[0]


def article_view(corpus: IndexedCorpus, reference: str) -> ArticleView:
    number, record = find_article(corpus, reference)
    paragraphs = [line for line in record.text.split("\n") if line.strip()]
    return ArticleView(
        cited_outlet(record.outlet, record.outlet_confidence),
        record.headline,
        record.date,
        record.url,
        paragraphs,
        record.article_id,
        number,
    )


def passage_context(corpus: IndexedCorpus, passage_id: str) -> ContextView:
    """The passage plus the text of the passages around it in its article."""
    row = corpus.passage_row(passage_id.strip())
    if row is None:
        raise SourceNotFoundError(
            f"no passage {passage_id!r} in the index", "passage ids look like 002_4f06e7c685bc3fd5:010 (see --json)"
        )
    passage = corpus.passages[row]
    text = corpus.articles[passage.article_id].text
    siblings = [p for p in corpus.passages if p.article_id == passage.article_id]
    previous = next((p for p in siblings if p.seq == passage.seq - 1), None)
    following = next((p for p in siblings if p.seq == passage.seq + 1), None)
    before = text[previous.start : passage.start] if previous else text[: passage.start]
    after = text[passage.end : following.end] if following else text[passage.end :]
    return ContextView(before.strip(), passage, after.strip())
