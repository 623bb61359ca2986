"""OneRoster 1.1: a CSV bundle (Groupcall Xporter, SIMS ID, School Data Sync
exports) or the REST API.

Config (``kind: oneroster``), one of::

    bundle: oneroster.zip                   # a folder or .zip with users.csv,
                                            # classes.csv and enrollments.csv
    base_url: https://host/ims/oneroster/v1p1   # REST, with OAuth 2 client credentials:
    token_url: https://host/oauth/token
    client_id: etiquette
    client_secret_env: ETQ_OAKFIELD_ONEROSTER
    org: <school sourcedId>                 # optional: only this school's people

Roles map to kinds: ``student`` → pupil; ``teacher``, ``administrator``,
``aide``, ``proctor`` → staff (the role kept as a role); ``parent``,
``guardian``, ``relative`` → parent. A pupil's ``agentSourcedIds`` (``agents``
in REST) and a parent's name who is whose: the link keeps the role as the
relationship; OneRoster does not say who has parental responsibility.
Enrolments give each person's classes. Records with status ``tobedeleted`` or
``enabledUser`` false are left out. Every read is full (the REST API's
``dateLastModified`` filter does not report deletions reliably across vendors).
OAuth 1.0a, which some OneRoster 1.1 providers still use, is not supported.
"""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import httpx

from app.directory.sources.base import (
    Fetched,
    RetryPolicy,
    Skip,
    Sleep,
    SourceAuthError,
    SourceError,
    request_json,
    required,
    secret,
)
from app.domain import PersonKind
from app.people import Person, Relationship

_KINDS = {
    "student": PersonKind.PUPIL,
    "teacher": PersonKind.STAFF,
    "administrator": PersonKind.STAFF,
    "aide": PersonKind.STAFF,
    "proctor": PersonKind.STAFF,
    "parent": PersonKind.PARENT,
    "guardian": PersonKind.PARENT,
    "relative": PersonKind.PARENT,
}


@dataclass(frozen=True, slots=True)
class _User:
    id: str
    role: str
    given: str
    family: str
    middle: str
    email: str
    identifier: str
    enabled: bool
    deleted: bool
    orgs: tuple[str, ...]
    agents: tuple[str, ...]


def _ids(value: Any) -> tuple[str, ...]:
    """``a,b`` (CSV) or ``[{"sourcedId": "a"}, ...]`` (REST) as ids."""
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split(",") if x.strip())
    if isinstance(value, list):
        return tuple(str(x.get("sourcedId")) for x in value if isinstance(x, Mapping))
    return ()


def _user(row: Mapping[str, Any]) -> _User:
    enabled = str(row.get("enabledUser", "true")).strip().lower() not in ("false", "0", "no")
    return _User(
        id=str(row.get("sourcedId") or ""),
        role=str(row.get("role") or "").strip().lower(),
        given=str(row.get("givenName") or "").strip(),
        family=str(row.get("familyName") or "").strip(),
        middle=str(row.get("middleName") or "").strip(),
        email=str(row.get("email") or "").strip().lower(),
        identifier=str(row.get("identifier") or "").strip(),
        enabled=enabled,
        deleted=str(row.get("status") or "").lower() == "tobedeleted",
        orgs=_ids(row.get("orgSourcedIds", row.get("orgs"))),
        agents=_ids(row.get("agentSourcedIds", row.get("agents"))),
    )


def build(
    source: str,
    users: Iterable[_User],
    class_titles: Mapping[str, str],
    enrolments: Iterable[tuple[str, str]],
    org: str | None,
) -> Fetched:
    """People, classes and family links from OneRoster users, classes and enrolments."""
    out = Fetched(full=True)
    wanted: dict[str, _User] = {}
    for u in users:
        if u.deleted:
            continue
        if org and org not in u.orgs:
            continue
        if u.role not in _KINDS:
            out.skipped.append(Skip(u.id, f"role {u.role or 'missing'} is not a person we hold"))
        elif not u.enabled:
            out.skipped.append(Skip(u.id, "account disabled"))
        elif not u.given or not u.family:
            out.skipped.append(Skip(u.id, "no first name or surname"))
        else:
            wanted[u.id] = u
    classes: dict[str, list[str]] = {}
    for user_id, class_id in enrolments:
        if user_id in wanted and class_id in class_titles:
            classes.setdefault(user_id, []).append(class_titles[class_id])
    links: dict[str, dict[str, Relationship]] = {}
    for u in wanted.values():
        for a in u.agents:
            other = wanted.get(a)
            if other is None:
                continue
            if _KINDS[u.role] is PersonKind.PUPIL and _KINDS[other.role] is PersonKind.PARENT:
                links.setdefault(other.id, {}).setdefault(u.id, Relationship(u.id, other.role))
            elif _KINDS[u.role] is PersonKind.PARENT and _KINDS[other.role] is PersonKind.PUPIL:
                links.setdefault(u.id, {}).setdefault(other.id, Relationship(other.id, u.role))
    for u in wanted.values():
        kind = _KINDS[u.role]
        if kind is PersonKind.PUPIL and not u.email:
            out.skipped.append(Skip(u.id, "pupil with no school address"))
        out.people.append(
            Person(
                id=u.id,
                first_name=u.given,
                last_name=u.family,
                kind=kind,
                email=u.email or None,
                middle_names=u.middle,
                mis_ref=u.identifier or None if kind is PersonKind.PUPIL else None,
                roles=(u.role,) if kind is PersonKind.STAFF else (),
                classes=tuple(dict.fromkeys(classes.get(u.id, ()))),
                relationships=tuple(links.get(u.id, {}).values()),
                source=source,
            )
        )
    return out


