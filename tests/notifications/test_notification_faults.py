"""The notifications loop through a database outage: its ticks fail (logged by
kind, nothing more), the loop keeps running, and once the database is back it
sends what was waiting in the outbox."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
import time
import warnings
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import Settings
from app.main import create_app
from app.notifications.service import Notifier, NotifySettings, run_notifier
from tests.api.test_faults import _break_database, _mend_database
from tests.notifications.conftest import SLACK_URL, FakeServices, configure, runtime_of
from tests.notifications.test_notifications import check, outcome


def test_the_outbox_loop_survives_a_database_outage(
    client: TestClient, services: FakeServices, caplog: pytest.LogCaptureFixture
) -> None:
    configure(client, channel="slack", webhook_url_env="ETQ_SLACK_URL", mode="instant")
    runtime = runtime_of(client)
    tid = runtime.store.tenant_id_for_slug("stmarys")
    events = [{**check("h1", "PUP003", check_id="c1"), "tenant_id": tid}]
    events.append({**outcome("c1", "PUP003"), "tenant_id": tid})
    runtime.store.write_audit(events)
    loop = Notifier(runtime, settings=NotifySettings(enabled=True, tick_seconds=0.05))
    assert loop.observe(events) >= 1  # an instant notice waits in the outbox
    saved = _break_database(runtime)
    portal = client.portal
    assert portal is not None

    async def start() -> asyncio.Task[None]:
        return asyncio.create_task(run_notifier(loop))

    async def stop(t: asyncio.Task[None]) -> None:
        t.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await t

    task = portal.call(start)
    try:
        with caplog.at_level(logging.WARNING, logger="etiquette.notifications"):
            end = time.monotonic() + 10
            while (
                sum("notifications tick failed" in m for m in caplog.messages) < 3
                and time.monotonic() < end
            ):
                time.sleep(0.05)
        failed = [m for m in caplog.messages if "notifications tick failed" in m]
        assert len(failed) >= 3, caplog.messages
        assert all(m == "notifications tick failed (OperationalError)" for m in failed)
        assert not task.done() and services.sent == []
        _mend_database(runtime, saved)
        saved = None
        end = time.monotonic() + 10
        while not services.sent and time.monotonic() < end:
            time.sleep(0.05)
        [(url, payload)] = services.sent
        assert url == SLACK_URL and "PUP003" in payload["text"]
        assert not task.done()
    finally:
        if saved is not None:
            _mend_database(runtime, saved)
        # Stopped as the app stops it: the loop ends once its tick (whose threads
        # hold database connections) and its lease release have finished.
        portal.call(stop, task)


def test_stopping_the_app_mid_tick_leaves_no_connection_to_the_collector(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app stops while a notifications tick holds a database connection in
    its thread: the lifespan waits for the tick, so the connection goes back to
    the pool before the pool is disposed (before app.tasks, it went back to a
    disposed pool and psycopg warned, later, that it was deleted while open)."""
    monkeypatch.setenv("ETIQUETTE_NOTIFY_TICK_SECONDS", "0.05")
    in_tick = threading.Event()
    queue_digests = Notifier.queue_digests

    def holding_a_connection(self: Notifier) -> int:
        with self.runtime.store.db.session() as s:
            s.execute(text("SELECT 1"))
            in_tick.set()
            time.sleep(0.5)
        return queue_digests(self)

    monkeypatch.setattr(Notifier, "queue_digests", holding_a_connection)
    settings = Settings(
        database_url=db_url,
        data_dir=tmp_path,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
    )
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        with TestClient(create_app(settings)):
            assert in_tick.wait(10)
        time.sleep(0.7)  # a tick left running would have finished by now
        gc.collect()
    assert [str(w.message) for w in got if issubclass(w.category, ResourceWarning)] == []
