"""The schedule: what is due, a nightly full reconcile, and one instance at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.directory.sync.engine import full_due
from app.directory.sync.scheduler import Scheduler, is_due
from app.directory.sync.settings import SyncSettings
from app.main import create_app
from app.store.sync import SourceRecord, SyncRepo
from tests.directory.sources.graph_fake import TENANT, FakeGraph, graph_user

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def src(
    last_run: datetime | None = None,
    last_full: datetime | None = None,
    cursor: dict[str, str] | None = None,
    interval: int = 60,
) -> SourceRecord:
    return SourceRecord(1, "s", "graph", {}, True, interval, 0.1, cursor, last_run, last_full)


@pytest.mark.parametrize(
    ("record", "due"),
    [
        (src(), True),  # never run
        (src(last_run=NOW - timedelta(minutes=59)), False),
        (src(last_run=NOW - timedelta(minutes=60)), True),
        (src(last_run=NOW - timedelta(minutes=10), interval=5), True),
    ],
)
def test_is_due(record: SourceRecord, due: bool) -> None:
    assert is_due(record, NOW) is due


C = {"users_delta": "x"}


@pytest.mark.parametrize(
    ("record", "now", "full"),
    [
        (src(), NOW, True),  # no cursor yet
        (src(cursor=C, last_full=NOW - timedelta(hours=1)), NOW, False),  # done today at 09:00
        (src(cursor=C, last_full=NOW - timedelta(days=1)), NOW, True),  # yesterday's: due
        (
            src(cursor=C, last_full=NOW - timedelta(days=1)),
            NOW.replace(hour=1),
            False,
        ),  # before 02:00
        # today's was before 02:00 (a first sync at 00:30): tonight's is still due
        (src(cursor=C, last_full=NOW.replace(hour=0, minute=30)), NOW, True),
    ],
)
def test_nightly_full_reconcile(record: SourceRecord, now: datetime, full: bool) -> None:
    assert full_due(record, now, nightly_hour=2) is full


def test_one_instance_runs_due_sources(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_GRAPH_SECRET", "s3cret")
    graph = FakeGraph()
    graph.add(*(graph_user(i, domain="stmarys.sch.uk") for i in range(3)))
    app = create_app(settings, transport=graph.transport)
    with TestClient(app) as client:
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        tid = runtime.store.tenant_id_for_slug("stmarys")
        with runtime.store.db.session() as s:
            SyncRepo(s, tid).put_source(
                "entra",
                "graph",
                {
                    "tenant_id": TENANT,
                    "client_id": "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
                    "client_secret_env": "ETQ_TEST_GRAPH_SECRET",
                    "groups": False,
                },
            )
        staff = len([p for p in runtime.tenant(tid).directory.people if p.kind.value == "staff"])
        sync = SyncSettings(tick_seconds=1)
        a, b = Scheduler(runtime, sync), Scheduler(runtime, sync)

        async def both() -> tuple[int, int]:
            first = await a.tick()
            second = await b.tick()  # a holds the lease: b does nothing
            return len(first), len(second)

        assert client.portal.call(both) == (1, 0)  # type: ignore[union-attr]
        # the change is live in this instance at once
        now_staff = [p for p in runtime.tenant(tid).directory.people if p.kind.value == "staff"]
        assert len(now_staff) == staff + 3
        # not due again within the hour
        assert client.portal.call(a.tick) == []  # type: ignore[union-attr]
        # once a lets go, b takes over (and finds nothing due)
        a.release()
        assert client.portal.call(b.tick) == []  # type: ignore[union-attr]
        assert b.held
