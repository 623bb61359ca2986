"""The audit writer's CPU per event on a growing table: random against time-ordered ids.

    .venv/bin/python benchmarks/bench_audit_ids.py [--rows 200000] [--events 20000]

Fills a fresh SQLite database (a temporary folder) with ``--rows`` check
events, then times :meth:`~app.store.repository.Store.write_audit` on
``--events`` more, in batches of 500 as the audit sink sends them, and
prints the process's user and system CPU per event; once with random
(version 4) ids, as the service made them before, and once with
:func:`app.audit.time_ordered_id` (version 7), as it makes them now. Each
event's ``event_id`` and ``check_id`` are the same id, as a check's are.
Not a test: figures depend on the machine and its disk.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.audit import time_ordered_id
from app.store.db import Database
from app.store.repository import Store

BATCH = 500


def random_id() -> str:
    """A version 4 UUID as text (what ``time_ordered_id`` replaced)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _event(tenant_id: str, new_id: Callable[[], str]) -> dict[str, Any]:
    i = new_id()
    return {
        "event_id": i,
        "check_id": i,
        "tenant_id": tenant_id,
        "at": datetime.now(UTC),
        "kind": "check",
        "purpose": "send",
        "host": "outlook",
        "action": "warn",
        "codes": "REC003",
        "finding_count": 1,
        "recipient_count": 12,
        "attachment_count": 1,
        "duration_ms": 0.2,
        "policy_version": 1,
        "sender_hash": "ab" * 32,
    }


def _cpu() -> tuple[float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime


def run(name: str, new_id: Callable[[], str], rows: int, events: int) -> None:
    with tempfile.TemporaryDirectory(prefix="etq-bench-ids-") as tmp:
        db = Database(f"sqlite:///{tmp}/audit.sqlite3")
        db.migrate()
        store = Store(db)
        tid = store.create_tenant("bench", "Bench", ["bench.sch.uk"])
        for _ in range(rows // BATCH):
            store.write_audit([_event(tid, new_id) for _ in range(BATCH)])
        u0, s0 = _cpu()
        for _ in range(events // BATCH):
            store.write_audit([_event(tid, new_id) for _ in range(BATCH)])
        u1, s1 = _cpu()
        db.dispose()
    print(
        f"{name:<13} {rows:>8,} rows before: user {1e6 * (u1 - u0) / events:5.1f} us/event, "
        f"system {1e6 * (s1 - s0) / events:5.1f} us/event"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--events", type=int, default=20_000)
    args = ap.parse_args()
    for name, new_id in (("random (v4)", random_id), ("ordered (v7)", time_ordered_id)) * 2:
        run(name, new_id, args.rows, args.events)


if __name__ == "__main__":
    main()
