"""Sending survives a flaky Bot API: a request that got a 5xx answer or a dropped connection is sent again."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

LOG = logging.getLogger("newsbot.telegram")
NETWORK_RETRIES = 6
FIRST_PAUSE = 0.25  # seconds; doubled after each failed try, at most MAX_PAUSE
MAX_PAUSE = 8.0
Request = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (which waits out 429s) that also retries server errors and dropped connections.

    A 400 is not retried (it would fail again), nor a timeout: the request may have reached Telegram, and sending
    it again could duplicate a reply.
    """

    def __init__(self, *args: Any, network_retries: int = NETWORK_RETRIES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network_retries = network_retries

    async def process_request(
        self,
        callback: Request,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        pause = FIRST_PAUSE
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except (BadRequest, TimedOut):  # NetworkError subclasses: a refusal, an ambiguous timeout
                raise
            except NetworkError as exc:
                if attempt == self.network_retries:
                    raise
                LOG.info("%s failed (%s); trying again in %.2f s", endpoint, type(exc).__name__, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
        raise AssertionError("unreachable")
