"""Audit retention: what is older than the period goes, on both databases."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.retention import apply_retention, cutoff
from app.store import Store
from app.store.models import AuditEvent, PolicyVersion
from tests.conftest import make_policy

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def _event(tenant: str, age_days: float) -> dict[str, object]:
    return {
        "event_id": str(uuid.uuid4()),
        "tenant_id": tenant,
        "kind": "check",
        "at": NOW - timedelta(days=age_days),
        "action": "allow",
    }


def _ages(store: Store) -> list[float]:
    with store.db.session() as s:
        ats = s.scalars(select(AuditEvent.at)).all()
    return sorted(round((NOW - a).total_seconds() / 86400, 3) for a in ats)


@pytest.mark.parametrize(
    ("days", "kept"),
    [
        # One school year: last September's events go, this term's stay.
        (365, [0.0, 1.0, 200.0, 364.9]),
        (30, [0.0, 1.0]),
        (1000, [0.0, 1.0, 200.0, 364.9, 365.1, 400.0, 800.0]),
    ],
)
def test_purges_only_events_older_than_the_period(
    store: Store, days: int, kept: list[float]
) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"], policy=make_policy())
    b = store.create_tenant("b", "B", ["b.sch.uk"], policy=make_policy())
    ages = [0.0, 1.0, 200.0, 364.9, 365.1, 400.0, 800.0]
    store.write_audit([_event(a if i % 2 else b, age) for i, age in enumerate(ages)])

    dry = apply_retention(store.db, days, dry_run=True, now=NOW)
    assert dry.purged == len(ages) - len(kept) and _ages(store) == ages  # nothing deleted

    done = apply_retention(store.db, days, now=NOW)
    assert done.purged == len(ages) - len(kept)
    assert done.cutoff == NOW - timedelta(days=days)
    assert _ages(store) == kept
    # Configuration is never touched: both schools keep their policy history.
    with store.db.session() as s:
        assert s.scalar(select(func.count(PolicyVersion.id))) == 2


def test_purges_in_batches(store: Store) -> None:
    from app.store.repository import purge_audit_before

    t = store.create_tenant("a", "A", ["a.sch.uk"])
    store.write_audit([_event(t, 500 + i / 100) for i in range(23)] + [_event(t, 1)])
    assert purge_audit_before(store.db, NOW - timedelta(days=365), batch_size=5) == 23
    assert _ages(store) == [1.0]


@pytest.mark.parametrize("days", [0, -1])
def test_period_must_be_positive(days: int) -> None:
    with pytest.raises(ValueError):
        cutoff(days, NOW)
