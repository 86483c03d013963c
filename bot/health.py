"""Liveness for a container: the bot's heartbeat file, and the cheap check behind `newsbot health`."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path

from index.errors import NewsbotError
from index.store import check_sizes, read_manifest

HEARTBEAT_ENV = "NEWSBOT_HEARTBEAT_FILE"
DEFAULT_HEARTBEAT = Path("/data/heartbeat")
HEARTBEAT_EVERY = 30.0  # seconds between two touches of the heartbeat file by a running bot
HEARTBEAT_STALE = 120.0  # a heartbeat older than this means the bot's event loop is stuck or gone
LOG = logging.getLogger("newsbot.health")


def heartbeat_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get(HEARTBEAT_ENV) or DEFAULT_HEARTBEAT)


def touch(path: Path) -> bool:
    """Mark the bot alive now; False (the bot keeps running) where the file cannot be written."""
    try:
        path.touch()
        os.utime(path)
    except OSError:
        return False
    return True


async def beat_forever(path: Path, every: float = HEARTBEAT_EVERY) -> None:
    """Touch the heartbeat file every `every` seconds while the event loop runs (a task of the bot)."""
    if not touch(path):
        LOG.warning("cannot write the heartbeat file %s: `newsbot health` will check the index only", path)
        return
    while True:
        await asyncio.sleep(every)
        touch(path)


def health_problem(index_dir: Path, heartbeat: Path, now: float | None = None) -> str | None:
    """Why the service is unhealthy, in one line; None when the index's manifest loads, its files have their
    recorded sizes and the heartbeat (if the bot writes one) is fresher than HEARTBEAT_STALE seconds."""
    try:
        manifest = read_manifest(index_dir)
        check_sizes(index_dir, manifest)
    except NewsbotError as exc:
        return exc.message
    try:
        age = (time.time() if now is None else now) - heartbeat.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{heartbeat}: cannot read the heartbeat ({exc.strerror})"
    if age > HEARTBEAT_STALE:
        return f"{heartbeat}: the bot's last heartbeat is {age:.0f} s old (more than {HEARTBEAT_STALE:.0f} s)"
    return None
