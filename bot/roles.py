"""Roles in a question ("the French president", "Nato's secretary general") read as the one person who holds
that role in every article that names one, so the question is searched as if it had written the name; and the
roles a question asks after that no article writes ("Russia's foreign minister"), which no passage can answer."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from index.aliases import (
    BODIES,
    COUNTRY_NAMES,
    DEMONYMS,
    ROLE_ABBREVIATIONS,
    ROLE_NOUNS,
    as_name,
    country_key,
    country_words,
    people,
    role_pattern,
)
from index.spelling import edit_distance

# What readers call whoever heads a country or a body ("the French leader", "Nato's chief", "the head of Nato").
HEAD_WORDS = ("leader", "chief", "head", "boss")
# The roles that head one: a country or body whose heads in the articles are one person is led by that person.
HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "secretary general", "king", "queen"})
SHORT_ROLES = "|".join(ROLE_ABBREVIATIONS)
MENTIONS_ROLE = re.compile(rf"\b(?:{ROLE_NOUNS}|{SHORT_ROLES}|{'|'.join(HEAD_WORDS)})\b", re.IGNORECASE)
# Offices held for a country or body ("Russia's foreign minister", "the British general"); not "minister" alone,
# nor "general" in "the European general public".
OFFICES = (
    r"prime minister|president|chancellor|foreign minister|defen[cs]e minister|foreign secretary|"
    rf"defen[cs]e secretary|secretary[- ]general|secretary of state|envoy|ambassador|spokes(?:wo)?man|king|queen|"
    rf"commander|general(?! (?:public|election|elections|assembly|strike|consensus)\b)|{SHORT_ROLES}|"
    r"senator|congress(?:wo)?man|lawmaker|governor|mayor|mp"
)
# An office asked after in the plural ("which US senators", "the British generals") is the same office; not a
# head ("European leaders" are many countries' heads, not one role).
PLURAL, PLURAL_OF = r"(?P<plural>s)?", r"(?P<plural_of>s)?"
WINDOW = 40  # characters either side of an office word that can hold its country: " of the United Kingdom"
PLACES = country_words({*DEMONYMS.values(), *COUNTRY_NAMES.values(), *BODIES})
_PLACE = "|".join(re.escape(place) for place in PLACES)
_OFFICE = rf"{OFFICES}|{'|'.join(HEAD_WORDS)}"
WORD_END = re.compile(r"\W")
# Offices whose holder a question may ask after with no country: "the commander", "the spokesman".
BARE_OFFICE = re.compile(rf"\b(?:{OFFICES})s?\b", re.IGNORECASE)
OFFICE_WORD = re.compile(rf"\b(?:{_OFFICE})s?\b", re.IGNORECASE)
# "who will command the force?", "who commands the ukrainian army": the question asks after a commander, an office
# it names by its verb; the articles answer it only where they write the command in some form ("commanded by").
COMMANDING = re.compile(r"\bcommand(?:s|ed|ing)?\b(?!\s+(?:structure|centre|center|post|chain)\b)", re.IGNORECASE)
COMMAND_WRITTEN = re.compile(r"\bcommand\w*", re.IGNORECASE)
PLACE_OFFICE = re.compile(
    rf"\b(?:the\s+)?(?:(?P<place>{_PLACE})(?:['’]s)?\s+(?P<office>{_OFFICE}){PLURAL}"
    rf"|(?P<office_of>{_OFFICE}){PLURAL_OF}\s+of\s+(?:the\s+)?(?P<place_of>{_PLACE}))\b",
    re.IGNORECASE,
)


class RoleDirectory:
    """The roles that point to exactly one person across all the articles (index/aliases.py finds them); a
    person the articles spell two ways ("Zelensky", "Zelenskyy") is one person, searched by both spellings."""

    def __init__(self, article_texts: Iterable[str]) -> None:
        holders: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        roles_of: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.texts = list(article_texts)
        for text in self.texts:
            for person in people(text):
                roles_of[person.words].update(person.roles)
                for role in person.roles:
                    holders[role][person.words] += 1
        unique = {role: spellings for role, names in holders.items() if (spellings := one_person(names))}
        unique = {**head_roles(holders), **unique}  # a role the articles write themselves comes first
        self.roles = [(role_pattern(role), unique[role]) for role in sorted(unique, key=lambda r: (-len(r), r))]
        self.held = frozenset(holders)
        # offices someone holds for no country the articles write ("special envoy Steve Witkoff")
        self.placeless = frozenset(office for roles in roles_of.values() for office in placeless_offices(roles))
        self._written: frozenset[str] | None = None
        self._office_written: dict[str, bool] = {}  # office -> whether any article writes it (`_unwritten`)

    @property
    def written(self) -> frozenset[str]:
        """Offices the articles write of a country or body, held or not ("the Polish foreign minister said"):
        read on the first question asking after an office nobody holds (as long again as reading the people)."""
        if self._written is None:
            self._written = frozenset(office for text in self.texts for office in written_offices(text))
        return self._written

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

    def unheld(self, question: str) -> list[str]:
        """The roles of a country or body the question asks about ("the russian foreign minister", "the polish
        leader") that the articles never write: nobody holds it there, and no article mentions it unnamed ("the
        Polish foreign minister said"). An office written without a country ("special envoy Steve Witkoff") may
        be any country's, so it counts as written for every one. Then the offices asked about without a country
        that no article writes at all ("who is the force's commander?": “the commander”)."""
        matches = [match for match in PLACE_OFFICE.finditer(question) if not _heads(match)]
        placed = [shown_role(match) for match in matches if not self._known(place_office(match))]
        bare = [f"the {office}" for office in self._unwritten(question) if not any(office in role for role in placed)]
        return placed + bare

    def _unwritten(self, question: str) -> list[str]:
        """The offices the question names ("commander", "spokesman") that no article writes, in any form."""
        named = dict.fromkeys(match.group(0).lower() for match in BARE_OFFICE.finditer(question))
        if COMMANDING.search(question) and not self._command_written():
            named.setdefault("commander", None)
        for office in named.keys() - self._office_written.keys():  # each office read once over the articles
            self._office_written[office] = any(_writes(text, office) for text in self.texts)
        return [office for office in named if not self._office_written[office]]

    def _command_written(self) -> bool:
        """Whether any article writes a command in some form ("commander", "commanded by"), read once."""
        if "command" not in self._office_written:
            self._office_written["command"] = any(COMMAND_WRITTEN.search(text) for text in self.texts)
        return self._office_written["command"]

    def _known(self, role: str) -> bool:
        """Whether someone holds the role, or the articles write it; a country's leader is whoever heads it."""
        place, _, office = role.partition(" ")
        offices = HEAD_ROLES if office in HEAD_WORDS else {office}
        if not self.placeless.isdisjoint(offices):
            return True
        names = {role, *(f"{place} {each}" for each in offices)}
        return not names.isdisjoint(self.held) or not names.isdisjoint(self.written)


def written_offices(text: str) -> set[str]:
    """The offices of a country or body a text writes ("the Polish foreign minister" -> 'poland foreign minister'),
    looked for only around the office words it has (the full pattern at every word took almost four times as
    long as finding the text's people)."""
    found: set[str] = set()
    for office in OFFICE_WORD.finditer(text):
        word_end = WORD_END.search(text, office.end() + WINDOW)  # never cut "Ukraine" to "Uk"
        end = word_end.start() if word_end else len(text)
        matches = PLACE_OFFICE.finditer(text, max(0, office.start() - WINDOW), end)  # \b sees the text before
        found.update(place_office(match) for match in matches)
    return found


def _heads(match: re.Match[str]) -> bool:
    """Whether the match is a head in the plural ("European leaders", "the leaders of Europe"): many countries'
    heads, not one office."""
    office = match.group("office") or match.group("office_of")
    return _plural(match) and office.lower() in HEAD_WORDS


def _plural(match: re.Match[str]) -> bool:
    return bool(match.group("plural") or match.group("plural_of"))


def plural_role(role: str) -> bool:
    """Whether a role as `unheld` shows it is in the plural ("US senators", "the senators of Poland")."""
    match = PLACE_OFFICE.search(role)
    if match is None:  # an office asked after with no country: "the ambassadors", not "the mayors' ambassador"
        bare = BARE_OFFICE.search(role)
        return bare is not None and _singular(bare.group(0).lower()) != bare.group(0).lower()
    return _plural(match)


def shown_role(match: re.Match[str]) -> str:
    """The role as the question writes it, its place capitalised as a name if typed in lower case: "russia's
    foreign minister" -> "Russia's foreign minister", "the un secretary-general" -> "the UN secretary-general"."""
    group = "place" if match.group("place") else "place_of"
    place = match.group(group)
    if place.islower():
        place = as_name(place)
    start, end = match.span(group)
    return f"{match.string[match.start() : start]}{place}{match.string[end : match.end()]}"


def place_office(match: re.Match[str]) -> str:
    """'russia foreign minister' for "Russia's foreign minister", "the Russian foreign minister", "the foreign
    minister of Russia"; 'poland leader' for "the Polish leader"."""
    office = re.sub(r"[\s-]+", " ", (match.group("office") or match.group("office_of")).lower())
    office = ROLE_ABBREVIATIONS.get(office, office)
    return f"{country_key(match.group('place') or match.group('place_of'))} {office.replace('defense', 'defence')}"


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


def placeless_offices(roles: set[str]) -> set[str]:
    """The offices a person's roles give only without a country or body: 'envoy' but no 'us envoy'."""
    bare = {role for role in roles if re.fullmatch(ROLE_NOUNS, role)}
    return {office for office in bare if not any(role.endswith(f" {office}") for role in roles - bare)}


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


def _writes(text: str, office: str) -> bool:
    """Whether the text writes the office, singular or plural, in any case, with a space or a hyphen
    ("secretary general": "Secretary-General")."""
    words = r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", _singular(office)))  # "secretary general"
    return re.search(rf"\b{words}s?\b", text, re.IGNORECASE) is not None


def _singular(office: str) -> str:
    """An office as one holds it ("ambassadors" -> "ambassador"; not "congress")."""
    return office[:-1] if office.endswith("s") and not office.endswith("ss") else office
