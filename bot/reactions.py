"""Questions asking how a nameless collective reacted ("how did ukrainian soldiers feel about the declaration?", "how
did the markets react?") and whether a passage reports that collective saying or judging anything."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.lexical import tokenize

# Collectives whose view news reports as theirs, never through a named member: "the leaders", "officials", "the
# Americans" are not here, since a passage quoting Macron or Witkoff answers what they said.
COLLECTIVES = (
    "soldiers", "troops", "media", "press", "experts", "public", "citizens", "voters", "markets", "investors",
    "critics", "journalists", "residents", "groups", "organisations", "organizations", "charities",
    # politicians out of office and those who watch: "how did ukrainian opposition politicians react to the deal"
    "politicians", "lawmakers", "legislators", "mps", "parliamentarians", "opposition", "analysts", "commentators",
    "observers", "activists", "protesters",
)  # fmt: skip
# What the question asks the collective did: "react", "feel", "think", "say", "make of" …
REACTING = r"(?:react|reacted|respond|responded|feel|felt|think|thought|say|said|make|made|view|viewed)"
REACTION = re.compile(
    r"\b(?:how|what)\s+(?:did|do|does|have|has|had)\s+(?:the\s+)?"
    rf"(?P<collective>(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(COLLECTIVES)}))"
    rf"(?:\s+(?:on|in|at|of|from)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?\s+{REACTING}\b",
    re.IGNORECASE,
)
# Verbs and nouns of saying or judging, near which a passage reports a collective's view ("soldiers welcomed …").
VIEW_WORDS = frozenset(
    tokenize(
        "said says say told tell warned welcomed expressed feel felt acknowledged insisted reacted reaction "
        "criticised criticized praised rejected stressed noted added believe believes argued statement concerns "
        "responded response urged hailed confirmed protested celebrated complained"
    )
)
VIEW_WINDOW = 6  # BM25 terms either side of the collective's noun (stopwords left out: about a dozen words)


def unreported_reaction(question: str, texts: Sequence[str]) -> str | None:
    """The collective ("ukrainian soldiers") a question asks the reaction of, when none of `texts` has its noun within
    VIEW_WINDOW terms of a word of saying or judging; None when it asks no such thing or a text reports it."""
    match = REACTION.search(question)
    if match is None:
        return None
    collective = match["collective"]
    noun = tokenize(collective.split()[-1])
    if noun and any(_viewed(noun[0], tokenize(text)) for text in texts):
        return None
    return collective


def _viewed(noun: str, terms: list[str]) -> bool:
    """Whether `noun` stands within VIEW_WINDOW terms of a word of saying or judging."""
    return any(
        term == noun and not VIEW_WORDS.isdisjoint(terms[max(0, i - VIEW_WINDOW) : i + VIEW_WINDOW + 1])
        for i, term in enumerate(terms)
    )
