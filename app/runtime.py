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
import contextlib
import logging
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from app.audit import AuditSink
from app.checker import Checker
from app.config import Settings
from app.domain import email_domain
from app.observability import metrics
from app.store import Store
from app.store.repository import hash_key
from app.store.trusts import TrustRecord, TrustStore
from app.tasks import Background
from app.tenant_state import TenantState
from app.trusts.routing import TrustIndex, build_trust_index

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("etiquette.runtime")

CHANNEL = "etiquette:tenant-changed"


class Runtime:
    def __init__(
        self, settings: Settings, store: Store, audit: AuditSink, http: httpx.AsyncClient
    ) -> None:
        self.settings = settings
        self.store = store
        self.audit = audit
        self.http = http
        # The one way a message is checked on this instance (and the memory of
        # recent verdicts that reported outcomes are vetted against).
        self.checker = Checker(
            audit,
            secret_key=settings.secret_key,
            check_action=lambda tenant_id, check_id: self.store.check_action(tenant_id, check_id),
        )
        self._tenants: dict[str, TenantState] = {}
        self._by_domain: dict[str, str] = {}
        self._by_key: dict[str, tuple[str, str, str]] = {}
        self._by_entra: dict[str, str] = {}
        self._by_google: dict[str, str] = {}
        self.trust_store = TrustStore(store.db)
        self._trusts: dict[str, TrustRecord] = {}
        self._trust_index = TrustIndex()
        self._redis: Redis | None = None
        # Refreshes run in worker threads; shutdown waits on this before the
        # connection pool is disposed, so no thread is left holding a connection.
        self._refresh_lock = threading.Lock()
        self._closed = False
        # Work a request leaves running (a console sync); drained before close.
        self.background = Background()
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

    # -- trusts (memory only; see app.trusts.routing) ---------------------------

    def trust(self, trust_id: str) -> TrustRecord | None:
        return self._trusts.get(trust_id)

    def trust_view(self, trust_id: str) -> TenantState | None:
        """The trust's fallback: its policy over the union of its schools' rosters."""
        return self._trust_index.views.get(trust_id)

    def school_for(self, identity: TenantState, sender: str) -> TenantState:
        """The school a signed-in sender checks under, when their identity (an Entra
        tenant or Google domain) resolved to ``identity``: for a trust's identity,
        the trust school whose roster (or domain) holds the sender; otherwise, and
        for someone no school of the trust holds, ``identity`` itself."""
        if not identity.trust_view:
            return identity
        school = self.tenant_for_sender(sender)
        if school is not None and school.trust_id == identity.trust_id:
            return school
        return identity

    def tenant_for_sender(self, sender: str) -> TenantState | None:
        """The sender's school: by its own domain; at a trust's shared domain, the
        school whose roster holds the sender, else the trust's fallback view."""
        domain = email_domain(sender)
        tid = self._by_domain.get(domain)
        if tid is not None:
            return self._tenants.get(tid)
        hit = self._trust_index.resolve(sender.lower(), domain)
        if hit is None:
            return None
        school_id, trust_id = hit
        if school_id is not None:
            return self._tenants.get(school_id)
        return self._trust_index.views.get(trust_id)

    def trust_for_key(self, key: str) -> tuple[TrustRecord, str] | None:
        """(trust, label) for a trust admin key, from memory."""
        key_hash = hash_key(key)
        hit = self._trust_index.keys.get(key_hash)
        if hit is None:
            return None
        trust = self._trusts.get(hit)
        return (trust, trust.keys[key_hash]) if trust is not None else None

    def school_of_trust(self, trust_id: str, slug: str) -> TenantState | None:
        """A loaded school by slug, only if it sits under the trust."""
        for s in self._tenants.values():
            if s.slug == slug and s.trust_id == trust_id:
                return s
        return None

    def forget(self, tenant_id: str) -> None:
        """Drop a deleted or disabled school from this instance at once."""
        with self._refresh_lock:
            if self._tenants.pop(tenant_id, None) is not None:
                self._reindex()

    def save_key_use(self) -> None:
        """Blocking: write the keys' last-used moments gathered since the last call.

        Under the refresh lock, so that :meth:`close` waits for a write in flight
        before the pool is disposed (a connection still in use would leak)."""
        with self._refresh_lock:
            if not self._closed:
                self._save_key_use_locked()

    def _save_key_use_locked(self) -> None:
        used, self._keys_used = self._keys_used, {}
        if not used:
            return
        try:
            self.store.touch_keys(used)
        except Exception:
            for h, at in used.items():  # the database is away: try again next time
                self._keys_used.setdefault(h, at)
            raise

    def tenant_for_entra(self, entra_tenant_id: str) -> TenantState | None:
        """The school with this Entra tenant, else the fallback view of the trust
        with it (a check then moves to the sender's school, see api/check.py)."""
        tid = self._by_entra.get(entra_tenant_id.lower())
        if tid:
            return self._tenants.get(tid)
        trust_id = self._trust_index.by_entra.get(entra_tenant_id.lower())
        return self._trust_index.views.get(trust_id) if trust_id else None

    def tenant_for_google_domain(self, domain: str) -> TenantState | None:
        tid = self._by_google.get(domain.lower())
        if tid:
            return self._tenants.get(tid)
        trust_id = self._trust_index.by_google.get(domain.lower())
        return self._trust_index.views.get(trust_id) if trust_id else None

    # -- loading ---------------------------------------------------------------

    def install(self, state: TenantState, *, reindex: bool = True) -> None:
        self._tenants[state.id] = state
        if reindex:
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
        self._trust_index = build_trust_index(self._trusts, self._tenants, self._trust_index)

    def reload_tenant(self, tenant_id: str) -> TenantState | None:
        """Blocking: read one tenant and rebuild what changed (directory only if it did).

        ``None`` once the runtime is closing."""
        with self._refresh_lock:
            if self._closed:
                return None
            return self._reload_locked(tenant_id)

    def reload_trust(self, trust_id: str) -> None:
        """Blocking: read a trust again and rebuild each of its schools (their
        effective policies depend on it)."""
        with self._refresh_lock:
            if self._closed:
                return
            trust = self._trusts[trust_id] = self.trust_store.load(trust_id)
            for school_id, _ in trust.schools:
                self._reload_locked(school_id, reindex=False)
            self._reindex()

    def _reload_locked(self, tenant_id: str, *, reindex: bool = True) -> TenantState:
        old = self._tenants.get(tenant_id)
        # A policy or key change does not read the directory again (it can be
        # hundreds of thousands of people): the one held is kept.
        rec = self.store.load(tenant_id, old.directory.version if old is not None else None)
        directory = (
            old.directory
            if old is not None and old.directory.version == rec.directory_version
            else None
        )
        trust = None
        if rec.trust_id is not None:
            trust = self._trusts.get(rec.trust_id)
            if trust is None:
                trust = self._trusts[rec.trust_id] = self.trust_store.load(rec.trust_id)
        groups = tuple(self.trust_store.school_groups(tenant_id))
        state = TenantState.from_record(rec, directory, trust=trust, groups=groups)
        self.install(state, reindex=reindex)
        return state

    def refresh_sync(self) -> int:
        """Reload tenants whose revision moved; drop deleted ones. Returns reloads."""
        with self._refresh_lock:
            if self._closed:
                return 0
            return self._refresh_locked()

    def close(self) -> None:
        """Wait for an in-flight refresh or key-use write, write the last key uses
        (best effort), and refuse new ones (blocking)."""
        with self._refresh_lock:
            with contextlib.suppress(Exception):  # the database may be away at shutdown
                self._save_key_use_locked()
            self._closed = True

    def _refresh_locked(self) -> int:
        # Trusts first: a change to a trust also bumps its schools' revisions,
        # so they are rebuilt below against the trust as it is now.
        trust_revs = self.trust_store.revisions()
        n = 0
        for trust_id, rev in trust_revs.items():
            cur_trust = self._trusts.get(trust_id)
            if cur_trust is None or cur_trust.revision != rev:
                self._trusts[trust_id] = self.trust_store.load(trust_id)
                n += 1
        for gone_trust in set(self._trusts) - set(trust_revs):
            del self._trusts[gone_trust]
            n += 1
        revisions = self.store.revisions()
        for tid, rev in revisions.items():
            cur = self._tenants.get(tid)
            if cur is None or cur.revision != rev:
                self._reload_locked(tid, reindex=False)
                n += 1
        for gone in set(self._tenants) - set(revisions):
            del self._tenants[gone]
            n += 1
        if n:
            self._reindex()
        return n

    async def refresh(self) -> None:
        if self._keys_used:
            try:
                await asyncio.to_thread(self.save_key_use)
            except Exception as exc:
                # Kept for the next refresh. On SQLite this is a long write in
                # progress (a roster upload holds the one write lock for
                # seconds): not a fault, and no reason to skip the read below,
                # which a write does not block. (Not counted as a database
                # error: a real outage fails the read too, and is counted there.)
                log.info("keys' last use not written yet (%s); kept", type(exc).__name__)
        try:
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
            await redis.publish(CHANNEL, tenant_id)
        except Exception as exc:
            metrics.REDIS_ERRORS.labels("publish").inc()
            log.warning("redis publish failed (%s)", type(exc).__name__)

    async def listen(self) -> None:
        """Reload a tenant as soon as another instance announces a change."""
        if not self.settings.redis_url:
            return
        from redis.asyncio import Redis  # only with REDIS_URL set (a 50 ms import)

        client: Redis = Redis.from_url(self.settings.redis_url, socket_connect_timeout=2)
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
