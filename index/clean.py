"""Strip page chrome (prompts, mastheads, credits, related links) from article text with general rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

CHROME_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^stay up to date with notifications",
        r"notifications can be managed in (your )?browser",
        r"^join our commenting forum",
        r"^join thought-provoking conversations",
        r"thank you for registering",
        r"^(share|print|shareprint|share this article|share on \w+|copy link|email)$",
        r"^(sign up|subscribe)\b.*(newsletter|updates|free)",
        r"^editor[- ]in[- ]chief\b",
        r"terms of (use|service)\.?\s*privacy policy",
        r"^(advertisement|read more|related( stories)?:?|more on this story|most read)$",
        r"^(copyright\b|©)",
        r"\bwe use cookies\b",
        r"^(click|tap) here\b",
        r"^(follow us|download (our|the) app)\b",
    )
)
CREDIT_SUFFIX = re.compile(
    r"\s*(\((?:[A-Z][\w.&'’/-]*\s?){1,4}\)|(?:Photo|Image|Picture|Credit|Photograph)s?:\s*[^.]{1,60})$"
)
TERMINAL = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", "…", ")")
WORD = re.compile(r"[\w’'-]+")
BREADCRUMB = re.compile(r"^(?:[A-Z][a-z]+){1,4}$")


def normalise(text: str) -> str:
    """Unicode NFC, unified line ends, no-break spaces as spaces, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(line.strip() for line in text.split("\n"))


def is_prose(line: str) -> bool:
    """A line of running text: ends like a sentence and has enough words."""
    return line.endswith(TERMINAL) and len(WORD.findall(line)) >= 6


def capitalised_share(words: Sequence[str]) -> float:
    """The share of the words written with a capital (0 for none): what tells a heading, a title-case line or a
    shouted question from running text (each caller has its own threshold)."""
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def is_title_case(line: str) -> bool:
    """A subheading such as 'Mission Aimed at Deterrence, Not Combat'."""
    words = [w for w in WORD.findall(line) if len(w) > 3]
    return bool(words) and capitalised_share(words) >= 0.75


def strip_credit(line: str) -> str:
    """'Leaders meet in Paris (AP)' -> 'Leaders meet in Paris'."""
    return CREDIT_SUFFIX.sub("", line).rstrip() or line


def is_chrome(line: str) -> bool:
    return any(pattern.search(line) for pattern in CHROME_PATTERNS)


def merge_captions(lines: list[str]) -> tuple[list[str], set[int]]:
    """Keep a caption printed twice (with or without a credit) once; return kept lines and caption rows."""
    kept: list[str] = []
    captions: set[int] = set()
    for line in lines:
        bare = strip_credit(line)
        if kept and strip_credit(kept[-1]) == bare:
            kept[-1] = bare
            captions.add(len(kept) - 1)
            continue
        if bare != line and not line.endswith(TERMINAL[:3]):
            captions.add(len(kept))
            line = bare
        kept.append(line)
    return kept, captions


def clean_text(raw: str, *, headline: str = "", outlet: str = "") -> str:
    """Article text without page chrome: one paragraph per line, no blank lines."""
    lines = [line for line in normalise(raw).split("\n") if line and not is_chrome(line)]
    lines, captions = merge_captions(lines)
    kept: list[str] = []
    seen_prose = False
    for row, line in enumerate(lines):
        if row in captions:
            kept.append(line)
        elif is_prose(line):
            seen_prose = True
            kept.append(line)
        elif _keep_non_prose(line, seen_prose, headline=headline, outlet=outlet):
            kept.append(line)
    return "\n".join(kept).strip()


def _keep_non_prose(line: str, seen_prose: bool, *, headline: str, outlet: str) -> bool:
    """Headings and header lines: keep subheadings and standfirsts, drop links, mastheads, labels."""
    if _same(line, headline) or _same(line, outlet) or BREADCRUMB.match(line):
        return False
    if seen_prose:
        return is_title_case(line) and len(WORD.findall(line)) >= 3
    return len(WORD.findall(line)) >= 8


def _same(line: str, other: str) -> bool:
    return bool(other) and line.casefold().strip(" .") == other.casefold().strip(" .")