# -- CSV bundle ---------------------------------------------------------------------


def _read_bundle(path: Path) -> dict[str, list[dict[str, str]]]:
    names = ("users.csv", "classes.csv", "enrollments.csv")
    texts: dict[str, str] = {}
    if path.is_dir():
        for n in names:
            f = path / n
            if f.exists():
                texts[n] = f.read_text(encoding="utf-8-sig")
    else:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if base in names:
                    texts[base] = z.read(info).decode("utf-8-sig")
    if "users.csv" not in texts:
        raise SourceError("oneroster: the bundle has no users.csv")
    return {n: list(csv.DictReader(io.StringIO(texts.get(n, "")))) for n in names}


# -- the source -----------------------------------------------------------------------


@dataclass(slots=True)
class OneRosterSource:
    kind: ClassVar[str] = "oneroster"
    name: str
    config: Mapping[str, Any]
    http: httpx.AsyncClient | None = None
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = asyncio.sleep

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched:
        org = self.config.get("org") or None
        if self.config.get("bundle"):
            try:
                tables = await asyncio.to_thread(_read_bundle, Path(str(self.config["bundle"])))
            except (OSError, zipfile.BadZipFile, UnicodeDecodeError, csv.Error) as exc:
                raise SourceError(
                    f"oneroster: cannot read the bundle ({type(exc).__name__})"
                ) from None
            users = [_user(r) for r in tables["users.csv"]]
            titles = {
                r["sourcedId"]: r.get("title") or r.get("classCode") or ""
                for r in tables["classes.csv"]
                if (r.get("status") or "").lower() != "tobedeleted"
            }
            enrolments = [
                (r["userSourcedId"], r["classSourcedId"])
                for r in tables["enrollments.csv"]
                if (r.get("status") or "").lower() != "tobedeleted"
            ]
            return build(self.name, users, titles, enrolments, org)
        return await self._rest(org)

    async def _token(self) -> str:
        assert self.http is not None
        body = await request_json(
            self.http,
            "POST",
            required(self.config, "token_url"),
            what="oneroster token",
            data={
                "grant_type": "client_credentials",
                "client_id": required(self.config, "client_id"),
                "client_secret": secret(self.config, "client_secret"),
                "scope": "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly",
            },
            policy=self.policy,
            sleep=self.sleep,
        )
        token = body.get("access_token") if isinstance(body, Mapping) else None
        if not isinstance(token, str):
            raise SourceAuthError("oneroster token: no access_token in the answer")
        return token

    async def _all(self, token: str, collection: str) -> list[dict[str, Any]]:
        assert self.http is not None
        base = required(self.config, "base_url").rstrip("/")
        limit = int(self.config.get("page_size") or 100)
        out: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = await request_json(
                self.http,
                "GET",
                f"{base}/{collection}",
                what=f"oneroster {collection}",
                headers={"Authorization": f"Bearer {token}"},
                params={"limit": limit, "offset": offset},
                policy=self.policy,
                sleep=self.sleep,
            )
            items = page.get(collection) or []
            out.extend(items)
            if len(items) < limit:
                return out
            offset += limit

    async def _rest(self, org: str | None) -> Fetched:
        if self.http is None:
            raise SourceError("oneroster: REST needs the shared HTTP client")
        token = await self._token()
        users, classes, enrolments = await asyncio.gather(
            self._all(token, "users"), self._all(token, "classes"), self._all(token, "enrollments")
        )
        titles = {
            str(c["sourcedId"]): str(c.get("title") or c.get("classCode") or "")
            for c in classes
            if str(c.get("status") or "").lower() != "tobedeleted"
        }
        pairs = [
            (
                str((e.get("user") or {}).get("sourcedId")),
                str((e.get("class") or {}).get("sourcedId")),
            )
            for e in enrolments
            if str(e.get("status") or "").lower() != "tobedeleted"
        ]
        return build(self.name, [_user(u) for u in users], titles, pairs, org)
