"""PUT replaces, PATCH merges (RFC 7386), dry runs merge, and an unchanged policy
is not a new version: on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN

BASE = "/v1/admin/schools/stmarys"
GUID = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _policy(c: TestClient) -> dict[str, Any]:
    res = c.get(f"{BASE}/policy", headers=ADMIN)
    assert res.status_code == 200
    body: dict[str, Any] = res.json()
    return body


def test_patch_policy_changes_only_what_it_names(db_client: TestClient) -> None:
    before = _policy(db_client)["set_by_school"]
    assert before["pupil_domains"]
    res = db_client.patch(
        f"{BASE}/policy",
        headers={**ADMIN, "content-type": "application/merge-patch+json"},
        json={"policy": {"rules": {"external-addresses-visible": {"severity": "block"}}}},
    )
    assert res.status_code == 200, res.text
    assert res.json()["changed"] is True and res.json()["version"] == 2
    after = _policy(db_client)["set_by_school"]
    assert after["pupil_domains"] == before["pupil_domains"]
    assert after["rules"]["REC003"]["severity"] == "block"
    # null removes a member: back to the default
    res = db_client.patch(
        f"{BASE}/policy", headers=ADMIN, json={"policy": {"school_holidays": None}}
    )
    assert res.status_code == 200
    assert "school_holidays" not in _policy(db_client)["set_by_school"]
    # a patch that makes the policy invalid is a 422 naming the field
    res = db_client.patch(
        f"{BASE}/policy", headers=ADMIN, json={"policy": {"working_hours": {"start": "25:00"}}}
    )
    assert res.status_code == 422
    assert ["body", "policy", "working_hours", "start"] in [e["loc"] for e in res.json()["detail"]]


def test_an_unchanged_policy_is_not_a_new_version(db_client: TestClient) -> None:
    doc = _policy(db_client)["set_by_school"]
    res = db_client.put(f"{BASE}/policy", headers=ADMIN, json={"policy": doc, "comment": "same"})
    assert res.status_code == 200 and res.json()["changed"] is False
    assert res.json()["version"] == 1
    # the same policy spelt differently (day numbers, a rule by name) is the same policy
    spelt = {**doc, "working_hours": {"days": [0, 1, 2, 3, 4]}}
    if "working_hours" in doc:
        spelt["working_hours"] = {**doc["working_hours"], "days": [0, 1, 2, 3, 4]}
    res = db_client.put(f"{BASE}/policy", headers=ADMIN, json={"policy": spelt})
    assert res.status_code == 200
    versions = db_client.get(f"{BASE}/policy/versions", headers=ADMIN).json()
    assert len(versions) == res.json()["version"]
    empty = db_client.patch(f"{BASE}/policy", headers=ADMIN, json={"policy": {}})
    assert empty.json()["changed"] is False


def test_working_days_round_trip_as_names(db_client: TestClient) -> None:
    days = ["monday", "tuesday", "thursday"]
    res = db_client.patch(
        f"{BASE}/policy", headers=ADMIN, json={"policy": {"working_hours": {"days": days}}}
    )
    assert res.status_code == 200
    got = _policy(db_client)
    assert got["set_by_school"]["working_hours"]["days"] == days
    assert got["policy"]["working_hours"]["days"] == days
    v = db_client.get(f"{BASE}/policy/versions/{got['version']}", headers=ADMIN).json()
    assert v["policy"]["working_hours"]["days"] == days


def test_dry_run_applies_the_draft_over_the_current_policy(db_client: TestClient) -> None:
    # A Monday in the demo school's Christmas holidays, to a colleague and two parents.
    message = {
        **GOOD,
        "to": [{"email": "a.colleague@stmarys.sch.uk"}, *GOOD["to"]],
        "send_at": "2026-12-21T10:00:00+00:00",
    }
    draft = {"rules": {"REC003": "block"}}

    def codes(**extra: Any) -> dict[str, str]:
        body = {"message": message, "policy": draft, **extra}
        res = db_client.post(f"{BASE}/policy/dry-run", headers=ADMIN, json=body)
        assert res.status_code == 200, res.text
        return {f["code"]: f["severity"] for f in res.json()["draft"]["findings"]}

    # merged: the school's holidays are kept, and REC003 is now a block
    assert codes() == {**codes(), "REC003": "block", "OOH001": "warn"}
    # mode replace: the draft is the whole policy, so there are no school holidays
    replaced = codes(mode="replace")
    assert replaced["REC003"] == "block" and "OOH001" not in replaced


def test_put_settings_is_a_full_replace_and_patch_is_partial(db_client: TestClient) -> None:
    url = f"{BASE}/settings"
    full = {"outlook": {"entra_tenant_id": GUID}, "gmail": {"google_domain": "stmarys.sch.uk"}}
    assert db_client.put(url, headers=ADMIN, json=full).status_code == 200
    # PUT with one section: refused (422 naming the missing one), nothing reset
    res = db_client.put(url, headers=ADMIN, json={"outlook": {"entra_tenant_id": GUID}})
    assert res.status_code == 422
    assert ["body", "gmail"] in [e["loc"] for e in res.json()["detail"]]
    assert db_client.get(url, headers=ADMIN).json()["gmail"]["google_domain"] == "stmarys.sch.uk"
    # PATCH one field: the rest is kept
    res = db_client.patch(url, headers=ADMIN, json={"gmail": {"read_drafts": True}})
    assert res.status_code == 200, res.text
    got = db_client.get(url, headers=ADMIN).json()
    assert got["gmail"] == {**got["gmail"], "google_domain": "stmarys.sch.uk", "read_drafts": True}
    assert got["outlook"]["entra_tenant_id"] == GUID
    # null: back to the default
    db_client.patch(url, headers=ADMIN, json={"outlook": {"entra_tenant_id": None}})
    assert db_client.get(url, headers=ADMIN).json()["outlook"]["entra_tenant_id"] is None
    res = db_client.patch(url, headers=ADMIN, json={"outlook": {"colour": "red"}})
    assert res.status_code == 422 and res.json()["detail"][0]["loc"][-1] == "colour"
