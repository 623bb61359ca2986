"""Roll-out over HTTP, on SQLite and PostgreSQL: a silent rule is audited but
never answered; a reason to send anyway is a code, required where asked."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, CHECKER

BASE = "/v1/admin/schools/stmarys"


def _flushed(client: TestClient, n: int) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    end = time.monotonic() + 5
    while time.monotonic() < end:
        if runtime.audit.pending == 0 and runtime.audit.written >= n:
            return
        time.sleep(0.05)
    raise AssertionError("audit not written in time")


def _patch(client: TestClient, rules: dict[str, Any]) -> None:
    res = client.patch(f"{BASE}/policy", headers=ADMIN, json={"policy": {"rules": rules}})
    assert res.status_code == 200 and res.json()["changed"], res.text


def test_a_silent_rule_is_counted_but_not_shown(db_client: TestClient) -> None:
    client = db_client
    _patch(client, {"REC003": "silent"})
    policy = client.get(f"{BASE}/policy", headers=ADMIN).json()
    assert policy["set_by_school"]["rules"]["REC003"] == {"silent": True}
    assert policy["policy"]["rules"]["REC003"]["severity"] == "warn"
    body = client.post("/v1/check", json=GOOD, headers=CHECKER).json()
    assert body["action"] == "allow" and body["findings"] == []
    assert "REC003" not in str(body) and body["reason_required"] is False
    _flushed(client, 1)
    (event,) = client.get(f"{BASE}/audit", headers=ADMIN).json()["events"]
    assert (event["codes"], event["silent_codes"]) == ([], ["REC003"])
    summary = client.get(f"{BASE}/audit/summary", headers=ADMIN).json()
    assert summary["by_rule"] == {} and summary["silent_by_rule"] == {"REC003": 1}
    # The dry-run shows the admin what the silent rule catches, marked apart.
    dry = client.post(
        f"{BASE}/policy/dry-run",
        headers=ADMIN,
        json={"message": GOOD, "policy": {"rules": {"REC003": {"silent": False}}}},
    ).json()
    assert [f["code"] for f in dry["current"]["silent"]] == ["REC003"]
    assert dry["current"]["findings"] == [] and dry["current"]["action"] == "allow"
    assert dry["draft"]["silent"] == [] and dry["draft"]["action"] == "warn"


def test_sending_anyway_needs_a_reason_code_where_the_policy_asks(db_client: TestClient) -> None:
    client = db_client
    _patch(client, {"REC003": {"reason_required": True}})
    check = client.post("/v1/check", json=GOOD, headers=CHECKER).json()
    assert check["action"] == "warn" and check["reason_required"] is True
    ok = {"check_id": check["check_id"], "outcome": "sent_anyway", "host": "api", "codes": []}
    res = client.post("/v1/outcome", json=ok, headers=CHECKER)
    assert res.status_code == 422 and res.json()["detail"][0]["loc"] == ["body", "reason"]
    assert "parent_consented" in res.json()["detail"][0]["msg"]
    # Asked by the reported codes too (a check this instance does not remember).
    other = {**ok, "check_id": None, "codes": ["REC003"]}
    assert client.post("/v1/outcome", json=other, headers=CHECKER).status_code == 422
    for bad in ({**ok, "reason": "my head said so"}, {**ok, "outcome": "fixed", "reason": "other"}):
        res = client.post("/v1/outcome", json=bad, headers=CHECKER)
        assert res.status_code == 422, bad
        assert "my head" not in res.text
    res = client.post("/v1/outcome", json={**ok, "reason": "parent_consented"}, headers=CHECKER)
    assert res.status_code == 202
    _flushed(client, 2)
    events = client.get(f"{BASE}/audit?kind=outcome", headers=ADMIN).json()["events"]
    assert [(e["outcome"], e["reason"]) for e in events] == [("sent_anyway", "parent_consented")]
    summary = client.get(f"{BASE}/audit/summary", headers=ADMIN).json()
    assert summary["sent_anyway_reasons"] == {"parent_consented": 1}


def test_no_reason_asked_by_default(db_client: TestClient) -> None:
    check = db_client.post("/v1/check", json=GOOD, headers=CHECKER).json()
    assert check["reason_required"] is False
    out = {"check_id": check["check_id"], "outcome": "sent_anyway", "codes": ["REC003"]}
    assert db_client.post("/v1/outcome", json=out, headers=CHECKER).status_code == 202


def test_the_rules_catalogue_documents_the_rollout_options(db_client: TestClient) -> None:
    for rule in db_client.get("/v1/rules").json()["rules"]:
        props = rule["options_schema"]["properties"]
        assert props["silent"]["default"] is False, rule["code"]
        assert props["reason_required"]["default"] is False, rule["code"]
