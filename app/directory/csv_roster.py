"""Load people and groups from CSV exports (an MIS such as SIMS, Arbor or
Bromcom exports these with a report; column names are ours, documented in the
README).

People CSV columns (header row required; order free; extra columns ignored):

==================  ========  ==================================================
column              required  meaning
==================  ========  ==================================================
id                  yes       the MIS's stable id for the person
kind                yes       pupil, staff, parent or other
first_name          yes       legal first name
last_name           yes       surname (multi-part and hyphenated are fine)
preferred_name      no        known-as name
middle_names        no
email               no        school address (pupils, staff) or held address (parents)
personal_emails     no        other known addresses, separated by ``;``
mis_ref             no        reference used instead of a name in subjects
working_days        no        a part-timer's days, ``;``-separated: ``mon;tue;wed``
working_hours       no        their hours, ``08:30-15:30`` (school's days/hours fill
                              whichever of the two is missing)
roles               no        staff roles / job titles, ``;``-separated
departments         no        staff departments, ``;``-separated
classes             no        classes, tutor and year groups the person is in, ``;``-separated
==================  ========  ==================================================

Groups CSV columns: ``email`` (required), ``name``, ``member_count``, ``kind``
(pupil/staff/parent/other: who the list reaches).

Relationships CSV (companion file, optional): ``contact_id`` and ``pupil_id``
(required: ids from the people CSV), ``relationship`` (mother, carer...),
``parental_responsibility`` (yes/no; blank when the MIS does not say).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from app.directory.model import Group, Person, Relationship
from app.domain import PersonKind, Weekday
from app.policy import WorkingHours

PEOPLE_REQUIRED = ("id", "kind", "first_name", "last_name")
MAX_ROWS = 500_000


class RosterError(ValueError):
    """A CSV problem, with every bad row named (up to 20)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__("; ".join(problems[:20]) + more)


def _address(value: str, row: int, column: str, problems: list[str]) -> str | None:
    from app.api.schemas import check_address

    value = value.strip()
    if not value:
        return None
    try:
        return check_address(value)
    except ValueError as exc:
        problems.append(f"row {row}: {column}: {exc}")
        return None


