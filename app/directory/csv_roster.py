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
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from operator import gt
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from app.addresses import check_address
from app.calendar import WorkingHours
from app.directory.model import Group
from app.domain import PersonKind, Weekday
from app.errors import Invalid
from app.people import Person, Relationship
from app.text import whole_number

PEOPLE_REQUIRED = ("id", "kind", "first_name", "last_name")
MAX_ROWS = 500_000
MAX_PROBLEMS = 50  # reading stops here: enough to fix the export, not a wall of text


class Problem(NamedTuple):
    """One bad row (``row`` 1 is the header; ``None`` for the file as a whole)."""

    row: int | None
    column: str | None
    text: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.text}" if self.row is not None else self.text


class RosterError(Invalid):
    """A CSV problem, with every bad row named (up to :data:`MAX_PROBLEMS`)."""

    def __init__(self, problems: list[Problem] | list[str]) -> None:
        self.items = [p if isinstance(p, Problem) else Problem(None, None, p) for p in problems]
        self.problems = [str(p) for p in self.items]
        more = f" (and {len(self.problems) - 20} more)" if len(self.problems) > 20 else ""
        super().__init__("; ".join(self.problems[:20]) + more)


class _Rows:
    """Problems found so far, and the rule that a bad row is skipped."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, row: int, column: str | None, text: str) -> None:
        self.problems.append(Problem(row, column, text))
        if len(self.problems) >= MAX_PROBLEMS:
            raise RosterError(self.problems)

    def failed(self, n: int) -> bool:
        return bool(self.problems) and self.problems[-1].row == n

    def finish(self) -> None:
        if self.problems:
            raise RosterError(self.problems)


def _address(value: str, row: int, column: str, bad: _Rows) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return check_address(value)
    except ValueError as exc:
        bad.add(row, column, f"{column}: {exc}")
        return None


def _lines(source: str | Iterable[str]) -> Iterable[str]:
    if isinstance(source, str):
        return io.StringIO(source.lstrip("\ufeff"), newline="")
    return source


def _rows(
    source: str | Iterable[str], required: Iterable[str], bad: _Rows, limits: dict[str, int]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(row number, {column: value})`` one row at a time; a file that is not
    UTF-8 or not CSV is a :class:`RosterError`. A row with a cell longer than
    its column's limit is a problem, and skipped."""
    reader = csv.reader(_lines(source))
    try:
        fieldnames = next(reader, [])
    except UnicodeDecodeError:
        raise RosterError(["the CSV must be UTF-8"]) from None
    except csv.Error as exc:
        raise RosterError([f"row 1: not readable as CSV ({exc})"]) from None
    header = [h.strip().lower().lstrip("\ufeff") for h in fieldnames]
    missing = [c for c in required if c not in header]
    if missing:
        raise RosterError(
            [f"missing column(s): {', '.join(missing)} (header: {', '.join(header)[:500]})"]
        )
    named = all(header)  # every column named: the cells zip straight into the row
    # Each cell's limit by position: a row whose raw cells are all within them
    # (nearly every row) is not looked at column by column.
    most = [limits.get(h, sys.maxsize) for h in header]
    strip = str.strip
    n = 1
    try:
        for n, cells in enumerate(reader, start=2):  # row 1 is the header
            if n - 1 > MAX_ROWS:
                raise RosterError([f"more than {MAX_ROWS} rows"])
            if not cells:
                continue  # a blank line
            if named:
                clean = dict(zip(header, map(strip, cells), strict=False))
            else:
                clean = {h: v.strip() for h, v in zip(header, cells, strict=False) if h}
            if "\x00" in "".join(cells):  # PostgreSQL text cannot hold it; nor does a name
                nul = next((k for k, v in clean.items() if "\x00" in v), "")
                bad.add(n, nul or None, f"{nul or 'a cell'} holds a NUL byte")
                continue
            if any(map(gt, map(len, cells), most)) and _too_long(clean, n, bad, limits):
                continue
            yield n, clean
    except UnicodeDecodeError:
        raise RosterError([*bad.problems, Problem(n + 1, None, "the CSV must be UTF-8")]) from None
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        raise RosterError(
            [*bad.problems, Problem(n + 1, None, f"not readable as CSV ({exc})")]
        ) from None


def _too_long(row: dict[str, str], n: int, bad: _Rows, limits: dict[str, int]) -> bool:
    """Each column's limit is its database column's size."""
    over = [c for c, most in limits.items() if len(row.get(c, "")) > most]
    for c in over:
        bad.add(n, c, f"{c} is longer than {limits[c]} characters")
    return bool(over)


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
_GROUP_LIMITS = {"name": 200, "email": 320}
MAX_MEMBERS = 10_000_000


_DAYS = {d.name[:3].lower(): d.name.lower() for d in Weekday}


