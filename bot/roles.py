"""Roles in a question ("the French president", "Nato's secretary general") read as the one person who holds
that role in every article that names one, so the question is searched as if it had written the name."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from index.aliases import ROLE_NOUNS, people, role_pattern

MENTIONS_ROLE = re.compile(rf"\b(?:{ROLE_NOUNS})\b", re.IGNORECASE)


class RoleDirectory:
    """The roles that point to exactly one person across all the articles (index/aliases.py finds them)."""

    def __init__(self, article_texts: Iterable[str]) -> None:
        holders: dict[str, set[str]] = defaultdict(set)
        for text in article_texts:
            for person in people(text):
                for role in person.roles:
                    holders[role].add(f"{person.given} {person.surname}")
        unique = sorted(((role, next(iter(names))) for role, names in holders.items() if len(names) == 1), key=_longest)
        self.roles = [(role_pattern(role), name) for role, name in unique]

    def read(self, question: str) -> list[tuple[str, str]]:
        """(the role as the question writes it, its holder) for each role the question uses without naming the
        holder; the longest role first ("the US special envoy" before "the envoy")."""
        found: dict[str, str] = {}
        for pattern, name in self.roles:
            match = pattern.search(question)
            if match and name not in found.values() and name.split()[-1].lower() not in question.lower():
                found[match.group(0)] = name
        return list(found.items())


def _longest(item: tuple[str, str]) -> tuple[int, str]:
    return -len(item[0]), item[0]
