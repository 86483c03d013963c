"""Answer, article list and article -> one line of JSON (the `--json` output and the batch format)."""

from __future__ import annotations

import json

from bot.answer import Answer
from bot.sources import ArticleView, SourceInfo


def render_json(answer: Answer, **extra: object) -> str:
    """A single-line JSON object; `extra` fields (e.g. a batch `id`) come first."""
    return json.dumps({**extra, **answer.to_json()}, ensure_ascii=False)


def render_sources_json(sources: list[SourceInfo]) -> str:
    """The article list as one JSON object."""
    return json.dumps({"articles": [source.to_json() for source in sources]}, ensure_ascii=False)


def render_article_json(view: ArticleView) -> str:
    return json.dumps(view.to_json(), ensure_ascii=False)
