"""Telegram's limits and ours: per-user question rate, message length, callback data size."""

from __future__ import annotations

import html
import math
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_MESSAGE_UTF16 = 4096
MAX_CALLBACK_BYTES = 64
MAX_INLINE_RESULTS = 50
_TAG = re.compile(r"<[^>]*>")


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts message limits in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def visible_length(telegram_html: str) -> int:
    """Length of the text Telegram shows for a Telegram-HTML message (tags dropped, entities decoded)."""
    return utf16_length(html.unescape(_TAG.sub("", telegram_html)).strip())


def fits_message(telegram_html: str) -> bool:
    return 0 < visible_length(telegram_html) <= MAX_MESSAGE_UTF16


@dataclass
class UserRateLimiter:
    """At most `limit` questions per `period` seconds per user (sliding window), warning once per window."""

    limit: int
    period: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _asked: dict[int, deque[float]] = field(default_factory=dict, init=False, repr=False)
    _warned_until: dict[int, float] = field(default_factory=dict, init=False, repr=False)

    def wait_seconds(self, user_id: int) -> int:
        """0 and the question is counted, or the whole seconds until this user may ask again."""
        now = self.clock()
        window = self._asked.setdefault(user_id, deque())
        while window and now - window[0] >= self.period:
            window.popleft()
        if len(window) < self.limit:
            window.append(now)
            self._forget_idle(now)
            return 0
        return max(1, math.ceil(window[0] + self.period - now))

    def should_warn(self, user_id: int, wait: int) -> bool:
        """True once per blocked stretch, so a flood gets one friendly reply rather than one per message."""
        now = self.clock()
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        self._warned_until[user_id] = now + wait
        return True

    def _forget_idle(self, now: float) -> None:
        if len(self._asked) <= 4096:
            return
        idle = [user for user, window in self._asked.items() if not window or now - window[-1] >= self.period]
        for user in idle:
            self._asked.pop(user, None)
            self._warned_until.pop(user, None)
