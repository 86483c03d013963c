"""Benchmark: 50 simulated Telegram users x 10 requests through the fake Bot API against `newsbot bot`.

The shipped command runs as its own process, pointed at a FakeBotAPI in this process with --api-url. Every user
plays one of ten scripts (questions, follow-ups, a back-to-back burst, More / Context / Sources / Full article
buttons). Each script is first played alone (the baseline of this run); its replies are the expected replies of
every user playing it under load. Per phase: answers/s, p50/p95 latency, lost / duplicated / out-of-order replies
per chat; the load is then repeated under an injected 429 storm, and once more paced: the same requests released
at a fixed overall rate (each user's next request at its scheduled time, or when its previous reply is in).

The bot's Engine remembers answers (identical question, context and options on the same index), so under load
the 50 users' repeated scripts are served from that cache; `--answer-cache off` starts the bot with it off, so
that every request is searched as a never-seen question would be.
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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import psutil  # noqa: E402

from tests.fake_bot_api import FakeBotAPI  # noqa: E402

# (question, follow-up) pairs about the seed articles; script s uses pairs s and s + 3.
QUESTION_PAIRS = [
    ("Which countries will send troops to Ukraine?", "and how many troops?"),
    ("What did Kushner call the agreement?", "what did he say about security guarantees?"),
    ("Who hosted the summit in Paris?", "who else attended?"),
    ("Where will the military hubs be built?", "and who will pay for them?"),
    ("What did Zelensky say about territory?", "what about a ceasefire?"),
    ("Did the US sign the declaration?", "what did Witkoff say?"),
    ("What did Starmer promise?", "and Macron?"),
    ("How big an army will Ukraine be allowed?", "who decided that?"),
    ("What did Rutte think of the meeting?", "what did Meloni say?"),
    ("When was the Paris declaration signed?", "what does it commit to?"),
]
SCRIPTS = len(QUESTION_PAIRS)
STEP_TIMEOUT = 30.0


@dataclass(frozen=True)
class Step:
    """One thing a user does: texts sent back to back, or a press of the button with `label` on the last reply."""

    texts: tuple[str, ...] = ()
    button: str = ""

    @property
    def requests(self) -> int:
        return len(self.texts) or 1


def script(number: int) -> list[Step]:
    """Ten requests: 2 questions + /ask, 2 follow-ups, a burst with "more", and 4 button presses."""
    (q1, f1), (q2, _), (q3, f3) = (QUESTION_PAIRS[(number + shift) % SCRIPTS] for shift in (0, 3, 6))
    return [
        Step((q1,)),
        Step((f1,)),
        Step(button="More ▸"),
        Step((q2, "more")),
        Step(button="1 · Context"),
        Step((f"/ask {q3}",)),
        Step(button="Sources"),
        Step((f3,)),
        Step(button="1 · Full article"),
    ]


class WatchedBotAPI(FakeBotAPI):
    """The strict fake, noting when each bot message arrives and waking whoever waits on its chat."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.arrivals: dict[int, list[tuple[float, dict[str, Any]]]] = defaultdict(list)
        self.events: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    def _m_send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        message = super()._m_send_message(params)
        chat_id = message["chat"]["id"]
        self.arrivals[chat_id].append((time.perf_counter(), message))
        self.events[chat_id].set()
        return message

    async def wait_count(self, chat_id: int, count: int) -> bool:
        deadline = time.perf_counter() + STEP_TIMEOUT
        while len(self.arrivals[chat_id]) < count:
            event = self.events[chat_id]
            event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return False
        return True


@dataclass
class UserRun:
    """What one simulated user sent and received."""

    chat_id: int
    script: int
    latencies: list[float] = field(default_factory=list)
    replies_per_request: list[int] = field(default_factory=list)
    timed_out: int = 0


def last_with_button(fake: WatchedBotAPI, chat_id: int, label: str) -> tuple[int, str] | None:
    for _, message in reversed(fake.arrivals[chat_id]):
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                if button["text"] == label:
                    return message["message_id"], button["callback_data"]
    return None


def send(fake: WatchedBotAPI, chat_id: int, step: Step, text: str) -> bool:
    """Injects one request; False when the button to press is on no reply."""
    if step.button:
        target = last_with_button(fake, chat_id, step.button)
        if target is not None:
            fake.inject_callback(chat_id, *target)
        return target is not None
    if text.startswith("/"):
        fake.inject_command(chat_id, text)
    else:
        fake.inject_message(chat_id, text)
    return True


