"""Wonde: pupils with their parents and carers, staff, and classes, from the school's MIS.

Config (``kind: wonde``)::

    school_id: A1930499544          # the school's Wonde id
    token_env: ETQ_OAKFIELD_WONDE   # the variable holding the Wonde API token
    base_url: https://api.wonde.com/v1.0   # api-ap-southeast-2.wonde.com for ANZ schools
    per_page: 200

A full read lists ``/students`` (with ``contacts``, their ``contact_details``,
``classes``, ``year`` and ``registration``) and ``/employees`` (with
``contact_details`` and ``employment_details``), following
``meta.pagination.next``. The cursor is the time the read started; the next
read asks only for records ``updated_after`` it, plus ``/deletions`` of
students, contacts and employees since then. The scheduler reconciles in full
nightly, which also drops contacts no longer linked to any pupil.

Where the response shapes come from (checked against these, not memory):

- Wonde's API documentation, https://docs.wonde.com/ (introduction): the base
  URL ``https://{domain}/v1.0/schools/`` with a regional domain (UK
  ``api.wonde.com``; ``api-ap-southeast-2``, ``api-af-south-1`` and
  ``api-us-west-2.wonde.com`` elsewhere) and ``Authorization: Bearer <token>``.
  The stored copy of that documentation we could search holds only its
  introduction, not the endpoint reference pages.
- Wonde's own PHP client, github.com/wondeltd/php-client: ``src/ResultIterator.php``
  reads a page's ``data`` and follows ``meta.pagination.next`` (a full URL,
  fetched as is) until it is empty; ``BootstrapEndpoint::all`` sends includes
  as one comma-separated ``include`` parameter; the readme filters with
  ``updated_after`` ('2016-06-24 00:00:00') and lists ``deletions`` (each row
  has an ``id``).
- A recorded response of Wonde's test school A1930499544 (``GET .../students?
  per_page=10&include=contacts,contacts.contact_details``), kept as a test
  fixture in github.com/rmcsharry/ep-richard ``spec/webmocks/getStudentsFromWonde.json``:
  ``{"data": [...], "meta": {"pagination": {"next", "previous", "more",
  "per_page" (a string), "current_page"}, "includes": [...]}}``; an include is
  ``{"data": ...}`` (``contacts.data`` a list, ``contact_details.data`` an
  object with ``phones``, ``emails`` {email, primary, home, work} and
  ``addresses``); a contact's ``relationship`` is a plain object (NOT wrapped
  in ``data``) with ``relationship`` ("Mother", "Step Mother", ...),
  ``parental_responsibility`` (bool), ``priority``, ``bill_payer``, ...; pupils
  have ``legal_forename``/``legal_surname``, contacts only ``forename``/
  ``surname``/``title``; the same contact appears under each of its pupils, with
  that pupil's relationship; dates are ``{"date": "Y-m-d H:i:s.u",
  "timezone_type": 3, "timezone": "UTC"}``.

Not confirmed by any source found (kept, and tolerant of absence): the
employee ``employment_details`` fields (``staff_role``, ``job_title``), the
``/deletions`` query parameters ``type`` and ``updated_after`` (seen only in
third-party code) and how a deletion row says it was restored (read as a
non-empty ``restored_at`` or ``restored: true``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from app.directory.sources.base import (
    Fetched,
    RetryPolicy,
    Skip,
    Sleep,
    request_json,
    required,
    secret,
)
from app.domain import PersonKind
from app.people import Person, Relationship

BASE = "https://api.wonde.com/v1.0"
# "contacts" and "contacts.contact_details" both named, as in the recorded request above.
_STUDENT_INCLUDES = "contact_details,contacts,contacts.contact_details,classes,year,registration"
_EMPLOYEE_INCLUDES = "contact_details,employment_details"
# Overlap each incremental window a little: a record saved as we read is read twice, not never.
_OVERLAP = timedelta(minutes=5)


def _data(obj: Any) -> Any:
    """Wonde wraps every include in ``{"data": ...}``."""
    return obj.get("data") if isinstance(obj, Mapping) else None


def _emails(contact_details: Any) -> list[str]:
    """Addresses from ``contact_details.data.emails``, the main one first."""
    emails = (_data(contact_details) or {}).get("emails") or {}
    out: list[str] = []
    for key in ("email", "primary", "home", "work"):
        value = emails.get(key)
        if isinstance(value, str) and "@" in value and value.lower() not in out:
            out.append(value.strip().lower())
    return out


def _names(rec: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """Legal first and last names, and the known-as name when it differs."""
    first = rec.get("legal_forename") or rec.get("forename") or ""
    last = rec.get("legal_surname") or rec.get("surname") or ""
    preferred = rec.get("forename")
    return str(first), str(last), (str(preferred) if preferred and preferred != first else None)


def _restored(row: Mapping[str, Any]) -> bool:
    """A deletion later undone (the field's name is not documented in any source found)."""
    return bool(row.get("restored_at")) or row.get("restored") is True


def _yes(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str) and str(value).lower() in {"1", "true", "yes"}:
        return True
    if isinstance(value, int | str) and str(value).lower() in {"0", "false", "no"}:
        return False
    return None


@dataclass(slots=True)
class WondeSource:
    kind: ClassVar[str] = "wonde"
    name: str
    config: Mapping[str, Any]
    http: httpx.AsyncClient
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = asyncio.sleep
    now: Any = None  # a callable returning "now" (tests); datetime.now(UTC) by default

    @property
    def _school(self) -> str:
        base = str(self.config.get("base_url") or BASE).rstrip("/")
        return f"{base}/schools/{required(self.config, 'school_id')}"

    async def _pages(self, path: str, params: dict[str, Any], *, what: str) -> list[dict[str, Any]]:
        headers = {"Authorization": f"Bearer {secret(self.config, 'token')}"}
        url: str | None = f"{self._school}/{path}"
        query: dict[str, Any] | None = {"per_page": self.config.get("per_page", 200), **params}
        items: list[dict[str, Any]] = []
        while url:
            page = await request_json(
                self.http,
                "GET",
                url,
                what=what,
                headers=headers,
                params=query,
                policy=self.policy,
                sleep=self.sleep,
            )
            items.extend(page.get("data") or [])
            pagination = (page.get("meta") or {}).get("pagination") or {}
            url = pagination.get("next") or None
            query = None  # the next link carries the query
        return items

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched:
        started = (self.now or (lambda: datetime.now(UTC)))()
        since = cursor.get("updated_after") if cursor else None
        window: dict[str, Any] = {"updated_after": since} if since else {}
        students, employees = await asyncio.gather(
            self._pages(
                "students", {"include": _STUDENT_INCLUDES, **window}, what="wonde students"
            ),
            self._pages(
                "employees", {"include": _EMPLOYEE_INCLUDES, **window}, what="wonde employees"
            ),
        )
        out = Fetched(full=since is None)
        contacts: dict[str, Person] = {}
        links: dict[str, list[Relationship]] = {}
        for s in students:
            pupil = self._pupil(s, out)
            if pupil is None:
                continue
            out.people.append(pupil)
            out.relinked_pupils.add(pupil.id)
            for c in _data(s.get("contacts")) or []:
                cid = str(c.get("id", ""))
                if cid not in contacts:
                    contact = self._contact(c, out)
                    if contact is None:
                        continue
                    contacts[cid] = contact
                rel = c.get("relationship") or {}
                links.setdefault(cid, []).append(
                    Relationship(
                        pupil.id,
                        str(rel.get("relationship") or "").lower(),
                        _yes(rel.get("parental_responsibility")),
                    )
                )
        for cid, contact in contacts.items():
            out.people.append(_with_links(contact, links.get(cid, [])))
        for e in employees:
            staff = self._staff(e, out)
            if staff is not None:
                out.people.append(staff)
        if since:
            out.removed = await self._deletions(since)
        out.cursor = {"updated_after": (started - _OVERLAP).strftime("%Y-%m-%d %H:%M:%S")}
        return out

    async def _deletions(self, since: str) -> set[str]:
        gone: set[str] = set()
        for kind in ("student", "contact", "employee"):
            rows = await self._pages(
                "deletions", {"type": kind, "updated_after": since}, what="wonde deletions"
            )
            gone.update(str(r["id"]) for r in rows if r.get("id") and not _restored(r))
        return gone

    def _pupil(self, s: Mapping[str, Any], out: Fetched) -> Person | None:
        sid = str(s.get("id", ""))
        first, last, preferred = _names(s)
        if not first or not last:
            out.skipped.append(Skip(sid, "no first name or surname"))
            return None
        emails = _emails(s.get("contact_details"))
        if not emails:
            out.skipped.append(Skip(sid, "pupil with no school address"))
        classes = [c.get("name") for c in _data(s.get("classes")) or []]
        for one in ("registration", "year"):
            group = _data(s.get(one))
            if isinstance(group, Mapping):
                classes.append(group.get("name") or group.get("description"))
        return Person(
            id=sid,
            first_name=first,
            last_name=last,
            kind=PersonKind.PUPIL,
            email=emails[0] if emails else None,
            preferred_name=preferred,
            personal_emails=tuple(emails[1:]),
            mis_ref=str(s["mis_id"]) if s.get("mis_id") else None,
            middle_names=str(s.get("middle_names") or ""),
            classes=tuple(dict.fromkeys(str(c) for c in classes if c)),
            source=self.name,
        )

    def _contact(self, c: Mapping[str, Any], out: Fetched) -> Person | None:
        cid = str(c.get("id", ""))
        first, last, preferred = _names(c)
        if not last:
            out.skipped.append(Skip(cid, "contact with no surname"))
            return None
        emails = _emails(c.get("contact_details"))
        return Person(
            id=cid,
            first_name=first or str(c.get("title") or ""),
            last_name=last,
            kind=PersonKind.PARENT,
            email=emails[0] if emails else None,
            preferred_name=preferred,
            personal_emails=tuple(emails[1:]),
            source=self.name,
        )

    def _staff(self, e: Mapping[str, Any], out: Fetched) -> Person | None:
        eid = str(e.get("id", ""))
        first, last, preferred = _names(e)
        if not first or not last:
            out.skipped.append(Skip(eid, "no first name or surname"))
            return None
        emails = _emails(e.get("contact_details"))
        job = _data(e.get("employment_details")) or {}
        roles = [job.get("staff_role"), job.get("job_title")] if isinstance(job, Mapping) else []
        return Person(
            id=eid,
            first_name=first,
            last_name=last,
            kind=PersonKind.STAFF,
            email=emails[0] if emails else None,
            preferred_name=preferred,
            personal_emails=tuple(emails[1:]),
            mis_ref=str(e["mis_id"]) if e.get("mis_id") else None,
            roles=tuple(dict.fromkeys(str(r) for r in roles if r)),
            source=self.name,
        )


def _with_links(contact: Person, links: list[Relationship]) -> Person:
    seen: dict[str, Relationship] = {}
    for r in links:
        seen.setdefault(r.pupil_id, r)
    return Person(
        id=contact.id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        kind=contact.kind,
        email=contact.email,
        preferred_name=contact.preferred_name,
        personal_emails=contact.personal_emails,
        relationships=tuple(seen.values()),
        source=contact.source,
    )
