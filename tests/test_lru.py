"""The bounded, thread-safe LRU behind the Engine's answer cache."""

from __future__ import annotations

import threading

import pytest

from index.lru import LRUCache


def test_lru_keeps_the_most_recently_used_and_is_bounded() -> None:
    cache: LRUCache[int] = LRUCache(2)
    assert cache.get_or_compute("a", lambda: 1) == 1
    assert cache.get_or_compute("b", lambda: 2) == 2
    assert cache.get_or_compute("a", lambda: 99) == 1  # a hit: now the most recent
    assert cache.get_or_compute("c", lambda: 3) == 3  # b, the least recent, goes
    assert len(cache) == 2
    assert cache.get_or_compute("b", lambda: 20) == 20
    assert (cache.hits, cache.misses) == (1, 4)


def test_lru_of_size_zero_remembers_nothing() -> None:
    cache: LRUCache[int] = LRUCache(0)
    calls = []
    for _ in range(3):
        cache.get_or_compute("a", lambda: calls.append(1) or 1)
    assert len(cache) == 0 and len(calls) == 3
    with pytest.raises(ValueError):
        LRUCache(-1)


def test_lru_is_safe_across_threads() -> None:
    cache: LRUCache[int] = LRUCache(50)

    def work(offset: int) -> None:
        for i in range(2000):
            key = (offset + i) % 120
            assert cache.get_or_compute(key, lambda key=key: key * 2) == key * 2

    threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50
