"""When the database goes away, checks keep answering from memory and nothing
accepted is lost."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from app.audit import AuditSink
from app.config import Settings
from app.main import create_app
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN

DEAD_URL = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def _break_database(runtime: object) -> tuple[object, object, str]:
    """A real connection failure (nothing listens on port 1) for the runtime's
    engine and for the audit writer's process (its own engine: a new child on
    the dead URL)."""
    db = runtime.store.db  # type: ignore[attr-defined]
    writer = runtime.audit._writer  # type: ignore[attr-defined]
    saved = (db.engine, db._sessions, writer.url)
    dead = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    db.engine, db._sessions = dead, sessionmaker(dead)
    writer.close()
    writer.url = DEAD_URL
    return saved


def _mend_database(runtime: object, saved: tuple[object, object, str]) -> None:
    db = runtime.store.db  # type: ignore[attr-defined]
    writer = runtime.audit._writer  # type: ignore[attr-defined]
    db.engine, db._sessions, url = saved
    writer.close()
    writer.url = url


def test_checks_survive_a_database_outage(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    saved = _break_database(runtime)
    try:
        for _ in range(5):
            res = client.post("/v1/check", json=GOOD)
            assert res.status_code == 200 and res.json()["action"] == "warn"
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["store"] == "unreachable"
        time.sleep(0.3)  # a refresh and a flush both fail meanwhile
        # A write attempt in progress holds the batch outside the queue (in
        # flight); it comes back when the attempt fails. On a loaded machine the
        # attempt can be under way at any moment, so wait for it to come back.
        end = time.monotonic() + 5
        while runtime.audit.pending < 5 and time.monotonic() < end:
            time.sleep(0.05)
        assert runtime.audit.pending >= 5
        assert client.post("/v1/check", json=GOOD).status_code == 200
    finally:
        _mend_database(runtime, saved)
    runtime.audit.flush()
    assert runtime.audit.pending == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/admin/schools/stmarys/settings"),
        ("GET", "/v1/admin/schools/stmarys/keys"),
        ("GET", "/v1/admin/schools/stmarys/policy"),
    ],
)
def test_the_admin_api_answers_503_while_the_database_is_down(
    db_client: TestClient, method: str, path: str
) -> None:
    runtime = db_client.app.state.runtime  # type: ignore[attr-defined]
    assert db_client.request(method, path, headers=ADMIN).status_code == 200
    saved = _break_database(runtime)
    try:
        res = db_client.request(method, path, headers=ADMIN)
        assert res.status_code == 503, res.text
        assert res.json() == {
            "detail": "The database is unreachable just now: try again in a minute."
        }
        assert res.headers["retry-after"] == "60"
    finally:
        _mend_database(runtime, saved)
    assert db_client.request(method, path, headers=ADMIN).status_code == 200


def test_unwritten_events_are_spooled_and_restored(settings: Settings) -> None:
    with TestClient(create_app(settings)) as c:
        runtime = c.app.state.runtime  # type: ignore[attr-defined]
        runtime.audit._writer = lambda batch: (_ for _ in ()).throw(ConnectionError("down"))
        for _ in range(3):
            assert c.post("/v1/check", json=GOOD).status_code == 200
    spool = settings.audit_spool
    lines = spool.read_text().splitlines()
    assert len(lines) == 3
    assert all("gmail" not in ln and "Year 9" not in ln for ln in lines)
    with TestClient(create_app(settings)) as c:
        runtime = c.app.state.runtime  # type: ignore[attr-defined]
        end = time.monotonic() + 5
        while runtime.audit.written < 3 and time.monotonic() < end:
            time.sleep(0.05)
        assert runtime.audit.written >= 3
    assert not spool.exists()


def test_sink_keeps_order_and_brings_the_overflow_back(tmp_path: Path) -> None:
    """Past the bound events wait on disk, not in memory, and are written
    once the database has drained the queue."""
    written: list[str] = []
    fail = {"on": True}

    def writer(batch: list[dict[str, object]]) -> None:
        if fail["on"]:
            raise OSError("down")
        written.extend(str(e["n"]) for e in batch)

    sink = AuditSink(writer, tmp_path / "spool.jsonl", max_queue=100)
    for n in range(150):
        sink.submit({"n": n})
    assert (sink.pending, sink.spooled) == (100, 50)
    overflow = [json.loads(x)["n"] for x in (tmp_path / "spool.jsonl").read_text().splitlines()]
    assert overflow == list(range(100, 150))
    assert sink.flush() == 0 and sink.pending == 100
    fail["on"] = False
    assert sink.flush(batch_size=30) == 150
    assert written == [str(n) for n in range(150)]
    assert (sink.pending, sink.spooled) == (0, 0)
    assert not (tmp_path / "spool.jsonl").exists()


def test_a_batch_the_database_refuses_does_not_block_the_queue(tmp_path: Path) -> None:
    from sqlalchemy.exc import StatementError

    written: list[object] = []

    def writer(batch: list[dict[str, object]]) -> None:
        if any(e.get("poison") for e in batch):
            raise StatementError("bad row", "INSERT", {}, ValueError("bad"))
        written.extend(e["n"] for e in batch)

    sink = AuditSink(writer, tmp_path / "spool.jsonl")
    sink.submit({"n": 1, "poison": True})
    sink.submit({"n": 2})
    assert sink.flush(batch_size=1) == 1
    assert written == [2] and sink.pending == 0
    rejected = (tmp_path / "audit-rejected.jsonl").read_text().splitlines()
    assert [json.loads(x)["n"] for x in rejected] == [1]


def test_an_unexpected_error_is_a_500_that_logs_no_content(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    leaked = " ".join(["Amir", "Khan", "amirk2011@gmail.com"])  # built, so no source line holds it

    def boom(*_: object, **__: object) -> object:
        raise RuntimeError(leaked)

    # The default TestClient re-raises anything that escapes the app, as uvicorn
    # would log it (message included): nothing may escape.
    with TestClient(create_app(settings)) as c, caplog.at_level(logging.DEBUG):
        # The running instance's checker (app state) fails.
        monkeypatch.setattr(c.app.state.runtime.checker, "check", boom)  # type: ignore[attr-defined]
        res = c.post("/v1/check", json=GOOD)
    assert res.status_code == 500 and res.json() == {"detail": "internal error"}
    assert res.headers["x-content-type-options"] == "nosniff"
    assert "RuntimeError" in caplog.text
    assert "Amir" not in caplog.text and "amirk2011" not in caplog.text


def test_only_one_worker_restores_the_spool(tmp_path: Path) -> None:
    spool = tmp_path / "audit-spool.jsonl"
    spool.write_text('{"n": 1}\n{"n": 2}\nnot json\n')
    first = AuditSink(lambda b: None, spool)
    second = AuditSink(lambda b: None, spool)
    assert (first.load_spool(), second.load_spool()) == (2, 0)
    assert first.pending == 2 and not list(tmp_path.glob("audit-spool*"))
