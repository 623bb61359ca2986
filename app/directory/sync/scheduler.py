"""Due syncs, run inside the service by one instance at a time.

Every instance ticks; the one that holds the ``directory-sync`` lease (a row
in the database, renewed each tick, so it works on SQLite and PostgreSQL
alike) runs the sources that are due, one after another, and makes each
applied change live at once (here, and on the others through the usual
revision poll or Redis announcement). An instance that stops lets its lease
expire and another takes over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from app.directory.sync.engine import RunOutcome, sync_source
from app.directory.sync.settings import SyncSettings
from app.runtime import Runtime
from app.store.sync import SourceRecord, SyncStore
from app.tasks import run_to_end

log = logging.getLogger("etiquette.sync")
LEASE = "directory-sync"


def is_due(src: SourceRecord, now: datetime) -> bool:
    if src.last_run_at is None:
        return True
    return now - src.last_run_at >= timedelta(minutes=src.interval_minutes)


class Scheduler:
    def __init__(
        self,
        runtime: Runtime,
        settings: SyncSettings,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.runtime = runtime
        self.settings = settings
        self.syncs = SyncStore(runtime.store.db)
        self.holder = uuid.uuid4().hex
        self.now = now
        self.held = False

    async def tick(self) -> list[RunOutcome]:
        """Run every due source if this instance holds the lease."""
        ttl = timedelta(seconds=self.settings.lease_seconds)
        self.held = await asyncio.to_thread(self.syncs.acquire_lease, LEASE, self.holder, ttl)
        if not self.held:
            return []
        outcomes = []
        now = self.now()
        for tenant_id, src in await asyncio.to_thread(self.syncs.enabled_sources):
            if not is_due(src, now):
                continue
            out = await sync_source(
                self.runtime.store,
                tenant_id,
                src.name,
                self.runtime.http,
                nightly_hour=self.settings.nightly_hour_utc,
                now=self.now,
            )
            outcomes.append(out)
            log.info("sync %s/%s: run %d %s", tenant_id, src.name, out.run_id, out.status)
            if out.changed_directory:
                with contextlib.suppress(Exception):  # the next poll catches up
                    await asyncio.to_thread(self.runtime.reload_tenant, tenant_id)
                await self.runtime.announce(tenant_id)
            # keep the lease while a long list of schools syncs
            await asyncio.to_thread(self.syncs.acquire_lease, LEASE, self.holder, ttl)
        return outcomes

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.settings.tick_seconds)
            try:
                # Cancelled (the app stopping), the tick still finishes: its
                # threads hold database connections (app.tasks).
                await run_to_end(self.tick())
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # never let the loop die; say where, not what
                log.warning("directory sync tick failed (%s)", type(exc).__name__)

    def release(self) -> None:
        if not self.held:
            return
        with contextlib.suppress(Exception):
            self.syncs.release_lease(LEASE, self.holder)


async def run_scheduler(runtime: Runtime) -> None:
    """The service's sync loop (started from the app's lifespan)."""
    settings = SyncSettings()
    if not settings.enabled:
        return
    scheduler = Scheduler(runtime, settings)
    try:
        await scheduler.run()
    finally:
        await asyncio.to_thread(scheduler.release)