async def play(
    fake: WatchedBotAPI, run: UserRun, expected: list[int] | None, pace: tuple[float, float] | None = None
) -> None:
    """Plays the user's script; under load a burst goes out at once, the baseline sends it one by one.

    `pace` = (first send, seconds between this user's requests): a step waits for its scheduled time (or for
    the previous step's replies, if later); without it each step follows the previous one at once.
    """
    request = 0
    for step in script(run.script):
        if pace is not None:
            await asyncio.sleep(max(0.0, pace[0] + request * pace[1] - time.perf_counter()))
        pending: list[tuple[int, float]] = []
        for text in step.texts or (step.button,):
            started = time.perf_counter()
            if not send(fake, run.chat_id, step, text):  # no such button: the same in the baseline and under load
                run.replies_per_request.append(0)
                run.timed_out += bool(expected and expected[request])
            else:
                pending.append((request, started))
                if expected is None:
                    await wait_for_request(fake, run, *pending.pop())
            request += 1
        for number, started in pending:
            await wait_for_request(fake, run, number, started, expected)


async def wait_for_request(
    fake: WatchedBotAPI, run: UserRun, number: int, started: float, expected: list[int] | None = None
) -> None:
    before = sum(run.replies_per_request)
    if expected is not None:
        if not await fake.wait_count(run.chat_id, before + expected[number]):
            run.timed_out += 1
        arrived = fake.arrivals[run.chat_id][before : before + expected[number]]
        run.replies_per_request.append(expected[number])
    else:  # baseline: alone in its chat, the request is done once no further reply comes for a moment
        await fake.wait_count(run.chat_id, before + 1)
        while await quiet_for(fake, run.chat_id, 0.3) is False:
            pass
        arrived = fake.arrivals[run.chat_id][before:]
        run.replies_per_request.append(len(arrived))
    if arrived:
        run.latencies.append(arrived[-1][0] - started)


async def quiet_for(fake: WatchedBotAPI, chat_id: int, seconds: float) -> bool:
    count = len(fake.arrivals[chat_id])
    await asyncio.sleep(seconds)
    return len(fake.arrivals[chat_id]) == count


def reply_texts(fake: WatchedBotAPI, chat_id: int) -> list[str]:
    return [message["text"] for _, message in fake.arrivals[chat_id]]


def compare(received: list[str], expected: list[str]) -> tuple[int, int, int]:
    """(lost, duplicated, out of order) of a chat's replies against the baseline's."""
    remaining = list(expected)
    matched: list[str] = []
    duplicated = 0
    for text in received:
        if text in remaining:
            remaining.remove(text)
            matched.append(text)
        else:
            duplicated += 1
    in_order = longest_common_subsequence(matched, [t for t in expected if t in matched])
    return len(remaining), duplicated, len(matched) - in_order


