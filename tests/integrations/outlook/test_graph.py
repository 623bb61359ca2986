"""Graph On-Behalf-Of: MSAL's token endpoint and Graph mocked at the HTTP boundary."""

from __future__ import annotations

import asyncio
from datetime import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.directory.model import Directory
from app.domain import Weekday
from app.integrations.outlook import graph
from app.integrations.outlook.graph import GraphRefiner, _TtlCache, mailbox_working_hours
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.tokens import EntraIdentity
from app.tenant_state import TenantState
from app.tenants import OutlookTenantSettings, TenantSettings
from tests.conftest import ADMIN, PEOPLE, make_message, make_policy
from tests.integrations.outlook.conftest import GRAPH, LOGIN, OID, PUPILS_GROUP, TID, Microsoft

GRAPH_ON = OutlookTenantSettings(
    entra_tenant_id=TID, graph_enabled=True, pupils_group_id=PUPILS_GROUP
)


def tenant(outlook: OutlookTenantSettings = GRAPH_ON, **policy: Any) -> TenantState:
    return TenantState(
        id="t1",
        slug="test",
        name="Test School",
        revision=1,
        settings=TenantSettings(outlook=outlook),
        domains=frozenset({"stmarys.sch.uk", "pupils.stmarys.sch.uk"}),
        policy=make_policy(**policy),
        directory=Directory.build(PEOPLE, (), with_names=False),
    )


def identity(ms: Microsoft) -> EntraIdentity:
    return EntraIdentity(TID, OID, frozenset({"access_as_user"}), "2.0", ms.token())


def refine(
    ms: Microsoft, settings: OutlookSettings, state: TenantState, times: int = 1, **kw: Any
) -> tuple[TenantState, GraphRefiner]:
    refiner = GraphRefiner(settings)
    msg = make_message(to=kw.pop("to", ["new.pupil@stmarys.sch.uk"]))
    who = identity(ms)

    async def go() -> TenantState:
        async with httpx.AsyncClient(transport=ms.transport) as http:
            out = state
            for _ in range(times):
                out = await refiner.refine(http, state, who, msg, budget=5.0)
            return out

    return asyncio.run(go()), refiner


