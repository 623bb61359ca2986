"""Directory people and groups to and from their table rows, in one place.

Used by the roster upload (``TenantRepo``) and the sync engine
(``app.store.sync``) so the two write the same columns the same way.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from app.calendar import WorkingHours
from app.directory.model import Group
from app.domain import PersonKind
from app.people import Person, Relationship
from app.store.models import DirectoryGroup, DirectoryPerson


def _join(values: tuple[str, ...]) -> str:
    return ";".join(values)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(x for x in (text or "").split(";") if x)


def relationships_json(rels: tuple[Relationship, ...]) -> str | None:
    if not rels:
        return None
    return json.dumps(
        [
            {"pupil": r.pupil_id, "rel": r.relationship, "pr": r.parental_responsibility}
            for r in rels
        ]
    )


def relationships_from_json(text: str | None) -> tuple[Relationship, ...]:
    if not text:
        return ()
    return tuple(Relationship(d["pupil"], d.get("rel", ""), d.get("pr")) for d in json.loads(text))


def person_values(tenant_id: str, p: Person) -> dict[str, Any]:
    """The row for a person (a dict, for bulk ``insert``)."""
    return {"tenant_id": tenant_id, **dict(zip(PERSON_KEYS, person_tuple(p), strict=True))}


def person_from_row(r: DirectoryPerson) -> Person:
    return Person(
        id=r.external_id,
        first_name=r.first_name,
        last_name=r.last_name,
        kind=PersonKind(r.kind),
        email=r.email,
        preferred_name=r.preferred_name,
        personal_emails=_split(r.personal_emails),
        mis_ref=r.mis_ref,
        middle_names=r.middle_names,
        working_hours=(
            WorkingHours.model_validate_json(r.working_hours) if r.working_hours else None
        ),
        roles=_split(r.roles),
        departments=_split(r.departments),
        classes=_split(r.classes),
        relationships=relationships_from_json(r.relationships),
        source=r.source,
    )


def group_values(tenant_id: str, g: Group) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "email": g.email,
        "name": g.name,
        "member_count": g.member_count,
        "kind": g.kind.value if g.kind else None,
        "source": g.source,
    }


def group_from_row(r: DirectoryGroup) -> Group:
    return Group(
        r.email, r.name, r.member_count, PersonKind(r.kind) if r.kind else None, source=r.source
    )


# -- column-wise reads (a 400,000-person roster is read without ORM objects) ------

#: The stored person columns, ``working_hours`` last (see :func:`person_tuple`).
PERSON_COLUMNS = (
    DirectoryPerson.external_id,
    DirectoryPerson.kind,
    DirectoryPerson.first_name,
    DirectoryPerson.preferred_name,
    DirectoryPerson.middle_names,
    DirectoryPerson.last_name,
    DirectoryPerson.email,
    DirectoryPerson.personal_emails,
    DirectoryPerson.mis_ref,
    DirectoryPerson.roles,
    DirectoryPerson.departments,
    DirectoryPerson.classes,
    DirectoryPerson.relationships,
    DirectoryPerson.source,
    DirectoryPerson.working_hours,
)
PERSON_KEYS = tuple(c.key for c in PERSON_COLUMNS)
GROUP_COLUMNS = (
    DirectoryGroup.email,
    DirectoryGroup.name,
    DirectoryGroup.member_count,
    DirectoryGroup.kind,
    DirectoryGroup.source,
)
GROUP_KEYS = tuple(c.key for c in GROUP_COLUMNS)


def person_tuple(p: Person) -> tuple[Any, ...]:
    """A person as stored, in :data:`PERSON_COLUMNS` order (for fingerprints and
    the roster upload's insert). Built directly, not through a dict: an upload
    calls it twice for each of its 100,000 rows."""
    hours = p.working_hours
    return (
        p.id,
        p.kind.value,
        p.first_name,
        p.preferred_name,
        p.middle_names,
        p.last_name,
        p.email,
        _join(p.personal_emails),
        p.mis_ref,
        _join(p.roles),
        _join(p.departments),
        _join(p.classes),
        relationships_json(p.relationships),
        p.source,
        hours.model_dump_json() if hours is not None else None,
    )


def group_tuple(g: Group) -> tuple[Any, ...]:
    v = group_values("", g)
    return tuple(v[c.key] for c in GROUP_COLUMNS)


def people_from_columns(rows: Iterable[Any]) -> list[Person]:
    """People from rows of :data:`PERSON_COLUMNS`, names interned (a large roster
    repeats its first and last names many times over, and every instance holds it)
    and each working-hours pattern parsed once."""
    hours: dict[str, WorkingHours] = {}
    kinds = {k.value: k for k in PersonKind}
    intern = sys.intern
    out = []
    for (
        pid,
        kind,
        first,
        preferred,
        middle,
        last,
        email,
        personal,
        ref,
        roles,
        depts,
        classes,
        rels,
        source,
        wh,
    ) in rows:
        if wh and wh not in hours:
            hours[wh] = WorkingHours.model_validate_json(wh)
        out.append(
            Person(
                id=pid,
                first_name=intern(first),
                last_name=intern(last),
                kind=kinds[kind],
                email=email,
                preferred_name=intern(preferred) if preferred else None,
                personal_emails=_split(personal),
                mis_ref=ref,
                middle_names=intern(middle),
                working_hours=hours[wh] if wh else None,
                roles=_split(roles),
                departments=_split(depts),
                classes=_split(classes),
                relationships=relationships_from_json(rels),
                source=source,
            )
        )
    return out


def groups_from_columns(rows: Iterable[Any]) -> list[Group]:
    return [
        Group(email, name, count, PersonKind(kind) if kind else None, source=source)
        for email, name, count, kind, source in rows
    ]