def longest_common_subsequence(left: list[str], right: list[str]) -> int:
    previous = [0] * (len(right) + 1)
    for item in left:
        current = [0]
        for j, other in enumerate(right, start=1):
            current.append(previous[j - 1] + 1 if item == other else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


@dataclass
class PhaseResult:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    lost: int
    duplicated: int
    out_of_order: int
    chats_with_problems: int
    status_counts: dict[str, int]
    bot_cpu: tuple[float, ...] = ()

    @property
    def answers_per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000 if ordered else float("nan")


async def baseline(fake: WatchedBotAPI) -> tuple[dict[int, list[str]], dict[int, list[int]], PhaseResult]:
    """Each script played alone, one after the other: the expected replies and the single-user latency."""
    runs = [UserRun(900_000 + number, number) for number in range(SCRIPTS)]
    started = time.perf_counter()
    for run in runs:
        await play(fake, run, None)
    result = summarise(fake, "baseline (1 user at a time)", runs, started, None)
    print(f"baseline: {time.perf_counter() - started:.1f} s", flush=True)
    texts = {run.script: reply_texts(fake, run.chat_id) for run in runs}
    return texts, {run.script: run.replies_per_request for run in runs}, result


async def load_phase(
    fake: WatchedBotAPI,
    name: str,
    users: int,
    first_chat: int,
    expected: dict[int, list[str]],
    counts: dict[int, list[int]],
    rate: float | None = None,
) -> PhaseResult:
    """All users at once; with `rate`, their requests are released at `rate` requests/s in all (paced)."""
    runs = [UserRun(first_chat + user, user % SCRIPTS) for user in range(users)]
    fake.clear_records()
    started = time.perf_counter()
    paces = [(started + user / rate, users / rate) if rate else None for user in range(users)]
    await asyncio.gather(*(play(fake, run, counts[run.script], pace) for run, pace in zip(runs, paces, strict=True)))
    await asyncio.sleep(0.5)  # late duplicates, if any, would arrive now
    result = summarise(fake, name, runs, started, expected)
    print(f"{name}: {result.seconds:.1f} s", flush=True)
    return result


def summarise(
    fake: WatchedBotAPI, name: str, runs: list[UserRun], started: float, expected: dict[int, list[str]] | None
) -> PhaseResult:
    ends = [fake.arrivals[run.chat_id][-1][0] for run in runs if fake.arrivals[run.chat_id]]
    latencies = [latency for run in runs for latency in run.latencies]
    seconds = (max(ends) if ends else time.perf_counter()) - started
    if expected is None:  # one user at a time: busy time only, not the pauses that show a request is done
        seconds = sum(latencies)
    lost = duplicated = out_of_order = troubled = 0
    for run in runs:
        if expected is None:
            continue
        chat = compare(reply_texts(fake, run.chat_id), expected[run.script])
        lost, duplicated, out_of_order = lost + chat[0], duplicated + chat[1], out_of_order + chat[2]
        troubled += any(chat)
    statuses = {f"{method} {status}": n for (method, status), n in sorted(fake.call_counts.items())}
    requests = sum(step.requests for run in runs for step in script(run.script))
    return PhaseResult(name, requests, seconds, latencies, lost, duplicated, out_of_order, troubled, statuses)


def report(result: PhaseResult) -> None:
    print(
        f"{result.name:<34}{result.requests:>6}{result.answers_per_second:>11.1f}{result.percentile(0.5):>9.1f}"
        f"{result.percentile(0.95):>9.1f}{result.lost:>6}{result.duplicated:>6}{result.out_of_order:>6}"
        f"{result.chats_with_problems:>10}"
    )


# `newsbot bot` exactly as shipped (bot.cli's main), with the Engine's answer cache turned off first.
def start_bot(
    fake: FakeBotAPI, index_dir: Path, log_path: Path, send_rate: float, answer_cache: bool = True
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env |= {"TELEGRAM_BOT_TOKEN": fake.token, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    env |= {} if answer_cache else {"NEWSBOT_ANSWER_CACHE": "0"}
    command = [sys.executable, "-m", "bot.cli", "bot", "--api-url", f"http://127.0.0.1:{fake.port}"]
    command += ["--index-dir", str(index_dir), "--send-rate", str(send_rate)]
    with log_path.open("wb") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)


def engine_alone(index_dir: Path) -> list[PhaseResult]:
    """The scripts' questions, follow-ups and Mores through Engine alone (no Telegram), one at a time: with
    the answer cache off, then with it on, played twice (the second time every answer is remembered)."""
    from bot.config import load_settings
    from bot.engine import Engine

    settings = load_settings({"index_dir": index_dir}, environ={})
    uncached = Engine(settings, answer_cache_size=0)
    uncached.ask(QUESTION_PAIRS[0][0])
    cached = Engine(settings)
    cached._searcher = uncached.searcher
    results = [play_engine(uncached, "engine alone, cache off")]
    play_engine(cached, "")
    return [*results, play_engine(cached, "engine alone, cache warm")]


def play_engine(engine: Any, name: str) -> PhaseResult:
    from bot.conversation import Conversation

    latencies = []
    for number in range(SCRIPTS):
        conversation = Conversation()
        for step in script(number):
            for text in step.texts or ((step.button,) if step.button == "More ▸" else ()):
                started = time.perf_counter()
                if step.button:
                    engine.more(conversation)
                else:
                    engine.reply(conversation, text.removeprefix("/ask "))
                latencies.append(time.perf_counter() - started)
    return PhaseResult(name, len(latencies), sum(latencies), latencies, 0, 0, 0, 0, {})


def bot_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of the bot process so far: its event-loop (main) thread, and all its other threads."""
    threads = psutil.Process(pid).threads()
    loop = sum(t.user_time + t.system_time for t in threads if t.id == pid)
    return loop, sum(t.user_time + t.system_time for t in threads) - loop


def build_seed_index(folder: Path) -> Path:
    from index.build import IndexSettings, build_index

    build_index(REPO / "seeds", folder, IndexSettings())
    return folder


async def run_all(args: argparse.Namespace, index_dir: Path, log_path: Path) -> list[PhaseResult]:
    async with WatchedBotAPI() as fake:
        launched = time.perf_counter()
        bot = start_bot(fake, index_dir, log_path, args.send_rate, args.answer_cache == "on")
        try:
            await fake.wait_for(lambda: fake.my_commands or bot.poll() is not None, timeout=300)
            print(f"bot ready after {time.perf_counter() - launched:.1f} s", flush=True)
            if bot.poll() is not None:
                raise SystemExit(f"newsbot bot exited early; see {log_path}")
            texts, counts, base = await baseline(fake)
            results = [base]
            cpu_before = bot_cpu(bot.pid)
            results.append(await load_phase(fake, f"{args.users} users, no faults", args.users, 100_000, texts, counts))
            (loop, others), (loop_before, others_before) = bot_cpu(bot.pid), cpu_before
            results[-1].bot_cpu = (loop - loop_before, others - others_before)
            fake.set_fault_rate(None, args.storm_rate, kinds=("429",), retry_after=1)
            storm = f"{args.users} users, 429 storm ({args.storm_rate:.0%})"
            results.append(await load_phase(fake, storm, args.users, 200_000, texts, counts))
            fake.clear_faults()
            paced = f"{args.users} users, paced {args.rate:g}/s"
            results.append(await load_phase(fake, paced, args.users, 300_000, texts, counts, args.rate))
            if fake.unimplemented_calls:
                print(f"unimplemented Bot API calls: {fake.unimplemented_calls[:3]}")
            return results
        finally:
            bot.send_signal(signal.SIGTERM)
            stopping = time.perf_counter()
            await asyncio.to_thread(bot.wait, 60)  # the fake keeps serving the bot's last getUpdates meanwhile
            print(f"bot stopped after {time.perf_counter() - stopping:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--index-dir", type=Path, help="a seed index to use (default: build one in a temp folder)")
    parser.add_argument("--storm-rate", type=float, default=0.05, help="share of Bot API calls answered 429")
    parser.add_argument("--rate", type=float, default=200.0, help="requests/s in all in the paced phase")
    parser.add_argument(
        "--answer-cache",
        choices=("on", "off"),
        default="on",
        help="the bot's answer cache (off: every request searched)",
    )
    parser.add_argument(
        "--send-rate", type=float, default=1000.0, help="bot's outgoing messages/s cap (Telegram itself allows ~30)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or build_seed_index(Path(tmp) / "index")
        log_path = Path(tmp) / "bot.log"
        alone, warm = engine_alone(index_dir)
        results = [alone, warm, *asyncio.run(run_all(args, index_dir, log_path))]
        bot_log = log_path.read_text(encoding="utf-8", errors="replace")
    print(
        f"\n{'phase':<34}{'reqs':>6}{'answers/s':>11}{'p50 ms':>9}{'p95 ms':>9}{'lost':>6}{'dup':>6}{'order':>6}"
        f"{'bad chats':>10}"
    )
    for result in results:
        report(result)
    print(f"(the bot's answer cache: {args.answer_cache}; load average {os.getloadavg()[0]:.2f} now)")
    _, _, base, calm, storm, paced = results
    print(
        f"\nbot under load reaches {calm.answers_per_second / alone.answers_per_second:.0%} of the engine's own "
        f"one-at-a-time rate ({alone.answers_per_second:.1f}/s; p50 {alone.percentile(0.5):.1f} ms per question)"
    )
    print(
        f"load vs baseline: {calm.answers_per_second / base.answers_per_second:.1f}x answers/s, "
        f"p95 {calm.percentile(0.95):.1f} ms vs {base.percentile(0.95):.1f} ms alone"
    )
    print(
        f"with {args.users} users at once each waiting for its reply, the mean latency is about users / rate "
        f"(Little's law): {args.users / calm.answers_per_second * 1000:.0f} ms at {calm.answers_per_second:.0f}/s"
    )
    loop, others = calm.bot_cpu
    print(
        f"bot CPU in the {calm.name!r} phase ({calm.seconds:.1f} s): event loop {loop:.1f} s "
        f"({loop / calm.requests * 1000:.1f} ms/request: PTB, HTTP, handlers, rendering), other threads {others:.1f} s "
        f"({others / calm.requests * 1000:.1f} ms/request: retrieval, encoder)"
    )
    print(
        f"429s served in the storm: {storm.status_counts.get('sendMessage 429', 0)} sendMessage, "
        f"{sum(n for k, n in storm.status_counts.items() if k.endswith(' 429'))} in all"
    )
    checks = [
        ("0 lost, 0 duplicated, order kept (both load phases)",
         all(r.lost == r.duplicated == r.out_of_order == 0 for r in (calm, storm))),
        (">= 200 answers/s without faults", calm.answers_per_second >= 200),
        ("p95 <= 100 ms without faults", calm.percentile(0.95) <= 100),
        (f"paced at {args.rate:g}/s: kept up (>= 95 % of the rate) with p95 <= 100 ms, 0 lost/dup/order",
         paced.answers_per_second >= 0.95 * args.rate and paced.percentile(0.95) <= 100
         and paced.lost == paced.duplicated == paced.out_of_order == 0),
    ]  # fmt: skip
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    errors = [line for line in bot_log.splitlines() if " ERROR " in line]
    print(f"bot log: {len(errors)} ERROR lines" + (f", first: {errors[0]}" if errors else ""))


if __name__ == "__main__":
    main()
