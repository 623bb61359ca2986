"""What one running instance holds in memory: every tenant's policy and
directory, ready for a check that does no database read.

Loaded at start, then kept fresh: every ``refresh_seconds`` the instance reads
each tenant's ``revision`` (one small query) and reloads only tenants whose
revision moved. With ``REDIS_URL`` set, admin changes are also announced on a
pub/sub channel so other instances reload at once. If the database is down the
refresh fails quietly and checks keep answering from what is cached.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import httpx

from app.audit import AuditSink
from app.config import Settings
from app.directory.model import Directory
from app.domain import email_domain
from app.observability import metrics
from app.policy import Policy
from app.store import Store
from app.store.repository import TenantRecord, hash_key
from app.tenants import TenantSettings

log = logging.getLogger("etiquette.runtime")

CHANNEL = "etiquette:tenant-changed"


@dataclass(frozen=True, slots=True)
class TenantState:
    """One school as a check sees it. Immutable: a reload swaps the whole object."""

    id: str
    slug: str
    name: str
    revision: int
    settings: TenantSettings
    domains: frozenset[str]
    policy: Policy
    directory: Directory
    keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # hash -> (role, label)

    @classmethod
    def from_record(cls, rec: TenantRecord, directory: Directory | None = None) -> TenantState:
        # The domains that identify the school are its own: mail to them is
        # internal whatever the policy lists (policy.internal_domains adds more,
        # e.g. the trust's).
        if directory is None:
            directory = Directory.build(
                rec.people,
                rec.groups,
                internal_domains=rec.domains,
                version=rec.directory_version,
            )
        elif directory.internal_domains != frozenset(rec.domains):
            directory = replace(directory, internal_domains=frozenset(rec.domains))
        return cls(
            id=rec.id,
            slug=rec.slug,
            name=rec.name,
            revision=rec.revision,
            settings=rec.settings,
            domains=frozenset(rec.domains),
            policy=rec.policy,
            directory=directory,
            keys=rec.keys,
        )


class Runtime:
    def __init__(
        self, settings: Settings, store: Store, audit: AuditSink, http: httpx.AsyncClient
    ) -> None:
        self.settings = settings
        self.store = store
        self.audit = audit
        self.http = http
        self._tenants: dict[str, TenantState] = {}
        self._by_domain: dict[str, str] = {}
        self._by_key: dict[str, tuple[str, str, str]] = {}
        self._by_entra: dict[str, str] = {}
        self._by_google: dict[str, str] = {}
        self._redis: object | None = None
        # Refreshes run in worker threads; shutdown waits on this before the
        # connection pool is disposed, so no thread is left holding a connection.
        self._refresh_lock = threading.Lock()
        self._closed = False
        # Key hash -> when it was last used, written to the store with each refresh.
        self._keys_used: dict[str, datetime] = {}
        # The demo school's keys are public: honoured only in demo mode.
        from app.demo import DEMO_KEY_HASHES

        self._refused_keys = frozenset() if settings.demo else DEMO_KEY_HASHES

    # -- look-ups (memory only) ------------------------------------------------

    def tenant(self, tenant_id: str) -> TenantState | None:
        return self._tenants.get(tenant_id)

    def tenants(self) -> list[TenantState]:
        return list(self._tenants.values())

    def tenant_for_domain(self, domain: str) -> TenantState | None:
        tid = self._by_domain.get(email_domain("x@" + domain))
        return self._tenants.get(tid) if tid else None

    def tenant_for_key(self, key: str) -> tuple[TenantState, str, str] | None:
        """(school, role, label) for an API key, from memory."""
        key_hash = hash_key(key)
        hit = self._by_key.get(key_hash)
        if hit is None or key_hash in self._refused_keys:
            return None
        state = self._tenants.get(hit[0])
        if state is None:
            return None
        self._keys_used[key_hash] = datetime.now(UTC)
        return (state, hit[1], hit[2])

    def forget(self, tenant_id: str) -> None:
        """Drop a deleted or disabled school from this instance at once."""
        with self._refresh_lock:
            if self._tenants.pop(tenant_id, None) is not None:
                self._reindex()

    def save_key_use(self) -> None:
        """Blocking: write the keys' last-used moments gathered since the last call."""
        used, self._keys_used = self._keys_used, {}
        try:
            self.store.touch_keys(used)
        except Exception:
            for h, at in used.items():  # the database is away: try again next time
                self._keys_used.setdefault(h, at)
            raise

    def tenant_for_entra(self, entra_tenant_id: str) -> TenantState | None:
        tid = self._by_entra.get(entra_tenant_id.lower())
        return self._tenants.get(tid) if tid else None

    def tenant_for_google_domain(self, domain: str) -> TenantState | None:
        tid = self._by_google.get(domain.lower())
        return self._tenants.get(tid) if tid else None

    # -- loading ---------------------------------------------------------------

    def install(self, state: TenantState) -> None:
        self._tenants[state.id] = state
        self._reindex()

    def _reindex(self) -> None:
        by_domain: dict[str, str] = {}
        by_key: dict[str, tuple[str, str, str]] = {}
        by_entra: dict[str, str] = {}
        by_google: dict[str, str] = {}
        for s in self._tenants.values():
            for d in s.domains:
                by_domain[d] = s.id
            for h, (role, label) in s.keys.items():
                by_key[h] = (s.id, role, label)
            # The store refuses duplicates; if one slipped in (an old row), the
            # first school keeps the identity rather than the last writer.
            if s.settings.outlook.entra_tenant_id:
                by_entra.setdefault(s.settings.outlook.entra_tenant_id.lower(), s.id)
            if s.settings.gmail.google_domain:
                by_google.setdefault(s.settings.gmail.google_domain.lower(), s.id)
        self._by_domain, self._by_key = by_domain, by_key
        self._by_entra, self._by_google = by_entra, by_google

    def reload_tenant(self, tenant_id: str) -> TenantState | None:
        """Blocking: read one tenant and rebuild what changed (directory only if it did).

        ``None`` once the runtime is closing."""
        with self._refresh_lock:
            if self._closed:
                return None
            return self._reload_locked(tenant_id)

    def _reload_locked(self, tenant_id: str) -> TenantState:
        old = self._tenants.get(tenant_id)
        # A policy or key change does not read the directory again (it can be
        # hundreds of thousands of people): the one held is kept.
        rec = self.store.load(tenant_id, old.directory.version if old is not None else None)
        directory = (
            old.directory
            if old is not None and old.directory.version == rec.directory_version
            else None
        )
        state = TenantState.from_record(rec, directory)
        self.install(state)
        return state

    def refresh_sync(self) -> int:
        """Reload tenants whose revision moved; drop deleted ones. Returns reloads."""
        with self._refresh_lock:
            if self._closed:
                return 0
            return self._refresh_locked()

    def close(self) -> None:
        """Wait for an in-flight refresh and refuse new ones (blocking)."""
        with self._refresh_lock:
            self._closed = True

    def _refresh_locked(self) -> int:
        revisions = self.store.revisions()
        n = 0
        for tid, rev in revisions.items():
            cur = self._tenants.get(tid)
            if cur is None or cur.revision != rev:
                self._reload_locked(tid)
                n += 1
        for gone in set(self._tenants) - set(revisions):
            del self._tenants[gone]
            n += 1
        if n:
            self._reindex()
        return n

    async def refresh(self) -> None:
        try:
            if self._keys_used:
                await asyncio.to_thread(self.save_key_use)
            n = await asyncio.to_thread(self.refresh_sync)
            if n:
                log.info("reloaded %d tenant(s)", n)
        except Exception as exc:
            metrics.DATABASE_ERRORS.labels("refresh").inc()
            log.warning("refresh failed (%s); serving cached policy", type(exc).__name__)

    async def run_refresh(self) -> None:
        while True:
            await asyncio.sleep(self.settings.refresh_seconds)
            await self.refresh()

    # -- change announcements (optional Redis) --------------------------------

    async def announce(self, tenant_id: str) -> None:
        redis = self._redis
        if redis is None:
            return
        try:
            await redis.publish(CHANNEL, tenant_id)  # type: ignore[attr-defined]
        except Exception as exc:
            metrics.REDIS_ERRORS.labels("publish").inc()
            log.warning("redis publish failed (%s)", type(exc).__name__)

    async def listen(self) -> None:
        """Reload a tenant as soon as another instance announces a change."""
        if not self.settings.redis_url:
            return
        import redis.asyncio as aioredis

        client = aioredis.from_url(self.settings.redis_url, socket_connect_timeout=2)
        self._redis = client
        while True:
            try:
                pubsub = client.pubsub()
                await pubsub.subscribe(CHANNEL)
                async for msg in pubsub.listen():
                    if msg.get("type") == "message":
                        await self.refresh()
            except asyncio.CancelledError:
                await client.aclose()
                raise
            except Exception as exc:
                metrics.REDIS_ERRORS.labels("listen").inc()
                log.warning("redis listen failed (%s); polling continues", type(exc).__name__)
                await asyncio.sleep(5)
