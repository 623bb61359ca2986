"""Trusts through the API: which school a sender's check runs under, the
effective policy per sender, staff groups, and isolation (404) between trusts
and schools on every new route."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.domain import PersonKind
from app.people import Person
from app.policy import Policy
from app.runtime import Runtime
from app.store.trusts import TrustStore
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN

ENTRA = "11111111-2222-3333-4444-555555555555"


def staff(i: str, email: str, roles: tuple[str, ...] = ()) -> Person:
    return Person(i, "Sam", "Lee", PersonKind.STAFF, email=email, roles=roles)


@dataclass
class Trusts:
    client: TestClient
    runtime: Runtime
    oak_key: str
    elm_key: str
    north_key: str
    south_key: str
    birch_key: str


@pytest.fixture
def trusts(client: TestClient) -> Iterator[Trusts]:
    runtime: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    ts = TrustStore(runtime.store.db)
    oak, oak_key = ts.create_trust(
        "oak",
        "Oak Trust",
        ["oak.org.uk"],
        entra_tenant_id=ENTRA,
        policy={"rules": {"REC001": {"max_recipients": 40}, "REC003": "advise"}},
    )
    elm, elm_key = ts.create_trust("elm", "Elm Trust", ["elm.org.uk"])
    _, north_key = ts.create_school(
        oak,
        "north",
        "Oak North",
        policy=Policy.model_validate({"rules": {"REC003": "block"}}),
        people=[
            staff("S1", "head@oak.org.uk", roles=("Headteacher",)),
            staff("S2", "t.one@oak.org.uk"),
        ],
    )
    _, south_key = ts.create_school(
        oak, "south", "Oak South", ["south.sch.uk"], people=[staff("S1", "t.two@oak.org.uk")]
    )
    _, birch_key = ts.create_school(elm, "birch", "Elm Birch", people=[staff("B1", "b@elm.org.uk")])
    runtime.refresh_sync()
    yield Trusts(client, runtime, oak_key, elm_key, north_key, south_key, birch_key)


def key(k: str) -> dict[str, str]:
    return {"X-API-Key": k}


def check(t: Trusts, sender: str, headers: dict[str, str] | None = None) -> Any:
    body = copy.deepcopy(GOOD)
    body["sender"] = {"email": sender, "name": ""}
    return t.client.post("/v1/check", json=body, headers=headers or {})


# -- which school a sender is checked under ------------------------------------------


@pytest.mark.parametrize(
    ("sender", "school"),
    [
        ("head@oak.org.uk", "north"),  # the roster that holds them
        ("T.Two@oak.org.uk", "south"),
        ("t.two@south.sch.uk", "south"),  # a school's own domain, as before
        ("new.starter@oak.org.uk", "oak (trust)"),  # no roster: the trust's view
        ("b@elm.org.uk", "birch"),
        ("nobody@elm.org.uk", "elm (trust)"),
        ("s.jones@stmarys.sch.uk", "stmarys"),  # a school with no trust: unchanged
        ("someone@gmail.com", None),
    ],
)
def test_trust_resolution(trusts: Trusts, sender: str, school: str | None) -> None:
    state = trusts.runtime.tenant_for_sender(sender)
    if school is None:
        assert state is None
        return
    assert state is not None
    if school.endswith("(trust)"):
        trust = trusts.runtime.trust(state.trust_id or "")
        assert state.trust_view and trust is not None and f"{trust.slug} (trust)" == school
    else:
        assert state.slug == school and not state.trust_view


@pytest.mark.parametrize(
    ("sender", "school"),
    [
        ("head@oak.org.uk", "north"),  # held by north's roster
        ("T.Two@oak.org.uk", "south"),
        ("t.two@south.sch.uk", "south"),  # a school's own domain
        ("new.starter@oak.org.uk", None),  # no roster holds them: the trust's view stays
        ("b@elm.org.uk", None),  # another trust's school is never chosen
    ],
)
def test_a_trust_identity_checks_under_the_senders_school(
    trusts: Trusts, sender: str, school: str | None
) -> None:
    """What a Gmail (Google domain) or Outlook (Entra) sign-in of a trust resolves to."""
    view = trusts.runtime.tenant_for_sender("new.starter@oak.org.uk")
    assert view is not None and view.trust_view
    state = trusts.runtime.school_for(view, sender)
    assert (state is view) if school is None else (state.slug == school)
    north = trusts.runtime.tenant_for_sender("head@oak.org.uk")
    assert north is not None and trusts.runtime.school_for(north, sender) is north


def test_the_trust_view_is_the_trusts_policy_over_every_roster(trusts: Trusts) -> None:
    view = trusts.runtime.trust_view(trusts.runtime.trust_for_key(trusts.oak_key)[0].id)  # type: ignore[index]
    assert view is not None
    assert view.policy.options("REC003").severity.value == "advise"  # trust's, not north's block
    assert view.directory.person_by_address("t.two@oak.org.uk") is not None
    assert view.directory.person_by_address("head@oak.org.uk") is not None
    assert {"oak.org.uk", "south.sch.uk"} <= view.directory.internal_domains
    # audited under the trust's first school by slug
    assert view.id == trusts.runtime.school_of_trust(view.trust_id or "", "north").id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sender", "who", "status", "action"),
    [
        ("head@oak.org.uk", "north", 200, "block"),  # north's own REC003: block
        ("t.two@oak.org.uk", "south", 200, "warn"),  # south says nothing: the trust's advise
        ("t.two@oak.org.uk", "north", 403, None),  # another school's person
        ("new.starter@oak.org.uk", "north", 200, "block"),  # no roster: the key's school
        ("head@oak.org.uk", "birch", 403, None),  # another trust's domain
        ("head@oak.org.uk", "oak", 403, None),  # a trust admin key never checks
    ],
)
def test_checks_with_keys(
    trusts: Trusts, sender: str, who: str, status: int, action: str | None
) -> None:
    k = {
        "north": trusts.north_key,
        "south": trusts.south_key,
        "birch": trusts.birch_key,
        "oak": trusts.oak_key,
    }[who]
    res = check(trusts, sender, key(k))
    assert res.status_code == status, res.text
    if action is not None:
        codes = {f["code"]: f["severity"] for f in res.json()["findings"]}
        assert codes.get("REC003") == {"block": "block", "warn": "advise"}[action]


# -- effective policy and staff groups ------------------------------------------------


def test_effective_policy_and_staff_groups(trusts: Trusts) -> None:
    c = trusts.client
    oak = key(trusts.oak_key)
    res = c.put(
        "/v1/admin/trusts/oak/staff-groups/slt",
        headers=oak,
        json={"roles": ["headteacher"], "policy": {"rules": {"REC001": {"max_recipients": 300}}}},
    )
    assert res.status_code == 200, res.text
    res = c.put(
        "/v1/admin/schools/north/staff-groups/office",
        headers=key(trusts.north_key),
        json={"roles": ["Teacher"], "policy": {"rules": {"REC001": "off"}}},
    )
    assert res.status_code == 200, res.text
    url = "/v1/admin/schools/north/policy/effective"
    head = c.get(url, params={"sender": "Head@oak.org.uk"}, headers=oak).json()
    assert head["staff_groups"] == ["trust:slt"]
    assert [layer["level"] for layer in head["layers"]] == ["trust", "school", "staff-group"]
    assert head["policy"]["rules"]["REC001"]["max_recipients"] == 300
    assert head["policy"]["rules"]["REC003"]["severity"] == "block"
    other = c.get(url, params={"sender": "t.one@oak.org.uk"}, headers=key(trusts.north_key)).json()
    assert (
        other["staff_groups"] == [] and other["policy"]["rules"]["REC001"]["max_recipients"] == 40
    )
    # what the check uses is what the endpoint shows: 45 recipients, REC001 at 40
    body = copy.deepcopy(GOOD)
    body["to"] = [{"email": f"p{i}@oak.org.uk"} for i in range(45)]
    for sender, fires in (("head@oak.org.uk", False), ("t.one@oak.org.uk", True)):
        body["sender"] = {"email": sender, "name": ""}
        res = c.post("/v1/check", json=body, headers=key(trusts.north_key))
        assert ("REC001" in [f["code"] for f in res.json()["findings"]]) is fires, sender
    # a bad overlay is refused and names the problem
    bad = c.put(
        "/v1/admin/trusts/oak/staff-groups/x",
        headers=oak,
        json={"roles": ["a"], "policy": {"rules": {"REC001": {"max_recipients": -1}}}},
    )
    assert bad.status_code == 422 and "max_recipients" in bad.text


def test_trust_policy_change_reaches_its_schools_at_once(trusts: Trusts) -> None:
    c = trusts.client
    res = c.put(
        "/v1/admin/trusts/oak/policy",
        headers=key(trusts.oak_key),
        json={"policy": {"rules": {"REC001": {"max_recipients": 12}}}},
    )
    assert res.status_code == 200, res.text
    assert res.json()["version"] == 2
    south = trusts.runtime.school_of_trust(
        trusts.runtime.trust_for_key(trusts.oak_key)[0].id, "south"
    )  # type: ignore[index]
    assert south is not None and south.policy.options("REC001").max_recipients == 12  # type: ignore[attr-defined]
    assert c.get("/v1/admin/trusts/oak", headers=key(trusts.oak_key)).json()["schools"] == [
        "north",
        "south",
    ]


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/domains", ["oak.org.uk", "oak2.org.uk"], 200),
        ("/domains", ["elm.org.uk"], 409),  # another trust's
        ("/domains", ["stmarys.sch.uk"], 409),  # a school's
        ("/domains", ["gmail.com"], 422),
        ("/identities", {"entra_tenant_id": "nope"}, 422),
        ("/identities", {"entra_tenant_id": ENTRA, "google_domain": "oak.org.uk"}, 200),
    ],
)
def test_trust_domains_and_identities(trusts: Trusts, path: str, body: Any, status: int) -> None:
    res = trusts.client.put(f"/v1/admin/trusts/oak{path}", headers=key(trusts.oak_key), json=body)
    assert res.status_code == status, res.text


# -- isolation: every trust and school path, every outsider -----------------------------

TRUST_PATHS = [
    ("get", ""),
    ("get", "/policy"),
    ("put", "/policy"),
    ("put", "/domains"),
    ("put", "/identities"),
    ("get", "/staff-groups"),
    ("put", "/staff-groups/slt"),
    ("delete", "/staff-groups/slt"),
]
SCHOOL_PATHS = [
    ("get", ""),
    ("get", "/policy"),
    ("get", "/policy/versions"),
    ("get", "/policy/effective?sender=head@oak.org.uk"),
    ("get", "/staff-groups"),
    ("put", "/staff-groups/office"),
    ("delete", "/staff-groups/office"),
    ("get", "/keys"),
    ("get", "/audit"),
    ("get", "/directory/sources"),
]
BODIES = {"/policy": {"policy": {}}, "/domains": ["x.org.uk"], "/identities": {}}


def _call(c: TestClient, method: str, url: str, headers: dict[str, str]) -> int:
    path = url.split("?")[0].rsplit("/oak", 1)[-1].rsplit("/north", 1)[-1]
    body = BODIES.get(path, {"roles": ["x"]} if "staff-groups/" in url else None)
    if method == "get":
        return c.get(url, headers=headers).status_code
    if method == "delete":
        return c.delete(url, headers=headers).status_code
    return c.put(url, headers=headers, json=body).status_code


def test_outsiders_get_404_on_every_trust_and_school_path(trusts: Trusts) -> None:
    """Another trust's admin, a school's admin (even of a school of the trust),
    and a school with no trust: 404 on every trust path; another trust's admin
    and a sibling school's admin: 404 on every path of a trust's school."""
    c = trusts.client
    trust_outsiders = {
        "elm": key(trusts.elm_key),
        "north": key(trusts.north_key),
        "birch": key(trusts.birch_key),
        "stmarys": ADMIN,
    }
    for who, k in trust_outsiders.items():
        for method, path in TRUST_PATHS:
            assert _call(c, method, f"/v1/admin/trusts/oak{path}", k) == 404, (who, path)
    school_outsiders = {
        "elm": key(trusts.elm_key),
        "south": key(trusts.south_key),
        "birch": key(trusts.birch_key),
    }
    for who, k in school_outsiders.items():
        for method, path in SCHOOL_PATHS:
            assert _call(c, method, f"/v1/admin/schools/north{path}", k) == 404, (who, path)


def test_a_trust_admin_administers_its_schools_only(trusts: Trusts) -> None:
    c, oak = trusts.client, key(trusts.oak_key)
    for method, path in SCHOOL_PATHS:
        got = _call(c, method, f"/v1/admin/schools/north{path}", oak)
        assert got in ((404, 204) if method == "delete" else (200,)), (path, got)
        for other in ("birch", "stmarys"):
            assert _call(c, method, f"/v1/admin/schools/{other}{path}", oak) == 404, (other, path)


def test_the_other_trusts_admin_works_on_its_own(trusts: Trusts) -> None:
    assert trusts.client.get("/v1/admin/trusts/elm", headers=key(trusts.elm_key)).json()[
        "schools"
    ] == ["birch"]
    assert trusts.client.get("/v1/admin/trusts/elm").status_code == 401


def test_a_revoked_trust_key_stops_working(trusts: Trusts) -> None:
    rt = trusts.runtime
    trust = rt.trust_for_key(trusts.oak_key)
    assert trust is not None
    with rt.store.db.session() as s:
        repo = rt.trust_store.scoped(s, trust[0].id)
        spare = repo.create_admin_key("spare")
        repo.revoke_key(repo.api_keys()[0][0])
    rt.refresh_sync()
    assert trusts.client.get("/v1/admin/trusts/oak", headers=key(trusts.oak_key)).status_code == 401
    assert trusts.client.get("/v1/admin/trusts/oak", headers=key(spare)).status_code == 200


# -- a school's own policy under its trust's ------------------------------------------

TRUST_POLICY = {
    "working_hours": {"start": "08:00", "end": "16:00"},
    "internal_domains": ["oakcentral.org.uk"],
    "rules": {"REC001": {"max_recipients": 40}, "REC003": "block"},
}


def north_effective(t: Trusts) -> dict[str, Any]:
    res = t.client.get(
        "/v1/admin/schools/north/policy/effective",
        params={"sender": "t.one@oak.org.uk"},
        headers=key(t.north_key),
    )
    assert res.status_code == 200, res.text
    policy: dict[str, Any] = res.json()["policy"]
    return policy


def test_how_a_schools_policy_and_its_trusts_combine(trusts: Trusts) -> None:
    """What README "Trusts" says: the school's document is a merge patch over the
    trust's, objects key by key, lists and values replace, and the trust locks
    nothing (a school may turn off a rule the trust blocks)."""
    c = trusts.client
    res = c.put(
        "/v1/admin/trusts/oak/policy", headers=key(trusts.oak_key), json={"policy": TRUST_POLICY}
    )
    assert res.status_code == 200, res.text
    school = {
        "working_hours": {"end": "17:00"},
        "internal_domains": ["partner.sch.uk"],
        "rules": {"large-audience": {"allow": ["all-staff@oak.org.uk"]}, "REC003": "off"},
    }
    res = c.put(
        "/v1/admin/schools/north/policy", headers=key(trusts.north_key), json={"policy": school}
    )
    assert res.status_code == 200, res.text
    p = north_effective(trusts)
    assert (p["working_hours"]["start"], p["working_hours"]["end"]) == ("08:00:00", "17:00:00")
    assert p["internal_domains"] == ["partner.sch.uk"]  # a list replaces the trust's
    assert p["rules"]["REC001"]["max_recipients"] == 40  # the trust's option stays
    assert p["rules"]["REC001"]["allow"] == ["all-staff@oak.org.uk"]  # the school's is added
    assert p["rules"]["REC003"]["severity"] == "off"  # no floor: the school's value wins
    # what the school leaves out, the trust's policy (not the default) decides
    res = c.put(
        "/v1/admin/schools/north/policy", headers=key(trusts.north_key), json={"policy": {}}
    )
    p = north_effective(trusts)
    assert p["internal_domains"] == ["oakcentral.org.uk"]
    assert p["rules"]["REC003"]["severity"] == "block"
    assert p["working_hours"]["end"] == "16:00:00"


@pytest.mark.parametrize(
    ("method", "policy", "where"),
    [
        # valid alone (the default day starts 07:30), not after the trust's 08:00 start
        ("PUT", {"working_hours": {"end": "07:45"}}, "the trust's policy"),
        ("PATCH", {"working_hours": {"end": "07:45"}}, "the trust's policy"),
        # valid with the trust's 08:00 start, not with the office group's 12:00
        ("PUT", {"working_hours": {"end": "11:00"}}, "the school's staff group office"),
        ("PATCH", {"working_hours": {"end": "11:00"}}, "the school's staff group office"),
    ],
)
def test_a_school_policy_that_breaks_with_its_trusts_is_422(
    trusts: Trusts, method: str, policy: dict[str, Any], where: str
) -> None:
    c = trusts.client
    north = key(trusts.north_key)
    res = c.put(
        "/v1/admin/trusts/oak/policy", headers=key(trusts.oak_key), json={"policy": TRUST_POLICY}
    )
    assert res.status_code == 200, res.text
    res = c.put(
        "/v1/admin/schools/north/staff-groups/office",
        headers=north,
        json={"roles": ["Teacher"], "policy": {"working_hours": {"start": "12:00"}}},
    )
    assert res.status_code == 200, res.text
    before = c.get("/v1/admin/schools/north/policy", headers=north).json()
    res = c.request(
        method, "/v1/admin/schools/north/policy", headers=north, json={"policy": policy}
    )
    assert res.status_code == 422, res.text
    [problem] = res.json()["detail"]
    assert problem["loc"] == ["body", "policy", "working_hours"]
    assert "start must be before" in problem["msg"] and f"(with {where})" in problem["msg"]
    # nothing stored: the same version, the same document
    assert c.get("/v1/admin/schools/north/policy", headers=north).json() == before
    # Valid alone and with every level: stored
    res = c.request(
        method,
        "/v1/admin/schools/north/policy",
        headers=north,
        json={"policy": {"working_hours": {"end": "15:00"}}},
    )
    assert res.status_code == 200 and res.json()["changed"] is True, res.text


def test_a_trust_change_that_breaks_a_schools_staff_group_or_policy_is_422(
    trusts: Trusts,
) -> None:
    """The other direction: the trust's policy and its staff groups are checked against
    every school's own policy and staff groups below them."""
    c = trusts.client
    oak, north = key(trusts.oak_key), key(trusts.north_key)
    res = c.put(
        "/v1/admin/schools/north/staff-groups/office",
        headers=north,
        json={"roles": ["Teacher"], "policy": {"working_hours": {"start": "12:00"}}},
    )
    assert res.status_code == 200, res.text
    # the trust's day may not end before north's office group starts
    res = c.put(
        "/v1/admin/trusts/oak/policy",
        headers=oak,
        json={"policy": {"working_hours": {"end": "11:00"}}},
    )
    assert res.status_code == 422, res.text
    assert "with school north and the school's staff group office: working_hours" in res.text
    res = c.patch(
        "/v1/admin/schools/north/policy",
        headers=north,
        json={"policy": {"working_hours": {"end": "15:00"}}},
    )
    assert res.status_code == 200, res.text
    # nor start after north's own day ends
    res = c.put(
        "/v1/admin/trusts/oak/policy",
        headers=oak,
        json={"policy": {"working_hours": {"start": "16:00"}}},
    )
    assert res.status_code == 422, res.text
    assert "with school north's own policy: working_hours" in res.text
    # a trust staff group that would not be a policy in north
    res = c.put(
        "/v1/admin/trusts/oak/staff-groups/late",
        headers=oak,
        json={"roles": ["Teacher"], "policy": {"working_hours": {"start": "15:30"}}},
    )
    assert res.status_code == 422 and "with school north's own policy" in res.text, res.text
    assert c.get("/v1/admin/trusts/oak/staff-groups", headers=oak).json() == []
    assert c.get("/v1/admin/trusts/oak/policy", headers=oak).json()["version"] == 1


