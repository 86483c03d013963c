"""Outlets of the indexed articles: resolve `--outlet NAME`, find an outlet named inside a question, and a well-known
outlet a question names that no indexed article is attributed to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from index.errors import NewsbotError


class OutletError(NewsbotError):
    """An outlet name that no indexed article has."""


@dataclass(frozen=True)
class OutletMention:
    """An outlet named in a question, and the question with that name taken out."""

    outlet: str
    question: str


def aliases(outlet: str) -> list[str]:
    """Ways a reader names an outlet: 'The Independent' -> ['the independent', 'independent'] (longest first)."""
    name = outlet.lower()
    names = [name]
    if name.startswith("the "):
        names.append(name[4:])
    words = name.split()
    if len(words) >= 3:
        names.append(" ".join(words[:2]))
    return sorted(set(names), key=len, reverse=True)


# After a one-word outlet name these show it is the outlet that is meant ("the independent says", "the
# independent's take", "… in the independent?"), where "an independent mechanism" uses the word for itself.
REPORTING = re.compile(
    r"\s*(?:['’]s\b|[?.!,;:)]|$|\s(?:says?|said|saying|reports?|reported|reporting|writes?|wrote|written|claims?|"
    r"claimed|article|articles|story|stories|piece|coverage|version|account|about|on|over|regarding|describes?|"
    r"described|describing|calls?|called|characteri[sz]es?|characteri[sz]ed|portrays?|portrayed|covers?|covered|"
    r"headlines?|headlined|explain|explains|explained|mentions?|mentioned|suggests?|suggested|argues?|argued|"
    r"quotes?|quoted|cites?|cited|tells?|told|interprets?|interpreted)\b)",
    re.IGNORECASE,
)


BESIDE = re.compile(r"\s*(?:,|and|or|vs\.?|versus|with|to|against)\s+", re.IGNORECASE)  # between compared outlets
LEADING_PREPOSITION = re.compile(r"\b(?:according to|from|in|by|on|at|per|via)\s+$", re.IGNORECASE)


def names_outlet(question: str, match: re.Match[str]) -> bool:
    """Whether a matched outlet name is used as the outlet's name: a name of several words ("Sky News") always;
    a one-word one ("independent") when written capitalised, or when what follows says an outlet is meant."""
    alias = match.group(1)
    if " " in alias.lower().removeprefix("the ").strip() or alias[0].isupper():
        return True
    return bool(REPORTING.match(question, match.end()))


# Well-known outlets a reader may ask about, as a note names each and as readers write it. "What did the BBC report?"
# over articles none of which is the BBC's is not answered by the others' passages; left out are names that are
# mostly common words ("the sun", "the mirror", "the hill", "the atlantic", "time").
NEWS_OUTLETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the BBC", ("bbc", "bbc news")),
    ("The Guardian", ("guardian",)),
    ("Reuters", ("reuters",)),
    ("the Associated Press", ("associated press",)),
    ("AFP", ("afp", "agence france-presse", "agence france presse")),
    ("CNN", ("cnn",)),
    ("The New York Times", ("new york times", "ny times", "nyt")),
    ("The Washington Post", ("washington post",)),
    ("The Wall Street Journal", ("wall street journal", "wsj")),
    ("the Financial Times", ("financial times",)),
    ("The Times", ("the times", "times of london")),
    ("The Telegraph", ("telegraph", "daily telegraph")),
    ("The Economist", ("the economist",)),
    ("the Daily Mail", ("daily mail", "mail online")),
    ("the Daily Mirror", ("daily mirror",)),
    ("Bloomberg", ("bloomberg",)),
    ("Politico", ("politico",)),
    ("Axios", ("axios",)),
    ("Al Jazeera", ("al jazeera", "aljazeera")),
    ("Fox News", ("fox news",)),
    ("NBC News", ("nbc", "nbc news")),
    ("CBS News", ("cbs", "cbs news")),
    ("ABC News", ("abc news",)),
    ("NPR", ("npr",)),
    ("Newsweek", ("newsweek",)),
    ("ITV News", ("itv", "itv news")),
    ("Channel 4 News", ("channel 4 news",)),
    ("Sky News", ("sky news",)),
    ("The Independent", ("the independent",)),
    ("Euronews", ("euronews",)),
    ("France 24", ("france 24",)),
    ("Deutsche Welle", ("deutsche welle",)),
    ("Le Monde", ("le monde",)),
    ("Le Figaro", ("le figaro",)),
    ("Der Spiegel", ("der spiegel", "spiegel")),
    ("El País", ("el país", "el pais")),
    ("The Kyiv Independent", ("kyiv independent", "kiev independent")),
    ("the Kyiv Post", ("kyiv post", "kiev post")),
    ("The Moscow Times", ("moscow times",)),
    ("Novaya Gazeta", ("novaya gazeta",)),
    ("Meduza", ("meduza",)),
    ("TASS", ("tass",)),
    ("RIA Novosti", ("ria novosti",)),
)


@dataclass(frozen=True)
class UnindexedOutlet:
    """A well-known outlet named in a question that no indexed article is attributed to: its name as a note gives
    it, as the reader wrote it, and the question with the name taken out."""

    outlet: str
    written: str
    question: str


class OutletDirectory:
    """The outlets that articles are attributed to (articles of unknown outlet have none)."""

    def __init__(self, outlets: Iterable[str]) -> None:
        self.outlets = sorted({o for o in outlets if o})
        pairs = [(alias, outlet) for outlet in self.outlets for alias in aliases(outlet)]
        pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._by_alias = dict(pairs)
        pattern = "|".join(re.escape(alias) for alias, _ in pairs)
        self._mention = _mention_pattern(pattern) if pairs else None
        # an outlet's name, then what lists another after it ("sky news and "): the end of the text before a name
        self._listed_before = re.compile(rf"(?<!\w)({pattern}){BESIDE.pattern}$", re.IGNORECASE) if pairs else None
        unindexed = [(alias, name) for name, ways in NEWS_OUTLETS if not self._holds(ways) for alias in ways]
        unindexed.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._unindexed = dict(unindexed)
        pattern = "|".join(re.escape(alias) for alias, _ in unindexed)
        self._unindexed_mention = _mention_pattern(pattern) if unindexed else None

    def _holds(self, ways: tuple[str, ...]) -> bool:
        """Whether an indexed outlet goes by one of these names ("novaya gazeta" for Novaya Gazeta Europe)."""
        return any(way.removeprefix("the ") in self._by_alias for way in ways)

    def resolve(self, name: str) -> str:
        """The outlet a reader means by `name` (case and a leading 'the' do not matter)."""
        outlet = self._by_alias.get(" ".join(name.lower().split()))
        if outlet is None:
            known = ", ".join(self.outlets) or "none (no article has a known outlet)"
            raise OutletError(f"no article is from an outlet called {name!r}", f"outlets in the index: {known}")
        return outlet

    def find(self, question: str) -> OutletMention | None:
        """The first outlet named in the question, with the name removed from the search text."""
        if self._mention is None:
            return None
        match = _first_named(self._mention, question, self._beside_another)
        if match is None or self._inside_unindexed(question, match):
            return None
        return OutletMention(self._by_alias[match.group(1).lower()], _without(question, match))

    def _beside_another(self, question: str, match: re.Match[str]) -> bool:
        """Whether another outlet's name comes just before or after this one's, as a comparison lists them ("how did
        the independent and sky news describe the deal?", "how do sky news and the independent each describe …",
        "compare the independent with sky news"): the outlet is meant."""
        if self._mention is None:
            return False
        outlet = self._by_alias[match.group(1).lower()]
        joined = BESIDE.match(question, match.end())
        following = self._mention.match(question, joined.end()) if joined is not None else None
        if following is not None and self._by_alias[following.group(1).lower()] != outlet:
            return True
        before = self._listed_before.search(question[: match.start()]) if self._listed_before else None
        return before is not None and self._by_alias[before.group(1).lower()] != outlet

    def find_several(self, question: str) -> tuple[tuple[str, ...], str] | None:
        """The outlets a question names when it names two or more ("compare what sky news and the independent say
        about kushner"), in the order named, with every name taken out; None for one or none."""
        if self._mention is None:
            return None
        named = _named(self._mention, question, self._beside_another)
        matches = [m for m in named if not self._inside_unindexed(question, m)]
        outlets = tuple(dict.fromkeys(self._by_alias[m.group(1).lower()] for m in matches))
        if len(outlets) < 2:
            return None
        rest = question
        for match in reversed(matches):  # from the end, so the earlier matches' places hold
            rest = _cut(rest, match)
        return outlets, _tidy(rest)

    def find_unindexed(self, question: str) -> UnindexedOutlet | None:
        """The first well-known outlet (NEWS_OUTLETS) the question names as an outlet that no indexed article is
        attributed to: "what did the bbc report?" over articles from Sky News and The Independent. None when it
        names an indexed outlet, whose articles answer it, as well."""
        match = _first_named(self._unindexed_mention, question)
        if match is None or self.find(question) is not None:
            return None
        written = match.group(1)
        return UnindexedOutlet(self._unindexed[written.lower()], written, _without(question, match))

    def _inside_unindexed(self, question: str, match: re.Match[str]) -> bool:
        """"the kyiv independent" names no indexed outlet, though "independent" alone would name The Independent."""
        if self._unindexed_mention is None:
            return False
        spans = (m.span(1) for m in self._unindexed_mention.finditer(question))
        return any(start <= match.start(1) and match.end(1) <= end for start, end in spans)


def _mention_pattern(aliases_pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:the\s+)?({aliases_pattern})(?!\w)", re.IGNORECASE)


def _named(
    mention: re.Pattern[str] | None,
    question: str,
    beside_another: Callable[[str, re.Match[str]], bool] | None = None,
) -> Iterator[re.Match[str]]:
    """The matches of an outlet's name used as the outlet's name (see `names_outlet`), or listed beside another
    outlet's (`beside_another`), in the order written."""
    if mention is None:
        return iter(())
    listed = beside_another or (lambda _question, _match: False)
    return (m for m in mention.finditer(question) if names_outlet(question, m) or listed(question, m))


def _first_named(
    mention: re.Pattern[str] | None,
    question: str,
    beside_another: Callable[[str, re.Match[str]], bool] | None = None,
) -> re.Match[str] | None:
    """The first of `_named`."""
    return next(_named(mention, question, beside_another), None)


def _without(question: str, match: re.Match[str]) -> str:
    """The question with an outlet's name taken out: "… from Sky News" loses "from" too, "the Guardian's editorial"
    its "'s"."""
    return _tidy(_cut(question, match))


def _cut(question: str, match: re.Match[str]) -> str:
    """The name taken out, and "from" before it or "'s" after it; the text before it is otherwise as it was."""
    before = LEADING_PREPOSITION.sub("", question[: match.start()])
    after = re.sub(r"^['’]s\b", "", question[match.end() :])
    return before + after


def _tidy(question: str) -> str:
    """The text with the spaces a cut name left collapsed, none before closing punctuation, no stray edge commas."""
    return re.sub(r"\s+(?=[?!.,;:]|$)", "", re.sub(r"\s{2,}", " ", question)).strip(" ,")
