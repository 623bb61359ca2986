"""Bad input is a 4xx on both databases, and errors never echo what was sent."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, CHECKER

BASE = "/v1/admin/schools/stmarys"
CSV = {**ADMIN, "content-type": "text/csv"}
NUL = "\x00"

# (method, path, kwargs, expected status)
CASES: list[tuple[str, str, dict[str, Any], int]] = [
    # path oddities on the add-in's static route (no key needed)
    ("GET", "/addin/%00.js", {}, 404),
    ("GET", "/addin/%00x.html", {}, 404),
    ("GET", "/addin/" + "a" * 300 + ".js", {}, 404),
    ("GET", "/addin/" + "a/" * 3000 + "x.js", {}, 404),
    # a GUID field that is not a string
    ("PUT", f"{BASE}/settings", {"json": {"outlook": {"entra_tenant_id": {"a": 1}}}}, 422),
    ("PUT", f"{BASE}/settings", {"json": {"outlook": {"entra_tenant_id": 7}}}, 422),
    ("PUT", f"{BASE}/settings", {"json": {"outlook": {"graph_client_id": ["x"]}}}, 422),
    ("PATCH", f"{BASE}/settings", {"json": {"outlook": {"pupils_group_id": 1.5}}}, 422),
    # integers past what the database holds
    ("GET", f"{BASE}/policy/versions/{2**31}", {}, 422),
    ("GET", f"{BASE}/policy/versions/{10**30}", {}, 422),
    ("GET", f"{BASE}/policy/versions/-1", {}, 422),
    ("GET", f"{BASE}/policy/versions/99999", {}, 404),
    # NUL bytes (PostgreSQL text cannot hold them)
    ("PUT", f"{BASE}/policy", {"json": {"policy": {}, "comment": f"a{NUL}b"}}, 422),
    ("PUT", f"{BASE}/policy", {"json": {"policy": {"school_name": f"St{NUL}"}}}, 422),
    ("PUT", f"{BASE}/domains", {"json": [f"stmarys{NUL}.sch.uk"]}, 422),
    (
        "PUT",
        f"{BASE}/directory/people?confirm_removals=true",
        {"content": f"id,kind,first_name,last_name\nP1,pupil,A{NUL},B\n", "headers": CSV},
        422,
    ),
    (
        "PUT",
        f"{BASE}/directory/groups",
        {"content": f"email,name\nall@stmarys.sch.uk,All{NUL}\n", "headers": CSV},
        422,
    ),
    # wrong JSON types
    ("PUT", f"{BASE}/policy", {"json": {"policy": [], "comment": 5}}, 422),
    ("PUT", f"{BASE}/policy", {"json": ["policy"]}, 422),
    ("PATCH", f"{BASE}/policy", {"json": ["policy"]}, 422),
    ("PUT", f"{BASE}/domains", {"json": {"domains": "x"}}, 422),
    ("PUT", f"{BASE}/settings", {"json": "outlook"}, 422),
    ("POST", f"{BASE}/policy/dry-run", {"json": {"message": [], "policy": 1}}, 422),
    ("POST", "/v1/check", {"json": {**GOOD, "to": "a@b.c"}}, 422),
    ("POST", "/v1/check", {"json": {**GOOD, "subject": f"a{NUL}b"}}, 200),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "expected"), CASES)
def test_bad_input_is_a_4xx_on_both_databases(
    db_client: TestClient, method: str, path: str, kwargs: dict[str, Any], expected: int
) -> None:
    kwargs = dict(kwargs)
    headers = kwargs.pop("headers", ADMIN)
    res = db_client.request(method, path, headers=headers, **kwargs)
    assert res.status_code == expected, res.text[:300]
    if expected >= 400:
        assert isinstance(res.json()["detail"], str | list)


def test_errors_do_not_echo_what_was_sent(client: TestClient) -> None:
    # demo mode: a sender at no school's domain
    body = {**GOOD, "sender": {"email": "amir.khan@secret-family-domain.example"}}
    res = client.post("/v1/check", json=body)
    assert res.status_code == 422 and "secret-family-domain" not in res.text
    # unknown rule codes in an outcome
    res = client.post(
        "/v1/outcome",
        headers=CHECKER,
        json={"outcome": "cancelled", "codes": ["AmirKhan", "REC003"]},
    )
    assert res.status_code == 422 and "AmirKhan" not in res.text and "1 unknown" in res.text


def test_a_block_cannot_be_sent_anyway(client: TestClient) -> None:
    blocked = {**GOOD, "to": [{"email": "amirk2011@gmail.com"}]}
    warned = client.post("/v1/check", json=GOOD).json()
    check = client.post("/v1/check", json=blocked).json()
    assert check["action"] == "block" and warned["action"] == "warn"

    def outcome(check_id: str, what: str) -> int:
        body = {"check_id": check_id, "outcome": what}
        return client.post("/v1/outcome", headers=CHECKER, json=body).status_code

    assert outcome(check["check_id"], "sent_anyway") == 422
    assert outcome(check["check_id"], "fixed") == 202
    assert outcome(warned["check_id"], "sent_anyway") == 202
    # Known only from the audit trail (another instance answered it, or a restart)
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    runtime.checker.recent.clear()
    runtime.audit.flush()
    assert outcome(check["check_id"], "sent_anyway") == 422
    # A check nobody knows is recorded as reported (documented).
    assert outcome("00000000-0000-4000-8000-000000000000", "sent_anyway") == 202


def test_over_size_bodies_log_one_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        res = client.post(
            "/v1/check",
            content=b"{" + b" " * 2_000_000 + b"}",
            headers={"content-type": "application/json"},
        )
    assert res.status_code == 413
    lines = [r for r in caplog.records if r.name == "etiquette"]
    assert len(lines) == 1 and lines[0].levelno == logging.INFO
    assert "Traceback" not in caplog.text and "_RequestBodyLimit" not in caplog.text


@pytest.mark.parametrize("path", ["/addin/config.json", "/addin/launchevent.js"])
def test_host_header_is_not_reflected(settings: Settings, path: str, tmp_path: Path) -> None:
    evil = {"host": "evil.example"}
    # demo mode without a public host: the address the server listens on
    with TestClient(create_app(settings)) as c:
        res = c.get(path, headers=evil)
        assert res.status_code == 200 and "evil.example" not in res.text
        assert "http://testserver" in res.text
    # production without a public host: refused, saying what to set
    # (on its own database: a real service refuses one that holds the demo school)
    prod = settings.model_copy(
        update={
            "demo": False,
            "environment": "development",
            "database_url": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        }
    )
    with TestClient(create_app(prod)) as c:
        res = c.get(path, headers=evil)
        assert res.status_code == 503 and "ETIQUETTE_OUTLOOK_PUBLIC_HOST" in res.text
        assert "evil.example" not in res.text


def test_an_outcome_is_recorded_while_the_database_is_down(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]

    def down(*_: object) -> None:
        raise ConnectionError("database down")

    monkeypatch.setattr(runtime.store, "check_action", down)
    body = {"check_id": "00000000-0000-4000-8000-000000000001", "outcome": "sent_anyway"}
    assert client.post("/v1/outcome", headers=CHECKER, json=body).status_code == 202


@pytest.mark.parametrize(
    "address", ["s.jones@stmarys.test", "s.jones@x.LOCAL", "a..b@stmarys.sch.uk"]
)
def test_a_refused_sender_address_is_the_schemas_422(client: TestClient, address: str) -> None:
    """Refused in validation, the same 422 shape as an address the pattern refuses
    (body.sender.email); special-use domains are refused by the documented pattern too."""
    res = client.post("/v1/check", json={**GOOD, "sender": {"email": address}}, headers=CHECKER)
    plain = client.post(
        "/v1/check", json={**GOOD, "sender": {"email": "no-at-sign"}}, headers=CHECKER
    )
    assert res.status_code == plain.status_code == 422
    (err,) = res.json()["detail"]
    (ref,) = plain.json()["detail"]
    assert err["loc"] == ref["loc"] == ["body", "sender", "email"]
    assert (err["type"], sorted(err)) == (ref["type"], sorted(ref))
    schema = client.get("/openapi.json").json()["components"]["schemas"]["AddressIn"]
    documented = schema["properties"]["email"]["pattern"]
    special = address.lower().endswith((".test", ".local"))
    assert (re.match(documented, address) is None) is special
