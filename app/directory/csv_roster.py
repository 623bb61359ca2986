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
==================  ========  ==================================================

Groups CSV columns: ``email`` (required), ``name``, ``member_count``, ``kind``
(pupil/staff/parent/other: who the list reaches).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from app.directory.model import Group, Person
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
