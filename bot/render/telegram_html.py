"""Answer, sources, article and context -> Telegram HTML messages: escaped, balanced, each within 4096 characters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from bot.answer import NOT_ANSWERED, Answer, CitedPassage
from bot.sources import ArticleView, ContextView, SourceInfo
from index.articles import format_date

MESSAGE_LIMIT = 4096
BLOCK_GAP = "\n\n"


def utf16_length(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def text_pieces(text: str, limit: int) -> list[str]:
    """Plain text cut between words so each piece, escaped, fits `limit` (a giant word is cut inside)."""
    pieces: list[str] = []
    current = ""
    for token in re.findall(r"\S+\s*", text):
        while utf16_length(escape(token, quote=False)) > limit:
            token_cut = token[: limit // 6]  # an escaped character takes at most 5 units, or 2 in UTF-16
            pieces.extend([current, token_cut] if current else [token_cut])
            current, token = "", token[len(token_cut) :]
        if utf16_length(escape(current + token, quote=False)) > limit:
            pieces.append(current)
            current = ""
        current += token
    pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


def pack(blocks: Iterable[str], fallbacks: Iterable[str] | None = None, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join self-contained HTML blocks into messages ≤ limit; a block too big alone is re-cut from its plain text."""
    messages: list[str] = []
    current = ""
    plain = list(fallbacks) if fallbacks is not None else None
    for index, block in enumerate(blocks):
        parts = [block]
        if utf16_length(block) > limit:
            source = plain[index] if plain is not None else block
            parts = [escape(piece, quote=False) for piece in text_pieces(source, limit)]
        for part in parts:
            candidate = f"{current}{BLOCK_GAP}{part}" if current else part
            if utf16_length(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = part
    if current:
        messages.append(current)
    return messages


def _e(text: str) -> str:
    return escape(text, quote=False)


def citation_html(outlet: str, date: str, headline: str, url: str) -> str:
    when = format_date(date)
    line = f"— <b>{_e(outlet)}</b>{', ' + _e(when) if when else ''}"
    if headline and url:
        line += f' · <a href="{escape(url, quote=True)}">{_e(headline)}</a>'
    elif headline:
        line += f" · {_e(headline)}"
    return line


def passage_html(cited: CitedPassage) -> str:
    """One cited passage: number, text with the matching sentence in bold, citation, corroboration, variants."""
    start, end = cited.highlight
    text = cited.passage.text
    body = f"<b>{cited.rank}.</b> {_e(text[:start])}<b>{_e(text[start:end])}</b>{_e(text[end:])}"
    p = cited.passage
    lines = [body, citation_html(p.cited_outlet, p.date, p.headline, p.url)]
    if cited.also_reported_by:
        lines.append("Reported by: " + _e(", ".join((p.cited_outlet, *cited.also_reported_by))))
    if cited.variants:
        lines.append("<u>Other reports give other figures:</u>")
        lines.extend(f"• <i>{_e(outlet)}</i>: {_e(sentence)}" for outlet, sentence in cited.variants)
    return "\n".join(lines)


def passage_plain(cited: CitedPassage) -> str:
    p = cited.passage
    return f"{cited.rank}. {p.text}\n— {p.citation}"


def answer_header(answer: Answer) -> str:
    lines = [f"<i>{_e(note)}</i>" for note in answer.notes]
    if not answer.passages and not answer.notes:
        lines.append("No passage matches this question.")
    elif answer.passages and not answer.answered:
        lines.append(f"<b>{_e(NOT_ANSWERED)}</b> The closest passages, as related reading:")
    return "\n".join(lines)


def render_answer_html(answer: Answer) -> list[str]:
    """One or more messages; long answers are split between passages."""
    header = answer_header(answer)
    blocks = [passage_html(cited) for cited in answer.passages]
    plain = [passage_plain(cited) for cited in answer.passages]
    if header:
        blocks.insert(0, header)
        plain.insert(0, "\n".join(answer.notes))
    return pack(blocks, plain)


def render_sources_html(sources: list[SourceInfo]) -> list[str]:
    if not sources:
        return ["No articles are indexed yet."]
    blocks = ["<b>Articles</b> (open one with /source N):"]
    plain = ["Articles (open one with /source N):"]
    for source in sources:
        when = format_date(source.date)
        headline = source.headline or "(no headline)"
        cited = f"{source.outlet}, {when}" if when else source.outlet
        blocks.append(
            f"<b>{source.number}.</b> {_e(headline)}\n   <i>{_e(cited)}</i> · {source.passage_count} passages"
        )
        plain.append(f"{source.number}. {headline}\n{cited} · {source.passage_count} passages")
    return pack(blocks, plain)


def render_article_html(view: ArticleView) -> list[str]:
    """The whole article, split between paragraphs (a paragraph too long alone is cut between words)."""
    title = f"<b>{_e(view.headline or '(no headline)')}</b>\n" + citation_html(view.outlet, view.date, "", "")
    if view.url:
        title += f'\n<a href="{escape(view.url, quote=True)}">{_e(view.url)}</a>'
    blocks = [title, *(_e(paragraph) for paragraph in view.paragraphs)]
    plain = [view.headline, *view.paragraphs]
    return pack(blocks, plain)


def render_context_html(view: ContextView) -> list[str]:
    """A passage (in bold) between the text just before and after it."""
    p = view.passage
    blocks = [citation_html(p.cited_outlet, p.date, p.headline, p.url)]
    plain = [p.citation]
    if view.before:
        blocks.append(f"<i>…{_e(view.before)}</i>")
        plain.append(view.before)
    blocks.append(f"<b>{_e(p.text)}</b>")
    plain.append(p.text)
    if view.after:
        blocks.append(f"<i>{_e(view.after)}…</i>")
        plain.append(view.after)
    return pack(blocks, plain)