def _working_hours(row: dict[str, str], n: int, bad: _Rows) -> WorkingHours | None:
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
            bad.add(n, "working_hours", "working_hours is start-end, e.g. 08:30-15:30")
            return None
        data["start"], data["end"] = start.strip(), end.strip()
    try:
        return WorkingHours.model_validate(data)
    except ValidationError as exc:
        bad.add(n, "working_hours", f"working hours: {exc.errors()[0]['msg']}")
        return None


def iter_people(
    source: str | Iterable[str], taken: Collection[str] = frozenset()
) -> Iterator[Person]:
    """The valid people, one at a time, from CSV text or lines (a text file opened
    with ``newline=""``). Bad rows are collected; at the end (or at the
    :data:`MAX_PROBLEMS`'th) a :class:`RosterError` names them all. ``taken``:
    ids a directory sync holds (an upload may not hold them too)."""
    bad = _Rows()
    seen: set[str] = set()
    kinds = {k.value: k for k in PersonKind}
    for n, row in _rows(source, PEOPLE_REQUIRED, bad, _PEOPLE_LIMITS):
        pid = row.get("id", "")
        kind = row.get("kind", "").lower()
        first, last = row.get("first_name", ""), row.get("last_name", "")
        if not pid:
            bad.add(n, "id", "id is empty")
        elif pid in seen:
            bad.add(n, "id", f"id {pid!r} appears twice")
        elif pid in taken:
            bad.add(n, "id", f"id {pid!r} is held by a directory sync source")
        if kind not in kinds:
            bad.add(n, "kind", f"kind must be one of {', '.join(sorted(kinds))}")
        if not first or not last:
            bad.add(n, "first_name", "first_name and last_name are required")
        email = _address(row.get("email", ""), n, "email", bad)
        personal = [
            a
            for part in row.get("personal_emails", "").split(";")
            if (a := _address(part, n, "personal_emails", bad))
        ]
        hours = _working_hours(row, n, bad)
        seen.add(pid)
        if bad.failed(n) or bad.problems:
            continue  # after a bad row, read on only to name the others
        yield Person(
            id=pid,
            first_name=first,
            last_name=last,
            kind=kinds[kind],
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
    bad.finish()


def parse_people(text: str) -> list[Person]:
    return list(iter_people(text))


def iter_groups(
    source: str | Iterable[str], taken: Collection[str] = frozenset()
) -> Iterator[Group]:
    """The valid groups, one at a time (see :func:`iter_people`; ``taken``: the
    addresses a directory sync holds)."""
    bad = _Rows()
    seen: set[str] = set()
    kinds = {k.value for k in PersonKind}
    for n, row in _rows(source, ("email",), bad, _GROUP_LIMITS):
        email = _address(row.get("email", ""), n, "email", bad)
        count_text = row.get("member_count", "")
        count: int | None = None
        if count_text:
            count = whole_number(count_text, MAX_MEMBERS)
            if count is None:
                bad.add(
                    n, "member_count", f"member_count must be a whole number up to {MAX_MEMBERS}"
                )
                continue
        kind = row.get("kind", "").lower() or None
        if kind and kind not in kinds:
            bad.add(n, "kind", "kind must be pupil, staff, parent or other")
            continue
        if email is None:
            if not bad.failed(n):
                bad.add(n, "email", "email is required")
            continue
        if email in seen:
            bad.add(n, "email", "email appears twice")
            continue
        if email in taken:
            bad.add(n, "email", "email is held by a directory sync source")
            continue
        seen.add(email)
        if bad.problems:
            continue
        yield Group(email, row.get("name", ""), count, PersonKind(kind) if kind else None)
    bad.finish()


def parse_groups(text: str) -> list[Group]:
    return list(iter_groups(text))


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
    if not text:  # most rows leave roles, departments and classes empty
        return ()
    return tuple(dict.fromkeys(x.strip() for x in text.split(";") if x.strip()))


def parse_relationships(text: str) -> list[tuple[str, Relationship]]:
    """``(contact id, link)`` pairs from the relationships CSV."""
    bad = _Rows()
    links: list[tuple[str, Relationship]] = []
    for n, row in _rows(text, RELATIONSHIPS_REQUIRED, bad, _REL_LIMITS):
        contact, pupil = row.get("contact_id", ""), row.get("pupil_id", "")
        if not contact or not pupil:
            bad.add(n, None, "contact_id and pupil_id are required")
            continue
        pr_text = row.get("parental_responsibility", "").lower()
        if pr_text and pr_text not in _YES | _NO:
            bad.add(
                n, "parental_responsibility", "parental_responsibility must be yes, no or blank"
            )
            continue
        pr = (pr_text in _YES) if pr_text else None
        links.append((contact, Relationship(pupil, row.get("relationship", "").lower(), pr)))
    bad.finish()
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
