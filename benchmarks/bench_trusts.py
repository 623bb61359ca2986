"""What trusts cost: precomputing effective policies at load, and the check path.

    .venv/bin/python benchmarks/bench_trusts.py [--staff 2000] [--checks 20000]

A school of a trust with ``--staff`` staff (a third of them in one of three
staff groups, trust- and school-level) is built with ``TenantState.from_record``
as the runtime does on load/refresh: prints how long that takes with and
without the trust and groups (the policy work is the difference). Then a check
(``evaluate`` under ``policy_for(sender)``) is timed against the same check
under the school's plain policy: median and p99 per check. Not a test:
figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datetime import UTC, datetime

from app.domain import Address, Message, PersonKind, Recipient
from app.engine import evaluate
from app.people import Person
from app.policy import Policy
from app.store.repository import TenantRecord
from app.store.trusts import TrustRecord
from app.tenant_state import TenantState
from app.tenants import TenantSettings
from app.trusts.overlay import StaffGroup

ROLES = ("Headteacher", "DSL", "Office")
WHEN = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)


def record(staff: int) -> TenantRecord:
    people = tuple(
        Person(
            f"S{i}",
            f"Given{i}",
            f"Family{i}",
            PersonKind.STAFF,
            email=f"staff{i}@oak.org.uk",
            roles=(ROLES[i % 9],) if i % 9 < 3 else ("Teacher",),
        )
        for i in range(staff)
    )
    policy = Policy.model_validate({"rules": {"OOH001": "warn"}, "school_name": "North"})
    return TenantRecord(
        "t1", "north", "North", 1, 1, TenantSettings(), (), policy, people, (), {}, "trust1"
    )


TRUST = TrustRecord(
    "trust1",
    "oak",
    "Oak",
    1,
    ("oak.org.uk",),
    None,
    None,
    {"rules": {"REC001": {"max_recipients": 40}, "OOH001": {"severity": "advise"}}},
    1,
    (
        StaffGroup(
            "slt",
            roles=("Headteacher",),
            patch={"rules": {"REC001": {"max_recipients": 500}}},
            level="trust",
        ),
        StaffGroup(
            "dsl", roles=("DSL",), patch={"rules": {"PUP003": {"severity": "block"}}}, level="trust"
        ),
    ),
)
OFFICE = (
    StaffGroup("office", roles=("Office",), patch={"rules": {"OOH001": {"severity": "off"}}}),
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--staff", type=int, default=2000)
    ap.add_argument("--checks", type=int, default=20000)
    args = ap.parse_args()
    rec = record(args.staff)
    TenantState.from_record(rec)  # warm-up: first-use caches are not the policy's cost
    plain_ms, trust_ms = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        plain = TenantState.from_record(rec)
        t1 = time.perf_counter()
        state = TenantState.from_record(rec, trust=TRUST, groups=OFFICE)
        t2 = time.perf_counter()
        plain_ms.append(1000 * (t1 - t0))
        trust_ms.append(1000 * (t2 - t1))
    distinct = len({id(p) for p in state.policies.by_sender.values()}) if state.policies else 0
    print(
        f"load, {args.staff} staff (median of 5): plain {statistics.median(plain_ms):.1f} ms, "
        f"trust + 3 staff groups {statistics.median(trust_ms):.1f} ms "
        f"({distinct} distinct group policies)"
    )
    to = tuple(Recipient(f"p{i}@oak.org.uk") for i in range(30))
    for label, st in (("plain policy", plain), ("policy_for(sender)", state)):
        times = []
        for i in range(args.checks):
            sender = Address(f"staff{i % args.staff}@oak.org.uk")
            msg = Message(sender=sender, send_at=WHEN, to=to, subject="Staff briefing")
            c0 = time.perf_counter()
            evaluate(msg, st.policy_for(sender.key), st.directory)
            times.append((time.perf_counter() - c0) * 1e6)
        times.sort()
        print(
            f"check, {label}: median {statistics.median(times):.1f} µs, "
            f"p99 {times[int(len(times) * 0.99)]:.1f} µs"
        )


if __name__ == "__main__":
    main()
