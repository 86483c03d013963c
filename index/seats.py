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


def seats_as_countries(question: str) -> str:
    """The question with each seat of government it names written as its country ("what did downing street say" ->
    "what did uk say"), for judging whether passages cover it: the articles may name the country and not the seat. A
    seat of two countries ("brussels") is left as written."""
    text = question.replace("’", "'")
    for seat, (country, written) in _SEAT_COUNTRY.items():
        text = written.sub(country, text) if seat in text.lower() else text
    return text


def seat_countries(seat: str) -> list[str]:
    """The countries whose seat of government `seat` (lower-cased) is: ["germany"] for "berlin", two for "brussels"."""
    return [country for country, seats in SEATS.items() if seat in seats]


# Each seat of exactly one country, and the name that country goes by first ("us" is written "america").
_SEAT_COUNTRY = {
    seat: (country_names(countries[0])[0], re.compile(rf"(?<![\w.]){re.escape(seat)}(?!\w)", re.IGNORECASE))
    for seat in dict.fromkeys(seat for seats in SEATS.values() for seat in seats)
    if len(countries := seat_countries(seat)) == 1
}
