"""Triggers from the audit trail, and the loop that sends what they queue.

**Triggers.** :meth:`Notifier.observe` is an observer of the audit writer
(:meth:`app.audit.AuditSink.add_observer`): it sees each batch of events once
the database holds it, in the writer's thread, so a check never waits on it.
For a school with notifications on, it records

- an *override*: an outcome ``sent_anyway`` whose codes include a pupil-contact
  rule (PUP001-PUP003); the sender's keyed hash comes from the check the
  outcome answers (in the audit trail);
- a *repeat*: a pupil-contact rule that fired ``repeat_threshold`` times for
  one sender (keyed hash) within ``repeat_window_minutes`` (checks to send or
  on review; a background re-check of the same draft does not count). Once per
  rule, sender and window.

Each trigger has a ``dedupe`` key (the event id, or rule, sender and window),
so a replayed event (the write-ahead log after a crash) or two instances that
see the same batch record it once.

**Sending.** In ``instant`` mode a trigger queues its notice in the outbox at
once; in ``digest`` mode, :meth:`Notifier.tick` queues one digest per school
per day at its ``digest_time`` (Europe/London), covering everything since the
last. Each outbox item is claimed (a conditional UPDATE) before it is sent, so
with several instances it goes once; a failure is retried later with a growing
delay, its status on the console page.

The loop runs in the service like the directory sync scheduler: every
instance ticks, the one holding the ``notifications`` lease does the work.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.audit import keyed_hash
from app.domain import PersonKind
from app.notifications import render
from app.notifications.channels import DeliveryError, deliver
from app.runtime import Runtime
from app.store.notifications import NotificationStore, OutboxRecord
from app.store.sync import SyncStore
from app.tasks import run_to_end
from app.tenant_state import TenantState
from app.tenants import NotificationSettings

log = logging.getLogger("etiquette.notifications")

PUPIL_RULES = ("PUP001", "PUP002", "PUP003")
LEASE = "notifications"


class NotifySettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ETIQUETTE_NOTIFY_", env_file=".env", extra="ignore"
    )

    enabled: bool = Field(
        default=True, description="Run the notifications loop (digests, the outbox) in the service."
    )
    tick_seconds: float = Field(default=30.0, gt=0, description="How often the outbox is read.")
    lease_seconds: float = Field(
        default=300.0, gt=0, description="How long an instance holds the notifications lease."
    )


def _at(v: Any) -> datetime:
    if isinstance(v, datetime):
        return v if v.tzinfo else v.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(v))


def _codes(e: Mapping[str, Any]) -> list[str]:
    return [c for c in str(e.get("codes") or "").split(",") if c in PUPIL_RULES]


def digest_period(
    cfg: NotificationSettings, now: datetime, last_end: datetime | None
) -> tuple[datetime, datetime] | None:
    """The digest due at ``now``: from the last one's end (or a day before) to
    the latest ``digest_time`` passed; ``None`` if that one was sent."""
    hh, mm = (int(x) for x in cfg.digest_time.split(":"))
    local = now.astimezone(render.LONDON)
    end_local = datetime.combine(local.date(), time(hh, mm), render.LONDON)
    if local < end_local:
        end_local = datetime.combine(local.date() - timedelta(days=1), time(hh, mm), render.LONDON)
    end = end_local.astimezone(UTC)
    if last_end is not None and last_end >= end:
        return None
    start = last_end if last_end is not None else end - timedelta(days=1)
    return start, end


def effective(runtime: Runtime, state: TenantState) -> NotificationSettings:
    """The school's own notification settings; if they are all defaults, its
    trust's default (if it has one)."""
    own = state.settings.notifications
    if own != NotificationSettings() or not state.trust_id:
        return own
    trust = runtime.trust(state.trust_id)
    return trust.notifications if trust is not None and trust.notifications else own


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each failure, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


