"""Conversation state: the recent turns of one reader's conversation, bounded in count and age; pure data."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

MAX_TURNS = 5
TTL_SECONDS = 30 * 60.0


@dataclass
class Turn:
    """One question asked: what was searched, what was shown, which terms it was about."""

    question: str
    query: str
    expansion: str = ""
    passage_ids: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    outlet: str | None = None
    asked: str = ""  # a follow-up asking the same of someone else, read whole (bot/followup.py, `asked_of`)
    outlets: list[str] = field(default_factory=list)  # the outlets it compared ("what do sky news and … say")
    article: str | None = None  # the id of the one article it was asked of ("what does article 3 say …")
    missing_source: str | None = None  # why the articles it asked of are not in the index ("… the BBC …")
    timestamp: float = 0.0
    followup: bool = False
    ranks_shown: int = 0
    answer_people: list[str] = field(default_factory=list)  # for "who …?": the people its first passage names
    subject: list[str] = field(default_factory=list)  # topic words a pronoun of the next turn stands for
    answered: bool = True  # whether the question was answered; its "more" pages say the same

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, record: dict[str, object]) -> Turn:
        known = {name: record[name] for name in cls.__dataclass_fields__ if name in record}
        turn = cls(**known)  # type: ignore[arg-type]
        turn.passage_ids = list(turn.passage_ids)
        turn.entities = list(turn.entities)
        turn.terms = list(turn.terms)
        turn.answer_people = list(turn.answer_people)
        turn.subject = list(turn.subject)
        turn.outlets = list(turn.outlets)
        return turn


@dataclass
class Listing:
    """An answer that lists passages instead of ranking them ("what happened?": the newest articles' openings; "how
    many articles mention Greenland?": the first passage of each); 'more' pages through the rest of the list."""

    question: str
    passage_ids: list[str]
    shown: int
    highlight: str = ""  # the words each passage's shown sentence is picked by
    timestamp: float = 0.0

    def rest(self) -> list[str]:
        return self.passage_ids[self.shown :]


@dataclass
class Conversation:
    """The last `max_turns` turns, and a listing answered after them; older than `ttl_seconds` is forgotten."""

    turns: list[Turn] = field(default_factory=list)
    max_turns: int = MAX_TURNS
    ttl_seconds: float = TTL_SECONDS
    listing: Listing | None = None  # 'more' pages this rather than the last turn

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)
        del self.turns[: -self.max_turns]
        self.listing = None

    def current_listing(self, now: float | None = None) -> Listing | None:
        """The listing answered after the last turn, if still within the time limit."""
        now = time.time() if now is None else now
        if self.listing is not None and now - self.listing.timestamp > self.ttl_seconds:
            self.listing = None
        return self.listing

    def can_page(self) -> bool:
        """Whether 'more' has a listing or a turn to page."""
        return self.current_listing() is not None or self.last() is not None

    def last(self, now: float | None = None) -> Turn | None:
        """The latest turn still within the time limit, or None (expired turns are dropped)."""
        self.expire(now)
        return self.turns[-1] if self.turns else None

    def expire(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.turns = [turn for turn in self.turns if now - turn.timestamp <= self.ttl_seconds]

    def reset(self) -> None:
        self.turns.clear()
        self.listing = None

    def to_json(self) -> dict[str, object]:
        return {
            "max_turns": self.max_turns,
            "ttl_seconds": self.ttl_seconds,
            "turns": [turn.to_json() for turn in self.turns],
            "listing": asdict(self.listing) if self.listing is not None else None,
        }

    @classmethod
    def from_json(cls, record: dict[str, object]) -> Conversation:
        turns = [Turn.from_json(t) for t in record.get("turns", [])]  # type: ignore[union-attr]
        listing = record.get("listing")
        return cls(
            turns=turns,
            max_turns=int(record.get("max_turns", MAX_TURNS)),  # type: ignore[arg-type]
            ttl_seconds=float(record.get("ttl_seconds", TTL_SECONDS)),  # type: ignore[arg-type]
            listing=Listing(**listing) if isinstance(listing, dict) else None,
        )
