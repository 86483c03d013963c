"""Roles in a question ("the French president", "Nato's secretary general") read as the one person who holds
that role in every article that names one, so the question is searched as if it had written the name."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from index.aliases import ROLE_NOUNS, people, role_pattern
from index.spelling import edit_distance

# What readers call whoever heads a country or a body ("the French leader", "Nato's chief", "the head of Nato").
HEAD_WORDS = ("leader", "chief", "head", "boss")
# The roles that head one: a country or body whose heads in the articles are one person is led by that person.
HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "secretary general", "king", "queen"})
MENTIONS_ROLE = re.compile(rf"\b(?:{ROLE_NOUNS}|{'|'.join(HEAD_WORDS)})\b", re.IGNORECASE)


class RoleDirectory:
    """The roles that point to exactly one person across all the articles (index/aliases.py finds them); a
    person the articles spell two ways ("Zelensky", "Zelenskyy") is one person, searched by both spellings."""

    def __init__(self, article_texts: Iterable[str]) -> None:
        holders: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        for text in article_texts:
            for person in people(text):
                for role in person.roles:
                    holders[role][(person.given, person.surname)] += 1
        unique = {role: spellings for role, names in holders.items() if (spellings := one_person(names))}
        unique = {**head_roles(holders), **unique}  # a role the articles write themselves comes first
        self.roles = [(role_pattern(role), unique[role]) for role in sorted(unique, key=lambda r: (-len(r), r))]

    def read(self, question: str) -> list[tuple[str, list[str]]]:
        """(the role as the question writes it, its holder's spellings, most written first) for each role the
        question uses without naming the holder; the longest role first ("the US envoy" before "the envoy")."""
        found: dict[str, list[str]] = {}
        lowered = question.lower()
        for pattern, spellings in self.roles:
            match = pattern.search(question)
            if not match or spellings in found.values():
                continue
            if not any(name.split()[-1].lower() in lowered for name in spellings):
                found[match.group(0)] = spellings
        return list(found.items())


def head_roles(holders: dict[str, Counter[tuple[str, str]]]) -> dict[str, list[str]]:
    """'france leader', 'nato chief', 'uk head' … for each country or body all of whose heads in the articles
    (its president, prime minister, chancellor, secretary general …) are one person: who leads it."""
    heads: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for role, names in holders.items():
        place, _, office = role.partition(" ")
        if office in HEAD_ROLES:
            heads[place].update(names)
    return {
        f"{place} {word}": spellings
        for place, names in heads.items()
        if (spellings := one_person(names))
        for word in HEAD_WORDS
    }


def search_words(spellings: list[str]) -> str:
    """Every word of every spelling, once: "Volodymyr Zelenskyy Zelensky"."""
    return " ".join(dict.fromkeys(word for name in spellings for word in name.split()))


def one_person(names: Counter[tuple[str, str]]) -> list[str]:
    """The full names, the one most articles write first, when they are one person spelt one or more ways (same
    given name, surnames one slip apart); empty when they are several people."""
    (given, surname), _ = names.most_common(1)[0]
    if any(g != given or edit_distance(s.lower(), surname.lower()) > 1 for g, s in names):
        return []
    return [f"{g} {s}" for (g, s), _ in names.most_common()]
