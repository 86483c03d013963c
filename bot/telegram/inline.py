"""Inline mode: `@bot question` in any chat offers the answer's passages, each sending one cited passage."""

from __future__ import annotations

import hashlib
import html

from telegram import InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import ParseMode

from bot.answer import Answer, CitedPassage
from bot.telegram.limits import MAX_MESSAGE_UTF16, utf16_length
from index.textnorm import shorten

MAX_INLINE_PASSAGES = 10
CACHE_SECONDS = 60


def cited_passage_html(cited: CitedPassage) -> str:
    """One passage as a message: the text in a quote (its highlight in bold), then the citation."""
    passage = cited.passage
    start, end = cited.highlight
    quote = (
        html.escape(passage.text[:start])
        + f"<b>{html.escape(passage.text[start:end])}</b>"
        + html.escape(passage.text[end:])
    )
    citation = f"— <b>{html.escape(passage.cited_outlet)}</b>"
    when = passage.citation.removeprefix(passage.cited_outlet)
    citation += html.escape(when)
    if passage.headline:
        headline = html.escape(passage.headline)
        link = f'<a href="{html.escape(passage.url, quote=True)}">{headline}</a>' if passage.url else headline
        citation += f" · {link}"
    return f"<blockquote>{quote}</blockquote>\n{citation}"


def _fits(message: str) -> bool:
    return utf16_length(message) <= MAX_MESSAGE_UTF16  # markup counted too: a safe upper bound


def _result_id(passage_id: str) -> str:
    encoded = passage_id.encode("utf-8")
    return passage_id if 0 < len(encoded) <= 64 else hashlib.sha256(encoded).hexdigest()[:32]


def inline_results(answer: Answer) -> list[InlineQueryResultArticle]:
    """Up to 10 article results (title: outlet and date; description: the highlighted sentence)."""
    if not answer.answered:
        return []
    results = []
    for cited in answer.passages[:MAX_INLINE_PASSAGES]:
        message = cited_passage_html(cited)
        if not _fits(message):
            continue
        results.append(
            InlineQueryResultArticle(
                id=_result_id(cited.passage.passage_id),
                title=cited.passage.citation,
                description=shorten(cited.highlight_text or cited.passage.text, 180),
                input_message_content=InputTextMessageContent(message, parse_mode=ParseMode.HTML),
            )
        )
    return results
