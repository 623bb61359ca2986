"""Directory sources, sync runs and the scheduler's lease: their queries.

:class:`SyncRepo` is scoped to one school like ``TenantRepo`` (every query
starts from its ``tenant_id``); :class:`SyncStore` holds the two operations
that cross schools: finding due sources and taking the scheduler's lease.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.directory.changes import DEFAULT_MAX_REMOVED_SHARE
from app.directory.model import Group
from app.errors import NotFound
from app.people import Person, Relationship
from app.store.db import Database
from app.store.directory_rows import (
    group_from_row,
    group_values,
    person_from_row,
    person_values,
    relationships_json,
)
from app.store.models import (
    DirectoryGroup,
    DirectoryPerson,
    DirectorySource,
    Lease,
    SyncRun,
    Tenant,
)
from app.store.scope import SchoolScope

SOURCE_KINDS = ("graph", "google", "wonde", "oneroster", "csv")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    name: str
    kind: str
    config: dict[str, Any]
    enabled: bool
    interval_minutes: int
    max_removed_share: float
    cursor: dict[str, Any] | None
    last_run_at: datetime | None
    last_full_at: datetime | None


def _source(r: DirectorySource) -> SourceRecord:
    return SourceRecord(
        id=r.id,
        name=r.name,
        kind=r.kind,
        config=json.loads(r.config_json),
        enabled=r.enabled,
        interval_minutes=r.interval_minutes,
        max_removed_share=r.max_removed_share,
        cursor=json.loads(r.cursor_json) if r.cursor_json else None,
        last_run_at=r.last_run_at,
        last_full_at=r.last_full_at,
    )


def fingerprint(people: Sequence[Person]) -> str:
    """A digest of a set of people (order-free): did they change since a proposal?"""
    h = hashlib.sha256()
    for row in sorted(json.dumps(person_values("", p), sort_keys=True) for p in people):
        h.update(row.encode())
    return h.hexdigest()


def people_to_json(people: Sequence[Person]) -> list[dict[str, Any]]:
    return [{k: v for k, v in person_values("", p).items() if k != "tenant_id"} for p in people]


def people_from_json(rows: Sequence[dict[str, Any]]) -> list[Person]:
    return [person_from_row(DirectoryPerson(**r)) for r in rows]


def groups_to_json(groups: Sequence[Group]) -> list[dict[str, Any]]:
    return [{k: v for k, v in group_values("", g).items() if k != "tenant_id"} for g in groups]


def groups_from_json(rows: Sequence[dict[str, Any]]) -> list[Group]:
    return [group_from_row(DirectoryGroup(**r)) for r in rows]


class SyncRepo:
    """A school's sources and runs, and the rows each source owns."""

    def __init__(self, session: Session, tenant_id: str) -> None:
        if session.get(Tenant, tenant_id) is None:
            raise NotFound("school not found")
        self.session = session
        self.tenant_id = tenant_id
        self.scope = SchoolScope(tenant_id)  # every per-school statement starts here

    # -- sources -----------------------------------------------------------------

    def _row(self, name: str) -> DirectorySource:
        row = self.session.scalar(
            self.scope(select(DirectorySource)).where(DirectorySource.name == name)
        )
        if row is None:
            raise NotFound(f"no directory source {name!r}")
        return row

    def sources(self) -> list[SourceRecord]:
        rows = self.session.scalars(
            self.scope(select(DirectorySource)).order_by(DirectorySource.name)
        )
        return [_source(r) for r in rows]

    def source(self, name: str) -> SourceRecord:
        return _source(self._row(name))

    def put_source(
        self,
        name: str,
        kind: str,
        config: dict[str, Any],
        *,
        enabled: bool = True,
        interval_minutes: int = 60,
        max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE,
    ) -> SourceRecord:
        """Create or replace a source's settings (its cursor is kept unless the kind changes)."""
        if kind not in SOURCE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(SOURCE_KINDS)}")
        if name == "csv" and kind != "csv":
            raise ValueError("the name 'csv' is kept for roster uploads")
        row = self.session.scalar(
            self.scope(select(DirectorySource)).where(DirectorySource.name == name)
        )
        if row is None:
            row = DirectorySource(tenant_id=self.tenant_id, name=name, created_at=_now())
            self.session.add(row)
        elif row.kind != kind or row.config_json != json.dumps(config, sort_keys=True):
            row.cursor_json = None  # another place: start with a full read
            row.last_full_at = None
        row.kind = kind
        row.config_json = json.dumps(config, sort_keys=True)
        row.enabled = enabled
        row.interval_minutes = interval_minutes
        row.max_removed_share = max_removed_share
        self.session.flush()
        return _source(row)

    def delete_source(self, name: str) -> None:
        """Forget a source and its runs; the people it synced stay until replaced."""
        self.session.delete(self._row(name))
        self.session.flush()

    def set_cursor(
        self, source_id: int, cursor: dict[str, Any] | None, *, full: bool, at: datetime
    ) -> None:
        values: dict[str, Any] = {
            "cursor_json": json.dumps(cursor) if cursor else None,
            "last_run_at": at,
        }
        if full:
            values["last_full_at"] = at
        self.session.execute(
            self.scope(update(DirectorySource))
            .where(DirectorySource.id == source_id)
            .values(**values)
        )

    def touch(self, source_id: int, at: datetime) -> None:
        """Note a run that changed nothing (failed, held): the schedule moves on."""
        self.session.execute(
            self.scope(update(DirectorySource))
            .where(DirectorySource.id == source_id)
            .values(last_run_at=at)
        )

    # -- the rows a source owns ----------------------------------------------------

    def source_people(self, name: str) -> list[Person]:
        rows = self.session.scalars(
            self.scope(select(DirectoryPerson))
            .where(DirectoryPerson.source == name)
            .order_by(DirectoryPerson.id)
        )
        return [person_from_row(r) for r in rows]

    def source_groups(self, name: str) -> list[Group]:
        rows = self.session.scalars(
            self.scope(select(DirectoryGroup)).where(DirectoryGroup.source == name)
        )
        return [group_from_row(r) for r in rows]

    def other_ids(self, name: str) -> set[str]:
        """Person ids held by other sources (ids are unique per school)."""
        return set(
            self.session.scalars(
                self.scope(select(DirectoryPerson.external_id)).where(
                    DirectoryPerson.source != name
                )
            )
        )

    def other_group_emails(self, name: str) -> set[str]:
        return set(
            self.session.scalars(
                self.scope(select(DirectoryGroup.email)).where(DirectoryGroup.source != name)
            )
        )

    def replace_source_rows(
        self,
        name: str,
        people: Sequence[Person],
        groups: Sequence[Group] | None,
        *,
        only: Iterable[str] | None = None,
    ) -> None:
        """Swap this source's people (and groups, unless ``None``) in one transaction.

        With ``only`` (the ids added, changed or removed), just those rows are
        rewritten: an incremental change of a few people touches a few rows.
        """
        if only is None:
            self.session.execute(
                self.scope(delete(DirectoryPerson)).where(DirectoryPerson.source == name)
            )
            rows = [person_values(self.tenant_id, p) for p in people]
        else:
            ids = sorted(set(only))
            for i in range(0, len(ids), 500):
                self.session.execute(
                    self.scope(delete(DirectoryPerson)).where(
                        DirectoryPerson.source == name,
                        DirectoryPerson.external_id.in_(ids[i : i + 500]),
                    )
                )
            wanted = set(ids)
            rows = [person_values(self.tenant_id, p) for p in people if p.id in wanted]
        if rows:
            self.session.execute(insert(DirectoryPerson), rows)
        if groups is not None:
            self.session.execute(
                self.scope(delete(DirectoryGroup)).where(DirectoryGroup.source == name)
            )
            if groups:
                self.session.execute(
                    insert(DirectoryGroup), [group_values(self.tenant_id, g) for g in groups]
                )
        self.session.execute(
            update(Tenant)
            .where(Tenant.id == self.tenant_id)
            .values(revision=Tenant.revision + 1, directory_version=Tenant.directory_version + 1)
        )

    # -- runs ----------------------------------------------------------------------

    def start_run(self, source_id: int, mode: str, trigger: str, at: datetime) -> int:
        run = SyncRun(
            tenant_id=self.tenant_id,
            source_id=source_id,
            mode=mode,
            trigger=trigger,
            status="running",
            started_at=at,
            counts_json="{}",
            diff_json="{}",
            error="",
            base_fingerprint="",
            decided_by="",
        )
        self.session.add(run)
        self.session.flush()
        return run.id

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        counts: dict[str, Any] | None = None,
        diff: dict[str, Any] | None = None,
        error: str = "",
        proposal: dict[str, Any] | None = None,
        base_fingerprint: str = "",
        at: datetime,
    ) -> None:
        run = self.run(run_id)
        run.status = status
        run.finished_at = at
        run.counts_json = json.dumps(counts or {})
        run.diff_json = json.dumps(diff or {})
        run.error = error[:500]
        run.proposal_json = json.dumps(proposal) if proposal is not None else None
        run.base_fingerprint = base_fingerprint
        self.session.flush()

    def run(self, run_id: int) -> SyncRun:
        run = self.session.scalar(self.scope(select(SyncRun)).where(SyncRun.id == run_id))
        if run is None:
            raise NotFound(f"no sync run {run_id}")
        return run

    def runs(
        self, *, limit: int = 50, status: str | None = None, source_id: int | None = None
    ) -> list[SyncRun]:
        q = self.scope(select(SyncRun))
        if status:
            q = q.where(SyncRun.status == status)
        if source_id is not None:
            q = q.where(SyncRun.source_id == source_id)
        return list(self.session.scalars(q.order_by(SyncRun.id.desc()).limit(limit)))

    def source_names(self) -> dict[int, str]:
        rows = self.session.execute(
            self.scope(select(DirectorySource.id, DirectorySource.name))
        ).all()
        return {i: n for i, n in rows}

    def decide(self, run_id: int, status: str, by: str, at: datetime) -> None:
        run = self.run(run_id)
        run.status = status
        run.decided_by = by[:100]
        run.decided_at = at
        run.proposal_json = None  # applied or dropped: the copy is no longer needed
        self.session.flush()


