"""The notifications loop through a database outage: its ticks fail (logged by
kind, nothing more), the loop keeps running, and once the database is back it
sends what was waiting in the outbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import pytest
from fastapi.testclient import TestClient

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
        assert runtime.store.db.engine.pool.checkedout() == 0
