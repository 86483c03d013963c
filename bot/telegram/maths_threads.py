"""One BLAS thread per search while the bot runs: its retrieval threads already answer several chats at once."""

from __future__ import annotations

from typing import Any


class OneMathsThread:
    """Limits numpy's BLAS (OpenBLAS) to one thread until restore().

    The bot runs searches side by side on its retrieval threads. A BLAS team inside each search only
    oversubscribes the cores, and its workers keep spinning after every small matrix product: with two BLAS
    threads the bot spent 10-11.5 ms of CPU per uncached request under load, with one 4.9 ms
    (bench/bot_load.py --answer-cache off, 2-core machine). Without threadpoolctl nothing is changed.
    """

    def __init__(self) -> None:
        self._limits: Any = None
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return
        self._limits = threadpool_limits(limits=1, user_api="blas")

    def restore(self) -> None:
        if self._limits is not None:
            self._limits.restore_original_limits()
            self._limits = None
