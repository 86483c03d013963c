"""Corroboration and disagreement: group near-duplicate passages across outlets, set differing figures side by side."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from index.chunk import Passage
from index.lexical import tokenize
from index.search import Hit
from index.sentences import text_sentences

QUOTATION = re.compile(r"[“\"]([^”\"]+)[”\"]")
UNIT_WORD = re.compile(r"\w+")
MIN_QUOTE_WORDS = 5  # shorter quotations are mostly names ("multinational force for Ukraine"), not statements
MIN_SENTENCE_WORDS = 6
DEFAULT_THRESHOLD = 0.85
# A passage is folded under another only when this share of its quotations and sentences is reported there: one
# shared quotation does not make a passage with more to say a duplicate (the Independent's paragraph quoting
# Kushner's "very, very big milestone" also says he was a senior adviser to Trump).
MIN_REPORTED_SHARE = 0.5

Trigrams = frozenset[tuple[str, str, str]]


@dataclass
class HitGroup:
    """Passages that report the same quote or fact; the best-ranked one is shown, the rest credited."""

    lead: Hit
    members: list[Hit] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        return [self.lead, *self.members]

    @property
    def score(self) -> float:
        """The group ranks as its best-scored passage, whichever is shown."""
        return max(hit.score for hit in self.hits)

    @property
    def passage_ids(self) -> list[str]:
        return [hit.passage.passage_id for hit in self.hits]

    def also_reported_by(self) -> tuple[str, ...]:
        """Other outlets carrying it, in rank order, without the lead's own outlet or repeats."""
        lead_outlet = self.lead.passage.cited_outlet
        outlets = (hit.passage.cited_outlet for hit in self.members)
        return tuple(dict.fromkeys(o for o in outlets if o != lead_outlet))


def trigrams(words: Sequence[str]) -> Trigrams:
    return frozenset(zip(words, words[1:], words[2:], strict=False))


@dataclass(frozen=True)
class Units:
    """Word trigrams of each quotation (≥ 5 words) and of each sentence (≥ 6 words) of a passage."""

    quotes: tuple[Trigrams, ...]
    sentences: tuple[Trigrams, ...]

    @property
    def all(self) -> Trigrams:
        return frozenset().union(*self.quotes, *self.sentences)


@lru_cache(maxsize=4096)
def passage_units(text: str) -> Units:
    quotes = [trigrams(words) for words in _words(QUOTATION.findall(text)) if len(words) >= MIN_QUOTE_WORDS]
    sentences = text_sentences(text)
    return Units(tuple(quotes), tuple(trigrams(w) for w in _words(sentences) if len(w) >= MIN_SENTENCE_WORDS))


def _words(texts: Iterable[str]) -> list[list[str]]:
    return [UNIT_WORD.findall(text.lower()) for text in texts]


@lru_cache(maxsize=4096)
def passage_trigrams(text: str) -> Trigrams:
    """All trigrams of a passage's units: two passages sharing none cannot be near-duplicates."""
    return passage_units(text).all


def similarity(first: Passage, second: Passage) -> float:
    """How much of the shorter of their closest quotation pair, or sentence pair, appears in the other (0..1).

    A quotation is compared with quotations only: a short quoted phrase (“coalition of the willing”) that
    another outlet writes unquoted inside a sentence is a shared name, not the same quote reported twice."""
    return _text_similarity(first.text, second.text)


@lru_cache(maxsize=16384)
def _text_similarity(first: str, second: str) -> float:
    """similarity() of two passage texts (remembered: the same candidates are compared for many questions)."""
    if passage_trigrams(first).isdisjoint(passage_trigrams(second)):
        return 0.0
    one, other = passage_units(first), passage_units(second)
    return max(_closest(one.quotes, other.quotes), _closest(one.sentences, other.sentences))


def _closest(units: Sequence[Trigrams], others: Sequence[Trigrams]) -> float:
    return max((_overlap(a, b) for a in units for b in others), default=0.0)


def _overlap(first: Trigrams, second: Trigrams) -> float:
    shorter = min(len(first), len(second))
    return len(first & second) / shorter if shorter else 0.0


