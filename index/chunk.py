"""Cut cleaned article text into passages of whole sentences, with offsets and attribution."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.articles import Article, cited_outlet, format_date
from index.clean import TERMINAL, WORD
from index.errors import ConfigError
from index.sentences import OPENING_QUOTES, quote_depth, sentence_spans


@dataclass(frozen=True)
class ChunkParams:
    """Passage size in words: close at a paragraph end once min_words is reached, never exceed max_words."""

    min_words: int = 40
    max_words: int = 120

    def __post_init__(self) -> None:
        if not 1 <= self.min_words <= self.max_words:
            raise ConfigError(
                f"chunking: min_words={self.min_words}, max_words={self.max_words}",
                "use 1 <= min_words <= max_words (default 40 and 120)",
            )


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned article text."""

    start: int
    end: int
    paragraph: int
    words: int
    closes_paragraph: bool
    quote_open: bool
    heading: bool


@dataclass(frozen=True)
class Passage:
    """The unit of retrieval: whole sentences of one article, with everything needed to cite it."""

    passage_id: str
    article_id: str
    seq: int
    text: str
    start: int
    end: int
    paragraphs: tuple[int, int]
    sentences: tuple[int, int]
    outlet: str
    outlet_confidence: str
    headline: str
    date: str
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def cited_outlet(self) -> str:
        return cited_outlet(self.outlet, self.outlet_confidence)

    @property
    def citation(self) -> str:
        """'The Independent, 6 Jan 2026' — the line shown under a passage."""
        when = format_date(self.date)
        return f"{self.cited_outlet}, {when}" if when else self.cited_outlet

    def to_json(self) -> dict[str, object]:
        record = asdict(self)
        record.pop("extra")
        return record

    @classmethod
    def from_json(cls, record: dict[str, object]) -> Passage:
        fields = dict(record)
        fields["paragraphs"] = tuple(fields["paragraphs"])  # type: ignore[arg-type]
        fields["sentences"] = tuple(fields["sentences"])  # type: ignore[arg-type]
        return cls(**fields)  # type: ignore[arg-type]


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of a cleaned text (one paragraph per line) with their quote state."""
    sentences: list[Sentence] = []
    offset, depth = 0, 0
    for number, paragraph in enumerate(text.split("\n")):
        spans = sentence_spans(paragraph)
        heading = not paragraph.rstrip().endswith(TERMINAL)
        if not paragraph.startswith(OPENING_QUOTES):
            depth = 0  # an unclosed quote ends with its paragraph unless the next one reopens it
        for index, (start, end) in enumerate(spans):
            piece = paragraph[start:end]
            depth = quote_depth(piece, depth, paragraph_start=start == 0)
            last = index == len(spans) - 1
            sentences.append(
                Sentence(offset + start, offset + end, number, len(WORD.findall(piece)), last, depth > 0, heading)
            )
        offset += len(paragraph) + 1
    return sentences


def group_sentences(sentences: list[Sentence], params: ChunkParams) -> list[list[Sentence]]:
    """Greedy grouping: never cut inside a quote or after a heading unless the group is far too long."""
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    words = 0
    for sentence in sentences:
        if current and words + sentence.words > params.max_words and _can_close(current, words, params):
            groups.append(current)
            current, words = [], 0
        current.append(sentence)
        words += sentence.words
        if words >= params.min_words and sentence.closes_paragraph and _can_close(current, words, params):
            groups.append(current)
            current, words = [], 0
    if current:
        _append_tail(groups, current, params)
    return groups


def _can_close(group: list[Sentence], words: int, params: ChunkParams) -> bool:
    last = group[-1]
    if last.heading:
        return False
    return not last.quote_open or words > params.max_words * 2


def _append_tail(groups: list[list[Sentence]], tail: list[Sentence], params: ChunkParams) -> None:
    tail_words = sum(s.words for s in tail)
    short = tail_words < params.min_words // 2
    if groups and short and sum(s.words for s in groups[-1]) + tail_words <= params.max_words * 1.25:
        groups[-1].extend(tail)
        return
    groups.append(tail)


def chunk_article(article: Article, text: str, params: ChunkParams) -> list[Passage]:
    """Passages of one cleaned article, numbered from 0, offsets into `text`."""
    sentences = split_sentences(text)
    passages = []
    first = 0
    for seq, group in enumerate(group_sentences(sentences, params)):
        start, end = group[0].start, group[-1].end
        passages.append(
            Passage(
                passage_id=f"{article.article_id}:{seq:03d}",
                article_id=article.article_id,
                seq=seq,
                text=text[start:end],
                start=start,
                end=end,
                paragraphs=(group[0].paragraph, group[-1].paragraph),
                sentences=(first, first + len(group) - 1),
                outlet=article.outlet,
                outlet_confidence=article.outlet_confidence,
                headline=article.headline,
                date=article.date,
                url=article.url,
            )
        )
        first += len(group)
    return passages
