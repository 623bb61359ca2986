"""Upgrading from 0005 with schools already in the database (SQLite and
PostgreSQL): after 0006 they have no trust and behave exactly as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import Settings
from app.main import create_app
from app.store import Database, Store
from app.store.db import _MIGRATIONS
from app.store.repository import hash_key
from tests.api.test_check_api import GOOD

KEY = "etq_existing_school_check_key_0123456789"
POLICY = {"school_name": "St Mary's", "rules": {"REC003": {"severity": "block"}}}


def _upgrade(db: Database, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@pytest.fixture
def upgraded(empty_db_url: str) -> Iterator[str]:
    db = Database(empty_db_url)
    _upgrade(db, "0005")
    now = datetime.now(UTC)
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO tenants (id, slug, name, settings_json, revision, directory_version,"
                " created_at) VALUES ('t1', 'stmarys', 'St Mary''s', '{}', 3, 1, :now)"
            ),
            {"now": now},
        )
        c.execute(text("INSERT INTO tenant_domains VALUES ('stmarys.sch.uk', 't1')"))
        c.execute(
            text(
                "INSERT INTO policy_versions (tenant_id, version, document, created_at,"
                " created_by, comment) VALUES ('t1', 1, :doc, :now, 'setup', '')"
            ),
            {"doc": json.dumps(POLICY), "now": now},
        )
        c.execute(
            text(
                "INSERT INTO api_keys (tenant_id, key_hash, role, label, created_at, revoked)"
                " VALUES ('t1', :h, 'check', 'outlook', :now, false)"
            ),
            {"h": hash_key(KEY), "now": now},
        )
    db.migrate()  # 0005 -> head
    db.dispose()
    yield empty_db_url


def test_an_existing_school_is_unchanged_after_0006(upgraded: str, tmp_path: Path) -> None:
    db = Database(upgraded)
    rec = Store(db).load("t1")
    assert rec.trust_id is None and rec.domains == ("stmarys.sch.uk",)
    assert rec.policy.options("REC003").severity.value == "block"
    db.dispose()
    settings = Settings(
        database_url=upgraded,
        data_dir=tmp_path,
        environment="test",
        secret_key="test-secret-key-for-upgrade",
    )
    with TestClient(create_app(settings)) as client:
        state = client.app.state.runtime.tenant("t1")  # type: ignore[attr-defined]
        assert state.policies is None and state.trust_id is None
        assert state.policy_for("anyone@stmarys.sch.uk") is state.policy
        res = client.post("/v1/check", json=GOOD, headers={"X-API-Key": KEY})
        assert res.status_code == 200, res.text
        # REC003 at the school's own "block": two parents visible to each other
        assert res.json()["action"] == "block"
        assert [f["code"] for f in res.json()["findings"]] == ["REC003"]


def test_0006_downgrades_and_upgrades_again_keeping_the_school(upgraded: str) -> None:
    db = Database(upgraded)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    db.migrate()
    rec = Store(db).load("t1")
    assert rec.domains == ("stmarys.sch.uk",) and len(rec.keys) == 1 and rec.trust_id is None
    db.dispose()
