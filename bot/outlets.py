"""Outlets of the indexed articles: resolve `--outlet NAME`, find an outlet named inside a question."""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    r"headlines?|headlined)\b)",
    re.IGNORECASE,
)


LEADING_PREPOSITION = re.compile(r"\b(?:according to|from|in|by|on|at|per|via)\s+$", re.IGNORECASE)


def names_outlet(question: str, match: re.Match[str]) -> bool:
    """Whether a matched outlet name is used as the outlet's name: a name of several words ("Sky News") always;
    a one-word one ("independent") when written capitalised, or when what follows says an outlet is meant."""
    alias = match.group(1)
    if " " in alias.lower().removeprefix("the ").strip() or alias[0].isupper():
        return True
    return bool(REPORTING.match(question, match.end()))


class OutletDirectory:
    """The outlets that articles are attributed to (articles of unknown outlet have none)."""

    def __init__(self, outlets: Iterable[str]) -> None:
        self.outlets = sorted({o for o in outlets if o})
        pairs = [(alias, outlet) for outlet in self.outlets for alias in aliases(outlet)]
        pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._by_alias = dict(pairs)
        pattern = "|".join(re.escape(alias) for alias, _ in pairs)
        self._mention = re.compile(rf"(?<!\w)(?:the\s+)?({pattern})(?!\w)", re.IGNORECASE) if pairs else None

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
        match = next((m for m in self._mention.finditer(question) if names_outlet(question, m)), None)
        if match is None:
            return None
        before = LEADING_PREPOSITION.sub("", question[: match.start()])  # "… from Sky News": "from" goes too
        rest = re.sub(r"\s+(?=[?!.,;:]|$)", "", re.sub(r"\s{2,}", " ", before + question[match.end() :])).strip(" ,")
        return OutletMention(self._by_alias[match.group(1).lower()], rest)
