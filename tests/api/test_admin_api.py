"""The IT admin's API: policy versions, roster uploads, dry runs, audit."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, CHECKER

BASE = "/v1/admin/schools/stmarys"


def _wait(predicate: Any, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_keys_and_roles(client: TestClient) -> None:
    assert client.get(f"{BASE}/policy").status_code == 401
    assert client.get(f"{BASE}/policy", headers=CHECKER).status_code == 403
    assert client.get(f"{BASE}/policy", headers=ADMIN).status_code == 200


def test_replace_policy_is_versioned_and_live_at_once(client: TestClient) -> None:
    current = client.get(f"{BASE}/policy", headers=ADMIN).json()
    assert current["version"] == 1
    doc = current["set_by_school"]
    doc["rules"]["REC003"] = {"severity": "block"}
    res = client.put(
        f"{BASE}/policy", headers=ADMIN, json={"policy": doc, "comment": "parents: block"}
    )
    assert res.status_code == 200, res.text
    assert res.json()["version"] == 2 and res.json()["created_by"] == "key:demo-admin"
    check = client.post("/v1/check", json=GOOD).json()
    assert check["policy_version"] == 2 and check["action"] == "block"
    versions = client.get(f"{BASE}/policy/versions", headers=ADMIN).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert client.get(f"{BASE}/policy/versions/1", headers=ADMIN).json()["version"] == 1


def test_invalid_policy_names_the_field(client: TestClient) -> None:
    res = client.put(
        f"{BASE}/policy",
        headers=ADMIN,
        json={
            "policy": {
                "working_hours": {"start": "25:00"},
                "rules": {"REC001": {"max_recipients": -1}},
            }
        },
    )
    assert res.status_code == 422
    locs = [e["loc"] for e in res.json()["detail"]]
    assert ["body", "policy", "working_hours", "start"] in locs
    assert client.get(f"{BASE}/policy", headers=ADMIN).json()["version"] == 1


def test_dry_run_compares_draft_with_current(client: TestClient) -> None:
    res = client.post(
        f"{BASE}/policy/dry-run",
        headers=ADMIN,
        json={
            "message": GOOD,
            "policy": {"internal_domains": ["stmarys.sch.uk"], "rules": {"REC003": "off"}},
        },
    )
    assert res.status_code == 200
    body = res.json()
    assert body["current"]["action"] == "warn" and body["draft"]["action"] == "allow"
    assert client.get(f"{BASE}/policy", headers=ADMIN).json()["version"] == 1  # nothing stored


ROSTER = """id,kind,first_name,preferred_name,last_name,email,personal_emails,mis_ref
P1,pupil,Lena,,Novak,lena.novak@pupils.stmarys.sch.uk,lena.n2012@gmail.com,ADM1
S1,staff,Sarah,,Jones,s.jones@stmarys.sch.uk,,
"""


def test_roster_upload_replaces_directory(client: TestClient) -> None:
    res = client.put(
        f"{BASE}/directory/people?confirm_removals=true",
        headers={**ADMIN, "content-type": "text/csv"},
        content=ROSTER,
    )
    assert res.status_code == 200, res.text
    assert res.json()["counts"] == {"pupil": 1, "staff": 1, "groups": 3}
    diff = res.json()["diff"]
    assert diff["after"] == 2 and diff["added_ids"] == ["P1", "S1"]
    assert diff["removed"] == diff["before"] > 600 and len(diff["removed_ids"]) == 100
    body = {**GOOD, "to": [{"email": "lena.n2012@gmail.com"}]}
    assert [f["code"] for f in client.post("/v1/check", json=body).json()["findings"]] == ["PUP001"]
    # the old roster's pupil is gone
    body = {**GOOD, "to": [{"email": "amirk2011@gmail.com"}]}
    assert client.post("/v1/check", json=body).json()["action"] == "allow"


def test_bad_roster_names_rows(client: TestClient) -> None:
    bad = "id,kind,first_name,last_name,email\n1,pupil,A,B,not-an-email\n1,wizard,C,,\n"
    res = client.put(f"{BASE}/directory/people", headers=ADMIN, content=bad)
    assert res.status_code == 422
    assert ["body", 2, "email"] in [e["loc"] for e in res.json()["detail"]]
    detail = " ".join(e["msg"] for e in res.json()["detail"])
    assert (
        "row 2: email" in detail
        and "row 3: id '1' appears twice" in detail
        and "row 3: kind" in detail
    )
    res = client.put(f"{BASE}/directory/people", headers=ADMIN, content="name,email\nx,y\n")
    assert res.status_code == 422 and "missing column" in res.json()["detail"][0]["msg"]
    res = client.put(f"{BASE}/directory/people", headers=ADMIN, content=b"\xff\xfe\x00bad")
    assert res.status_code == 422 and "UTF-8" in res.json()["detail"][0]["msg"]


def test_audit_holds_codes_not_content(client: TestClient) -> None:
    secret_subject = "Amir Khan behaviour incident"
    body = {
        **GOOD,
        "subject": secret_subject,
        "to": [{"email": "amirk2011@gmail.com", "name": "Amir Khan"}],
    }
    check = client.post("/v1/check", json=body).json()
    client.post(
        "/v1/outcome", headers=CHECKER, json={"check_id": check["check_id"], "outcome": "cancelled"}
    )
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    _wait(lambda: runtime.audit.pending == 0 and runtime.audit.written >= 2)
    events = client.get(f"{BASE}/audit", headers=ADMIN).json()["events"]
    kinds = {e["kind"] for e in events}
    assert kinds == {"check", "outcome"}
    ev = next(e for e in events if e["kind"] == "check")
    assert ev["codes"] == ["PUP001", "SUB001"] and ev["action"] == "block"
    assert len(ev["sender_hash"]) == 64
    # Nothing the user wrote, nor any address or name, is anywhere in the audit table.
    with runtime.store.db.engine.connect() as conn:
        from sqlalchemy import text

        dump = " ".join(str(row) for row in conn.execute(text("SELECT * FROM audit_events")))
    for needle in ("Amir", "Khan", "behaviour", "amirk2011", "gmail", "s.jones", "stmarys"):
        assert needle.lower() not in dump.lower()
    summary = client.get(f"{BASE}/audit/summary", headers=ADMIN).json()
    assert summary["by_rule"]["PUP001"] >= 1 and summary["outcomes"] == {"cancelled": 1}


def test_domains_and_settings(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    runtime.store.create_tenant("o", "Other", ["other.sch.uk"])
    res = client.put(f"{BASE}/domains", headers=ADMIN, json=["stmarys.sch.uk", "other.sch.uk"])
    assert res.status_code == 409 and "another school" in res.json()["detail"]
    res = client.put(f"{BASE}/domains", headers=ADMIN, json=["StMarys.sch.uk", "stmarys.org.uk"])
    assert res.json() == {"domains": ["stmarys.org.uk", "stmarys.sch.uk"]}
    # the new domain identifies the school at once; the dropped one no longer does
    body = {**GOOD, "sender": {"email": "head@stmarys.org.uk"}}
    assert client.post("/v1/check", json=body).status_code == 200
    body = {**GOOD, "sender": {"email": "x@pupils.stmarys.sch.uk"}}
    assert client.post("/v1/check", json=body).status_code == 422
    assert client.put(f"{BASE}/domains", headers=ADMIN, json=[]).status_code == 422

    bad = client.put(f"{BASE}/settings", headers=ADMIN, json={"outlook": {"colour": "red"}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "colour"


def test_the_schools_own_domains_are_internal_without_a_policy(client: TestClient) -> None:
    """A school set up with domains and no policy: its staff are colleagues, not outsiders."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    tid = runtime.store.create_tenant("oak", "Oak", ["oak.sch.uk"])
    with runtime.store.db.session() as s:
        key = runtime.store.scoped(s, tid).create_api_key("check")
    runtime.refresh_sync()
    body = {
        **GOOD,
        "sender": {"email": "head@oak.sch.uk"},
        "to": [{"email": "a@oak.sch.uk"}, {"email": "b@oak.sch.uk"}],
        "attachments": [{"name": "v.mp4", "size": 50_000_000}],
        "send_at": "2026-11-22T22:40:00+00:00",
    }
    res = client.post("/v1/check", json=body, headers={"X-API-Key": key})
    assert [f["code"] for f in res.json()["findings"]] == ["ATT001", "OOH001"]


