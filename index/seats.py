"""Seats of government that news writes for their countries ("Moscow said", "the Kremlin warned", "Washington's
reliability"): a question naming a country also searches its seats, and one naming a seat, its country.
Countries only, not their peoples: "the Russians" are not the Kremlin."""

from __future__ import annotations

import re

from index.aliases import other_names

SEATS = {
    "russia": ("moscow", "kremlin"),
    "ukraine": ("kyiv", "kiev"),
    "us": ("washington", "white house"),
    "uk": ("london", "downing street", "whitehall"),
    "france": ("paris", "élysée", "elysée"),
    "germany": ("berlin",),
    "italy": ("rome",),
    "poland": ("warsaw",),
    "spain": ("madrid",),
    "netherlands": ("the hague",),
    "belgium": ("brussels",),
    "eu": ("brussels",),
    "denmark": ("copenhagen",),
    "sweden": ("stockholm",),
    "finland": ("helsinki",),
    "norway": ("oslo",),
    "ireland": ("dublin",),
    "austria": ("vienna",),
    "switzerland": ("bern",),
    "portugal": ("lisbon",),
    "greece": ("athens",),
    "hungary": ("budapest",),
    "czechia": ("prague",),
    "romania": ("bucharest",),
    "estonia": ("tallinn",),
    "latvia": ("riga",),
    "lithuania": ("vilnius",),
    "turkey": ("ankara",),
    "canada": ("ottawa",),
    "australia": ("canberra",),
    "japan": ("tokyo",),
    "china": ("beijing",),
    "india": ("new delhi",),
    "israel": ("jerusalem",),
    "iran": ("tehran",),
    "belarus": ("minsk",),
    "moldova": ("chisinau",),
    "georgia": ("tbilisi",),
}
NOT_A_NAME = frozenset({"us"})  # "tell us": the US only as "US", "U.S." or "the us"


def country_names(country: str) -> tuple[str, ...]:
    """The names a country goes by in a question: 'russia'; 'u.s', 'america', 'united states' …"""
    return (*([] if country in NOT_A_NAME else [country]), *other_names(country))


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(word) for word in words)})(?!\w)")


NAMED = {country: _pattern(country_names(country)) for country in SEATS}
SEATED = {country: _pattern(seats) for country, seats in SEATS.items()}


def seat_words(question: str) -> list[str]:
    """For each country the question names, its seats ("russia" -> "moscow kremlin"); for each seat it names,
    the country. Words the question already has are left out."""
    text = re.sub(r"(?<![\w.])US(?!\w)", "u.s", question.replace("’", "'"))
    text = re.sub(r"\bthe us\b", "the u.s", text.lower())
    found = [seat for country, named in NAMED.items() if named.search(text) for seat in SEATS[country]]
    found += [name for country, seated in SEATED.items() if seated.search(text) for name in country_names(country)]
    return [word for word in dict.fromkeys(found) if not _pattern((word,)).search(text)]