class Notifier:
    def __init__(
        self,
        runtime: Runtime,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        env: Mapping[str, str] | None = None,
        wait: Callable[[float], Awaitable[None]] | None = None,
        settings: NotifySettings | None = None,
    ) -> None:
        self.runtime = runtime
        self.store = NotificationStore(runtime.store.db)
        self.leases = SyncStore(runtime.store.db)
        self.settings = settings or NotifySettings()
        self.holder = uuid.uuid4().hex
        self.now = now
        self.env = env if env is not None else os.environ
        self.wait = wait
        self.held = False

    def _config(self, tenant_id: str) -> NotificationSettings | None:
        state = self.runtime.tenant(tenant_id)
        if state is None or state.trust_view:
            return None
        cfg = effective(self.runtime, state)
        return cfg if cfg.enabled else None

    # -- triggers (the audit writer's thread) -------------------------------------------

    def observe(self, events: Sequence[dict[str, Any]]) -> int:
        """Record the triggers in a batch the database now holds; returns how many
        are new."""
        new = 0
        overrides: list[tuple[str, dict[str, Any], list[str]]] = []
        fires: dict[tuple[str, str, str], datetime] = {}
        # Each school's settings once per batch, not once per event (a batch is
        # hundreds of one school's events; this runs in the audit writer's
        # thread, which holds the interpreter lock requests wait for).
        configs: dict[str, NotificationSettings | None] = {}
        for e in events:
            rules = _codes(e)
            if not rules:
                continue
            tid = str(e.get("tenant_id", ""))
            if tid in configs:
                cfg = configs[tid]
            else:
                cfg = configs[tid] = self._config(tid)
            if cfg is None:
                continue
            if e.get("kind") == "outcome" and e.get("outcome") == "sent_anyway":
                if cfg.notify_overrides:
                    overrides.append((tid, e, rules))
            elif (
                e.get("kind") == "check"
                and e.get("purpose", "send") in ("send", "review")
                and cfg.repeat_threshold > 0
                and e.get("sender_hash")
            ):
                for rule in rules:
                    key = (tid, str(e["sender_hash"]), rule)
                    at = _at(e.get("at"))
                    fires[key] = max(fires.get(key, at), at)
        by_school: dict[str, list[str]] = {}
        for tid, e, _ in overrides:
            if e.get("check_id"):
                by_school.setdefault(tid, []).append(str(e["check_id"]))
        senders = {tid: self.store.senders_of_checks(tid, ids) for tid, ids in by_school.items()}
        for tid, e, rules in overrides:
            cfg = self._config(tid)
            assert cfg is not None
            sender = senders.get(tid, {}).get(str(e.get("check_id") or ""), "")
            for rule in rules:
                new += self._add(
                    tid,
                    cfg,
                    trigger="override",
                    rule=rule,
                    sender_hash=sender,
                    count=1,
                    window=0,
                    at=_at(e.get("at")),
                    dedupe=f"override:{e.get('event_id')}:{rule}",
                )
        for (tid, sender, rule), at in fires.items():
            cfg = self._config(tid)
            assert cfg is not None
            window = timedelta(minutes=cfg.repeat_window_minutes)
            count = self.store.count_fires(tid, sender, rule, at - window)
            if count < cfg.repeat_threshold:
                continue
            bucket = int(at.timestamp() // window.total_seconds())
            new += self._add(
                tid,
                cfg,
                trigger="repeat",
                rule=rule,
                sender_hash=sender,
                count=count,
                window=cfg.repeat_window_minutes,
                at=at,
                dedupe=f"repeat:{tid}:{rule}:{sender}:{cfg.repeat_window_minutes}:{bucket}",
            )
        return new

    def _add(self, tid: str, cfg: NotificationSettings, **kw: Any) -> int:
        nid = self.store.add(
            tid,
            trigger=kw["trigger"],
            rule=kw["rule"],
            sender_hash=kw["sender_hash"],
            count=kw["count"],
            window_minutes=kw["window"],
            at=kw["at"],
            dedupe=kw["dedupe"],
            instant_channel=cfg.channel if cfg.mode == "instant" else None,
        )
        return 1 if nid is not None else 0

    # -- the loop ---------------------------------------------------------------------------

    def queue_digests(self) -> int:
        """Blocking: queue each digest school's digest that is due (once: its key is unique)."""
        n = 0
        now = self.now()
        for state in self.runtime.tenants():
            cfg = self._config(state.id)
            if cfg is None or cfg.mode != "digest":
                continue
            period = digest_period(cfg, now, self.store.last_digest_end(state.id))
            if period is None:
                continue
            start, end = period
            day = end.astimezone(render.LONDON).date().isoformat()
            if self.store.enqueue_digest(
                state.id, start, end, f"digest:{state.id}:{day}", cfg.channel
            ):
                n += 1
        return n

    async def dispatch(self) -> list[tuple[int, str]]:
        """Send what is due and this instance could claim: (item id, status) each."""
        now = self.now()
        ttl = timedelta(seconds=self.settings.lease_seconds)
        out = []
        for item in await asyncio.to_thread(self.store.due, now):
            if await asyncio.to_thread(self.store.claim, item.id, self.holder, now, ttl):
                out.append((item.id, await self._send(item)))
        return out

    async def tick(self) -> list[tuple[int, str]]:
        await asyncio.to_thread(self.queue_digests)
        return await self.dispatch()

    async def send_test(self, tenant_id: str) -> tuple[int, str]:
        """Queue a test notice and send it now: (item id, status)."""
        state = self.runtime.tenant(tenant_id)
        channel = effective(self.runtime, state).channel if state is not None else ""
        now = self.now()
        item_id = await asyncio.to_thread(
            self.store.enqueue_test, tenant_id, channel, now, uuid.uuid4().hex
        )
        ttl = timedelta(seconds=self.settings.lease_seconds)
        if not await asyncio.to_thread(self.store.claim, item_id, self.holder, now, ttl):
            return item_id, "pending"
        item = next(
            i for i in await asyncio.to_thread(self.store.outbox, tenant_id, 20) if i.id == item_id
        )
        return item_id, await self._send(item)

    async def _send(self, item: OutboxRecord) -> str:
        state = self.runtime.tenant(item.tenant_id)

        def finish(status: str, error: str = "", retry: bool = False) -> str:
            return self.store.finish(
                item.id,
                self.holder,
                self.now(),
                status=status,
                error=error,
                retry_in=retry_delay(item.attempts + 1) if retry else None,
            )

        if state is None:
            return await asyncio.to_thread(finish, "failed", "school not loaded", True)
        cfg = effective(self.runtime, state)
        if not cfg.enabled and item.kind != "test":
            return await asyncio.to_thread(finish, "skipped", "notifications are off")
        notice = await asyncio.to_thread(self._notice, state, cfg, item)
        if notice is None:
            return await asyncio.to_thread(finish, "empty")
        try:
            await deliver(
                cfg,
                notice,
                http=self.runtime.http,
                entra_tenant_id=self._entra_tenant(state),
                env=self.env,
                wait=self.wait,
            )
        except DeliveryError as exc:
            log.warning("notification %d not sent (%s)", item.id, exc)
            return await asyncio.to_thread(finish, "failed", str(exc), item.kind != "test")
        return await asyncio.to_thread(finish, "sent")

    def _entra_tenant(self, state: TenantState) -> str | None:
        """The tenant Graph sends from: the school's, else its trust's."""
        if state.settings.outlook.entra_tenant_id:
            return state.settings.outlook.entra_tenant_id
        trust = self.runtime.trust(state.trust_id) if state.trust_id else None
        return trust.entra_tenant_id if trust is not None else None

    def _notice(
        self, state: TenantState, cfg: NotificationSettings, item: OutboxRecord
    ) -> render.Notice | None:
        identity = self._identity(state) if cfg.include_sender_identity else None
        if item.kind == "test":
            return render.test(state.name, self.now())
        if item.kind == "instant" and item.notification_id is not None:
            n = self.store.notification(state.id, item.notification_id)
            return render.instant(state.name, n, identity) if n is not None else None
        if item.period_start is None or item.period_end is None:
            return None
        items = self.store.between(state.id, item.period_start, item.period_end)
        if not items:
            return None
        return render.digest(state.name, item.period_start, item.period_end, items, identity)

    def _identity(self, state: TenantState) -> render.Identity:
        """keyed sender hash -> the member of staff's name, from the directory now."""
        secret = self.runtime.settings.secret_key
        names: dict[str, str] = {}
        for p in state.directory.people:
            if p.kind is PersonKind.STAFF and p.email:
                first = p.preferred_name or p.first_name
                names[keyed_hash(secret, p.email)] = f"{first} {p.last_name}".strip()
                for extra in p.personal_emails:
                    names.setdefault(keyed_hash(secret, extra), f"{first} {p.last_name}".strip())
        return names.get

    async def _lease_and_tick(self, ttl: timedelta) -> None:
        self.held = await asyncio.to_thread(self.leases.acquire_lease, LEASE, self.holder, ttl)
        if self.held:
            await self.tick()

    async def run(self) -> None:
        ttl = timedelta(seconds=self.settings.lease_seconds)
        while True:
            await asyncio.sleep(self.settings.tick_seconds)
            try:
                # Cancelled (the app stopping), the tick still finishes: its
                # threads hold database connections (app.tasks).
                await run_to_end(self._lease_and_tick(ttl))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # never let the loop die; say where, not what
                log.warning("notifications tick failed (%s)", type(exc).__name__)

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(Exception):
                self.leases.release_lease(LEASE, self.holder)


async def run_notifier(notifier: Notifier) -> None:
    """The service's notifications loop (started from the app's lifespan)."""
    if not notifier.settings.enabled:
        return
    try:
        await notifier.run()
    finally:
        await asyncio.to_thread(notifier.release)
