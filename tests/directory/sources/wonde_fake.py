"""A fake Wonde school feed: ``{"data": [...], "meta": {"pagination": {...}}}`` pages,
includes wrapped in ``{"data": ...}``, ``updated_after`` and ``/deletions``.

The shapes follow a recorded response of Wonde's test school (students with
``contacts,contacts.contact_details``; see the sources listed in
``app/directory/sources/wonde.py``): contacts carry ``forename``/``surname``/
``title`` but no legal names, their ``relationship`` is a plain object,
``contact_details.data`` has ``phones``, ``emails`` and ``addresses``, dates are
``{"date", "timezone_type", "timezone": "UTC"}`` and ``meta.pagination.per_page``
is a string. Employees' ``employment_details`` and the ``/deletions`` rows are
not in any source found: their fields here are assumptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import httpx

BASE = "https://api.wonde.com/v1.0"
SCHOOL = "A1930499544"
TOKEN = "wonde-token-7e76896f"


def _when(text: str, zone: str = "UTC") -> dict[str, Any]:
    return {"date": f"{text}.000000", "timezone_type": 3, "timezone": zone}


def _details(email: str | None) -> dict[str, Any]:
    """``contact_details`` as recorded: phones, emails and addresses, no id."""
    address = dict.fromkeys(
        [
            "house_number",
            "house_name",
            "apartment",
            "street",
            "district",
            "town",
            "county",
            "country",
            "postcode",
        ]
    )
    return {
        "data": {
            "phones": {"phone": None, "primary": None, "home": None, "work": None, "mobile": None},
            "emails": {"email": email, "primary": email, "home": None, "work": None},
            "addresses": {"home": dict(address), "work": dict(address)},
        }
    }


def contact(
    cid: str, forename: str, surname: str, email: str, relationship: str, pr: bool
) -> dict[str, Any]:
    return {
        "id": cid,
        "mis_id": f"mis-{cid}",
        "upi": f"upi-{cid}",
        "title": "Mrs",
        "initials": forename[:1],
        "surname": surname,
        "forename": forename,
        "middle_names": None,
        "gender": "FEMALE",
        "date_of_birth": None,
        "created_at": _when("2026-09-01 08:00:00"),
        "updated_at": _when("2026-09-01 08:00:00"),
        "relationship": {
            "bill_payer": True,
            "lives_with_pupil": True,
            "email_bills": True,
            "copy_bills": False,
            "court_order": False,
            "pupil_report": True,
            "parental_responsibility": pr,
            "correspondence": True,
            "priority": 1,
            "relationship": relationship,
        },
        "contact_details": _details(email),
    }


def student(
    sid: str,
    forename: str,
    surname: str,
    email: str | None,
    contacts: list[dict[str, Any]] = (),  # type: ignore[assignment]
    classes: tuple[str, ...] = ("9X/Ma1",),
    updated: str = "2026-09-01 08:00:00",
) -> dict[str, Any]:
    return {
        "id": sid,
        "upi": f"upi-{sid}",
        "mis_id": f"ADM{sid[-4:]}",
        "initials": forename[:1] + surname[:1],
        "surname": surname,
        "forename": forename,
        "middle_names": None,
        "legal_surname": surname,
        "legal_forename": forename,
        "gender": "MALE",
        "date_of_birth": _when("2012-05-01 00:00:00", "Europe/London"),
        "created_at": _when("2026-09-01 08:00:00"),
        "updated_at": _when(updated),
        "contact_details": _details(email),
        "contacts": {"data": list(contacts)},
        "classes": {
            "data": [
                {"id": f"cl-{c}", "mis_id": c, "name": c, "code": c, "description": c}
                for c in classes
            ]
        },
        "year": {"data": {"id": "yr9", "code": "9", "name": "Year 9", "description": "Year 9"}},
        "registration": {"data": {"id": "rg9x", "name": "9X", "description": "9X"}},
    }


def employee(eid: str, forename: str, surname: str, email: str, role: str) -> dict[str, Any]:
    return {
        "id": eid,
        "upi": f"upi-{eid}",
        "mis_id": f"EMP{eid[-3:]}",
        "title": "Ms",
        "initials": forename[:1],
        "surname": surname,
        "forename": forename,
        "middle_names": None,
        "created_at": _when("2026-09-01 08:00:00"),
        "updated_at": _when("2026-09-01 08:00:00"),
        "contact_details": _details(email),
        "employment_details": {"data": {"staff_role": role, "current": True}},
    }


def _only_included(row: dict[str, Any], include: str) -> dict[str, Any]:
    """The row with only the includes asked for (a nested one, such as
    ``contacts.contact_details``, brings its parent)."""
    asked = {i.split(".")[0] for i in include.split(",") if i}
    optional = {"contact_details", "contacts", "classes", "year", "registration"}
    return {k: v for k, v in row.items() if k not in optional or k in asked}


@dataclass
class FakeWonde:
    students: list[dict[str, Any]] = field(default_factory=list)
    employees: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[dict[str, Any]] = field(default_factory=list)
    per_page: int = 2
    requests: list[httpx.Request] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return httpx.Response(401, json={"error": "unauthorised"})
        url = urlparse(str(request.url))
        prefix = f"/v1.0/schools/{SCHOOL}/"
        if not url.path.startswith(prefix):
            return httpx.Response(404, json={"error": "Not found"})
        endpoint = url.path.removeprefix(prefix)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        since = query.get("updated_after")
        if endpoint == "students":
            rows = [s for s in self.students if not since or s["updated_at"]["date"] > since]
            rows = [_only_included(s, query.get("include", "")) for s in rows]
        elif endpoint == "employees":
            rows = [e for e in self.employees if not since or e["updated_at"]["date"] > since]
        elif endpoint == "deletions":
            rows = [
                d
                for d in self.deletions
                if d["type"] == query["type"] and (not since or d["deleted_at"]["date"] > since)
            ]
        else:
            return httpx.Response(404, json={"error": "Not found"})
        page = int(query.get("page", "1"))
        per_page = int(query.get("per_page", self.per_page))
        per_page = min(per_page, self.per_page)
        chunk = rows[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(rows)
        nxt = None
        if more:
            nxt = f"{BASE}/schools/{SCHOOL}/{endpoint}?" + urlencode({**query, "page": page + 1})
        prev = None
        if page > 1:
            prev = f"{BASE}/schools/{SCHOOL}/{endpoint}?" + urlencode({**query, "page": page - 1})
        return httpx.Response(
            200,
            json={
                "data": chunk,
                "meta": {
                    "pagination": {
                        "next": nxt,
                        "previous": prev,
                        "more": more,
                        "per_page": str(per_page),
                        "current_page": page,
                    },
                    "includes": query.get("include", "").split(","),
                },
            },
        )

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


def deletion(rid: str, kind: str, when: str) -> dict[str, Any]:
    return {
        "id": rid,
        "type": kind,
        "mis_id": f"mis-{rid}",
        "restored": False,
        "restored_at": None,
        "deleted_at": _when(when),
    }
