"""Microsoft Graph: staff (and pupils) from Entra ID, mail-enabled groups with
their sizes, and School Data Sync classes where the school uses it.

Config (``kind: graph``)::

    tenant_id: <Entra tenant GUID>       client_id: <app registration id>
    client_secret_env: ETQ_OAKFIELD_GRAPH_SECRET  # the variable holding the client secret
    pupil_domains: [pupils.oakfield.sch.uk]   # users here are pupils (default: all staff)
    education: false                     # true: roles and classes from /education (SDS)
    groups: true                         # read mail-enabled groups and member counts

The app registration needs the application permissions ``User.Read.All`` and
``GroupMember.Read.All`` (and ``EduRoster.Read.All`` for ``education``),
granted by an admin. The token is fetched by MSAL (client credentials,
app-only). Users are read with a delta query: the first fetch reads everyone
and ends with a delta link, kept as the cursor; later fetches read only what
changed since, including removals (``@removed``). Groups and their sizes
(one ``$count`` call per list) are read on full reads, nightly, and kept as
they are between. With ``education`` every fetch is full: the
``/education`` delta functions are beta-only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
import msal

from app.directory.model import Group
from app.directory.sources.base import (
    Fetched,
    RetryPolicy,
    Skip,
    Sleep,
    SourceAuthError,
    SourceError,
    request,
    required,
    secret,
)
from app.domain import PersonKind, email_domain
from app.http_bridge import MsalHttp
from app.people import Person
from app.text import whole_number

GRAPH = "https://graph.microsoft.com/v1.0"
LOGIN = "https://login.microsoftonline.com"
SCOPES = ["https://graph.microsoft.com/.default"]
USER_FIELDS = (
    "id,givenName,surname,displayName,mail,userPrincipalName,jobTitle,department,accountEnabled,"
    "companyName"
)
_COUNT_CONCURRENCY = 8
_TOKEN_TIMEOUT = 30.0  # seconds for the token endpoint


@dataclass(slots=True)
class GraphSource:
    kind: ClassVar[str] = "graph"
    name: str
    config: Mapping[str, Any]
    http: httpx.AsyncClient
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = asyncio.sleep
    _token: str | None = field(default=None, init=False)

    @property
    def _graph(self) -> str:
        return str(self.config.get("graph_url") or GRAPH).rstrip("/")

    # -- token -----------------------------------------------------------------

    async def _acquire(self) -> str:
        tenant = required(self.config, "tenant_id")
        client_id = required(self.config, "client_id")
        client_secret = secret(self.config, "client_secret")
        authority = f"{str(self.config.get('authority') or LOGIN).rstrip('/')}/{tenant}"
        adapter = MsalHttp(
            self.http, asyncio.get_running_loop(), timeout=_TOKEN_TIMEOUT, error=SourceError
        )

        def acquire() -> dict[str, Any]:
            # A new application each time: its cache would only hold this token.
            app = msal.ConfidentialClientApplication(
                client_id, client_credential=client_secret, authority=authority, http_client=adapter
            )
            result: dict[str, Any] = app.acquire_token_for_client(scopes=SCOPES)
            return result

        try:
            result = await asyncio.to_thread(acquire)
        except (ValueError, msal.exceptions.MsalError) as exc:  # e.g. an unknown authority
            raise SourceAuthError(f"graph token: {type(exc).__name__}") from None
        token = result.get("access_token")
        if not isinstance(token, str):
            # ``error`` is a code such as invalid_client; the description may name the app.
            raise SourceAuthError(f"graph token: {result.get('error', 'no token')}")
        return token

    async def _get(
        self, url: str, *, what: str, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """A Graph GET with the token; on 401 (it expired) one new token and one retry."""
        if self._token is None:
            self._token = await self._acquire()
        for attempt in range(2):
            try:
                return await request(
                    self.http,
                    "GET",
                    url,
                    what=what,
                    headers={"Authorization": f"Bearer {self._token}", **(headers or {})},
                    policy=self.policy,
                    sleep=self.sleep,
                )
            except SourceAuthError as exc:
                if attempt or "HTTP 401" not in str(exc):
                    raise
                self._token = await self._acquire()
        raise AssertionError("unreachable")

    async def _pages(self, url: str, *, what: str) -> tuple[list[dict[str, Any]], str | None]:
        """Every item behind ``url`` by ``@odata.nextLink``; and the delta link, if any."""
        items: list[dict[str, Any]] = []
        next_url: str | None = url
        while next_url:
            resp = await self._get(next_url, what=what, headers={"Prefer": "odata.maxpagesize=999"})
            try:
                page = resp.json()
            except ValueError:
                raise SourceError(f"{what}: the answer was not JSON") from None
            items.extend(page.get("value", []))
            if "@odata.deltaLink" in page:
                return items, str(page["@odata.deltaLink"])
            next_url = page.get("@odata.nextLink")
        return items, None

    # -- fetch -----------------------------------------------------------------

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched:
        education = bool(self.config.get("education"))
        delta = None if (cursor is None or education) else cursor.get("users_delta")
        url = str(delta) if delta else f"{self._graph}/users/delta?$select={USER_FIELDS}"
        users, delta_link = await self._pages(url, what="graph users")
        out = Fetched(full=not delta)
        students: set[str] = set()
        classes: dict[str, list[str]] = {}
        if education:
            students, classes = await self._education()
        pupil_domains = {d.lower() for d in self.config.get("pupil_domains") or ()}
        # A trust's shared tenant: each school's source keeps its own users only.
        companies = {c.casefold() for c in self.config.get("company_names") or ()}
        for u in users:
            uid = str(u.get("id", ""))
            if "@removed" in u:
                out.removed.add(uid)
                continue
            if companies and str(u.get("companyName") or "").casefold() not in companies:
                out.skipped.append(Skip(uid, "user of another school (companyName)"))
                if not out.full:
                    out.removed.add(uid)  # moved to another school since the last sync
                continue
            person, reason = _person(self.name, u, pupil_domains, students, classes)
            if person is None:
                out.skipped.append(Skip(uid, reason))
                if not out.full:
                    out.removed.add(uid)  # e.g. disabled since the last sync
                continue
            out.people.append(person)
        if self.config.get("groups", True) and out.full:
            # One $count call per list: read on full (nightly) reads; sizes change slowly.
            out.groups = await self._groups()
        out.cursor = {"users_delta": delta_link} if delta_link and not education else None
        return out

    async def _groups(self) -> list[Group]:
        url = (
            f"{self._graph}/groups?$filter=mailEnabled eq true&$select=id,displayName,mail&$top=999"
        )
        raw, _ = await self._pages(url, what="graph groups")
        gate = asyncio.Semaphore(_COUNT_CONCURRENCY)

        async def count(gid: str) -> int | None:
            async with gate:
                resp = await self._get(
                    f"{self._graph}/groups/{gid}/transitiveMembers/$count",
                    what="graph group size",
                    headers={"ConsistencyLevel": "eventual"},
                )
            text = resp.text.strip().lstrip("\ufeff")
            return whole_number(text, 2**63 - 1)

        wanted = [g for g in raw if g.get("mail")]
        counts = await asyncio.gather(*(count(str(g["id"])) for g in wanted))
        return [
            Group(str(g["mail"]).lower(), str(g.get("displayName") or ""), n, source=self.name)
            for g, n in zip(wanted, counts, strict=True)
        ]

    async def _education(self) -> tuple[set[str], dict[str, list[str]]]:
        """Student ids, and each member's class names, from School Data Sync."""
        edu_users, _ = await self._pages(
            f"{self._graph}/education/users?$select=id,primaryRole", what="graph education users"
        )
        students = {str(u["id"]) for u in edu_users if u.get("primaryRole") == "student"}
        edu_classes, _ = await self._pages(
            f"{self._graph}/education/classes?$select=id,displayName",
            what="graph education classes",
        )
        member_of: dict[str, list[str]] = {}
        for c in edu_classes:
            members, _ = await self._pages(
                f"{self._graph}/education/classes/{c['id']}/members?$select=id",
                what="graph class members",
            )
            for m in members:
                member_of.setdefault(str(m["id"]), []).append(str(c.get("displayName") or ""))
        return students, member_of


def _person(
    source: str,
    u: Mapping[str, Any],
    pupil_domains: set[str],
    students: set[str],
    classes: Mapping[str, list[str]],
) -> tuple[Person | None, str]:
    uid = str(u.get("id", ""))
    if u.get("accountEnabled") is False:
        return None, "account disabled"
    mail = u.get("mail")
    if not mail:
        return None, "no mailbox"
    first, last = u.get("givenName"), u.get("surname")
    if not first or not last:
        return None, "no first name or surname (a shared or resource mailbox?)"
    mail = str(mail).lower()
    pupil = uid in students or email_domain(mail) in pupil_domains
    return (
        Person(
            id=uid,
            first_name=str(first),
            last_name=str(last),
            kind=PersonKind.PUPIL if pupil else PersonKind.STAFF,
            email=mail,
            roles=(str(u["jobTitle"]),) if u.get("jobTitle") and not pupil else (),
            departments=(str(u["department"]),) if u.get("department") and not pupil else (),
            classes=tuple(dict.fromkeys(c for c in classes.get(uid, ()) if c)),
            source=source,
        ),
        "",
    )