@pytest.mark.parametrize(
    ("path", "body", "needle"),
    [
        (
            "/directory/people",
            'id,kind,first_name,last_name\nP1,pupil,"' + "x" * 200_000 + '",B\n',
            "not readable as CSV",
        ),
        (
            "/directory/people",
            "id,kind,first_name,last_name\nP1,pupil," + "A" * 101 + ",B\n",
            "first_name is longer than 100",
        ),
        (
            "/directory/groups",
            "email,member_count\nall@stmarys.sch.uk,2147483648\n",
            "member_count",
        ),
        (
            "/directory/groups",
            "email,name\nall@stmarys.sch.uk," + "N" * 201 + "\n",
            "name is longer than 200",
        ),
    ],
)
def test_roster_values_beyond_their_columns_are_422(
    client: TestClient, path: str, body: str, needle: str
) -> None:
    res = client.put(f"{BASE}{path}?confirm_removals=true", headers=ADMIN, content=body)
    assert res.status_code == 422 and needle in " ".join(e["msg"] for e in res.json()["detail"])


def test_a_zone_name_that_is_a_folder_is_a_422(client: TestClient) -> None:
    res = client.put(f"{BASE}/policy", headers=ADMIN, json={"policy": {"timezone": "Europe"}})
    assert res.status_code == 422 and "unknown time zone" in res.text


@pytest.mark.parametrize(
    ("days", "hours", "expected"),
    [
        ("mon;tue;wed", "08:30-15:30", ((0, 1, 2), "08:30:00", "15:30:00")),
        ("Thursday, Friday", "", ((3, 4), "07:30:00", "18:00:00")),
        ("", "09:00-12:00", ((0, 1, 2, 3, 4), "09:00:00", "12:00:00")),
    ],
)
def test_roster_working_hours_columns(days: str, hours: str, expected: tuple[object, ...]) -> None:
    from app.directory.csv_roster import parse_people

    text = (
        f'id,kind,first_name,last_name,working_days,working_hours\nS1,staff,A,B,"{days}",{hours}\n'
    )
    (p,) = parse_people(text)
    assert p.working_hours is not None
    wh = p.working_hours
    assert (tuple(wh.days), wh.start.isoformat(), wh.end.isoformat()) == expected


@pytest.mark.parametrize(
    ("days", "hours", "needle"),
    [
        ("mon", "9-", "working hours"),
        ("funday", "", "unknown weekday"),
        ("", "15:00-09:00", "before"),
    ],
)
def test_bad_working_hours_name_the_row(days: str, hours: str, needle: str) -> None:
    from app.directory.csv_roster import RosterError, parse_people

    text = f"id,kind,first_name,last_name,working_days,working_hours\nS1,staff,A,B,{days},{hours}\n"
    with pytest.raises(RosterError, match=needle) as exc:
        parse_people(text)
    assert "row 2" in str(exc.value)
