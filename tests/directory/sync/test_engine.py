"""The sync engine on SQLite and PostgreSQL: apply, hold, refuse, approve, history."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from app.directory.sources.base import DirectorySource
from app.directory.sources.msgraph import GraphSource
from app.directory.sources.registry import make_source
from app.directory.sync import engine
from app.store import Store
from app.store.sync import SyncRepo
from tests.directory.sources.graph_fake import TENANT, FakeGraph, graph_user, unavailable

CONFIG = {
    "tenant_id": TENANT,
    "client_id": "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
    "client_secret_env": "ETQ_TEST_GRAPH_SECRET",
    "groups": False,
}


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_GRAPH_SECRET", "s3cret")


@pytest.fixture
def school(store: Store) -> str:
    tid = store.create_tenant("oak", "Oak", ["oak.sch.uk"])
    with store.db.session() as s:
        SyncRepo(s, tid).put_source("entra", "graph", CONFIG)
    return tid


def sync(store: Store, tid: str, graph: FakeGraph, **kw: Any) -> engine.RunOutcome:
    async def go() -> engine.RunOutcome:
        async with httpx.AsyncClient(transport=graph.transport) as http:
            return await engine.sync_source(store, tid, "entra", http, **kw)

    return asyncio.run(go())


def people_ids(store: Store, tid: str) -> set[str]:
    return {p.id for p in store.load(tid).people}


def graph_with(n: int) -> FakeGraph:
    g = FakeGraph(page_size=50)
    g.add(*(graph_user(i) for i in range(n)))
    return g


def test_first_sync_applies_and_later_ones_are_incremental(store: Store, school: str) -> None:
    g = graph_with(100)
    first = sync(store, school, g)
    assert first.status == engine.APPLIED and first.diff is not None
    assert first.diff.added == 100 and len(people_ids(store, school)) == 100
    g.add(graph_user(500))
    second = sync(store, school, g)
    assert second.status == engine.APPLIED
    assert second.diff is not None and second.diff.added_ids == (graph_user(500)["id"],)
    with store.db.session() as s:
        runs = SyncRepo(s, school).runs()
        assert [(r.mode, r.status) for r in runs] == [
            ("incremental", "applied"),
            ("full", "applied"),
        ]
        assert runs[1].finished_at is not None and runs[1].started_at <= runs[1].finished_at
    third = sync(store, school, g)
    assert third.status == engine.UNCHANGED


def test_a_failed_fetch_changes_nothing_and_is_recorded(store: Store, school: str) -> None:
    g = graph_with(20)
    sync(store, school, g)
    g.faults = [("/users/delta", unavailable()) for _ in range(6)]
    waits: list[float] = []

    async def no_waiting(seconds: float) -> None:  # the back-off, counted, not slept
        waits.append(seconds)

    def source(*args: Any) -> DirectorySource:
        src = make_source(*args)
        assert isinstance(src, GraphSource)
        src.sleep = no_waiting
        return src

    out = sync(store, school, g, full=True, factory=source)
    assert out.status == engine.FAILED and "HTTP 503" in out.error
    assert len(waits) == 5  # six attempts in all
    assert len(people_ids(store, school)) == 20
    with store.db.session() as s:
        assert SyncRepo(s, school).runs(limit=1)[0].error.startswith("graph users: HTTP 503")


def test_an_empty_feed_changes_nothing(store: Store, school: str) -> None:
    g = graph_with(20)
    sync(store, school, g)
    empty = FakeGraph()
    out = sync(store, school, empty, full=True)
    assert out.status == engine.REFUSED
    assert len(people_ids(store, school)) == 20


def test_a_15_percent_removal_waits_for_approval(store: Store, school: str) -> None:
    g = graph_with(100)
    sync(store, school, g)
    version = store.load(school).directory_version
    g.remove(*(graph_user(i)["id"] for i in range(15)))
    out = sync(store, school, g)
    assert out.status == engine.PENDING
    assert len(people_ids(store, school)) == 100  # nothing removed yet
    assert store.load(school).directory_version == version
    with store.db.session() as s:
        run = SyncRepo(s, school).run(out.run_id)
        assert '"removed": 15' in run.diff_json and graph_user(0)["id"] in run.diff_json
    # while it waits, the source is held (its cursor did not move)
    assert sync(store, school, g).status == engine.HELD
    engine.approve(store, school, out.run_id, "admin")
    assert len(people_ids(store, school)) == 85
    with pytest.raises(engine.NotPending):
        engine.approve(store, school, out.run_id, "admin")
    assert sync(store, school, g).status == engine.UNCHANGED  # cursor moved on with approval


def test_a_rejected_removal_keeps_everyone(store: Store, school: str) -> None:
    g = graph_with(10)
    sync(store, school, g)
    g.remove(*(graph_user(i)["id"] for i in range(5)))
    out = sync(store, school, g)
    assert out.status == engine.PENDING
    engine.reject(store, school, out.run_id, "admin")
    assert len(people_ids(store, school)) == 10


def test_approval_after_the_source_changed_is_refused(store: Store, school: str) -> None:
    g = graph_with(10)
    sync(store, school, g)
    g.remove(*(graph_user(i)["id"] for i in range(5)))
    out = sync(store, school, g)
    with store.db.session() as s:  # meanwhile an upload replaced everything
        store.scoped(s, school).replace_directory([], None)
    with pytest.raises(engine.StaleProposal):
        engine.approve(store, school, out.run_id, "admin")
    with store.db.session() as s:
        assert SyncRepo(s, school).run(out.run_id).status == engine.STALE


def test_a_sync_replaces_only_its_own_rows(store: Store, school: str) -> None:
    from app.domain import PersonKind
    from app.people import Person

    with store.db.session() as s:
        store.scoped(s, school).replace_directory(
            [Person("P1", "Amir", "Khan", PersonKind.PUPIL)], None
        )
    sync(store, school, graph_with(3))
    assert len(people_ids(store, school)) == 4
    assert "P1" in people_ids(store, school)


def test_skips_are_counted_by_reason(store: Store, school: str) -> None:
    g = graph_with(3)
    g.add(graph_user(8, accountEnabled=False), graph_user(9, mail=None))
    out = sync(store, school, g)
    with store.db.session() as s:
        counts = SyncRepo(s, school).run(out.run_id).counts_json
    assert '"skipped": 2' in counts and '"account disabled": 1' in counts


def test_lease_is_held_by_one_instance_at_a_time(store: Store) -> None:
    from datetime import timedelta

    from app.store.sync import SyncStore

    leases = SyncStore(store.db)
    assert leases.acquire_lease("directory-sync", "a", timedelta(seconds=60))
    assert not leases.acquire_lease("directory-sync", "b", timedelta(seconds=60))
    assert leases.acquire_lease("directory-sync", "a", timedelta(seconds=60))  # renew
    leases.release_lease("directory-sync", "a")
    assert leases.acquire_lease("directory-sync", "b", timedelta(seconds=-1))  # taken, expired
    assert leases.acquire_lease("directory-sync", "c", timedelta(seconds=60))


def test_wonde_incremental_keeps_links_to_pupils_not_reread(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.people import Relationship
    from tests.directory.sources.wonde_fake import SCHOOL, TOKEN, FakeWonde, contact, student

    monkeypatch.setenv("ETQ_TEST_WONDE_TOKEN", TOKEN)
    tid = store.create_tenant("wo", "Wo", ["wo.sch.uk"])
    with store.db.session() as s:
        SyncRepo(s, tid).put_source(
            "mis", "wonde", {"school_id": SCHOOL, "token_env": "ETQ_TEST_WONDE_TOKEN"}
        )
    mum = contact("C1", "Samina", "Khan", "samina.khan@gmail.com", "Mother", True)
    feed = FakeWonde(
        students=[
            student("S1", "Amir", "Khan", "amir@pupils.wo.sch.uk", [mum]),
            student("S2", "Bea", "Khan", "bea@pupils.wo.sch.uk", [mum]),
        ]
    )

    def go() -> engine.RunOutcome:
        async def inner() -> engine.RunOutcome:
            async with httpx.AsyncClient(transport=feed.transport) as http:
                return await engine.sync_source(store, tid, "mis", http)

        return asyncio.run(inner())

    assert go().status == engine.APPLIED
    # Amir's record changes (mum is now listed without parental responsibility)
    feed.students[0] = student(
        "S1",
        "Amir",
        "Khan",
        "amir@pupils.wo.sch.uk",
        [contact("C1", "Samina", "Khan", "samina.khan@gmail.com", "Mother", False)],
        updated="2099-01-01 00:00:00",
    )
    out = go()
    assert out.status == engine.APPLIED
    rec = store.load(tid)
    mum_now = next(p for p in rec.people if p.id == "C1")
    assert set(mum_now.relationships) == {
        Relationship("S1", "mother", False),
        Relationship("S2", "mother", True),
    }
