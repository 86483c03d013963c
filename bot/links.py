"""Links to articles in a question ("https://www.the-independent.com/… what does this say about greenland?"): the
indexed article a link is to, compared as `link_key` writes links."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

# A link as readers paste it: with its scheme, or from "www."; closing punctuation is not part of it.
LINK = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"'“”‘’]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
# Query parameters that say where a link was shared from, not which page it is.
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|at_medium|at_campaign)$", re.I)


def find_link(question: str) -> tuple[str, str] | None:
    """The first link in a question and the question without it; None when it has none."""
    match = LINK.search(question)
    if match is None:
        return None
    link = match.group(0).rstrip(TRAILING)
    rest = question[: match.start()] + question[match.start() + len(link) :]
    return link, " ".join(rest.split())


def link_key(link: str) -> str:
    """A link as two links to one page compare equal: the host without "www." and the path without a trailing slash,
    in lower case (a link typed in capitals is the same page), the query without tracking parameters; no scheme, no
    fragment ("https://www.Example.com/a/?utm_source=x#top" → "example.com/a")."""
    try:
        parts = urlsplit(link if "://" in link else f"https://{link}")
    except ValueError:  # not a well-formed link ("http://[…"): compared as typed
        return link.lower()
    page = (parts.netloc.removeprefix("www.").removeprefix("WWW.") + parts.path.rstrip("/")).lower()
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query) if not TRACKING.match(name)])
    return page + (f"?{query}" if query else "")
