"""What the audit write-ahead log costs a check: ``AuditSink.submit``.

    .venv/bin/python benchmarks/bench_audit.py [--events 20000]

Each submit serialises the event and appends it to the log file (one
``os.write``) before queueing it; a flush every 1,000 events (with its
``fsync``) stands in for the background writer, whose database is a no-op
here. Prints median and p99 per submit. Not a test: figures depend on the
machine and its disk.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.audit import AuditSink

EVENT = {
    "tenant_id": "0" * 36,
    "kind": "check",
    "purpose": "send",
    "check_id": "1" * 36,
    "host": "api",
    "action": "warn",
    "codes": "REC003,SUB001",
    "finding_count": 2,
    "recipient_count": 3,
    "attachment_count": 1,
    "duration_ms": 0.2,
    "policy_version": 1,
    "sender_hash": "h" * 64,
}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--events", type=int, default=20_000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        sink = AuditSink(lambda batch: None, Path(d) / "audit-spool.jsonl")
        times = []
        for i in range(args.events):
            event = dict(EVENT)
            t0 = time.perf_counter()
            sink.submit(event)
            times.append(time.perf_counter() - t0)
            if i % 1000 == 999:
                sink.flush()
        sink.flush()
        sink.spool_remaining()
    times.sort()
    median = times[len(times) // 2] * 1e6
    p99 = times[int(len(times) * 0.99)] * 1e6
    print(f"submit ({args.events} events): median {median:.1f} µs, p99 {p99:.1f} µs")


if __name__ == "__main__":
    main()
