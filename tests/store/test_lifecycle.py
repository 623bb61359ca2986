"""Schools and keys over their life, on both backends: validated, all-or-nothing
creation; keys listed, revoked, rotated and stamped when used; schools
disabled and deleted with everything they hold; audit writes that survive a
replay and a deleted school."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.domain import PersonKind
from app.errors import Conflict, NotFound
from app.people import Person
from app.policy import Policy
from app.schools import DomainError, SlugError
from app.store import Store
from app.store.models import (
    ApiKey,
    AuditEvent,
    DirectoryPerson,
    PolicyVersion,
    Tenant,
    TenantDomain,
)
from app.store.repository import hash_key

PUPIL = Person("P1", "Amir", "Khan", PersonKind.PUPIL, email="amir.khan@pupils.a.sch.uk")


def _count(store: Store, model: type, **where: str) -> int:
    with store.db.session() as s:
        q = select(func.count()).select_from(model)
        for k, v in where.items():
            q = q.where(getattr(model, k) == v)
        return int(s.scalar(q) or 0)


# -- domains ------------------------------------------------------------------


@pytest.mark.parametrize(
    "domains",
    [
        [],  # a school with no domain
        [""],
        ["*"],
        ["*.a.sch.uk"],
        ["a b"],
        ["gmail.com"],
        ["mail.gmail.com"],
        ["a\x00b.sch.uk"],  # PostgreSQL refused the NUL with a 500 before
        ["localhost"],
        ["a.sch.uk", "outlook.com"],
    ],
)
def test_a_school_cannot_claim_a_bad_domain(store: Store, domains: list[str]) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    with pytest.raises(DomainError), store.db.session() as s:
        store.scoped(s, tid).set_domains(domains)
    with store.db.session() as s:
        assert store.scoped(s, tid).domains() == ["a.sch.uk"]  # never lost its last domain
    with pytest.raises(DomainError):
        store.create_tenant("b", "B", domains)
    assert store.tenant_id_for_slug("b") is None


def test_domains_are_stored_as_a_labels(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["Exämple.SCH.uk.", "exämple.sch.uk"])
    with store.db.session() as s:
        assert store.scoped(s, tid).domains() == ["xn--exmple-cua.sch.uk"]


# -- slugs and all-or-nothing creation ------------------------------------------


@pytest.mark.parametrize("slug", ["", "../../etc", "a/b", " spaced ", "x" * 64, "a--b", "-a"])
def test_bad_slugs_are_refused(store: Store, slug: str) -> None:
    with pytest.raises(SlugError):
        store.create_tenant(slug, "A", ["a.sch.uk"])
    assert _count(store, Tenant) == 0


def test_slugs_are_case_folded(store: Store) -> None:
    tid = store.create_tenant("ALPHA", "A", ["a.sch.uk"])
    assert store.tenant_id_for_slug("alpha") == tid == store.tenant_id_for_slug("Alpha")
    with pytest.raises(Conflict, match="exists"):
        store.create_tenant("alpha", "A", ["b.sch.uk"])


def test_create_school_is_all_or_nothing(store: Store) -> None:
    store.create_tenant("other", "Other", ["taken.sch.uk"])
    with pytest.raises(Conflict):
        store.create_school("a", "A", ["a.sch.uk", "taken.sch.uk"], policy=Policy(), people=[PUPIL])
    with pytest.raises(ValueError, match="role"):
        store.create_school("a", "A", ["a.sch.uk"], people=[PUPIL], key_role="root")
    assert store.tenant_id_for_slug("a") is None
    assert _count(store, DirectoryPerson) == 0 and _count(store, PolicyVersion) == 0

    tid, key = store.create_school("a", "A", ["a.sch.uk"], policy=Policy(), people=[PUPIL])
    rec = store.load(tid)
    assert len(rec.people) == 1 and rec.policy.version == 1
    assert rec.keys[hash_key(key)] == ("admin", "setup")


# -- keys -----------------------------------------------------------------------


def test_keys_are_listed_revoked_and_rotated(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    with store.db.session() as s:
        repo = store.scoped(s, tid)
        admin, admin_key = repo.issue_key("admin", "it office")
        check, check_key = repo.issue_key("check", "outlook")
    with store.db.session() as s:
        listed = store.scoped(s, tid).api_keys()
    assert [(k.role, k.label, k.last_used_at) for k in listed] == [
        ("admin", "it office", None),
        ("check", "outlook", None),
    ]
    assert all(k.created_at.tzinfo is not None for k in listed)

    with pytest.raises(Conflict, match="last admin key"), store.db.session() as s:
        store.scoped(s, tid).revoke_key(admin.id)
    with store.db.session() as s:
        new, new_key = store.scoped(s, tid).rotate_key(admin.id)
    assert (new.role, new.label) == ("admin", "it office") and new_key != admin_key
    keys = store.load(tid).keys
    assert hash_key(admin_key) not in keys and hash_key(new_key) in keys

    r0 = store.revisions()[tid]
    with store.db.session() as s:
        store.scoped(s, tid).revoke_key(check.id)
    assert hash_key(check_key) not in store.load(tid).keys
    assert store.revisions()[tid] > r0  # other instances reload and drop it
    with pytest.raises(NotFound), store.db.session() as s:
        store.scoped(s, tid).revoke_key(check.id)  # already revoked
    with store.db.session() as s:
        everything = store.scoped(s, tid).api_keys(include_revoked=True)
    assert [k.revoked_at is not None for k in everything] == [True, True, False]


def test_another_schools_key_is_not_found(store: Store) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"])
    b = store.create_tenant("b", "B", ["b.sch.uk"])
    with store.db.session() as s:
        info, _ = store.scoped(s, b).issue_key("check")
    for action in ("revoke_key", "rotate_key"):
        with pytest.raises(NotFound), store.db.session() as s:
            getattr(store.scoped(s, a), action)(info.id)


def test_last_used_is_recorded(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    with store.db.session() as s:
        _, key = store.scoped(s, tid).issue_key("check")
    moment = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    store.touch_keys({hash_key(key): moment})
    with store.db.session() as s:
        (listed,) = store.scoped(s, tid).api_keys()
    assert listed.last_used_at == moment


# -- disable and delete -----------------------------------------------------------


def test_a_disabled_school_is_not_loaded(store: Store) -> None:
    a = store.create_tenant("a", "A", ["a.sch.uk"])
    b = store.create_tenant("b", "B", ["b.sch.uk"])
    store.set_disabled(a, True)
    assert set(store.revisions()) == {b} and store.is_disabled(a)
    store.set_disabled(a, False)
    assert set(store.revisions()) == {a, b}


def test_delete_removes_everything_the_school_holds(store: Store) -> None:
    a, _ = store.create_school("a", "A", ["a.sch.uk"], policy=Policy(), people=[PUPIL])
    b, _ = store.create_school("b", "B", ["b.sch.uk"], policy=Policy(), people=[PUPIL])
    now = datetime.now(UTC)
    store.write_audit(
        [
            {"event_id": f"{n}-1", "tenant_id": t, "at": now, "kind": "check"}
            for n, t in (("a", a), ("b", b))
        ]
    )
    removed = store.delete_tenant(a)
    assert removed["audit_events"] == 1 and removed["directory_people"] == 1
    assert removed["policy_versions"] == 1 and removed["api_keys"] == 1
    for model in (AuditEvent, DirectoryPerson, PolicyVersion, ApiKey, TenantDomain):
        assert _count(store, model, tenant_id=a) == 0
        assert _count(store, model, tenant_id=b) >= 1  # the other school keeps its own
    assert store.tenant_id_for_slug("a") is None
    with pytest.raises(NotFound):
        store.delete_tenant(a)
    # Events of the deleted school still queued somewhere are dropped, not an error.
    store.write_audit([{"event_id": "late", "tenant_id": a, "at": now, "kind": "check"}])
    assert _count(store, AuditEvent) == 1


def test_audit_writes_are_idempotent(store: Store) -> None:
    """A write-ahead log replayed after a crash may repeat events already written."""
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    now = datetime.now(UTC)
    batch = [{"event_id": f"e{i}", "tenant_id": tid, "at": now, "kind": "check"} for i in range(3)]
    store.write_audit(batch[:2])
    store.write_audit(batch)
    assert _count(store, AuditEvent) == 3


def test_audit_rows_hold_every_column_as_written(store: Store) -> None:
    """The insert's values go through each column's type (the timestamp in UTC
    whatever its offset); columns an event leaves out take their defaults."""
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    at = datetime(2026, 11, 18, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=5)))
    full = {
        "event_id": "e-full",
        "tenant_id": tid,
        "at": at,
        "kind": "check",
        "purpose": "review",
        "check_id": "c-1",
        "host": "outlook",
        "action": "warn",
        "codes": "REC003,SUB001",
        "silent_codes": "OOH001",
        "finding_count": 2,
        "recipient_count": 12,
        "attachment_count": 1,
        "duration_ms": 0.125,
        "policy_version": 7,
        "sender_hash": "ab" * 32,
        "staff_group": "school:Office",
        "not_a_column": "ignored",
    }
    bare = {"event_id": "e-bare", "tenant_id": tid, "at": at, "kind": "outcome"}
    store.write_audit([full, bare])
    with store.db.session() as s:
        rows = {r.event_id: r for r in s.scalars(select(AuditEvent))}
    row = rows["e-full"]
    assert row.at == at and row.at.utcoffset() == timedelta(0)
    for k, v in full.items():
        if k not in ("at", "not_a_column"):
            assert getattr(row, k) == v, k
    dflt = rows["e-bare"]
    assert (dflt.purpose, dflt.host, dflt.codes, dflt.silent_codes, dflt.staff_group) == (
        "send",
        "api",
        "",
        "",
        "",
    )
    assert (dflt.check_id, dflt.action, dflt.outcome, dflt.reason) == (None, None, None, None)
    assert (dflt.finding_count, dflt.duration_ms, dflt.policy_version) == (0, 0.0, 0)


def test_a_naive_audit_timestamp_is_refused_not_retried(store: Store) -> None:
    from app.audit import is_transient

    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    naive = {"event_id": "n", "tenant_id": tid, "at": datetime(2026, 1, 1), "kind": "check"}
    with pytest.raises(Exception) as err:
        store.write_audit([naive])
    assert not is_transient(err.value)
    assert _count(store, AuditEvent) == 0


# -- the demo stays apart ----------------------------------------------------------


def test_the_demo_school_and_real_schools_never_share_a_database(store: Store) -> None:
    from app.demo import DemoIsolationError, check_isolation, ensure_demo

    check_isolation(store, demo=False)  # empty: fine either way
    check_isolation(store, demo=True)
    ensure_demo(store)
    check_isolation(store, demo=True)
    with pytest.raises(DemoIsolationError, match="holds the demo school"):
        check_isolation(store, demo=False)
    store.create_tenant("oakfield", "Oakfield", ["oakfield.sch.uk"])
    with pytest.raises(DemoIsolationError, match="real schools"):
        check_isolation(store, demo=True)
    store.delete_tenant(store.tenant_id_for_slug("stmarys") or "")
    check_isolation(store, demo=False)  # the remedy the message gives