def test_mailbox_hours_replace_default_hours(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    refined, _ = refine(microsoft, outlook_settings, tenant())
    hours = refined.policy.working_hours
    assert hours.days == (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY)
    assert (hours.start, hours.end) == (time(8, 30), time(15, 30))


def test_school_policy_hours_win_over_the_mailbox(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    state = tenant(working_hours={"start": "07:00", "end": "19:00"})
    refined, _ = refine(microsoft, outlook_settings, state, to=["parent@gmail.com"])
    assert refined.policy is state.policy
    assert microsoft.count(f"{GRAPH}/me/mailboxSettings") == 0


def test_pupils_group_member_becomes_a_pupil(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    microsoft.pupils.add("new.pupil@stmarys.sch.uk")
    refined, _ = refine(microsoft, outlook_settings, tenant())
    person = refined.directory.person_by_school_address("new.pupil@stmarys.sch.uk")
    assert person is not None and person.kind.value == "pupil"
    # The shared snapshot is untouched: refinement is per check.
    assert tenant().directory.person_by_school_address("new.pupil@stmarys.sch.uk") is None


def test_only_unlisted_internal_recipients_are_looked_up(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    to = [
        "s.jones@stmarys.sch.uk",  # on the roster
        "grace.brown@pupils.stmarys.sch.uk",  # pupil domain: already a pupil
        "parent@gmail.com",  # outside the school
        "new.teacher@stmarys.sch.uk",  # unlisted: ask Graph
    ]
    refine(microsoft, outlook_settings, tenant(), to=to)
    asked = [str(q.url) for q in microsoft.requests if "checkMemberGroups" in str(q.url)]
    assert asked == [f"{GRAPH}/users/new.teacher@stmarys.sch.uk/checkMemberGroups"]


def test_results_are_cached_per_user_and_address(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    refine(microsoft, outlook_settings, tenant(), times=3)
    assert microsoft.count(f"{GRAPH}/me/mailboxSettings") == 1
    assert microsoft.count(f"{GRAPH}/users/") == 1
    assert microsoft.count(f"{LOGIN}/{TID}/oauth2/v2.0/token") == 1


FAILURES = [
    ("on-behalf-of refused (consent, Conditional Access)", {"obo_error": "invalid_grant"}),
    (
        "mailbox hours in another zone",
        {
            "working_hours": {
                "daysOfWeek": ["monday"],
                "startTime": "09:00:00",
                "endTime": "17:00:00",
                "timeZone": {"name": "Tokyo Standard Time"},
            }
        },
    ),
    ("mailbox hours unreadable", {"working_hours": {"timeZone": {"name": "GMT Standard Time"}}}),
]


@pytest.mark.parametrize(("name", "fault"), FAILURES, ids=[f[0] for f in FAILURES])
def test_failures_leave_the_check_as_it_was(
    name: str, fault: dict[str, Any], microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    for k, v in fault.items():
        setattr(microsoft, k, v)
    state = tenant()
    refined, _ = refine(microsoft, outlook_settings, state, to=["parent@gmail.com"])
    assert refined.policy.working_hours == state.policy.working_hours


NOT_CONFIGURED = [
    ("graph off", OutlookTenantSettings(entra_tenant_id=TID)),
    ("no tenant id", OutlookTenantSettings(graph_enabled=True)),
    (
        "secret variable unset",
        OutlookTenantSettings(
            entra_tenant_id=TID, graph_enabled=True, graph_client_secret_env="NO_SUCH_VAR_ETQ"
        ),
    ),
]


@pytest.mark.parametrize(("name", "cfg"), NOT_CONFIGURED, ids=[n[0] for n in NOT_CONFIGURED])
def test_without_configuration_nothing_is_called(
    name: str, cfg: OutlookTenantSettings, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    state = tenant(cfg)
    refined, _ = refine(microsoft, outlook_settings, state)
    assert refined is state
    assert microsoft.requests == []


def test_slow_graph_is_not_waited_for(
    outlook_settings: OutlookSettings, microsoft: Microsoft
) -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.5)
        return microsoft.handler(request)

    async def go() -> tuple[TenantState, TenantState]:
        refiner = GraphRefiner(outlook_settings)
        state = tenant()
        msg = make_message(to=["parent@gmail.com"])
        who = identity(microsoft)  # the add-in reuses its token until it expires
        async with httpx.AsyncClient(transport=httpx.MockTransport(slow)) as http:
            first = await refiner.refine(http, state, who, msg, budget=0.05)
            while refiner._pending:  # it finishes in the background and fills the cache
                await asyncio.sleep(0.05)
            second = await refiner.refine(http, state, who, msg, budget=0.05)
        return first, second

    first, second = asyncio.run(go())
    assert first.policy.working_hours == tenant().policy.working_hours
    assert second.policy.working_hours.end == time(15, 30)


@pytest.mark.parametrize(
    ("zone", "accepted"),
    [
        ("GMT Standard Time", True),
        ("Europe/London", True),
        ("Romance Standard Time", False),
        ("", False),
    ],
)
def test_mailbox_zone_must_be_the_schools(zone: str, accepted: bool) -> None:
    data = {
        "daysOfWeek": ["friday"],
        "startTime": "08:00:00.0000000",
        "endTime": "16:00:00.0000000",
        "timeZone": {"name": zone},
    }
    assert (mailbox_working_hours(data, "Europe/London") is not None) is accepted


def test_secret_is_named_not_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STMARYS_GRAPH_SECRET", "s3cret")
    cfg = OutlookTenantSettings(graph_client_secret_env="STMARYS_GRAPH_SECRET")
    assert OutlookSettings(_env_file=None).client_secret_for(cfg) == "s3cret"  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="names an environment variable"):
        OutlookTenantSettings(graph_client_secret_env="s3cret-value!")


def test_check_api_uses_graph_for_a_signed_in_teacher(
    entra_client: TestClient, microsoft: Microsoft
) -> None:
    """A pupil the roster lacks, written to from a personal account: Graph knows better."""
    microsoft.pupils.add("new.pupil@stmarys.sch.uk")
    body = {
        "sender": {"email": "sarah.j.teacher@gmail.com"},
        "to": [{"email": "new.pupil@stmarys.sch.uk", "kind": "user"}],
        "subject": "Homework",
        "send_at": "2026-11-18T10:00:00+00:00",
        "host": "outlook",
    }
    auth = {"Authorization": f"Bearer {microsoft.token()}"}
    before = entra_client.post("/v1/check", json=body, headers=auth).json()
    assert "PUP002" not in [f["code"] for f in before["findings"]]

    res = entra_client.patch(
        "/v1/admin/schools/stmarys/settings",
        headers=ADMIN,
        json={"outlook": GRAPH_ON.model_dump(mode="json")},
    )
    assert res.status_code == 200
    after = entra_client.post("/v1/check", json=body, headers=auth).json()
    assert "PUP002" in [f["code"] for f in after["findings"]]


NONSENSE = [
    # (what Graph answered for working hours / membership, status, body)
    ("a proxy's HTML page", 200, b"<html>Sign in to continue</html>"),
    ("a JSON list", 200, b"[1, 2]"),
    ("a JSON string", 200, b'"ok"'),
    ("truncated JSON", 200, b'{"daysOfWeek": ["mon'),
    (
        "a number for the days",
        200,
        b'{"daysOfWeek": 5, "startTime": "08:00:00", '
        b'"endTime": "16:00:00", "timeZone": {"name": "GMT Standard Time"}}',
    ),
]


@pytest.mark.parametrize(("name", "status", "body"), NONSENSE, ids=[n[0] for n in NONSENSE])
def test_nonsense_from_graph_degrades_to_the_roster(
    name: str, status: int, body: bytes, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    microsoft.raw = {"/workingHours": (status, body), "/checkMemberGroups": (status, body)}
    microsoft.pupils.add("new.pupil@stmarys.sch.uk")
    state = tenant()
    refined, _ = refine(microsoft, outlook_settings, state)
    assert refined.policy.working_hours == state.policy.working_hours
    assert refined.directory.person_by_school_address("new.pupil@stmarys.sch.uk") is None


MEMBERSHIP_ANSWERS = [
    # (checkMemberGroups body, a pupil?)
    (b'{"value": ["' + PUPILS_GROUP.encode() + b'"]}', True),
    (b'{"value": []}', False),
    (b'{"value": "' + PUPILS_GROUP.encode() + b'"}', False),  # a string, not a list: not "in" it
    (b'{"value": null}', False),
    (b"{}", False),
]


@pytest.mark.parametrize(("body", "pupil"), MEMBERSHIP_ANSWERS)
def test_membership_answer_shapes(
    body: bytes, pupil: bool, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    microsoft.raw = {"/checkMemberGroups": (200, body)}
    refined, _ = refine(microsoft, outlook_settings, tenant())
    found = refined.directory.person_by_school_address("new.pupil@stmarys.sch.uk")
    assert (found is not None) is pupil


def test_nonsense_from_graph_is_not_a_500(entra_client: TestClient, microsoft: Microsoft) -> None:
    res = entra_client.patch(
        "/v1/admin/schools/stmarys/settings",
        headers=ADMIN,
        json={"outlook": GRAPH_ON.model_dump(mode="json")},
    )
    assert res.status_code == 200
    microsoft.raw = {"/workingHours": (200, b"[]"), "/checkMemberGroups": (200, b"<html/>")}
    body = {
        "sender": {"email": "s.jones@stmarys.sch.uk"},
        "to": [{"email": "new.pupil@stmarys.sch.uk", "kind": "user"}],
        "subject": "Homework",
        "host": "outlook",
    }
    auth = {"Authorization": f"Bearer {microsoft.token()}"}
    res = entra_client.post("/v1/check", json=body, headers=auth)
    assert res.status_code == 200, res.text
    assert res.json()["action"] in {"allow", "warn", "block"}


def test_membership_lookups_run_together_and_one_failure_leaves_the_rest(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    """Ten unlisted colleagues, each lookup taking 0.3 s: together well inside 0.8 s."""
    addresses = [f"new{i}@stmarys.sch.uk" for i in range(12)]
    microsoft.pupils.update({"new1@stmarys.sch.uk", "new2@stmarys.sch.uk"})

    async def slow(request: httpx.Request) -> httpx.Response:
        if "checkMemberGroups" in str(request.url):
            await asyncio.sleep(0.3)
            if "/new2@" in str(request.url):
                return httpx.Response(503)
        return microsoft.handler(request)

    async def go() -> tuple[TenantState, float, GraphRefiner]:
        refiner = GraphRefiner(outlook_settings)
        msg = make_message(to=addresses)
        async with httpx.AsyncClient(transport=httpx.MockTransport(slow)) as http:
            await refiner.graph_token(http, tenant(), identity(microsoft))  # warm, as at Send
            t0 = asyncio.get_running_loop().time()
            out = await refiner.refine(http, tenant(), identity(microsoft), msg, budget=0.8)
            return out, asyncio.get_running_loop().time() - t0, refiner

    refined, took, refiner = asyncio.run(go())
    assert took < 0.75, took
    asked = [q for q in microsoft.requests if "checkMemberGroups" in str(q.url)]
    assert len(asked) == 9  # ten asked (the cap); new2's answer never reached the fake
    found = refined.directory.person_by_school_address
    assert found("new1@stmarys.sch.uk") is not None
    assert found("new2@stmarys.sch.uk") is None  # failed: unknown, so not a pupil...
    assert refiner._members.get(("t1", "new2@stmarys.sch.uk")) is None  # ...and not cached
    assert refiner._members.get(("t1", "new3@stmarys.sch.uk")) is not None
    assert refiner._members.get(("t1", "new11@stmarys.sch.uk")) is None  # over the cap


def test_caches_are_bounded_least_recently_used_first() -> None:
    cache: _TtlCache[str, int | None] = _TtlCache(size=3, ttl=60)
    for k, v in [("a", 1), ("b", None), ("c", 3)]:
        cache.put(k, v)
    hit = cache.get("b")
    assert hit is not None and hit.value is None  # a cached None is a hit
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("d", 4)
    assert len(cache) == 3
    assert cache.get("c") is None  # the least recently used went
    assert [k for k in "abd" if cache.get(k) is not None] == ["a", "b", "d"]
    cache.put("e", 5, ttl=0)
    assert cache.get("e") is None  # expired at once


def test_refiner_caches_stay_within_their_bounds(
    microsoft: Microsoft, outlook_settings: OutlookSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graph, "_MAX_MEMBERS", 15)
    refiner = GraphRefiner(outlook_settings)
    who = identity(microsoft)

    async def go() -> None:
        async with httpx.AsyncClient(transport=microsoft.transport) as http:
            for batch in range(4):
                to = [f"n{batch}-{i}@stmarys.sch.uk" for i in range(10)]
                await refiner.refine(http, tenant(), who, make_message(to=to), budget=5.0)

    asyncio.run(go())
    assert microsoft.count(f"{GRAPH}/users/") == 40
    assert len(refiner._members) == 15
