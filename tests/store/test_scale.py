"""Several instances over one database: each serves from memory, and a change
made through one is live on the others (by poll, or at once with Redis)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, redis_url


def _settings(db_url: str, tmp: Path, **kw: Any) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        audit_flush_seconds=0.05,
        **kw,
    )


def _until(fn: Any, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if fn():
            return time.monotonic() - t0
        time.sleep(0.02)
    raise AssertionError("not live in time")


def _block_parents(client: TestClient) -> None:
    doc = client.get("/v1/admin/schools/stmarys/policy", headers=ADMIN).json()["set_by_school"]
    doc["rules"]["REC003"] = {"severity": "block"}
    assert (
        client.put(
            "/v1/admin/schools/stmarys/policy", headers=ADMIN, json={"policy": doc}
        ).status_code
        == 200
    )


def test_change_reaches_another_instance_by_polling(db_url: str, tmp_path: Path) -> None:
    a = create_app(_settings(db_url, tmp_path / "a", refresh_seconds=0.2))
    b = create_app(_settings(db_url, tmp_path / "b", refresh_seconds=0.2))
    with TestClient(a) as ca, TestClient(b) as cb:
        assert cb.post("/v1/check", json=GOOD).json()["action"] == "warn"
        _block_parents(ca)
        _until(lambda: cb.post("/v1/check", json=GOOD).json()["action"] == "block", 5)
        # both instances write audit events to the same store (by their writer
        # processes, within a flush interval or the first one's start-up)
        _until(
            lambda: ca.get("/v1/admin/schools/stmarys/audit", headers=ADMIN).json()["events"], 10
        )


def test_change_reaches_another_instance_at_once_with_redis(db_url: str, tmp_path: Path) -> None:
    url = redis_url()
    if not url:
        pytest.skip("Redis test skipped: TEST_REDIS_URL is not set")
    # Polling every minute: only the Redis announcement can make this fast.
    a = create_app(_settings(db_url, tmp_path / "a", refresh_seconds=60, redis_url=url))
    b = create_app(_settings(db_url, tmp_path / "b", refresh_seconds=60, redis_url=url))
    with TestClient(a) as ca, TestClient(b) as cb:
        time.sleep(0.3)  # let both subscribe
        _block_parents(ca)
        took = _until(lambda: cb.post("/v1/check", json=GOOD).json()["action"] == "block", 5)
        assert took < 5