def test_a_check_records_the_senders_staff_groups_never_the_sender(trusts: Trusts) -> None:
    """The audit row carries the staff group keys the sender's policy came from
    (for the console's dashboard by group), and "" for a sender in none."""
    c = trusts.client
    res = c.put(
        "/v1/admin/trusts/oak/staff-groups/slt",
        headers=key(trusts.oak_key),
        json={"roles": ["headteacher"], "policy": {"rules": {"REC001": {"max_recipients": 300}}}},
    )
    assert res.status_code == 200, res.text
    trusts.runtime.refresh_sync()
    ids = {}
    for sender in ("head@oak.org.uk", "t.one@oak.org.uk"):
        res = check(trusts, sender, key(trusts.north_key))
        assert res.status_code == 200, res.text
        ids[sender] = res.json()["check_id"]
    trusts.runtime.audit.flush()
    north = trusts.runtime.store.tenant_id_for_slug("north")
    assert north
    with trusts.runtime.store.db.session() as s:
        rows = {e.check_id: e for e in trusts.runtime.store.scoped(s, north).audit_events()}
    assert rows[ids["head@oak.org.uk"]].staff_group == "trust:slt"
    assert rows[ids["t.one@oak.org.uk"]].staff_group == ""
    assert all("head" not in e.staff_group for e in rows.values())
