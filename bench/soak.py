"""Soak: a fixed number of questions through the fake Bot API to `newsbot bot`, with random faults, watching memory.

The shipped command runs as its own process (bench/bot_load.py's driver: WatchedBotAPI, the seed index, the
comparison of replies). Every simulated user asks the same cycle of self-contained questions in its own chat, one
at a time; a fault-free single user first plays the cycle twice and its second-round replies are the expected
replies. Then the users play until --messages questions were asked while the fake answers a share of Bot API calls
(--fault-rate: 429, 500 or a dropped connection; getUpdates included at half that rate). Reported: lost and
duplicated replies against the expected ones, and the bot's RSS at start, after warm-up and at the end (target:
growth after warm-up < 10 %).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bot_load import QUESTION_PAIRS, WatchedBotAPI, build_seed_index, compare  # noqa: E402

QUESTIONS = [question for question, _ in QUESTION_PAIRS]
FAULT_KINDS = ("429", "500", "drop")
GROWTH_TARGET = 0.10


@dataclass
class Memory:
    """RSS of the bot process (bytes) at the moments that matter, plus the highest seen."""

    start: int = 0
    warm: int = 0
    end: int = 0
    peak: int = 0

    @property
    def growth(self) -> float:
        return (self.end - self.warm) / self.warm if self.warm else float("nan")


@dataclass
class SoakResult:
    messages: int
    seconds: float
    lost: int
    duplicated: int
    timeouts: int
    memory: Memory
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def faults(self) -> int:
        return sum(n for key, n in self.status_counts.items() if not key.endswith(" 200"))


def start_bot(fake: WatchedBotAPI, index_dir: Path, log_path: Path, heartbeat: Path) -> subprocess.Popen[bytes]:
    """`newsbot bot` against the fake, without the per-user question limit (the soak measures everything else)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env |= {"TELEGRAM_BOT_TOKEN": fake.token, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    env |= {"NEWSBOT_QUESTIONS_PER_MINUTE": "1000000", "NEWSBOT_HEARTBEAT_FILE": str(heartbeat)}
    command = [sys.executable, "-m", "bot.cli", "bot", "--api-url", f"http://127.0.0.1:{fake.port}"]
    command += ["--index-dir", str(index_dir), "--send-rate", "1000"]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)


async def ask(fake: WatchedBotAPI, chat_id: int, question: str, replies: int) -> bool:
    """Sends one question and waits for its `replies` messages; False on a timeout."""
    before = len(fake.arrivals[chat_id])
    fake.inject_message(chat_id, question)
    return await fake.wait_count(chat_id, before + replies)


async def expected_cycle(fake: WatchedBotAPI, chat_id: int) -> tuple[list[str], list[int]]:
    """The replies (texts, and messages per question) of one cycle, played alone after a first cycle."""
    counts = []
    for round_number in range(2):
        for question in QUESTIONS:
            before = len(fake.arrivals[chat_id])
            await ask(fake, chat_id, question, 1)
            while not await quiet_for(fake, chat_id, 0.3):
                pass
            if round_number:
                counts.append(len(fake.arrivals[chat_id]) - before)
    texts = [message["text"] for _, message in fake.arrivals[chat_id]][-sum(counts) :]
    return texts, counts


async def quiet_for(fake: WatchedBotAPI, chat_id: int, seconds: float) -> bool:
    count = len(fake.arrivals[chat_id])
    await asyncio.sleep(seconds)
    return len(fake.arrivals[chat_id]) == count


async def user(fake: WatchedBotAPI, chat_id: int, turns: int, counts: list[int], asked: Callable[[], None]) -> int:
    """Plays `turns` questions of the cycle (a first full cycle brings the conversation to its steady state)."""
    timeouts = 0
    for turn in range(turns):
        position = turn % len(QUESTIONS)
        timeouts += not await ask(fake, chat_id, QUESTIONS[position], counts[position])
        asked()
    return timeouts


def rss(process: psutil.Process) -> int:
    return int(process.memory_info().rss)


async def soak(args: argparse.Namespace, index_dir: Path, workdir: Path) -> SoakResult:
    async with WatchedBotAPI(max_recorded_calls=1000) as fake:
        bot = start_bot(fake, index_dir, workdir / "bot.log", workdir / "heartbeat")
        try:
            await fake.wait_for(lambda: fake.my_commands or bot.poll() is not None, timeout=300)
            if bot.poll() is not None:
                raise SystemExit(f"newsbot bot exited early:\n{(workdir / 'bot.log').read_text()[-3000:]}")
            return await play(args, fake, psutil.Process(bot.pid))
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.to_thread(bot.wait, 60)


