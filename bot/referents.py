"""Who a pronoun stands for after a "who …?" question: the people the sentence answering it names; and the place a
later question means after a "where …?" question: the venue its answer names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer import CitedPassage
from bot.answer_kinds import ASKS_PLACE, VENUE
from bot.named_kinds import CITIES, REGIONS
from index.aliases import COUNTRY_NAMES, DEMONYMS, ArticlePeople
from index.seats import SEATS

ASKS_WHO = re.compile(r"\bwho(?:m|se)?\b", re.IGNORECASE)
# Where something happened, not who: "who hosted the meeting in paris?" names no one, and its answer's "he" is the host.
# One-word places only: "new" of "New Delhi" or "white" of "the White House" may be part of a person's name.
PLACE_WORDS = frozenset(
    place.lower()
    for place in (*CITIES, *REGIONS, *SEATS, *(seat for seats in SEATS.values() for seat in seats), *COUNTRY_NAMES)
    if " " not in place
) | frozenset(DEMONYMS)


def answer_people(
    question: str, cited: Sequence[CitedPassage], article_text: str, names_asked: Sequence[str] = ()
) -> list[str]:
    """Full names of the people a later "he", "she" or "they" most likely means after a question asking who:
    the people the question names itself ("who is Steve Witkoff?"); none when it names something else of the
    articles other than a place (`names_asked`: "who is Rose Gottemoeller?", whom the passage may not name in full;
    not "who hosted the meeting in Paris?"); else those
    the first passage's highlighted sentence names ("… hosted by French President Emmanuel Macron"), in order.
    `article_text` is that passage's article, whose people (index/aliases.py) say which words name a person."""
    if not cited or not ASKS_WHO.search(question):
        return []
    article = ArticlePeople(article_text)
    names_asked = [name for name in names_asked if name.lower() not in PLACE_WORDS]
    people = article.meant(question) or ([] if names_asked else article.meant(cited[0].highlight_text))
    return [f"{person.given} {person.surname}" for person in people]


def answer_place(question: str, cited: Sequence[CitedPassage]) -> list[str]:
    """For a question asking where something took place ("where was the declaration signed?"): the words of the venue
    its first passage names after "at" ("élysée", "palace"), which a later "what is that building?", "did the palace
    belong to …?" or "who was in the photo?" is about though it does not name it."""
    if not cited or not ASKS_PLACE.search(question):
        return []
    venue = VENUE.search(cited[0].passage.text)
    return venue.group(1).lower().split() if venue else []
