"""Every per-school query starts from the school, here.

A :class:`SchoolScope` is one school's id; calling it with a statement
(``select``, ``update`` or ``delete``) adds "this school's rows only" for every
per-school table the statement reads or writes (each table with a
``tenant_id`` column). Repositories build their statements through it
(``self.scope(select(PolicyVersion))``), so no query in ``app/store`` spells
out ``tenant_id ==`` by hand, and a statement on no per-school table is a
:class:`ValueError` rather than a query over every school.
``tests/store/test_scope.py`` proves both, and ``tests/store/test_isolation.py``
that one school's admin never sees another's rows.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from sqlalchemy import Delete, Select, TableClause, Update
from sqlalchemy.sql.util import find_tables

_AnySelect = Select[*tuple[Any, ...]]
Statement = TypeVar("Statement", bound=_AnySelect | Update | Delete)


def _tables(stmt: _AnySelect | Update | Delete) -> list[TableClause[Any]]:
    if isinstance(stmt, Select):
        found: list[TableClause[Any]] = []
        for clause in stmt.get_final_froms():
            found.extend(find_tables(clause, include_joins=True))
        return found
    return [cast(TableClause[Any], stmt.table)]


class SchoolScope:
    """One school's statements. ``SchoolScope(tenant_id)(select(Model))``."""

    __slots__ = ("tenant_id",)

    def __init__(self, tenant_id: str) -> None:
        self.tenant_id = tenant_id

    def __call__(self, stmt: Statement) -> Statement:
        owned = list(dict.fromkeys(t for t in _tables(stmt) if "tenant_id" in t.c))
        if not owned:
            raise ValueError("a school-scoped statement must read or write a per-school table")
        return cast(Statement, stmt.where(*(t.c.tenant_id == self.tenant_id for t in owned)))