def _rows(text: str, required: Iterable[str]) -> tuple[list[dict[str, str]], list[str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise RosterError(
            [f"missing column(s): {', '.join(missing)} (header: {', '.join(header)})"]
        )
    reader.fieldnames = header
    rows = []
    try:
        for i, row in enumerate(reader):
            if i >= MAX_ROWS:
                raise RosterError([f"more than {MAX_ROWS} rows"])
            rows.append({k: (v or "").strip() for k, v in row.items() if k})
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        raise RosterError([f"row {reader.line_num}: not readable as CSV ({exc})"]) from None
    return rows, header


def _too_long(row: dict[str, str], n: int, problems: list[str], limits: dict[str, int]) -> bool:
    """Each column's limit is its database column's size."""
    bad = [c for c, most in limits.items() if len(row.get(c, "")) > most]
    for c in bad:
        problems.append(f"row {n}: {c} is longer than {limits[c]} characters")
    return bool(bad)


_PEOPLE_LIMITS = {
    "id": 100,
    "first_name": 100,
    "preferred_name": 100,
    "last_name": 100,
    "middle_names": 200,
    "mis_ref": 50,
    "personal_emails": 5000,
    "working_days": 100,
    "working_hours": 20,
    "roles": 1000,
    "departments": 1000,
    "classes": 2000,
}
_GROUP_LIMITS = {"name": 200}
MAX_MEMBERS = 10_000_000


_DAYS = {d.name[:3].lower(): d.name.lower() for d in Weekday}


def _working_hours(row: dict[str, str], n: int, problems: list[str]) -> WorkingHours | None:
    days_text, hours_text = row.get("working_days", ""), row.get("working_hours", "")
    if not days_text and not hours_text:
        return None
    data: dict[str, object] = {}
    if days_text:
        days = [d.strip().lower() for d in days_text.replace(",", ";").split(";") if d.strip()]
        data["days"] = [_DAYS.get(d[:3], d) for d in days]
    if hours_text:
        start, sep, end = hours_text.partition("-")
        if not sep:
            problems.append(f"row {n}: working_hours is start-end, e.g. 08:30-15:30")
            return None
        data["start"], data["end"] = start.strip(), end.strip()
    try:
        return WorkingHours.model_validate(data)
    except ValidationError as exc:
        problems.append(f"row {n}: working hours: {exc.errors()[0]['msg']}")
        return None


def parse_people(text: str) -> list[Person]:
    rows, _ = _rows(text, PEOPLE_REQUIRED)
    people: list[Person] = []
    problems: list[str] = []
    seen: set[str] = set()
    kinds = {k.value for k in PersonKind}
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        if _too_long(row, n, problems, _PEOPLE_LIMITS):
            continue
        pid = row.get("id", "")
        kind = row.get("kind", "").lower()
        first, last = row.get("first_name", ""), row.get("last_name", "")
        if not pid:
            problems.append(f"row {n}: id is empty")
        elif pid in seen:
            problems.append(f"row {n}: id {pid!r} appears twice")
        if kind not in kinds:
            problems.append(f"row {n}: kind must be one of {', '.join(sorted(kinds))}")
        if not first or not last:
            problems.append(f"row {n}: first_name and last_name are required")
        email = _address(row.get("email", ""), n, "email", problems)
        personal = [
            a
            for part in row.get("personal_emails", "").split(";")
            if (a := _address(part, n, "personal_emails", problems))
        ]
        hours = _working_hours(row, n, problems)
        seen.add(pid)
        if problems and problems[-1].startswith(f"row {n}:"):
            continue
        people.append(
            Person(
                id=pid,
                first_name=first,
                last_name=last,
                kind=PersonKind(kind),
                email=email,
                preferred_name=row.get("preferred_name") or None,
                personal_emails=tuple(personal),
                mis_ref=row.get("mis_ref") or None,
                middle_names=row.get("middle_names", ""),
                working_hours=hours,
                roles=_list(row.get("roles", "")),
                departments=_list(row.get("departments", "")),
                classes=_list(row.get("classes", "")),
            )
        )
    if problems:
        raise RosterError(problems)
    return people


def parse_groups(text: str) -> list[Group]:
    rows, _ = _rows(text, ("email",))
    groups: list[Group] = []
    problems: list[str] = []
    for n, row in enumerate(rows, start=2):
        if _too_long(row, n, problems, _GROUP_LIMITS):
            continue
        email = _address(row.get("email", ""), n, "email", problems)
        count_text = row.get("member_count", "")
        count: int | None = None
        if count_text:
            if not count_text.isdigit() or int(count_text) > MAX_MEMBERS:
                problems.append(f"row {n}: member_count must be a whole number up to {MAX_MEMBERS}")
                continue
            count = int(count_text)
        kind = row.get("kind", "").lower() or None
        if kind and kind not in {k.value for k in PersonKind}:
            problems.append(f"row {n}: kind must be pupil, staff, parent or other")
            continue
        if email:
            groups.append(
                Group(email, row.get("name", ""), count, PersonKind(kind) if kind else None)
            )
        elif not problems or not problems[-1].startswith(f"row {n}:"):
            problems.append(f"row {n}: email is required")
    if problems:
        raise RosterError(problems)
    return groups


def load_roster_csv(path: Path) -> list[Person]:
    return parse_people(path.read_text(encoding="utf-8-sig"))


def load_groups_csv(path: Path) -> list[Group]:
    return parse_groups(path.read_text(encoding="utf-8-sig"))


# -- relationships (companion CSV) ----------------------------------------------

RELATIONSHIPS_REQUIRED = ("contact_id", "pupil_id")
_REL_LIMITS = {"contact_id": 100, "pupil_id": 100, "relationship": 50}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _list(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.strip() for x in text.split(";") if x.strip()))


def parse_relationships(text: str) -> list[tuple[str, Relationship]]:
    """``(contact id, link)`` pairs from the relationships CSV."""
    rows, _ = _rows(text, RELATIONSHIPS_REQUIRED)
    links: list[tuple[str, Relationship]] = []
    problems: list[str] = []
    for n, row in enumerate(rows, start=2):
        if _too_long(row, n, problems, _REL_LIMITS):
            continue
        contact, pupil = row.get("contact_id", ""), row.get("pupil_id", "")
        if not contact or not pupil:
            problems.append(f"row {n}: contact_id and pupil_id are required")
            continue
        pr_text = row.get("parental_responsibility", "").lower()
        if pr_text and pr_text not in _YES | _NO:
            problems.append(f"row {n}: parental_responsibility must be yes, no or blank")
            continue
        pr = (pr_text in _YES) if pr_text else None
        links.append((contact, Relationship(pupil, row.get("relationship", "").lower(), pr)))
    if problems:
        raise RosterError(problems)
    return links


def attach_relationships(
    people: Iterable[Person], links: Iterable[tuple[str, Relationship]]
) -> list[Person]:
    """The people with each contact's links set (replacing any they had).

    Both ends must be in the people given, and the pupil end must be a pupil.
    """
    people_l = list(people)
    by_id = {p.id: p for p in people_l}
    wanted: dict[str, list[Relationship]] = {}
    problems: list[str] = []
    for n, (contact, rel) in enumerate(links, start=2):
        if contact not in by_id:
            problems.append(f"row {n}: contact_id {contact!r} is not in the directory")
        elif rel.pupil_id not in by_id:
            problems.append(f"row {n}: pupil_id {rel.pupil_id!r} is not in the directory")
        elif by_id[rel.pupil_id].kind is not PersonKind.PUPIL:
            problems.append(f"row {n}: pupil_id {rel.pupil_id!r} is not a pupil")
        else:
            mine = wanted.setdefault(contact, [])
            if all(r.pupil_id != rel.pupil_id for r in mine):
                mine.append(rel)
    if problems:
        raise RosterError(problems)
    return [
        replace(p, relationships=tuple(wanted[p.id])) if p.id in wanted else p for p in people_l
    ]


def load_relationships_csv(path: Path) -> list[tuple[str, Relationship]]:
    return parse_relationships(path.read_text(encoding="utf-8-sig"))
