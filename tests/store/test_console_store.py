"""The console's store: role assignments by scope, person and group; sessions
by the hash of their id, gone once expired; the change log per scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.store import Store
from app.store.console import ConsoleStore, Scope, session_hash
from app.store.console_models import ConsoleSession
from app.store.repository import Conflict, NotFound
from app.store.trusts import TrustStore


@pytest.fixture
def two(store: Store) -> tuple[ConsoleStore, Scope, Scope, Scope]:
    a, _ = store.create_school("a", "A", ["a.sch.uk"])
    b, _ = store.create_school("b", "B", ["b.sch.uk"])
    t, _ = TrustStore(store.db).create_trust("t", "T", ["t.org.uk"], by="test")
    return ConsoleStore(store.db), Scope(tenant_id=a), Scope(tenant_id=b), Scope(trust_id=t)


def test_assignments_by_person_and_group(two: tuple[ConsoleStore, Scope, Scope, Scope]) -> None:
    cs, a, b, t = two
    cs.assign(a, principal_kind="email", principal="Ann@A.sch.uk", role="admin", by="x")
    cs.assign(b, principal_kind="group", principal="G-1", role="auditor", by="x")
    cs.assign(t, principal_kind="email", principal="ann@a.sch.uk", role="helpdesk", by="x")
    # Same address at another scope, and a group id that is someone's address: separate.
    cs.assign(b, principal_kind="group", principal="ann@a.sch.uk", role="admin", by="x")
    got = {(x.scope, x.role) for x in cs.assignments_for("ANN@a.sch.uk", ())}
    assert got == {(a, "admin"), (t, "helpdesk")}
    got = {(x.scope, x.role) for x in cs.assignments_for("z@a.sch.uk", ["g-1"])}
    assert got == {(b, "auditor")}
    assert [x.principal for x in cs.assignments(b)] == ["ann@a.sch.uk", "g-1"]


def test_assign_twice_is_a_conflict_and_unassign_keeps_to_its_scope(
    two: tuple[ConsoleStore, Scope, Scope, Scope],
) -> None:
    cs, a, b, t = two
    x = cs.assign(a, principal_kind="email", principal="ann@a.sch.uk", role="admin", by="x")
    for scope in (a, t):
        if scope == t:
            cs.assign(t, principal_kind="email", principal="ann@a.sch.uk", role="admin", by="x")
        with pytest.raises(Conflict):
            cs.assign(scope, principal_kind="email", principal="ANN@a.sch.uk", role="admin", by="y")
    with pytest.raises(NotFound):
        cs.unassign(b, x.id)
    with pytest.raises(NotFound):
        cs.unassign(t, x.id)
    assert cs.unassign(a, x.id) == x
    assert cs.assignments(a) == []


def test_sessions_are_stored_by_hash_and_expire(
    store: Store, two: tuple[ConsoleStore, Scope, Scope, Scope]
) -> None:
    cs = two[0]
    soon = datetime.now(UTC) + timedelta(hours=1)
    cs.create_session(
        "sid-1",
        provider="entra",
        email="A@x.org",
        org="TID",
        groups=["g1", "g2"],
        csrf="c",
        expires_at=soon,
    )
    row = cs.session("sid-1")
    assert row is not None and (row.email, row.org, row.groups) == ("a@x.org", "tid", ("g1", "g2"))
    assert cs.session("sid-2") is None
    with store.db.session() as s:
        assert s.scalars(select(ConsoleSession.id_hash)).all() == [session_hash("sid-1")]
    cs.create_session(
        "old",
        provider="demo",
        email="d@x.org",
        org="demo",
        groups=(),
        csrf="c",
        expires_at=datetime.now(UTC) - timedelta(seconds=1),
    )
    assert cs.session("old") is None  # and gone
    cs.create_session(
        "old2",
        provider="demo",
        email="d@x.org",
        org="demo",
        groups=(),
        csrf="c",
        expires_at=datetime.now(UTC) - timedelta(seconds=1),
    )
    assert cs.purge_sessions() == 1
    cs.delete_session("sid-1")
    assert cs.session("sid-1") is None


def test_the_change_log_is_per_scope_and_goes_with_the_school(
    store: Store, two: tuple[ConsoleStore, Scope, Scope, Scope]
) -> None:
    cs, a, b, _ = two
    cs.record(a, actor="Ann@a.sch.uk", code="key.create", target="7")
    cs.record(b, actor="bob@b.sch.uk", code="role.assign", target="1")
    assert [(c.actor, c.code, c.target) for c in cs.changes(a)] == [
        ("ann@a.sch.uk", "key.create", "7")
    ]
    cs.assign(a, principal_kind="email", principal="ann@a.sch.uk", role="admin", by="x")
    store.delete_tenant(a.tenant_id or "")
    assert cs.changes(a) == [] and cs.assignments(a) == []
    assert len(cs.changes(b)) == 1
