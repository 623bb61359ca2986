"""The admin API for domains, keys and the school itself; the demo kept apart
from real schools."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.demo import DemoIsolationError, ensure_demo
from app.main import create_app
from app.store import Database, Store
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, CHECKER

BASE = "/v1/admin/schools/stmarys"


# -- domains ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domains", "status"),
    [
        # the attack: claiming webmail routes every school's personal-account checks here
        (["stmarys.sch.uk", "gmail.com"], 422),
        (["googlemail.com"], 422),
        ([""], 422),
        (["*"], 422),
        (["*.stmarys.sch.uk"], 422),
        (["a b"], 422),
        (["stmarys.sch.uk\x00"], 422),
        (["s.jones@stmarys.sch.uk"], 422),
        ([], 422),  # never without a domain
        ([7], 422),
        (["other.sch.uk"], 409),  # another school's
        # near misses that are fine
        (["StMarys.SCH.UK."], 200),
        (["stmarys.sch.uk", "pupils.stmarys.sch.uk", "exämple.sch.uk"], 200),
    ],
)
def test_domains_are_validated(client: TestClient, domains: list[object], status: int) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    runtime.store.create_tenant("o", "Other", ["other.sch.uk"])
    res = client.put(f"{BASE}/domains", headers=ADMIN, json=domains)
    assert res.status_code == status, res.text
    saved = client.get(BASE, headers=ADMIN).json()["domains"]
    if status == 200:
        assert saved == res.json()["domains"] and all(d.isascii() for d in saved)
    else:
        assert saved == ["pupils.stmarys.sch.uk", "stmarys.sch.uk"]
        assert "\x00" not in res.text


def test_a_webmail_sender_is_still_checked_under_the_keys_school(client: TestClient) -> None:
    """What PUP002 exists for: nobody can claim gmail.com, so a teacher's
    personal account is checked under the key's school, not answered 403."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    tid = runtime.store.create_tenant("o", "Other", ["other.sch.uk"])
    with runtime.store.db.session() as s:
        other_check = {"X-API-Key": runtime.store.scoped(s, tid).create_api_key("check")}
    runtime.refresh_sync()
    client.put(f"{BASE}/domains", headers=ADMIN, json=["stmarys.sch.uk", "gmail.com"])
    body = {**GOOD, "sender": {"email": "teacher@gmail.com"}}
    res = client.post("/v1/check", json=body, headers=other_check)
    assert res.status_code == 200


# -- keys -------------------------------------------------------------------------


def test_keys_can_be_listed_created_revoked_and_rotated(client: TestClient) -> None:
    listed = client.get(f"{BASE}/keys", headers=ADMIN).json()
    assert [(k["role"], k["label"]) for k in listed] == [
        ("admin", "demo-admin"),
        ("check", "demo-check"),
    ]
    assert set(listed[0]) == {"id", "role", "label", "created_at", "last_used_at"}
    created = client.post(f"{BASE}/keys", headers=ADMIN, json={"role": "check", "label": "gmail"})
    assert created.status_code == 201
    new_key, new_id = created.json()["key"], created.json()["info"]["id"]
    assert client.post("/v1/check", json=GOOD, headers={"X-API-Key": new_key}).status_code == 200
    assert new_key not in client.get(f"{BASE}/keys", headers=ADMIN).text

    # revoked: refused at once on this instance
    assert client.delete(f"{BASE}/keys/{new_id}", headers=ADMIN).status_code == 200
    res = client.post("/v1/check", json=GOOD, headers={"X-API-Key": new_key})
    assert res.status_code == 401
    assert client.delete(f"{BASE}/keys/{new_id}", headers=ADMIN).status_code == 404
    assert client.delete(f"{BASE}/keys/99999999999", headers=ADMIN).status_code == 422

    # the last admin key cannot be revoked, only rotated
    admin_id = listed[0]["id"]
    assert client.delete(f"{BASE}/keys/{admin_id}", headers=ADMIN).status_code == 409
    rotated = client.post(f"{BASE}/keys/{admin_id}/rotate", headers=ADMIN)
    assert rotated.status_code == 200, rotated.text
    fresh = {"X-API-Key": rotated.json()["key"]}
    assert client.get(BASE, headers=ADMIN).status_code == 401
    assert client.get(BASE, headers=fresh).status_code == 200
    assert rotated.json()["info"]["label"] == "demo-admin"