@lru_cache(maxsize=16384)
def reported_share(text: str, elsewhere: str, threshold: float = DEFAULT_THRESHOLD) -> float:
    """The share of a passage's quotations and sentences that `elsewhere` reports too (each compared as in
    similarity(): quotations with quotations, sentences with sentences); 1.0 for a passage with neither."""
    mine, theirs = passage_units(text), passage_units(elsewhere)
    pairs = [(quote, theirs.quotes) for quote in mine.quotes] + [
        (sentence, theirs.sentences) for sentence in mine.sentences
    ]
    if not pairs:
        return 1.0
    return sum(_closest([unit], others) >= threshold for unit, others in pairs) / len(pairs)


def group_hits(hits: Iterable[Hit], threshold: float = DEFAULT_THRESHOLD) -> list[HitGroup]:
    """Greedy, in rank order: a hit joins the first group whose lead it nearly duplicates (another article). The lead
    reports what every member says; a hit that says all the lead and its members say, and more, leads instead."""
    groups: list[HitGroup] = []
    for hit in hits:
        placed = next(((group, role) for group in groups if (role := _role(group, hit, threshold))), None)
        if placed is None:
            groups.append(HitGroup(hit))
        elif placed[1] == "member":
            placed[0].members.append(hit)
        else:  # the hit has more to say than the lead: hiding it would lose that
            home = placed[0]
            home.members.insert(0, home.lead)
            home.lead = hit
    return groups


def lead_with_question_words(groups: Iterable[HitGroup], question: str, threshold: float = DEFAULT_THRESHOLD) -> None:
    """Show, for each group, the member sharing most words with the question (ties: the better ranked), among those
    reporting what every other member says."""
    terms = set(tokenize(question))
    for group in groups:
        ranked = group.hits
        leads = [hit for hit in ranked if _reports_all(hit, ranked, threshold)]
        best = max(leads, key=lambda hit: (len(terms & set(tokenize(hit.passage.text))), -ranked.index(hit)))
        if best is not group.lead:
            group.members = [hit for hit in ranked if hit is not best]
            group.lead = best


def _role(group: HitGroup, hit: Hit, threshold: float) -> str | None:
    """The hit's place in the group: "member" when it nearly duplicates the lead (another article) and the lead
    reports what it says; "lead" when instead it reports what every passage of the group says; else None."""
    if any(member.passage.article_id == hit.passage.article_id for member in group.hits):
        return None
    if similarity(group.lead.passage, hit.passage) < threshold:
        return None
    if _reports(group.lead, hit, threshold):
        return "member"
    return "lead" if _reports_all(hit, group.hits, threshold) else None


def _reports_all(shown: Hit, hits: Sequence[Hit], threshold: float) -> bool:
    """Whether `shown` reports enough of what each other hit says for all of them to be folded under it."""
    return all(_reports(shown, other, threshold) for other in hits if other is not shown)


def _reports(shown: Hit, hidden: Hit, threshold: float) -> bool:
    """Whether `shown` reports enough of what `hidden` says for `hidden` to be folded under it."""
    return reported_share(hidden.passage.text, shown.passage.text, threshold) >= MIN_REPORTED_SHARE


def mix_outlets(groups: Sequence[HitGroup], k: int, cap: int | None, page: int | None = None) -> list[HitGroup]:
    """The best k groups, page by page (`page` at a time, all k at once without): at most `cap` per outlet on
    a page, filled from the rest if too few outlets answer. So the first page is what a reader asking for
    `page` passages sees, and a longer list does not push an outlet's third-best answer off every page."""
    page = page or k
    chosen: list[HitGroup] = []
    remaining = list(groups)
    while len(chosen) < k and remaining:
        shown = _one_page(remaining, min(page, k - len(chosen)), cap)
        chosen.extend(shown)
        taken = {id(group) for group in shown}
        remaining = [group for group in remaining if id(group) not in taken]
    return chosen


def _one_page(groups: Sequence[HitGroup], k: int, cap: int | None) -> list[HitGroup]:
    if cap is None:
        return list(groups[:k])
    chosen: list[HitGroup] = []
    held_back: list[HitGroup] = []
    counts: dict[str, int] = {}
    for group in groups:
        if len(chosen) == k:
            break
        outlet = group.lead.passage.cited_outlet
        if counts.get(outlet, 0) < cap:
            counts[outlet] = counts.get(outlet, 0) + 1
            chosen.append(group)
        else:
            held_back.append(group)
    chosen.extend(held_back[: k - len(chosen)])
    return sorted(chosen, key=lambda g: groups.index(g))