class SyncStore:
    """Across schools: which sources are due, and the scheduler's lease."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def enabled_sources(self) -> list[tuple[str, SourceRecord]]:
        with self.db.session() as s:
            rows = s.scalars(select(DirectorySource).where(DirectorySource.enabled.is_(True)))
            return [(r.tenant_id, _source(r)) for r in rows]

    def acquire_lease(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take or renew the named lease; ``False`` while another holder's is current."""
        now = _now()
        with self.db.session() as s:
            took = s.execute(
                update(Lease)
                .where(Lease.name == name, (Lease.holder == holder) | (Lease.expires_at < now))
                .values(holder=holder, expires_at=now + ttl)
            ).rowcount  # type: ignore[attr-defined]
            if took:
                return True
        try:
            with self.db.session() as s:
                if s.get(Lease, name) is not None:
                    return False
                s.add(Lease(name=name, holder=holder, expires_at=now + ttl))
            return True
        except IntegrityError:  # another instance inserted it first
            return False

    def release_lease(self, name: str, holder: str) -> None:
        with self.db.session() as s:
            s.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def set_uploaded_relationships(
    session: Session, tenant_id: str, links: dict[str, tuple[Relationship, ...]]
) -> int:
    """Replace the links of uploaded (``csv``) contacts; returns how many rows changed.

    ``links`` is already validated against the directory; a contact not in it
    loses any links it had. Synced contacts keep the links their source gives.
    """
    rows = session.execute(
        SchoolScope(tenant_id)(
            select(DirectoryPerson.id, DirectoryPerson.external_id, DirectoryPerson.relationships)
        ).where(DirectoryPerson.source == "csv")
    ).all()
    changes = []
    for row_id, external_id, old in rows:
        new = relationships_json(links.get(external_id, ()))
        if new != old:
            changes.append({"row_id": row_id, "relationships": new})
    for change in changes:
        session.execute(
            SchoolScope(tenant_id)(update(DirectoryPerson))
            .where(DirectoryPerson.id == change["row_id"])
            .values(relationships=change["relationships"])
        )
    if changes:
        session.execute(
            update(Tenant)
            .where(Tenant.id == tenant_id)
            .values(revision=Tenant.revision + 1, directory_version=Tenant.directory_version + 1)
        )
    return len(changes)
