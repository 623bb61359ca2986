"""Synthetic audit history for the demo school, so its dashboard is not empty.

Written once, when the demo starts with no audit event for its school (not in
``environment=test``, whose tests count their own events): the last
``DAYS`` days of checks and reported outcomes, made up from a fixed random
seed. Synthetic codes, counts and timings only; the "sender" hashes are
hashes of made-up numbers, and the staff groups are made-up group keys. Term
days are busy, weekends quiet; the latest weeks are a little better than the
ones before (fewer "sent anyway"), as a school's would be after a reminder.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from app.store import Store
from app.store.models import AuditEvent
from app.store.scope import SchoolScope

DAYS = 90
SEED = 20261130
# (rule code, chance a check is flagged by it, the verdict it gives in the demo policy)
_RULES: tuple[tuple[str, float, str], ...] = (
    ("SUB002", 0.060, "warn"),
    ("REC001", 0.030, "warn"),
    ("REC003", 0.025, "warn"),
    ("OOH001", 0.040, "warn"),
    ("ATT001", 0.015, "warn"),
    ("SUB001", 0.012, "warn"),
    ("REC002", 0.010, "warn"),
    ("PUP003", 0.006, "warn"),
    ("PUP002", 0.004, "warn"),
    ("PUP001", 0.003, "block"),
)
_GROUPS = ("", "", "", "school:Teaching staff", "school:Teaching staff", "school:Office")
_HOSTS = ("outlook", "outlook", "outlook", "gmail")


def _events(tenant_id: str, now: datetime, rng: random.Random) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    senders = [hashlib.sha256(f"demo-sender-{i}".encode()).hexdigest() for i in range(60)]
    today = datetime(now.year, now.month, now.day, tzinfo=UTC)
    for back in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        weekend = day.weekday() >= 5
        checks = rng.randint(4, 14) if weekend else rng.randint(70, 140)
        recent = back < 30  # after "the reminder": fewer sent anyway
        for _ in range(checks):
            hour = rng.choice((7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 15, 16, 16, 17, 19, 21))
            at = day + timedelta(hours=hour, minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))
            if at > now:
                continue
            codes = [
                c
                for c, p, _ in _RULES
                if rng.random() < p * (3 if hour >= 19 and c == "OOH001" else 1)
            ]
            action = "allow"
            if codes:
                action = (
                    "block" if any(a == "block" for c, _, a in _RULES if c in codes) else "warn"
                )
            check_id = str(uuid.uuid4())
            host = rng.choice(_HOSTS)
            out.append(
                {
                    "event_id": check_id,
                    "tenant_id": tenant_id,
                    "at": at,
                    "kind": "check",
                    "purpose": "send",
                    "check_id": check_id,
                    "host": host,
                    "action": action,
                    "codes": ",".join(codes),
                    "finding_count": len(codes),
                    "recipient_count": rng.choice((1, 1, 1, 2, 3, 5, 12, 30)),
                    "attachment_count": rng.choice((0, 0, 0, 1, 2)),
                    "duration_ms": round(rng.uniform(0.4, 4.0), 3),
                    "policy_version": 1,
                    "sender_hash": rng.choice(senders),
                    "staff_group": rng.choice(_GROUPS),
                }
            )
            if codes:
                r = rng.random()
                anyway = 0.18 if recent else 0.30
                if action == "block":
                    outcome = "fixed" if r < 0.8 else "cancelled"
                elif r < anyway:
                    outcome = "sent_anyway"
                elif r < 0.85:
                    outcome = "fixed"
                else:
                    outcome = "cancelled"
                out.append(
                    {
                        "event_id": str(uuid.uuid4()),
                        "tenant_id": tenant_id,
                        "at": at + timedelta(seconds=rng.randint(5, 90)),
                        "kind": "outcome",
                        "check_id": check_id,
                        "host": host,
                        "codes": ",".join(codes),
                        "outcome": outcome,
                        "policy_version": 1,
                    }
                )
            elif rng.random() < 0.004:
                out.append(
                    {
                        "event_id": str(uuid.uuid4()),
                        "tenant_id": tenant_id,
                        "at": at,
                        "kind": "outcome",
                        "host": host,
                        "outcome": "failed_open",
                        "policy_version": 1,
                    }
                )
    return out


def seed_history(store: Store, tenant_id: str, *, now: datetime | None = None) -> int:
    """Write the synthetic history if the school has no audit event; returns how many."""
    with store.db.session() as s:
        if s.scalar(SchoolScope(tenant_id)(select(func.count(AuditEvent.id)))):
            return 0
    events = _events(tenant_id, now or datetime.now(UTC), random.Random(SEED))
    for i in range(0, len(events), 2000):
        store.write_audit(events[i : i + 2000])
    return len(events)
