"""Whose count a number question asks for ("how many German troops …?", "how many troops will Germany send?"), and
whether the sentences giving the figures name that country: "800,000 troops" for Ukraine is no count for Germany."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.aliases import country_display, country_key, country_words
from index.seats import SEATS

# Countries, not the EU: "how many European leaders came?" is answered by "27 heads of state or government".
COUNTRIES = frozenset(SEATS) - {"eu"}
_COUNTRY = rf"(?P<country>{'|'.join(re.escape(word) for word in country_words(COUNTRIES))})\.?"
AUXILIARIES = r"will|would|did|does|do|has|have|had|could|can|should|might|must|shall|may|is|are|was|were"
# "how many German troops", "how many US soldiers"
COUNTED_ADJECTIVE = re.compile(rf"\bhow many\s+{_COUNTRY}\s+\w", re.I)
# "how many troops will Germany send", "how many soldiers will the United States deploy"
COUNTING_SUBJECT = re.compile(
    rf"\bhow many\s+[\w-]+(?:\s+[\w-]+)?\s+(?:{AUXILIARIES})\s+(?:the\s+)?{_COUNTRY}\s+(?P<verb>\w+)", re.I
)
# What a country does with a count ("send", "deploy", "keep"): not "the US peace plan", where "US" is no subject.
COUNTING_VERB = re.compile(
    r"(?:send|deploy|contribute|provide|commit|pledge|give|offer|supply|station|put|keep|have|need|lose|field|train"
    r"|spend|pay|sign|build|dispatch|promise|allow|accept|take|host|bring|lend|donate|buy|produce|make|get|want|plan"
    r")(?:s|es|d|ed|ing)?|sent|gave|given|took|taken|made|kept|lost|paid|spent|built|brought|lent|bought|had|has|be"
    r"|been|being|planned|planning|committed|committing",
    re.I,
)
COUNTRY_IN_TEXT = re.compile(rf"(?<![\w.]){_COUNTRY}(?!\w)", re.I)


def counted_country(question: str) -> str | None:
    """The country (its key) whose count a number question asks for, if it names one that way."""
    adjective = COUNTED_ADJECTIVE.search(question)
    if adjective:
        return country_key(adjective.group("country"))
    subject = COUNTING_SUBJECT.search(question)
    if subject and COUNTING_VERB.fullmatch(subject.group("verb")):
        return country_key(subject.group("country"))
    return None


def uncounted_country(question: str, figure_sentences: Sequence[str]) -> str | None:
    """The country whose count the question asks for, as a reader writes it ("Germany", "the US"), when none of
    the sentences giving figures names it (by name or adjective); None otherwise."""
    country = counted_country(question)
    if country is None:
        return None
    matches = (match for text in figure_sentences for match in COUNTRY_IN_TEXT.finditer(text))
    named = {country_key(match.group("country")) for match in matches}
    return None if country in named else country_display(country)
