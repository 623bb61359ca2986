"""Google Workspace (Admin SDK Directory API): users with their org units, groups
with their sizes.

Config (``kind: google``)::

    service_account_env: ETQ_OAKFIELD_GOOGLE  # the variable holding the key JSON (or its path)
    admin_email: it.admin@oakfield.sch.uk   # the admin the service account acts as
    customer: my_customer                # or the customer id
    domain: oakfield.sch.uk              # optional: only this domain
    pupil_org_units: [/Pupils]           # users in these org units (or below) are pupils
    groups: true

The service account needs domain-wide delegation in the Admin console for the
scopes ``admin.directory.user.readonly`` and ``admin.directory.group.readonly``.
google-api-python-client is synchronous: it runs in a worker thread and its
requests (and the token refresh) go through the shared httpx client. The
client library retries 429 and 5xx answers with exponential back-off
(``num_retries``). The Directory API has no delta query for users, so every
read is full.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import httplib2

from app.directory.model import Group
from app.directory.sources.base import (
    Fetched,
    Skip,
    SourceAuthError,
    SourceConfigError,
    SourceError,
    required,
    secret,
)
from app.domain import PersonKind
from app.http_bridge import Httplib2Http
from app.people import Person

SCOPES = [
    "https://www.googleapis.com/auth/admin.directory.user.readonly",
    "https://www.googleapis.com/auth/admin.directory.group.readonly",
]
USER_FIELDS = (
    "nextPageToken,users(id,primaryEmail,name(givenName,familyName),suspended,archived,"
    "orgUnitPath,organizations(title,department,primary))"
)
GROUP_FIELDS = "nextPageToken,groups(id,email,name,directMembersCount)"

_REQUEST_TIMEOUT = 60.0  # seconds per Admin SDK request


@dataclass(slots=True)
class GoogleSource:
    kind: ClassVar[str] = "google"
    name: str
    config: Mapping[str, Any]
    http: Any = None  # the shared httpx.AsyncClient (production) or an httplib2 mock (tests)
    retries: int = 5
    sleep: Callable[[float], None] = time.sleep

    def _credentials(self) -> Any:
        from google.oauth2 import service_account

        raw = secret(self.config, "service_account")
        try:
            if not raw.lstrip().startswith("{") and os.path.exists(raw):
                with open(raw, encoding="utf-8") as fh:
                    raw = fh.read()
            info = json.loads(raw)
            creds = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
                info, scopes=SCOPES
            )
        except (OSError, ValueError, KeyError):
            raise SourceConfigError(
                "config.service_account_env: not a service account key (JSON or its path)"
            ) from None
        return creds.with_subject(required(self.config, "admin_email"))

    def _service(self, loop: asyncio.AbstractEventLoop | None) -> Any:
        from googleapiclient.discovery import build

        http = self.http
        if loop is not None:  # the shared async client: authorise and adapt it
            import google_auth_httplib2

            http = google_auth_httplib2.AuthorizedHttp(
                self._credentials(), http=Httplib2Http(self.http, loop, timeout=_REQUEST_TIMEOUT)
            )
        # The discovery document ships with the library: no network.
        return build(
            "admin", "directory_v1", http=http, static_discovery=True, cache_discovery=False
        )

    def _list(self, request: Any, next_page: Callable[[Any, Any], Any], key: str) -> list[Any]:
        items: list[Any] = []
        while request is not None:
            request._sleep = self.sleep  # the library's back-off waits here (tests: no wait)
            page = request.execute(num_retries=self.retries)
            items.extend(page.get(key) or [])
            request = next_page(request, page)
        return items

    def _read(self, loop: asyncio.AbstractEventLoop | None) -> Fetched:
        from google.auth.exceptions import GoogleAuthError
        from googleapiclient.errors import HttpError

        try:
            service = self._service(loop)
            scope: dict[str, Any] = {"customer": self.config.get("customer") or "my_customer"}
            if self.config.get("domain"):
                scope = {"domain": self.config["domain"]}
            users_api = service.users()
            users = self._list(
                users_api.list(**scope, maxResults=500, projection="full", fields=USER_FIELDS),
                users_api.list_next,
                "users",
            )
            groups = None
            if self.config.get("groups", True):
                groups_api = service.groups()
                groups = self._list(
                    groups_api.list(**scope, maxResults=200, fields=GROUP_FIELDS),
                    groups_api.list_next,
                    "groups",
                )
        except HttpError as exc:
            status = exc.resp.status if exc.resp is not None else "?"
            if status in (401, 403):
                raise SourceAuthError(
                    f"google directory: HTTP {status} (check the delegation and scopes)"
                ) from None
            raise SourceError(f"google directory: HTTP {status}") from None
        except GoogleAuthError as exc:  # e.g. unauthorized_client: delegation not granted
            raise SourceAuthError(f"google token: {type(exc).__name__}") from None
        except httplib2.HttpLib2Error as exc:
            raise SourceError(f"google directory: {exc}") from None
        out = Fetched(full=True)
        pupil_units = [u.rstrip("/") for u in self.config.get("pupil_org_units") or ()]
        for u in users:
            person, reason = _person(self.name, u, pupil_units)
            if person is None:
                out.skipped.append(Skip(str(u.get("id", "")), reason))
            else:
                out.people.append(person)
        if groups is not None:
            out.groups = [
                Group(
                    str(g["email"]).lower(),
                    str(g.get("name") or ""),
                    int(g["directMembersCount"]) if g.get("directMembersCount") else None,
                    source=self.name,
                )
                for g in groups
                if g.get("email")
            ]
        return out

    def _member_groups(self, loop: asyncio.AbstractEventLoop | None, user: str) -> list[str]:
        from google.auth.exceptions import GoogleAuthError
        from googleapiclient.errors import HttpError

        try:
            groups_api = self._service(loop).groups()
            groups = self._list(
                groups_api.list(
                    userKey=user, maxResults=200, fields="nextPageToken,groups(id,email)"
                ),
                groups_api.list_next,
                "groups",
            )
        except HttpError as exc:
            status = exc.resp.status if exc.resp is not None else "?"
            raise SourceError(f"google directory: HTTP {status}") from None
        except GoogleAuthError as exc:
            raise SourceAuthError(f"google token: {type(exc).__name__}") from None
        except httplib2.HttpLib2Error as exc:
            raise SourceError(f"google directory: {exc}") from None
        out = []
        for g in groups:
            out += [str(g[k]).lower() for k in ("id", "email") if g.get(k)]
        return out

    async def member_groups(self, user: str) -> list[str]:
        """The ids and addresses of the groups ``user`` is a direct member of
        (Admin SDK ``groups.list(userKey=...)``, the same delegated service
        account and scope as a sync). Raises :class:`SourceError`."""
        import httpx

        loop = asyncio.get_running_loop() if isinstance(self.http, httpx.AsyncClient) else None
        return await asyncio.to_thread(self._member_groups, loop, user)

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched:
        import httpx

        loop = asyncio.get_running_loop() if isinstance(self.http, httpx.AsyncClient) else None
        return await asyncio.to_thread(self._read, loop)


def _under(path: str, units: list[str]) -> bool:
    return any(path == u or path.startswith(u + "/") for u in units)


def _person(source: str, u: Mapping[str, Any], pupil_units: list[str]) -> tuple[Person | None, str]:
    if u.get("suspended") or u.get("archived"):
        return None, "account suspended or archived"
    name = u.get("name") or {}
    first, last = name.get("givenName"), name.get("familyName")
    if not first or not last:
        return None, "no first name or surname"
    email = u.get("primaryEmail")
    if not email:
        return None, "no mailbox"
    unit = str(u.get("orgUnitPath") or "/")
    pupil = _under(unit, pupil_units)
    orgs = [o for o in u.get("organizations") or () if isinstance(o, Mapping)]
    orgs.sort(key=lambda o: not o.get("primary"))
    return (
        Person(
            id=str(u["id"]),
            first_name=str(first),
            last_name=str(last),
            kind=PersonKind.PUPIL if pupil else PersonKind.STAFF,
            email=str(email).lower(),
            roles=tuple(dict.fromkeys(str(o["title"]) for o in orgs if o.get("title")))
            if not pupil
            else (),
            departments=tuple(
                dict.fromkeys(str(o["department"]) for o in orgs if o.get("department"))
            )
            if not pupil
            else (),
            classes=(unit,) if pupil and unit != "/" else (),
            source=source,
        ),
        "",
    )
