"""Answer -> one line of JSON (the `--json` output and the batch format)."""

from __future__ import annotations

import json

from bot.answer import Answer


def render_json(answer: Answer, **extra: object) -> str:
    """A single-line JSON object; `extra` fields (e.g. a batch `id`) come first."""
    return json.dumps({**extra, **answer.to_json()}, ensure_ascii=False)
