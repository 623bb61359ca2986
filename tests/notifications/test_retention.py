"""Notifications follow the audit trail's retention: older ones go (with their
outbox items), newer ones and anything still to be sent stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.retention import apply_retention
from app.store import Store
from app.store.notifications import NotificationStore

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def test_retention_purges_old_notifications(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    notes = NotificationStore(store.db)
    for age in (1, 200, 400, 800):
        notes.add(
            tid,
            trigger="override",
            rule="PUP001",
            sender_hash="h",
            count=1,
            window_minutes=0,
            at=NOW - timedelta(days=age),
            dedupe=f"d{age}",
            instant_channel="teams",
        )
    notes.enqueue_digest(tid, NOW - timedelta(days=401), NOW - timedelta(days=400), "old", "teams")
    assert len(notes.outbox(tid)) == 5

    dry = apply_retention(store.db, 365, dry_run=True, now=NOW)
    assert dry.notifications == 2 and len(notes.recent(tid)) == 4

    done = apply_retention(store.db, 365, now=NOW)
    assert done.notifications == 2
    assert sorted((NOW - n.at).days for n in notes.recent(tid)) == [1, 200]
    # the old digest is pending (never sent): it stays; the old instants went with their rows
    assert sorted(o.kind for o in notes.outbox(tid)) == ["digest", "instant", "instant"]
