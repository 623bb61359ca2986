"""SchoolScope: every per-school statement is limited to one school, and the
store spells no ``tenant_id ==`` by hand (app/store/scope.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Delete, Select, Update, delete, func, select, update

from app.domain import PersonKind
from app.people import Person
from app.policy import Policy
from app.store import Store
from app.store.models import (
    ApiKey,
    AuditEvent,
    DirectoryGroup,
    DirectoryPerson,
    PolicyVersion,
    Tenant,
)
from app.store.scope import SchoolScope

STORE = Path(__file__).resolve().parents[2] / "app" / "store"

SCOPED: list[tuple[str, Select[Any] | Update | Delete, list[str]]] = [
    # (what, statement, the per-school tables it must be limited on)
    ("a model", select(PolicyVersion), ["policy_versions"]),
    ("columns", select(DirectoryPerson.id, DirectoryPerson.first_name), ["directory_people"]),
    ("an aggregate", select(func.max(PolicyVersion.version)), ["policy_versions"]),
    ("select_from", select(func.count()).select_from(DirectoryGroup), ["directory_groups"]),
    ("a delete", delete(ApiKey), ["api_keys"]),
    ("an update", update(ApiKey).values(revoked=True), ["api_keys"]),
    ("a join", select(Tenant.slug).join(AuditEvent), ["audit_events"]),
]


@pytest.mark.parametrize(("what", "stmt", "tables"), SCOPED, ids=[s[0] for s in SCOPED])
def test_every_per_school_table_is_limited_to_the_school(
    what: str, stmt: Select[Any] | Update | Delete, tables: list[str]
) -> None:
    sql = str(SchoolScope("t-1")(stmt).compile(compile_kwargs={"literal_binds": True}))
    for table in tables:
        assert f"{table}.tenant_id = 't-1'" in sql, (what, sql)


# Near miss: a statement on no per-school table is refused, not run over every school.
@pytest.mark.parametrize("stmt", [select(Tenant), select(func.count()).select_from(Tenant)])
def test_a_statement_on_no_per_school_table_is_refused(stmt: Select[Any]) -> None:
    with pytest.raises(ValueError, match="per-school table"):
        SchoolScope("t-1")(stmt)


# Deliberately cross-school: the claims check reads other schools' domains to refuse them.
CROSS_SCHOOL = {"TenantDomain.tenant_id != self.tenant_id"}


def test_no_store_query_spells_out_the_school_by_hand() -> None:
    found = []
    for path in sorted(STORE.glob("*.py")):
        if path.name == "scope.py":
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.search(r"\b\w+\.tenant_id\s*[!=]=\s*[\w.\[\]\"']+", line)
            if m and m.group(0) not in CROSS_SCHOOL:
                found.append(f"{path.name}:{n}: {m.group(0)}")
    assert found == []


def test_schools_are_listed_through_the_store(store: Store) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"], policy=Policy(school_name="A"))
    store.create_tenant("b", "B", ["b.sch.uk"])
    with store.db.session() as s:
        store.scoped(s, a).replace_directory([Person("1", "Ann", "Ay", PersonKind.PUPIL)], [])
    store.set_disabled(a, True)
    listed = [(x.slug, x.name, x.policy_version, x.domains, x.disabled) for x in store.schools()]
    assert listed == [("a", "A", 1, ["a.sch.uk"], True), ("b", "B", 0, ["b.sch.uk"], False)]
