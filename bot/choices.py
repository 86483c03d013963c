"""The choices a question offers ("is greenland part of denmark or norway?", "was it 26, 27 or 35 countries?"): the
articles need to bear out only one of them, so the evidence weighs each with the others left out."""

from __future__ import annotations

import re

WORD = re.compile(r"\d[\d,.]*\d[,:;]?|[\w'’.-]+[,:;]?|[,:;]")
NUMBER = re.compile(r"\d[\d,.]*")
# Words that end a choice when read back from "or": a question's verb, preposition, wh-word or pronoun stands before
# the choices ("is greenland part of | denmark or norway", "was the summit on | a monday or a tuesday").
BEFORE_CHOICES = frozenset(
    re.findall(
        r"\w+",
        "is are was were be been being do does did will would can could should shall may might must has have had "
        "of on in at to from by for with about into onto than as over under between after before during against "
        "what which who whom whose when where why how whether either it he she they we you i that this these those "
        "there his her their its "
        # a determiner stands before choices too: "has canada committed any | personnel or air assets …" (read back
        # to "canada", the second choice had dropped the subject, and the question was answered without it)
        "any some all every each no many much several",
    )
)
# "or" that offers no choice: "… or not?", "… or so", "… or something", "… or anything else".
NO_CHOICE_AFTER = frozenset(re.findall(r"\w+", "not no so something anything else what whatever otherwise"))
# An article begins the choice it stands before ("was kushner | a senior adviser or a cabinet secretary").
ARTICLES = frozenset({"a", "an", "the"})
MOST_CHOICE_WORDS = 5  # "a former nato deputy secretary-general"; longer spans are clauses, not choices
MOST_CHOICES = 5


def each_choice(question: str) -> list[str]:
    """The question once for each choice it offers, the other choices left out ("is greenland part of denmark or
    norway" → "is greenland part of denmark", "is greenland part of norway"); `[question]` when it offers none."""
    words = WORD.findall(question)
    lowered = [word.lower().rstrip(",:;") for word in words]
    for at, word in enumerate(lowered):
        if word != "or" or at == 0 or at + 1 >= len(words) or lowered[at + 1] in NO_CHOICE_AFTER:
            continue
        spans = _choices_before(words, lowered, at)
        if not spans:
            continue
        if NUMBER.fullmatch(lowered[at - 1]) and NUMBER.fullmatch(lowered[at + 1]):  # "5 or 10 billion": figures
            spans = [(end - 1, end) for _, end in spans]
        # No wider than what follows "or" in its clause: "was the vote in parliament passed or rejected" offers
        # "passed" or "rejected", not "parliament passed".
        width = min(max(end - start for start, end in spans), _choice_end(words, at + 1, MOST_CHOICE_WORDS) - at - 1)
        spans = [(max(start, end - width), end) for start, end in spans]
        spans.append((at + 1, _choice_end(words, at + 1, width)))
        return [_with_only(words, spans, kept) for kept in range(len(spans))]
    return [question]


def _choices_before(words: list[str], lowered: list[str], at: int) -> list[tuple[int, int]]:
    """The spans (start, end) of the choices listed before the `or` at `at`: the one just before it and, back over
    commas, those listed before that ("26, 27 or 35")."""
    spans: list[tuple[int, int]] = []
    end = at
    while end > 0 and len(spans) < MOST_CHOICES - 1:
        start = _choice_start(words, lowered, end)
        if start == end or (spans and not _listed_item(words, lowered, start, end, spans[-1])):
            break
        spans.insert(0, (start, end))
        if start == 0 or not words[start - 1].endswith(","):
            break
        end = start
    return spans


def _listed_item(words: list[str], lowered: list[str], start: int, end: int, next_choice: tuple[int, int]) -> bool:
    """Whether the words from `start` to `end`, before a comma, are a choice listed before `next_choice`: no longer
    than it, and standing where choices begin ("was it | 26, 27 or 35"), not after a verb ("who leads | the
    monitoring, the us or the un": a clause)."""
    if end - start > next_choice[1] - next_choice[0]:
        return False
    return start == 0 or lowered[start - 1] in BEFORE_CHOICES or words[start - 1].endswith((",", ":", ";"))


def _choice_start(words: list[str], lowered: list[str], end: int) -> int:
    """Where the choice ending at `end` begins, read back to a word standing before choices, a comma or colon, or
    an article (which it takes in)."""
    start = end
    while start > 0 and end - start < MOST_CHOICE_WORDS and lowered[start - 1] not in BEFORE_CHOICES:
        if words[start - 1].endswith((",", ":", ";")) and start < end:
            break
        start -= 1
        if lowered[start] in ARTICLES:
            break
    return start


def _choice_end(words: list[str], start: int, width: int) -> int:
    """Where the choice after "or" ends: as many words as the longest choice before it, or sooner at a comma."""
    end = start
    while end < len(words) and end - start < width:
        end += 1
        if words[end - 1].endswith((",", ":", ";")):
            break
    return end


def _with_only(words: list[str], spans: list[tuple[int, int]], kept: int) -> str:
    """The question's words with every choice but the `kept`th, and the commas and "or" between them, left out."""
    first, last = spans[0][0], spans[-1][1]
    choice_words = words[slice(*spans[kept])]
    if first > 0 and words[first - 1].lower() in ARTICLES and choice_words[0].lower() in ARTICLES:
        choice_words = choice_words[1:]  # "a former nato deputy … or a former us ambassador": one "a"
    choice = " ".join(choice_words).rstrip(",;:")
    ending = words[last - 1][-1] if words[last - 1].endswith((",", ":", ";")) else ""
    return " ".join([*words[:first], choice + ending, *words[last:]]).strip()
