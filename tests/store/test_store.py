"""The store on both backends: migrations, policy versions, directory, audit."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from app.calendar import WorkingHours
from app.directory.model import Group
from app.domain import PersonKind
from app.errors import Conflict, NotFound
from app.people import Person
from app.policy import Policy
from app.store import Store
from app.store.models import Base


def test_migration_creates_the_schema_and_matches_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    tables = set(inspect(store.db.engine).get_table_names())
    assert {"tenants", "policy_versions", "directory_people", "audit_events"} <= tables
    with store.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "models changed without a migration"
    store.db.migrate()  # idempotent


def _conn_dialect(conn: Connection) -> str:
    return conn.dialect.name


def test_policy_versions_record_who_and_when(store: Store) -> None:
    tid = store.create_tenant("a", "School A", ["a.sch.uk"], policy=Policy(), by="setup")
    with store.db.session() as s:
        repo = store.scoped(s, tid)
        assert repo.current_version() == 1
        v = repo.put_policy(
            Policy.model_validate({"rules": {"REC001": {"max_recipients": 40}}}),
            by="key:it-admin",
            comment="bigger year groups",
        )
    assert v == 2
    with store.db.session() as s:
        repo = store.scoped(s, tid)
        p = repo.policy()
        assert p.version == 2 and p.rules["REC001"].max_recipients == 40
        assert p.rules["REC001"].source_of("max_recipients") == "policy"
        assert repo.policy(1).rules["REC001"].max_recipients == 25
        first, *_ = repo.policy_versions()
        assert (first.version, first.created_by, first.comment) == (
            2,
            "key:it-admin",
            "bigger year groups",
        )
        assert first.created_at.tzinfo is not None
        assert datetime.now(UTC) - first.created_at < timedelta(minutes=5)
        with pytest.raises(NotFound):
            repo.policy(99)


def test_directory_replace_and_read_back(store: Store) -> None:
    tid = store.create_tenant("a", "School A", ["a.sch.uk"])
    people = [
        Person(
            "1",
            "Zoë",
            "O'Neill",
            PersonKind.PUPIL,
            email="z@p.a.sch.uk",
            preferred_name="Zoe",
            personal_emails=("z1@gmail.com", "z2@me.com"),
            mis_ref="R1",
        ),
        Person(
            "2",
            "Sam",
            "Ng",
            PersonKind.STAFF,
            email="s@a.sch.uk",
            working_hours=WorkingHours(days=(3, 4), start=time(9, 0), end=time(12, 0)),
        ),
    ]
    with store.db.session() as s:
        v1 = store.scoped(s, tid).replace_directory(people, [Group("all@a.sch.uk", "All", 90)])
    with store.db.session() as s:
        repo = store.scoped(s, tid)
        assert repo.people() == people
        assert repo.groups() == [Group("all@a.sch.uk", "All", 90, None)]
        assert repo.directory_counts() == {"pupil": 1, "staff": 1, "groups": 1}
        v2 = repo.replace_directory(people[:1], None)  # groups kept
        assert v2 == v1 + 1
        assert len(repo.groups()) == 1 and len(repo.people()) == 1


def test_domains_are_unique_across_schools(store: Store) -> None:
    store.create_tenant("a", "A", ["a.sch.uk"])
    with pytest.raises(Conflict, match="another school"):
        tid = store.create_tenant("b", "B", ["b.sch.uk"])
        with store.db.session() as s:
            store.scoped(s, tid).set_domains(["a.sch.uk"])
    with pytest.raises(Conflict, match="exists"):
        store.create_tenant("A", "Again", ["again.sch.uk"])  # slugs are case-folded


def test_revision_moves_on_every_change(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    r0 = store.revisions()[tid]
    with store.db.session() as s:
        store.scoped(s, tid).put_policy(Policy(), by="x")
    r1 = store.revisions()[tid]
    with store.db.session() as s:
        store.scoped(s, tid).create_api_key("check")
    assert r0 < r1 < store.revisions()[tid]


def test_audit_round_trip_and_summary(store: Store) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    now = datetime.now(UTC)
    store.write_audit(
        [
            {
                "event_id": f"e{i}",
                "tenant_id": tid,
                "at": now,
                "kind": "check",
                "check_id": f"e{i}",
                "host": "api",
                "action": a,
                "codes": c,
                "finding_count": len(c.split(",")) if c else 0,
                "recipient_count": 3,
                "attachment_count": 0,
                "duration_ms": 0.1,
                "policy_version": 1,
                "sender_hash": "h",
            }
            for i, (a, c) in enumerate(
                [("warn", "REC003"), ("block", "PUP001,REC003"), ("allow", "")]
            )
        ]
        + [
            # a rule in silent roll-out found something: counted apart, not in the action
            {
                "event_id": "s1",
                "tenant_id": tid,
                "at": now,
                "kind": "check",
                "action": "allow",
                "codes": "",
                "silent_codes": "REC001,SUB002",
            },
            {
                "event_id": "s2",
                "tenant_id": tid,
                "at": now,
                "kind": "check",
                "purpose": "background",
                "action": "allow",
                "silent_codes": "REC001",
            },
            {
                "event_id": "o2",
                "tenant_id": tid,
                "at": now,
                "kind": "outcome",
                "outcome": "sent_anyway",
                "codes": "REC001",
                "reason": "recipients_are_staff",
            },
        ]
        + [
            # a pre-check of the same message: stored, not counted in the figures
            {
                "event_id": "bg",
                "tenant_id": tid,
                "at": now,
                "kind": "check",
                "purpose": "background",
                "action": "warn",
                "codes": "REC003",
            },
            {
                "event_id": "o1",
                "tenant_id": tid,
                "at": now,
                "kind": "outcome",
                "check_id": "e0",
                "host": "outlook",
                "outcome": "sent_anyway",
                "codes": "REC003",
            },
        ]
    )
    with store.db.session() as s:
        repo = store.scoped(s, tid)
        summary = repo.audit_summary(now - timedelta(hours=1))
        assert summary == {
            "checks": 4,
            "by_purpose": {"send": 4, "background": 2},
            "by_action": {"warn": 1, "block": 1, "allow": 2},
            "by_rule": {"PUP001": 1, "REC003": 2},
            "silent_by_rule": {"REC001": 1, "SUB002": 1},
            "outcomes": {"sent_anyway": 2},
            "sent_anyway_reasons": {"recipients_are_staff": 1},
        }
        events = {e.event_id: e for e in repo.audit_events(limit=10)}
        assert len(events) == 8
        assert (events["s1"].silent_codes, events["e0"].silent_codes) == ("REC001,SUB002", "")
        assert (events["o2"].reason, events["o1"].reason) == ("recipients_are_staff", None)
        assert all(e.at.tzinfo is not None for e in repo.audit_events(limit=10))


def test_relationships_roles_classes_and_source_round_trip(store: Store) -> None:
    from app.people import Relationship

    tid = store.create_tenant("rt", "RT", ["rt.sch.uk"])
    people = [
        Person("P1", "Amir", "Khan", PersonKind.PUPIL, classes=("9X", "9X/Ma1")),
        Person(
            "C1",
            "Samina",
            "Khan",
            PersonKind.PARENT,
            relationships=(Relationship("P1", "mother", True), Relationship("P2", "", None)),
            source="wonde",
        ),
        Person(
            "S1",
            "Sarah",
            "Jones",
            PersonKind.STAFF,
            personal_emails=("sarah.j@gmail.com",),
            roles=("Teacher", "DSL"),
            departments=("Science",),
        ),
    ]
    with store.db.session() as s:
        store.scoped(s, tid).replace_directory(people, [Group("all@rt.sch.uk", source="graph")])
    rec = store.load(tid)
    assert list(rec.people) == people
    assert rec.groups[0].source == "graph"


def test_awkward_text_round_trips(store: Store) -> None:
    """Rows are inserted in bulk (COPY on PostgreSQL): what COPY's text format
    escapes (tabs, line breaks, backslashes, its ``\\N`` for NULL) comes back as
    it went in, and ``None`` stays apart from ``""``."""
    tid = store.create_tenant("aw", "Awkward", ["aw.sch.uk"], policy=Policy(), by="setup")
    awkward = "tab\there, line\nbreak, back\\slash, \\N, \"quoted\", 'Siân Ó Dálaigh'"
    people = [
        Person("P1", awkward, "\\N", PersonKind.PUPIL, preferred_name="\\N", middle_names=""),
        Person("P2", "Amir", "Khan", PersonKind.PUPIL, preferred_name=None, mis_ref=""),
    ]
    with store.db.session() as s:
        store.scoped(s, tid).replace_directory(people, [Group("all@aw.sch.uk", awkward, None)])
    rec = store.load(tid)
    assert sorted(rec.people, key=lambda p: p.id) == people
    assert (rec.groups[0].name, rec.groups[0].member_count) == (awkward, None)


def test_a_school_from_before_directory_sync_keeps_its_roster(empty_db_url: str) -> None:
    """Upgrading from 0003: existing rows read back unchanged, as uploads (``csv``)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from app.store import Database
    from app.store.db import _MIGRATIONS

    db = Database(empty_db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO tenants (id, slug, name, settings_json, revision, directory_version,"
                " created_at) VALUES ('t1', 'old', 'Old', '{}', 1, 1, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO directory_people (tenant_id, external_id, kind, first_name,"
                " middle_names, last_name, personal_emails) VALUES"
                " ('t1', 'P1', 'pupil', 'Amir', '', 'Khan', 'amirk2011@gmail.com')"
            )
        )
    db.migrate()
    rec = Store(db).load("t1")
    assert rec.people == (
        Person("P1", "Amir", "Khan", PersonKind.PUPIL, personal_emails=("amirk2011@gmail.com",)),
    )
    assert rec.people[0].source == "csv"
    db.dispose()
