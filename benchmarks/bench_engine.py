"""How long ``evaluate()`` takes, and what the directory costs in memory.

    .venv/bin/python benchmarks/bench_engine.py [--people 20000] [--runs 5000]

Prints median and p99 (µs, wall clock) and the median CPU time for a typical
message (10 recipients, 2 attachments, a 60-character subject) and for a
1,000-recipient message, both against a synthetic directory; and the
directory's build time and memory.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.directory.model import Directory
from app.domain import Address, Attachment, Message, Recipient, RecipientField
from app.engine import evaluate
from app.policy import Policy
from benchmarks.synthetic import people

LONDON = ZoneInfo("Europe/London")


def _time(fn: object, runs: int) -> tuple[list[float], list[float]]:
    """Wall time and this thread's CPU time of each run, in µs. On a shared
    machine the CPU time is the steadier figure: it leaves out the time the
    thread waited for a core."""
    f = fn  # type: ignore[assignment]
    for _ in range(min(200, runs)):
        f()  # type: ignore[operator]
    wall, cpu = [], []
    gc.disable()
    try:
        for _ in range(runs):
            c0 = time.thread_time_ns()
            t0 = time.perf_counter_ns()
            f()  # type: ignore[operator]
            wall.append((time.perf_counter_ns() - t0) / 1000)
            cpu.append((time.thread_time_ns() - c0) / 1000)
    finally:
        gc.enable()
    return wall, cpu


def _report(label: str, samples: tuple[list[float], list[float]]) -> None:
    wall, cpu = (sorted(s) for s in samples)
    p99 = wall[int(len(wall) * 0.99) - 1]
    print(
        f"{label:<46} median {statistics.median(wall):8.1f} µs   "
        f"p99 {p99:8.1f} µs   CPU median {statistics.median(cpu):8.1f} µs   (n={len(wall)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5_000)
    args = ap.parse_args()

    roster = people(args.people)
    t0 = time.perf_counter()
    directory = Directory.build(roster)
    build_s = time.perf_counter() - t0
    # Memory on a second build, because tracemalloc slows the build it watches.
    gc.collect()
    tracemalloc.start()
    measured = Directory.build(roster)
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del measured

    policy = Policy(internal_domains=("bench.sch.uk",), pupil_domains=("pupils.bench.sch.uk",))
    pupil = next(p for p in roster if p.kind.value == "pupil")
    to = (
        *tuple(Recipient(f"staff{i}@bench.sch.uk", f"Staff {i}") for i in range(7)),
        Recipient("parent.one@gmail.com", "Parent One"),
        Recipient(pupil.email or "", pupil.display_name),
    )
    cc = (Recipient("office@bench.sch.uk", "Office", RecipientField.CC),)
    subject = "Year 9 residential trip: updated kit list and coach times."
    assert len(subject) >= 58
    typical = Message(
        sender=Address("teacher@bench.sch.uk", "A Teacher"),
        send_at=datetime(2026, 11, 18, 10, 0, tzinfo=LONDON),
        to=to,
        cc=cc,
        subject=subject[:60],
        attachments=(Attachment("kit-list.pdf", 240_000), Attachment("map.png", 1_200_000)),
    )
    big = Message(
        sender=typical.sender,
        send_at=typical.send_at,
        to=tuple(Recipient(f"parent{i}@gmail.com", f"Parent {i}") for i in range(500)),
        bcc=tuple(Recipient(f"staff{i}@bench.sch.uk", "", RecipientField.BCC) for i in range(500)),
        subject=typical.subject,
        attachments=typical.attachments,
    )
    v = evaluate(typical, policy, directory)
    print(
        f"directory: {args.people:,} people, built in {build_s:.2f} s, "
        f"{current / 1e6:.1f} MB (tracemalloc, incl. name matcher)"
    )
    print(
        f"typical message findings: {list(v.codes)}; 1,000-recipient findings: "
        f"{list(evaluate(big, policy, directory).codes)}"
    )
    _report(
        "evaluate(): typical (10 rcpt, 2 att, 60-char subj)",
        _time(lambda: evaluate(typical, policy, directory), args.runs),
    )
    _report(
        "evaluate(): 1,000 recipients",
        _time(lambda: evaluate(big, policy, directory), max(200, args.runs // 10)),
    )


if __name__ == "__main__":
    main()
