"""Microsoft Graph source against a fake tenant shaped as Graph's documentation shows."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from app.directory.sources.base import RetryPolicy, SourceAuthError, SourceError
from app.directory.sources.msgraph import GraphSource
from app.domain import PersonKind
from tests.directory.sources.graph_fake import (
    TENANT,
    FakeGraph,
    graph_user,
    throttled,
    unavailable,
)

CONFIG = {
    "tenant_id": TENANT,
    "client_id": "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
    "client_secret_env": "ETQ_TEST_GRAPH_SECRET",
    "pupil_domains": ["pupils.oak.sch.uk"],
}


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_GRAPH_SECRET", "s3cret")


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def run(graph: FakeGraph, cursor: dict[str, Any] | None = None, **over: Any) -> Any:
    sleeps = Sleeps()

    async def go() -> Any:
        async with httpx.AsyncClient(transport=graph.transport) as http:
            src = GraphSource(
                "graph",
                {**CONFIG, **over},
                http,
                policy=RetryPolicy(attempts=4, base_seconds=1.0),
                sleep=sleeps,
            )
            return await src.fetch(cursor)

    return asyncio.run(go()), sleeps


def tenant(n: int = 5, page_size: int = 2) -> FakeGraph:
    g = FakeGraph(page_size=page_size)
    g.add(*(graph_user(i) for i in range(n)))
    return g


def test_full_read_pages_through_next_links_and_keeps_the_delta_link() -> None:
    g = tenant(5, page_size=2)
    g.add(graph_user(10, domain="pupils.oak.sch.uk", jobTitle=None, department=None))
    g.groups = [
        {"id": "g1", "displayName": "All staff", "mail": "All-Staff@oak.sch.uk"},
        {"id": "g2", "displayName": "Security group", "mail": None},
    ]
    g.group_sizes = {"g1": 120}
    got, _ = run(g)
    assert got.full and len(got.people) == 6
    delta_pages = [r for r in g.requests if "/users/delta" in str(r.url)]
    assert len(delta_pages) == 3  # 6 users, 2 a page
    assert "$deltatoken=" in got.cursor["users_delta"]
    staff = got.people[0]
    assert (staff.kind, staff.email, staff.roles, staff.departments, staff.source) == (
        PersonKind.STAFF,
        "user0@oak.sch.uk",
        ("Teacher",),
        ("Science",),
        "graph",
    )
    assert got.people[-1].kind is PersonKind.PUPIL
    assert [(x.email, x.name, x.member_count) for x in got.groups] == [
        ("all-staff@oak.sch.uk", "All staff", 120)
    ]
    assert g.tokens_issued == 1


@pytest.mark.parametrize(
    ("user", "reason"),
    [
        (graph_user(1, accountEnabled=False), "account disabled"),
        (graph_user(2, mail=None), "no mailbox"),
        (graph_user(3, givenName=None), "no first name or surname (a shared or resource mailbox?)"),
    ],
)
def test_unusable_accounts_are_skipped_with_a_reason(user: dict[str, Any], reason: str) -> None:
    g = FakeGraph()
    g.add(user, graph_user(9))
    got, _ = run(g, groups=False)
    assert [p.id for p in got.people] == [graph_user(9)["id"]]
    assert [(s.id, s.reason) for s in got.skipped] == [(user["id"], reason)]


def test_incremental_read_returns_changes_and_removals() -> None:
    g = tenant(3)
    first, _ = run(g, groups=False)
    g.add(graph_user(7))
    g.add(graph_user(1, surname="Changed"))
    g.remove(graph_user(2)["id"])
    g.add(graph_user(0, accountEnabled=False))  # disabled since: goes too
    got, _ = run(g, first.cursor, groups=False)
    assert not got.full
    assert sorted(p.last_name for p in got.people) == ["Changed", "Family7"]
    assert got.removed == {graph_user(2)["id"], graph_user(0)["id"]}
    assert "$deltatoken=" in got.cursor["users_delta"]


def test_429_waits_as_long_as_retry_after_says_and_5xx_backs_off() -> None:
    g = tenant(3, page_size=2)
    g.faults = [("/users/delta", throttled(7)), ("skiptoken", unavailable())]
    got, sleeps = run(g, groups=False)
    assert len(got.people) == 3
    assert sleeps.waits == [7.0, 1.0]


def test_persistent_failure_is_an_error_that_names_no_one() -> None:
    g = tenant(3)
    g.faults = [("/users/delta", unavailable()) for _ in range(4)]
    with pytest.raises(SourceError, match=r"graph users: HTTP 503 after 4 attempts") as exc:
        run(g, groups=False)
    assert "Given" not in str(exc.value)


def test_an_expired_token_is_renewed_once() -> None:
    g = tenant(3)
    g.expire_token_once = True
    got, _ = run(g, groups=False)
    assert len(got.people) == 3 and g.tokens_issued == 2


def test_a_wrong_secret_is_an_auth_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_GRAPH_SECRET", "wrong")
    with pytest.raises(SourceAuthError, match="invalid_client") as exc:
        run(tenant(1))
    assert "wrong" not in str(exc.value)


def test_school_data_sync_gives_roles_and_classes() -> None:
    g = tenant(3)
    pupil = graph_user(0)["id"]
    g.edu_students = {pupil}
    g.edu_classes = {"c1": ("9X/Ma1", [pupil, graph_user(1)["id"]]), "c2": ("9X", [pupil])}
    got, _ = run(g, education=True, groups=False)
    by_id = {p.id: p for p in got.people}
    assert by_id[pupil].kind is PersonKind.PUPIL and by_id[pupil].roles == ()
    assert by_id[pupil].classes == ("9X/Ma1", "9X")
    assert by_id[graph_user(1)["id"]].classes == ("9X/Ma1",)
    assert got.cursor is None  # education reads are full each time


def test_group_sizes_are_read_on_full_reads_only() -> None:
    g = tenant(2)
    g.groups = [{"id": "g1", "displayName": "All staff", "mail": "all-staff@oak.sch.uk"}]
    g.group_sizes = {"g1": 120}
    first, _ = run(g)
    assert first.groups is not None and len(first.groups) == 1
    later, _ = run(g, first.cursor)
    assert later.groups is None  # kept as they are until the next full read


def test_a_trust_tenant_is_split_by_company_name() -> None:
    """A trust's one tenant: each school's source keeps its own users (companyName)."""
    g = FakeGraph(page_size=2)
    g.add(
        graph_user(1, companyName="Oak North Primary"),
        graph_user(2, companyName="Oak South Academy"),
        graph_user(3),  # no company: nobody's
    )
    got, _ = run(g, company_names=["oak north primary"], groups=False)
    assert [p.email for p in got.people] == ["user1@oak.sch.uk"]
    assert sorted(s.reason for s in got.skipped) == ["user of another school (companyName)"] * 2
    # incremental: a user moved to another school is removed from this one
    g.add(graph_user(1, companyName="Oak South Academy"))
    again, _ = run(g, cursor=got.cursor, company_names=["Oak North Primary"], groups=False)
    assert not again.full and again.removed == {str(graph_user(1)["id"])}
