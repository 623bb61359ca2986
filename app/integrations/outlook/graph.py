"""Microsoft Graph On-Behalf-Of the signed-in teacher, to refine a check.

Where a school has set ``outlook.graph_enabled`` (and consented to the
permissions), a check made with an Entra ID token is refined with:

- the teacher's mailbox working hours (``GET /me/mailboxSettings/workingHours``),
  used in place of the default 07:30-18:00 when the school's policy leaves
  working hours unset, and only when the mailbox's zone is the school's;
- pupils-group membership (``POST /users/{address}/checkMemberGroups``) of
  internal recipients the roster does not list, so a pupil missing from the
  MIS export is still treated as a pupil.

Everything here is best effort inside a time budget: without configuration,
on any error, or when Graph is slow, the check runs on the directory snapshot
as it would anyway. A refinement that misses the budget carries on in the
background and fills the caches, so the next check (usually the Send after
the recipients-changed pre-check) has it.

MSAL Python is synchronous, so it runs in a worker thread; its HTTP goes
through :class:`app.http_bridge.MsalHttp`, which hands each request back to the event loop's
shared ``httpx.AsyncClient`` (``runtime.http``). Graph calls use that client
directly; membership lookups run concurrently. Answers are cached in bounded
LRU caches with a lifetime (:class:`_TtlCache`), so a large trust cannot grow
them without limit. Nothing here logs names, addresses or tokens.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from datetime import time as dtime
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
import msal

from app.calendar import WorkingHours
from app.directory.model import Directory
from app.domain import Message, PersonKind, RecipientKind, Weekday, normalise_address
from app.errors import Unavailable
from app.http_bridge import MsalHttp
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.tokens import EntraIdentity
from app.people import Person
from app.tenant_state import TenantState
from app.tenants import OutlookTenantSettings

log = logging.getLogger("etiquette.outlook.graph")

GRAPH_SCOPES = ("https://graph.microsoft.com/.default",)
# Generated from the windows-iana npm package (CLDR windowsZones) by `npm run build`.
WINDOWS_ZONES: Mapping[str, str] = json.loads(
    (Path(__file__).parent / "windows_zones.json").read_text(encoding="utf-8")
)
MAX_MEMBER_LOOKUPS = 10  # per check; they run concurrently
_MAX_TOKENS = 10_000  # one per signed-in teacher's current token
_MAX_HOURS = 10_000  # one per teacher
_MAX_MEMBERS = 50_000  # one per (school, address) looked up
_MSAL_HTTP_TIMEOUT = 10.0

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class GraphError(Unavailable):
    """Graph or the token endpoint refused or answered nonsense; the check goes on
    without refinement."""


@dataclass(frozen=True, slots=True)
class _Hit(Generic[V]):
    value: V


class _TtlCache(Generic[K, V]):
    """At most ``size`` entries, each living ``ttl`` seconds; the least recently
    used goes first when full. Event-loop only (not thread-safe)."""

    def __init__(self, size: int, ttl: float) -> None:
        self._size = size
        self._ttl = ttl
        self._data: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def get(self, key: K) -> _Hit[V] | None:
        """The live entry for ``key`` (its value may itself be None), or None."""
        entry = self._data.get(key)
        if entry is None:
            return None
        if entry[1] <= time.monotonic():
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return _Hit(entry[0])

    def put(self, key: K, value: V, ttl: float | None = None) -> None:
        lifetime = self._ttl if ttl is None else ttl
        self._data[key] = (value, time.monotonic() + lifetime)
        self._data.move_to_end(key)
        while len(self._data) > self._size:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def mailbox_working_hours(data: Mapping[str, Any], school_zone: str) -> WorkingHours | None:
    """Graph's ``workingHours`` as policy working hours, if they are in the school's zone."""
    zone = data.get("timeZone", {})
    name = zone.get("name", "") if isinstance(zone, dict) else ""
    if WINDOWS_ZONES.get(name, name) != school_zone:
        return None  # hours in another zone would need converting per day; not worth guessing
    try:
        days = tuple(Weekday[str(d).upper()] for d in data.get("daysOfWeek", []))
        start = dtime.fromisoformat(str(data["startTime"])[:8])
        end = dtime.fromisoformat(str(data["endTime"])[:8])
        return WorkingHours(days=days, start=start, end=end)
    except (KeyError, ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        return None


class GraphRefiner:
    def __init__(self, settings: OutlookSettings) -> None:
        self.settings = settings
        ttl = float(settings.graph_cache_seconds)
        self._apps: dict[tuple[str, str], msal.ConfidentialClientApplication] = {}
        self._hours: _TtlCache[tuple[str, str], WorkingHours | None] = _TtlCache(_MAX_HOURS, ttl)
        self._members: _TtlCache[tuple[str, str], bool] = _TtlCache(_MAX_MEMBERS, ttl)
        self._tokens: _TtlCache[str, str] = _TtlCache(_MAX_TOKENS, 0.0)
        self._pending: set[asyncio.Task[Any]] = set()

    # -- configuration --------------------------------------------------------

    def _credentials(self, cfg: OutlookTenantSettings) -> tuple[str, str] | None:
        client_id = cfg.graph_client_id or self.settings.client_id
        secret = self.settings.client_secret_for(cfg)
        if not (cfg.graph_enabled and cfg.entra_tenant_id and client_id and secret):
            return None
        return client_id, secret

    def enabled_for(self, tenant: TenantState) -> bool:
        return self._credentials(tenant.settings.outlook) is not None

    # -- tokens ---------------------------------------------------------------

    def _app(
        self, cfg: OutlookTenantSettings, http: MsalHttp
    ) -> msal.ConfidentialClientApplication:
        creds = self._credentials(cfg)
        assert creds is not None and cfg.entra_tenant_id
        key = (cfg.entra_tenant_id, creds[0])
        app = self._apps.get(key)
        if app is None:
            app = msal.ConfidentialClientApplication(
                creds[0],
                client_credential=creds[1],
                authority=f"{self.settings.authority_host.rstrip('/')}/{cfg.entra_tenant_id}",
                http_client=http,
            )
            self._apps[key] = app
        return app

    async def graph_token(
        self, http: httpx.AsyncClient, tenant: TenantState, identity: EntraIdentity
    ) -> str:
        """Exchange the teacher's token for a Graph token, cached per incoming token.

        MSAL's ``acquire_token_on_behalf_of`` always asks the token endpoint,
        so the exchange is cached here, keyed by a hash of the assertion, until
        a minute before the Graph token expires.
        """
        key = hashlib.sha256(identity.token.encode()).hexdigest()
        hit = self._tokens.get(key)
        if hit is not None:
            return hit.value
        adapter = MsalHttp(
            http, asyncio.get_running_loop(), timeout=_MSAL_HTTP_TIMEOUT, error=GraphError
        )
        cfg = tenant.settings.outlook

        def acquire() -> dict[str, Any]:
            app = self._app(cfg, adapter)
            result: dict[str, Any] = app.acquire_token_on_behalf_of(
                user_assertion=identity.token, scopes=list(GRAPH_SCOPES)
            )
            return result

        try:
            result = await asyncio.to_thread(acquire)
        except (ValueError, GraphError, httpx.HTTPError, TimeoutError) as exc:
            raise GraphError(f"on-behalf-of failed ({type(exc).__name__})") from None
        token = result.get("access_token")
        if not isinstance(token, str):
            # e.g. invalid_grant with a claims challenge (Conditional Access): the
            # send handler cannot show UI, so the check goes on unrefined.
            raise GraphError(f"on-behalf-of refused: {result.get('error', 'unknown')}")
        try:
            lifetime = float(result.get("expires_in", 0) or 0)
        except (TypeError, ValueError):
            lifetime = 0.0
        self._tokens.put(key, token, ttl=max(0.0, lifetime - 60))
        return token

    # -- Graph reads ----------------------------------------------------------

    async def _graph(
        self, http: httpx.AsyncClient, token: str, method: str, path: str, body: Any = None
    ) -> dict[str, Any] | None:
        """Graph's JSON object, None for 404; GraphError for a refusal or anything else."""
        resp = await http.request(
            method,
            f"{self.settings.graph_base.rstrip('/')}{path}",
            headers={"Authorization": f"Bearer {token}"},
            json=body,
        )
        if resp.status_code == 404:
            return None
        if resp.status_code >= 400:
            raise GraphError(f"graph answered {resp.status_code}")
        try:
            data = resp.json()
        except ValueError:  # a proxy's page, a truncated body
            raise GraphError("graph answered with something other than JSON") from None
        if not isinstance(data, dict):
            raise GraphError(f"graph answered a JSON {type(data).__name__}, not an object")
        return data

    async def working_hours(
        self, http: httpx.AsyncClient, token: str, tenant: TenantState, identity: EntraIdentity
    ) -> WorkingHours | None:
        key = (identity.tenant_id, identity.object_id)
        cached = self._hours.get(key)
        if cached is not None:
            return cached.value
        data = await self._graph(http, token, "GET", "/me/mailboxSettings/workingHours")
        hours = mailbox_working_hours(data or {}, tenant.policy.timezone)
        self._hours.put(key, hours)
        return hours

    async def _is_member(
        self, http: httpx.AsyncClient, token: str, tenant: TenantState, group: str, addr: str
    ) -> bool:
        key = (tenant.id, addr)
        cached = self._members.get(key)
        if cached is not None:
            return cached.value
        data = await self._graph(
            http,
            token,
            "POST",
            f"/users/{quote(addr, safe='@')}/checkMemberGroups",
            {"groupIds": [group]},
        )
        groups = (data or {}).get("value")
        member = isinstance(groups, list) and group in groups
        self._members.put(key, member)
        return member

    async def pupils_among(
        self, http: httpx.AsyncClient, token: str, tenant: TenantState, addresses: list[str]
    ) -> set[str]:
        """Which of (the first few of) these addresses are in the pupils group.

        The lookups run concurrently (at most MAX_MEMBER_LOOKUPS per check). One
        that fails leaves its address unknown, uncached, and the others stand.
        """
        group = tenant.settings.outlook.pupils_group_id
        if not group:
            return set()
        asked = addresses[:MAX_MEMBER_LOOKUPS]
        answers = await asyncio.gather(
            *(self._is_member(http, token, tenant, group, a) for a in asked),
            return_exceptions=True,
        )
        failed = [a for a in answers if isinstance(a, BaseException)]
        for exc in failed:
            if not isinstance(exc, GraphError | httpx.HTTPError):
                raise exc  # a bug, not Graph: let refine() report it
        if failed:
            log.info("%d of %d pupils-group lookups failed", len(failed), len(asked))
        return {a for a, member in zip(asked, answers, strict=True) if member is True}

    # -- the refinement -------------------------------------------------------

    async def refine(
        self,
        http: httpx.AsyncClient,
        tenant: TenantState,
        identity: EntraIdentity,
        message: Message,
        *,
        budget: float = 0.8,
    ) -> TenantState:
        """The tenant as this teacher's check should see it; unchanged on any failure."""
        if not self.enabled_for(tenant):
            return tenant
        task = asyncio.create_task(self._refine(http, tenant, identity, message))
        self._pending.add(task)
        task.add_done_callback(self._done)
        try:
            return await asyncio.wait_for(asyncio.shield(task), budget)
        except TimeoutError:
            log.info("graph refinement over budget; checking without it")
        except GraphError as exc:
            log.warning("graph refinement skipped: %s", exc)
        except Exception as exc:  # best effort: a refinement bug must not fail the check
            log.error("graph refinement failed unexpectedly (%s)", type(exc).__name__)
        return tenant

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.debug("background graph refinement failed (%s)", type(task.exception()).__name__)

    async def _refine(
        self, http: httpx.AsyncClient, tenant: TenantState, identity: EntraIdentity, msg: Message
    ) -> TenantState:
        try:
            token = await self.graph_token(http, tenant, identity)
            policy, directory = tenant.policy, tenant.directory
            cfg = tenant.settings.outlook
            if cfg.use_mailbox_working_hours and "working_hours" not in policy.model_fields_set:
                hours = await self.working_hours(http, token, tenant, identity)
                if hours is not None:
                    policy = policy.model_copy(update={"working_hours": hours})
            unknown = _unlisted_internal(tenant, msg)
            if unknown:
                pupils = await self.pupils_among(http, token, tenant, unknown)
                if pupils:
                    directory = _with_pupils(directory, pupils)
        except httpx.HTTPError as exc:
            raise GraphError(f"graph unreachable ({type(exc).__name__})") from None
        if policy is tenant.policy and directory is tenant.directory:
            return tenant
        return replace(tenant, policy=policy, directory=directory)


def _unlisted_internal(tenant: TenantState, msg: Message) -> list[str]:
    """Recipients in the school's tenant that the roster does not place."""
    pupil_domains = frozenset(tenant.policy.pupil_domains)
    own = tenant.policy.school_domains | tenant.domains
    out: list[str] = []
    for r in msg.recipients:
        if r.domain in pupil_domains or r.kind is RecipientKind.DISTRIBUTION_LIST:
            continue
        if r.domain not in own and r.kind is not RecipientKind.USER:
            continue
        if tenant.directory.person_by_address(r.key) is None and r.key not in out:
            out.append(r.key)
    return out


def _with_pupils(directory: Directory, addresses: set[str]) -> Directory:
    """A copy of the directory that also knows these addresses as pupils' school accounts."""
    return directory.with_school_accounts(
        Person(f"graph:{i}", "", "", PersonKind.PUPIL, email=normalise_address(addr))
        for i, addr in enumerate(sorted(addresses))
    )
