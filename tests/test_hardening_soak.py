"""CI-sized soak (bench/soak.py): 300 questions through faults to the shipped bot; nothing lost or duplicated."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench.soak import GROWTH_TARGET, parse, soak

pytestmark = pytest.mark.slow  # the shipped bot loads the model in its own process


def test_300_questions_through_faults_lose_nothing(tiny_index_master: Path, tmp_path: Path) -> None:
    args = parse(["--messages", "300", "--users", "10", "--warmup", "100", "--fault-rate", "0.05"])
    result = asyncio.run(soak(args, tiny_index_master, tmp_path))
    assert result.faults >= 5  # the faults really happened
    assert (result.lost, result.duplicated, result.timeouts) == (0, 0, 0)
    assert result.memory.growth < GROWTH_TARGET
    assert "Traceback" not in (tmp_path / "bot.log").read_text(encoding="utf-8", errors="replace")
