"""Inline keyboards: under an answer (More, Sources, Full article / Context per passage) and /start examples."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Answer
from bot.telegram.callbacks import Action, Callback
from index.textnorm import shorten

SOURCES_PER_ROW = 5
MAX_SOURCE_BUTTONS = 50


def _button(text: str, callback: Callback) -> InlineKeyboardButton | None:
    data = callback.encode()
    return InlineKeyboardButton(text, callback_data=data) if data else None


def _row(*buttons: InlineKeyboardButton | None) -> list[InlineKeyboardButton]:
    return [button for button in buttons if button is not None]


def answer_keyboard(answer: Answer, question_serial: int, last: bool = True) -> InlineKeyboardMarkup:
    """More + Sources, then one row per passage: its full article and its context. No More under a listing with
    nothing left to list ("what happened?" over 3 articles) or under an answer that is not the last of its message
    (More pages the last question)."""
    pageable = answer.passages and answer.extra.get("more", True) and last
    more = _button("More ▸", Callback(Action.MORE, str(question_serial))) if pageable else None
    rows = [_row(more, _button("Sources", Callback(Action.SOURCES)))]
    for cited in answer.passages:
        passage = cited.passage
        rows.append(
            _row(
                _button(f"{cited.rank} · Full article", Callback(Action.ARTICLE, passage.article_id)),
                _button(f"{cited.rank} · Context", Callback(Action.CONTEXT, passage.passage_id)),
            )
        )
    return InlineKeyboardMarkup([row for row in rows if row])


def examples_keyboard(questions: Sequence[str]) -> InlineKeyboardMarkup:
    """One button per example question (the question itself is looked up by index when pressed)."""
    buttons = [_button(shorten(question, 60), Callback(Action.EXAMPLE, str(i))) for i, question in enumerate(questions)]
    return InlineKeyboardMarkup([[button] for button in buttons if button is not None])


def sources_keyboard(article_count: int) -> InlineKeyboardMarkup | None:
    """Numbered buttons that open each listed article in full."""
    numbers = range(1, min(article_count, MAX_SOURCE_BUTTONS) + 1)
    buttons = [_button(f"📄 {n}", Callback(Action.ARTICLE, str(n))) for n in numbers]
    kept = [button for button in buttons if button is not None]
    rows = [kept[i : i + SOURCES_PER_ROW] for i in range(0, len(kept), SOURCES_PER_ROW)]
    return InlineKeyboardMarkup(rows) if rows else None