def test_last_used_is_recorded(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200
    runtime.save_key_use()
    keys = {k["label"]: k for k in client.get(f"{BASE}/keys", headers=ADMIN).json()}
    assert keys["demo-check"]["last_used_at"] is not None


def test_another_schools_admin_cannot_touch_our_keys(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    tid = runtime.store.create_tenant("o", "Other", ["other.sch.uk"])
    with runtime.store.db.session() as s:
        other_admin = runtime.store.scoped(s, tid).create_api_key("admin")
    runtime.refresh_sync()
    ours = client.get(f"{BASE}/keys", headers=ADMIN).json()[1]["id"]
    theirs = {"X-API-Key": other_admin}
    assert client.get(f"{BASE}/keys", headers=theirs).status_code == 404
    assert client.delete(f"/v1/admin/schools/o/keys/{ours}", headers=theirs).status_code == 404
    assert client.post(f"/v1/admin/schools/o/keys/{ours}/rotate", headers=theirs).status_code == 404
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200


# -- the school -------------------------------------------------------------------


def test_delete_needs_confirmation_and_removes_the_school(client: TestClient) -> None:
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200
    assert client.delete(BASE, headers=ADMIN).status_code == 400
    assert client.delete(f"{BASE}?confirm=other", headers=ADMIN).status_code == 400
    assert client.delete(BASE, headers=CHECKER).status_code == 403
    res = client.delete(f"{BASE}?confirm=stmarys", headers=ADMIN)
    assert res.status_code == 200 and res.json()["deleted"] == "stmarys"
    assert res.json()["removed"]["directory_people"] > 0
    assert client.get(BASE, headers=ADMIN).status_code == 401
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 401
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    runtime.audit.flush()  # the school's queued events are dropped, not retried forever
    assert runtime.audit.pending == 0


def test_a_disabled_school_stops_answering(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    tid = runtime.store.tenant_id_for_slug("stmarys")
    assert client.post(f"{BASE}/disable", headers=ADMIN).status_code == 400
    res = client.post(f"{BASE}/disable?confirm=stmarys", headers=ADMIN)
    assert res.status_code == 200 and res.json() == {"disabled": "stmarys"}
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 401
    assert client.get(BASE, headers=ADMIN).status_code == 401
    runtime.refresh_sync()  # and it stays out after a refresh
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 401
    runtime.store.set_disabled(tid, False)
    runtime.refresh_sync()
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200


# -- the demo stays apart -----------------------------------------------------------


def _settings(tmp_path: Path, **kw: object) -> Settings:
    base: dict[str, object] = {
        "data_dir": tmp_path,
        "environment": "test",
        "secret_key": "test-secret-key",
    }
    return Settings(**{**base, **kw})  # type: ignore[arg-type]


def test_the_demo_uses_its_own_database(tmp_path: Path) -> None:
    demo = _settings(tmp_path, demo=True)
    assert demo.store_url == f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert _settings(tmp_path).store_url == "sqlite:///./data/etiquette.sqlite3"
    explicit = _settings(tmp_path, demo=True, database_url="sqlite:///x.sqlite3")
    assert explicit.store_url == "sqlite:///x.sqlite3"


def test_a_real_server_refuses_a_database_holding_the_demo_school(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    db = Database(url)
    db.migrate()
    ensure_demo(Store(db))
    db.dispose()
    with (
        pytest.raises(DemoIsolationError, match="holds the demo school"),
        TestClient(create_app(_settings(tmp_path, database_url=url))),
    ):
        pass


def test_the_demo_refuses_a_database_holding_real_schools(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    db = Database(url)
    db.migrate()
    Store(db).create_tenant("oakfield", "Oakfield", ["oakfield.sch.uk"])
    db.dispose()
    with (
        pytest.raises(DemoIsolationError, match="real schools"),
        TestClient(create_app(_settings(tmp_path, database_url=url, demo=True))),
    ):
        pass
    with TestClient(create_app(_settings(tmp_path, database_url=url))) as c:
        assert c.get("/v1/admin/schools/stmarys", headers=ADMIN).status_code == 401


def test_demo_keys_are_refused_outside_demo_mode(client: TestClient) -> None:
    """Even if the demo school's keys reached a real runtime, they would not work."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.tenant_for_key("etq_demo_admin_key") is not None
    real = type(runtime)(
        runtime.settings.model_copy(update={"demo": False}),
        runtime.store,
        runtime.audit,
        runtime.http,
    )
    real.refresh_sync()
    assert real.tenant_for_key("etq_demo_admin_key") is None
    assert real.tenant_for_key("etq_demo_check_key") is None


def test_a_key_use_write_that_fails_is_kept_and_does_not_stop_the_refresh(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """On SQLite a roster upload holds the write lock for seconds: the keys'
    last-use write fails then, and must neither lose the uses nor skip the
    refresh, which reads only."""
    import asyncio

    from sqlalchemy.exc import OperationalError

    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200

    def locked(used: object) -> None:
        raise OperationalError("UPDATE api_keys", {}, Exception("database is locked"))

    monkeypatch.setattr(runtime.store, "touch_keys", locked)
    other = runtime.store.create_tenant("o", "Other", ["other.sch.uk"])  # a change to pick up
    with caplog.at_level("INFO", logger="etiquette.runtime"):
        asyncio.run(runtime.refresh())
    assert runtime.tenant(other) is not None  # the refresh ran
    assert runtime._keys_used  # the use is kept for the next refresh
    assert "not written yet (OperationalError); kept" in caplog.text
    assert "refresh failed" not in caplog.text
    monkeypatch.undo()
    runtime.save_key_use()
    keys = {k["label"]: k for k in client.get(f"{BASE}/keys", headers=ADMIN).json()}
    assert keys["demo-check"]["last_used_at"] is not None