async def play(args: argparse.Namespace, fake: WatchedBotAPI, process: psutil.Process) -> SoakResult:
    memory = Memory(start=rss(process))
    expected, counts = await expected_cycle(fake, 1)
    turns = [args.messages // args.users + (u < args.messages % args.users) for u in range(args.users)]
    fake.set_fault_rate(None, args.fault_rate, kinds=FAULT_KINDS, seed=args.seed, retry_after=1)
    fake.set_fault_rate("getUpdates", args.fault_rate / 2, kinds=("500", "drop"), seed=args.seed + 1)
    done = 0
    warm_at = max(args.warmup, len(QUESTIONS) * args.users)  # every user past its first cycle

    def asked() -> None:
        nonlocal done
        done += 1
        if done == warm_at:
            memory.warm = rss(process)
        if done % max(1, args.messages // 20) == 0:
            memory.peak = max(memory.peak, rss(process))
            print(f"  {done:>6} questions, bot RSS {rss(process) / 2**20:.0f} MiB", flush=True)

    started = time.perf_counter()
    first_chat = 10_000
    timeouts = await asyncio.gather(*(user(fake, first_chat + u, n, counts, asked) for u, n in enumerate(turns)))
    seconds = time.perf_counter() - started
    fake.clear_faults()
    await asyncio.sleep(2.0)  # late duplicates, if any, arrive now
    memory.end = rss(process)
    memory.peak = max(memory.peak, memory.end)
    memory.warm = memory.warm or memory.start
    lost = duplicated = 0
    for u, n in enumerate(turns):
        wanted = [text for turn in range(n) for text in _cycle_slice(expected, counts, turn % len(QUESTIONS))]
        received = [message["text"] for _, message in fake.arrivals[first_chat + u]]
        chat_lost, chat_duplicated, _ = compare(received, wanted)
        lost, duplicated = lost + chat_lost, duplicated + chat_duplicated
    statuses = {f"{method} {status}": n for (method, status), n in sorted(fake.call_counts.items())}
    return SoakResult(args.messages, seconds, lost, duplicated, sum(timeouts), memory, statuses)


def _cycle_slice(expected: list[str], counts: list[int], position: int) -> list[str]:
    start = sum(counts[:position])
    return expected[start : start + counts[position]]


def report(result: SoakResult) -> bool:
    memory = result.memory
    mib = 2**20
    print(f"\n{result.messages} questions in {result.seconds:.0f} s ({result.messages / result.seconds:.1f}/s)")
    faults = ", ".join(f"{key}: {n}" for key, n in result.status_counts.items() if not key.endswith(" 200"))
    print(f"Bot API faults served: {result.faults} ({faults}; status 0 = connection dropped)")
    print(f"lost replies: {result.lost}   duplicated replies: {result.duplicated}   timeouts: {result.timeouts}")
    print(
        f"bot RSS: start {memory.start / mib:.0f} MiB, after warm-up {memory.warm / mib:.0f} MiB, "
        f"end {memory.end / mib:.0f} MiB, peak {memory.peak / mib:.0f} MiB; "
        f"growth after warm-up {memory.growth:+.1%}"
    )
    checks = [
        ("0 lost replies", result.lost == 0),
        ("0 duplicated replies", result.duplicated == 0),
        (f"RSS growth after warm-up < {GROWTH_TARGET:.0%}", memory.growth < GROWTH_TARGET),
    ]
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    return all(ok for _, ok in checks)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20_000, help="questions to ask in all (default 20,000)")
    parser.add_argument("--users", type=int, default=50, help="simulated users asking at the same time")
    parser.add_argument("--fault-rate", type=float, default=0.03, help="share of Bot API calls that fail")
    parser.add_argument("--warmup", type=int, default=1000, help="questions before the warm RSS is taken")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--index-dir", type=Path, help="index to serve (default: the seeds, built in a temp folder)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or build_seed_index(Path(tmp) / "index")
        result = asyncio.run(soak(args, index_dir, Path(tmp)))
    return 0 if report(result) else 1


if __name__ == "__main__":
    sys.exit(main())
