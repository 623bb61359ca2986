"""The demo's synthetic audit history: written once, to an empty audit table
only, codes and counts only, and plausible enough for the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.demo import ensure_demo
from app.demo.history import DAYS, seed_history
from app.rules.registry import BY_CODE
from app.store import Store
from app.store.dashboard import DashboardQueries, last_days

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def test_history_is_written_once_and_holds_codes_and_counts_only(store: Store) -> None:
    tid = ensure_demo(store)  # no history by default (tests count their own events)
    with store.db.session() as s:
        assert store.scoped(s, tid).audit_events(limit=1) == []
    n = seed_history(store, tid, now=NOW)
    assert n > 5_000
    assert seed_history(store, tid, now=NOW) == 0  # not an empty table any more
    with store.db.session() as s:
        events = store.scoped(s, tid).audit_events(limit=100_000)
        assert len(events) == n
        for e in events:
            assert e.at <= NOW
            assert all(c in BY_CODE for c in filter(None, e.codes.split(",")))
            assert len(e.sender_hash) in (0, 64)
        blocked = {e.check_id for e in events if e.kind == "check" and e.action == "block"}
        assert blocked
        assert not any(
            e.kind == "outcome" and e.outcome == "sent_anyway" and e.check_id in blocked
            for e in events
        )
        q = DashboardQueries(s, tid)
        p = last_days(30, LONDON, NOW)
        now, before = q.totals(p), q.totals(p.before())
        assert now.checks > 1_000 and before.checks > 1_000
        assert now.outcomes["sent_anyway"] < before.outcomes["sent_anyway"]  # the trend
        assert len(q.checks_per_day(last_days(DAYS, LONDON, NOW))) == DAYS
        assert {g.group for g in q.by_staff_group(p)} >= {"", "school:Office"}


def test_ensure_demo_with_history(store: Store) -> None:
    tid = ensure_demo(store, history=True)
    assert ensure_demo(store, history=True) == tid
    with store.db.session() as s:
        assert len(store.scoped(s, tid).audit_events(limit=100_000)) > 5_000
