"""Every query a tenant's data goes through, scoped in one place.

:class:`TenantRepo` is the only way to read or write a school's policy,
directory or audit trail, and every one of its queries starts from its
``tenant_id``. A route never sees another school's rows because there is no
method that could return them (``tests/store/test_isolation.py`` proves it).
:class:`Store` holds the few operations that are about tenants themselves.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, delete, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from app.calendar import WorkingHours
from app.directory.changes import fingerprint
from app.directory.model import Group
from app.domain import email_domain
from app.errors import Conflict, NotFound
from app.people import Person
from app.policy import Policy
from app.schools import school_slug, sender_domains
from app.store.claims import domains_held_by_trusts, identities, identities_held_by_trusts
from app.store.db import Database
from app.store.directory_rows import (
    GROUP_COLUMNS,
    GROUP_KEYS,
    PERSON_COLUMNS,
    PERSON_KEYS,
    group_tuple,
    groups_from_columns,
    people_from_columns,
    person_tuple,
)
from app.store.models import (
    ApiKey,
    AuditEvent,
    DirectoryGroup,
    DirectoryPerson,
    DirectorySource,
    PolicyVersion,
    Tenant,
    TenantDomain,
)
from app.store.scope import SchoolScope
from app.tenants import TenantSettings


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class SchoolListing:
    """One line of ``etiquette school list``: who the school is, its policy
    version and domains, and whether it is disabled."""

    id: str
    slug: str
    name: str
    policy_version: int
    domains: list[str]
    disabled: bool


@dataclass(frozen=True, slots=True)
class TenantRecord:
    """Everything an instance caches for one tenant."""

    id: str
    slug: str
    name: str
    revision: int
    directory_version: int
    settings: TenantSettings
    domains: tuple[str, ...]
    policy: Policy
    people: tuple[Person, ...]
    groups: tuple[Group, ...]
    keys: dict[str, tuple[str, str]]  # key hash -> (role, label)
    trust_id: str | None = None  # the school's trust (0006), if any


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What an admin may see of a key: never the key or its hash."""

    id: int
    role: str
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _key_info(k: ApiKey) -> KeyInfo:
    return KeyInfo(k.id, k.role, k.label, k.created_at, k.last_used_at, k.revoked_at)


@dataclass(frozen=True, slots=True)
class PolicyVersionInfo:
    version: int
    created_at: datetime
    created_by: str
    comment: str


class TenantRepo:
    """A school's data. Construct through :meth:`Store.scoped`."""

    def __init__(self, session: Session, tenant_id: str) -> None:
        self.session = session
        self.tenant_id = tenant_id
        self.scope = SchoolScope(tenant_id)  # every per-school statement starts here

    # -- tenant row ------------------------------------------------------------

    def _tenant(self) -> Tenant:
        t = self.session.get(Tenant, self.tenant_id)
        if t is None:
            raise NotFound("school not found")
        return t

    def _bump(self, *, directory: bool = False) -> None:
        values: dict[str, Any] = {"revision": Tenant.revision + 1}
        if directory:
            values["directory_version"] = Tenant.directory_version + 1
        self.session.execute(update(Tenant).where(Tenant.id == self.tenant_id).values(**values))

    def settings(self) -> TenantSettings:
        return TenantSettings.model_validate_json(self._tenant().settings_json)

    def update_settings(self, settings: TenantSettings) -> None:
        t = self._tenant()
        _check_identities_free(self.session, settings, self.tenant_id)
        t.settings_json = settings.model_dump_json(exclude_defaults=True)
        self._bump()

    def domains(self) -> list[str]:
        rows = self.session.scalars(self.scope(select(TenantDomain.domain)))
        return sorted(rows)

    def set_domains(self, domains: Iterable[str]) -> None:
        """Replace the school's sender domains. Each is validated (raises
        :class:`app.schools.DomainError`), the list is never empty, and a domain
        another school owns is a :class:`Conflict`."""
        wanted = {email_domain("x@" + d) for d in sender_domains(domains)}
        taken = self.session.scalars(
            select(TenantDomain.domain).where(
                TenantDomain.domain.in_(wanted), TenantDomain.tenant_id != self.tenant_id
            )
        ).all()
        if taken:
            raise Conflict(f"domain already belongs to another school: {', '.join(sorted(taken))}")
        if held := domains_held_by_trusts(self.session, wanted):
            raise Conflict(f"domain belongs to a trust: {', '.join(held)}")
        self.session.execute(self.scope(delete(TenantDomain)))
        self.session.add_all(TenantDomain(domain=d, tenant_id=self.tenant_id) for d in wanted)
        self._bump()

    # -- policy ----------------------------------------------------------------

    def current_version(self) -> int:
        v = self.session.scalar(self.scope(select(func.max(PolicyVersion.version))))
        return int(v or 0)

    def policy(self, version: int | None = None) -> Policy:
        q = self.scope(select(PolicyVersion))
        if version is None:
            q = q.order_by(PolicyVersion.version.desc()).limit(1)
        else:
            q = q.where(PolicyVersion.version == version)
        row = self.session.scalars(q).first()
        if row is None:
            if version is None:
                return Policy()
            raise NotFound(f"policy version {version} not found")
        data = json.loads(row.document)
        data["version"] = row.version
        return Policy.model_validate(data)

    def policy_versions(self, limit: int = 50) -> list[PolicyVersionInfo]:
        rows = self.session.scalars(
            self.scope(select(PolicyVersion)).order_by(PolicyVersion.version.desc()).limit(limit)
        )
        return [PolicyVersionInfo(r.version, r.created_at, r.created_by, r.comment) for r in rows]

    def put_policy(self, policy: Policy, *, by: str, comment: str = "") -> int | None:
        """Store ``policy`` as the next version and return it; ``None`` (nothing
        stored) when it is what the school has already, compared as validated
        documents so a reordered or re-spelt copy (day numbers, rule names) is the same."""
        self._tenant()
        document = json.dumps(policy.content_dict(), sort_keys=True)
        latest = self.session.scalars(
            self.scope(select(PolicyVersion)).order_by(PolicyVersion.version.desc()).limit(1)
        ).first()
        if latest is not None:
            before = Policy.model_validate(json.loads(latest.document)).content_dict()
            if json.dumps(before, sort_keys=True) == document:
                return None
        version = (latest.version if latest else 0) + 1
        self.session.add(
            PolicyVersion(
                tenant_id=self.tenant_id,
                version=version,
                document=document,
                created_at=_now(),
                created_by=by[:100],
                comment=comment[:500],
            )
        )
        self._bump()
        self.session.flush()
        return version

    # -- directory -------------------------------------------------------------

    def replace_directory(
        self, people: Sequence[Person] | None = None, groups: Sequence[Group] | None = None
    ) -> int:
        """Swap the people and/or the groups in one transaction (``None`` keeps
        what is there); returns the new directory version."""
        t = self._tenant()
        if people is not None:
            self.session.execute(self.scope(delete(DirectoryPerson)))
            self._add_people(people)
        if groups is not None:
            self.session.execute(self.scope(delete(DirectoryGroup)))
            self._add_groups(groups)
        self._bump(directory=True)
        self.session.flush()
        self.session.refresh(t)
        return t.directory_version

    def _add_people(self, people: Sequence[Person]) -> None:
        self._insert_people([person_tuple(p) for p in people])

    def _add_groups(self, groups: Sequence[Group]) -> None:
        self._insert_groups([group_tuple(g) for g in groups])

    def _insert_people(self, rows: Sequence[StoredRow]) -> None:
        # Core inserts (executemany), not ORM objects: a 400,000-row roster
        # would otherwise sit in the session's identity map.
        if rows:
            table = cast(Table, DirectoryPerson.__table__)
            tenant_id = self.tenant_id
            _insert_tuples(self.session, table, _PERSON_ROW, [(tenant_id, *r) for r in rows])

    def _insert_groups(self, rows: Sequence[StoredRow]) -> None:
        if rows:
            table = cast(Table, DirectoryGroup.__table__)
            tenant_id = self.tenant_id
            _insert_tuples(self.session, table, _GROUP_ROW, [(tenant_id, *r) for r in rows])

    def people_sink(self) -> _PeopleSink:
        """The uploaded people, as :func:`app.directory.changes.replace_checked`
        replaces them: every row no configured sync source owns (``csv``, and
        rows left by a source since deleted). Synced rows are kept."""
        return _PeopleSink(self)

    def groups_sink(self) -> _GroupsSink:
        return _GroupsSink(self)

    def directory_version(self) -> int:
        """The school's directory version as stored."""
        return self._tenant().directory_version

    def directory_replaced(self) -> int:
        """Mark the directory changed (after a sink replaced part of it); the new version."""
        t = self._tenant()
        self._bump(directory=True)
        self.session.flush()
        self.session.refresh(t)
        return t.directory_version

    def people(self) -> list[Person]:
        # Streamed in batches, and names interned: a 400,000-person roster repeats
        # its first and last names many times over, and every instance holds it.
        rows = self.session.execute(
            self.scope(select(*PERSON_COLUMNS))
            .order_by(DirectoryPerson.id)
            .execution_options(yield_per=5000)
        )
        return people_from_columns(rows)

    def groups(self) -> list[Group]:
        rows = self.session.execute(self.scope(select(*GROUP_COLUMNS)))
        return groups_from_columns(rows)

    def directory_counts(self) -> dict[str, int]:
        rows = self.session.execute(
            self.scope(select(DirectoryPerson.kind, func.count())).group_by(DirectoryPerson.kind)
        ).all()
        counts = {str(k): int(n) for k, n in rows}
        counts["groups"] = int(
            self.session.scalar(self.scope(select(func.count()).select_from(DirectoryGroup))) or 0
        )
        return counts

    # -- keys ------------------------------------------------------------------

    def create_api_key(self, role: str, label: str = "") -> str:
        if role not in ("check", "admin"):
            raise ValueError("role is check or admin")
        key = "etq_" + secrets.token_urlsafe(32)
        self.session.add(
            ApiKey(
                tenant_id=self.tenant_id,
                key_hash=hash_key(key),
                role=role,
                label=label[:100],
                created_at=_now(),
            )
        )
        self._bump()
        return key

    def keys(self) -> dict[str, tuple[str, str]]:
        rows = self.session.execute(
            self.scope(select(ApiKey.key_hash, ApiKey.role, ApiKey.label)).where(
                ApiKey.revoked.is_(False)
            )
        ).all()
        return {h: (r, label) for h, r, label in rows}

    # -- key lifecycle: list, revoke, rotate -----------------------------------

    def api_keys(self, *, include_revoked: bool = False) -> list[KeyInfo]:
        """The school's keys, oldest first: never the key, never its hash."""
        q = self.scope(select(ApiKey))
        if not include_revoked:
            q = q.where(ApiKey.revoked.is_(False))
        return [_key_info(k) for k in self.session.scalars(q.order_by(ApiKey.id))]

    def _api_key(self, key_id: int) -> ApiKey:
        row = self.session.scalar(self.scope(select(ApiKey)).where(ApiKey.id == key_id))
        if row is None or row.revoked:
            raise NotFound("key not found")
        return row

    def revoke_key(self, key_id: int) -> KeyInfo:
        """Revoke a key at once (this instance) and within a refresh elsewhere.

        The school's last admin key cannot be revoked: rotate it instead, or
        create another first, so the school is never locked out of its admin API.
        """
        row = self._api_key(key_id)
        if row.role == "admin":
            admins = self.session.scalar(
                self.scope(select(func.count()).select_from(ApiKey)).where(
                    ApiKey.role == "admin", ApiKey.revoked.is_(False)
                )
            )
            if int(admins or 0) <= 1:
                raise Conflict("this is the school's last admin key: rotate it instead")
        row.revoked = True
        row.revoked_at = _now()
        self._bump()
        self.session.flush()
        return _key_info(row)

    def rotate_key(self, key_id: int) -> tuple[KeyInfo, str]:
        """A new key with the same role and label; the old one is revoked in the
        same transaction. Returns the new key's info and the key (shown once)."""
        old = self._api_key(key_id)
        info, key = self.issue_key(old.role, old.label)
        old.revoked = True
        old.revoked_at = _now()
        self.session.flush()
        return info, key

    def issue_key(self, role: str, label: str = "") -> tuple[KeyInfo, str]:
        """:meth:`create_api_key` that also returns what an admin may see of it."""
        key = self.create_api_key(role, label)
        self.session.flush()
        row = self.session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
        assert row is not None
        return _key_info(row), key

    # -- audit -----------------------------------------------------------------

    def audit_events(self, *, limit: int = 100, kind: str | None = None) -> list[AuditEvent]:
        q = self.scope(select(AuditEvent))
        if kind:
            q = q.where(AuditEvent.kind == kind)
        return list(self.session.scalars(q.order_by(AuditEvent.at.desc()).limit(limit)))

    def audit_summary(self, since: datetime) -> dict[str, Any]:
        """Checks, actions and per-rule counts since a moment.

        Actions and rules count ``send`` and ``review`` checks only, so a
        message pre-checked as its recipients changed is counted once.
        """
        rows = self.session.execute(
            self.scope(
                select(
                    AuditEvent.purpose, AuditEvent.action, AuditEvent.codes, AuditEvent.silent_codes
                )
            ).where(AuditEvent.kind == "check", AuditEvent.at >= since)
        ).all()
        by_purpose: dict[str, int] = {}
        by_action: dict[str, int] = {}
        by_rule: dict[str, int] = {}
        silent_by_rule: dict[str, int] = {}
        counted = 0
        for purpose, action, codes, silent_codes in rows:
            by_purpose[purpose] = by_purpose.get(purpose, 0) + 1
            if purpose == "background":
                continue
            counted += 1
            by_action[action or "?"] = by_action.get(action or "?", 0) + 1
            for c in filter(None, (codes or "").split(",")):
                by_rule[c] = by_rule.get(c, 0) + 1
            for c in filter(None, (silent_codes or "").split(",")):
                silent_by_rule[c] = silent_by_rule.get(c, 0) + 1
        outcomes = self.session.execute(
            self.scope(select(AuditEvent.outcome, func.count()))
            .where(AuditEvent.kind == "outcome", AuditEvent.at >= since)
            .group_by(AuditEvent.outcome)
        ).all()
        reasons = self.session.execute(
            self.scope(select(AuditEvent.reason, func.count()))
            .where(
                AuditEvent.kind == "outcome",
                AuditEvent.at >= since,
                AuditEvent.reason.is_not(None),
            )
            .group_by(AuditEvent.reason)
        ).all()
        return {
            "checks": counted,
            "by_purpose": by_purpose,
            "by_action": by_action,
            "by_rule": dict(sorted(by_rule.items())),
            "silent_by_rule": dict(sorted(silent_by_rule.items())),
            "outcomes": {str(o): int(n) for o, n in outcomes},
            "sent_anyway_reasons": {str(r): int(n) for r, n in sorted(reasons)},
        }

    def record(self, known_directory_version: int | None = None) -> TenantRecord:
        """Everything about the school; people and groups are left out (empty)
        when the directory is still at ``known_directory_version``."""
        t = self._tenant()
        same = t.directory_version == known_directory_version
        return TenantRecord(
            id=t.id,
            slug=t.slug,
            name=t.name,
            revision=t.revision,
            directory_version=t.directory_version,
            settings=TenantSettings.model_validate_json(t.settings_json),
            domains=tuple(self.domains()),
            policy=self.policy(),
            people=() if same else tuple(self.people()),
            groups=() if same else tuple(self.groups()),
            keys=self.keys(),
            trust_id=t.trust_id,
        )


StoredRow = tuple[Any, ...]


def stored_key(row: StoredRow) -> str:
    """An upload's stored row's key (a person's id, a group's address)."""
    return cast(str, row[0])


def stored_fingerprint(row: StoredRow) -> int:
    """Compared with the stored rows' (see ``_PeopleSink.fingerprints``)."""
    return fingerprint(row[1:])


def _synced_sources(tenant_id: str) -> Select[str]:
    """The names of a school's sync sources: the rows an upload leaves alone."""
    return SchoolScope(tenant_id)(select(DirectorySource.name)).where(DirectorySource.name != "csv")


class _PeopleSink:
    def __init__(self, repo: TenantRepo) -> None:
        self.repo = repo

    def _uploaded(self) -> ColumnElement[bool]:
        """Rows no configured sync source owns (within the school's scope)."""
        return DirectoryPerson.source.not_in(_synced_sources(self.repo.tenant_id))

    def taken(self) -> set[str]:
        """Ids a sync source holds (ids are unique per school)."""
        return set(
            self.repo.session.scalars(
                self.repo.scope(select(DirectoryPerson.external_id)).where(
                    DirectoryPerson.source.in_(_synced_sources(self.repo.tenant_id))
                )
            )
        )

    def fingerprints(self) -> dict[str, int]:
        # Streamed like ``people()``: the stored rows are not all held at once
        # (a 340,000-person re-upload held them all, about 400 MB on PostgreSQL).
        rows = self.repo.session.execute(
            self.repo.scope(select(*PERSON_COLUMNS))
            .where(self._uploaded())
            .execution_options(yield_per=5000)
        )
        out = {}
        for r in rows:
            values = tuple(r)
            if values[-1]:  # stored before day names: compare as it would be stored now
                hours = WorkingHours.model_validate_json(values[-1]).model_dump_json()
                values = (*values[:-1], hours)
            out[values[0]] = fingerprint(values[1:])
        return out

    def clear(self) -> None:
        self.repo.session.execute(self.repo.scope(delete(DirectoryPerson)).where(self._uploaded()))

    @staticmethod
    def stored(people: Iterable[Person]) -> Iterator[StoredRow]:
        """Each person as stored, key first (:data:`PERSON_COLUMNS` order): built
        once for both the fingerprint and the insert."""
        return map(person_tuple, people)

    def add(self, batch: list[StoredRow]) -> None:
        self.repo._insert_people(batch)


class _GroupsSink:
    def __init__(self, repo: TenantRepo) -> None:
        self.repo = repo

    def _uploaded(self) -> ColumnElement[bool]:
        """Rows no configured sync source owns (within the school's scope)."""
        return DirectoryGroup.source.not_in(_synced_sources(self.repo.tenant_id))

    def taken(self) -> set[str]:
        """Addresses a sync source holds."""
        return set(
            self.repo.session.scalars(
                self.repo.scope(select(DirectoryGroup.email)).where(
                    DirectoryGroup.source.in_(_synced_sources(self.repo.tenant_id))
                )
            )
        )

    def fingerprints(self) -> dict[str, int]:
        rows = self.repo.session.execute(
            self.repo.scope(select(*GROUP_COLUMNS)).where(self._uploaded())
        )
        return {r[0]: fingerprint(list(r)[1:]) for r in rows}

    def clear(self) -> None:
        self.repo.session.execute(self.repo.scope(delete(DirectoryGroup)).where(self._uploaded()))

    @staticmethod
    def stored(groups: Iterable[Group]) -> Iterator[StoredRow]:
        """Each group as stored, address first (:data:`GROUP_COLUMNS` order)."""
        return map(group_tuple, groups)

    def add(self, batch: list[StoredRow]) -> None:
        self.repo._insert_groups(batch)


def _check_identities_free(session: Session, settings: TenantSettings, tenant_id: str) -> None:
    """Refuse an Entra tenant id or Google domain another school already has.

    Without this, one school's admin could route another school's staff to
    their own school. Tenants are few, so the other rows are read and compared.
    """
    mine = identities(settings)
    if not mine:
        return
    if held := identities_held_by_trusts(session, settings):
        raise Conflict(f"{', '.join(held)} already belongs to a trust")
    rows = session.execute(
        select(Tenant.id, Tenant.settings_json).where(Tenant.id != tenant_id)
    ).all()
    for _, raw in rows:
        theirs = identities(TenantSettings.model_validate_json(raw))
        clash = [k for k, v in mine.items() if theirs.get(k) == v]
        if clash:
            raise Conflict(f"{', '.join(clash)} already belongs to another school")


class Store:
    """Operations across tenants: creating them, finding them, writing audit batches."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def scoped(self, session: Session, tenant_id: str) -> TenantRepo:
        if session.get(Tenant, tenant_id) is None:
            raise NotFound("school not found")
        return TenantRepo(session, tenant_id)

    def create_tenant(
        self,
        slug: str,
        name: str,
        domains: Iterable[str] = (),
        settings: TenantSettings | None = None,
        policy: Policy | None = None,
        *,
        by: str = "setup",
    ) -> str:
        """Create a school (slug and domains validated first); see :meth:`create_school`
        for the all-or-nothing set-up with a roster and a first key."""
        with self.db.session() as s:
            return self._create(s, slug, name, domains, settings, policy, by=by)

    def _create(
        self,
        s: Session,
        slug: str,
        name: str,
        domains: Iterable[str],
        settings: TenantSettings | None,
        policy: Policy | None,
        *,
        by: str,
    ) -> str:
        slug = school_slug(slug)
        tenant_id = str(uuid.uuid4())
        domains = sender_domains(domains)  # before anything is written
        if s.scalar(select(Tenant).where(Tenant.slug == slug)) is not None:
            raise Conflict(f"a school with slug {slug!r} exists")
        s.add(
            Tenant(
                id=tenant_id,
                slug=slug,
                name=name,
                settings_json=(settings or TenantSettings()).model_dump_json(exclude_defaults=True),
                revision=1,
                directory_version=0,
                created_at=_now(),
            )
        )
        s.flush()
        _check_identities_free(s, settings or TenantSettings(), tenant_id)
        repo = TenantRepo(s, tenant_id)
        repo.set_domains(domains)
        if policy is not None:
            repo.put_policy(policy, by=by, comment="initial policy")
        return tenant_id

    def tenant_id_for_slug(self, slug: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(Tenant.id).where(Tenant.slug == slug.casefold()))

    def schools(self) -> list[SchoolListing]:
        """Every school, enabled or not, by slug."""
        with self.db.session() as s:
            out = []
            for t in s.scalars(select(Tenant).order_by(Tenant.slug)):
                repo = TenantRepo(s, t.id)
                out.append(
                    SchoolListing(
                        id=t.id,
                        slug=t.slug,
                        name=t.name,
                        policy_version=repo.current_version(),
                        domains=repo.domains(),
                        disabled=t.disabled_at is not None,
                    )
                )
            return out

    def revisions(self) -> dict[str, int]:
        """Revision of every enabled school (a disabled one is not loaded)."""
        with self.db.session() as s:
            rows = s.execute(select(Tenant.id, Tenant.revision).where(Tenant.disabled_at.is_(None)))
            return {i: r for i, r in rows.all()}

    # -- school lifecycle: all-or-nothing creation, disable, delete -------------

    def create_school(
        self,
        slug: str,
        name: str,
        domains: Iterable[str],
        *,
        policy: Policy | None = None,
        people: Sequence[Person] | None = None,
        groups: Sequence[Group] | None = None,
        key_role: str = "admin",
        key_label: str = "setup",
        by: str = "setup",
    ) -> tuple[str, str]:
        """Create a school with its policy, directory and first key in ONE
        transaction: either all of it exists afterwards or none of it.
        Returns (tenant id, the key, shown once)."""
        with self.db.session() as s:
            tenant_id = self._create(s, slug, name, domains, None, policy, by=by)
            repo = TenantRepo(s, tenant_id)
            if people is not None or groups is not None:
                repo.replace_directory(people, groups)
            key = repo.create_api_key(key_role, key_label)
        return tenant_id, key

    def set_disabled(self, tenant_id: str, disabled: bool) -> None:
        """Disable (or enable again) a school: a disabled school is not loaded,
        so its keys, domains and identities stop working everywhere within a
        refresh. Nothing is deleted."""
        with self.db.session() as s:
            t = s.get(Tenant, tenant_id)
            if t is None:
                raise NotFound("school not found")
            t.disabled_at = _now() if disabled else None
            t.revision = t.revision + 1

    def is_disabled(self, tenant_id: str) -> bool:
        with self.db.session() as s:
            t = s.get(Tenant, tenant_id)
            if t is None:
                raise NotFound("school not found")
            return t.disabled_at is not None

    def delete_tenant(self, tenant_id: str) -> dict[str, int]:
        """Delete a school and everything it has: domains, keys, policy history,
        directory and audit trail (one transaction). Returns what was removed.
        Audit events of the school still queued are dropped when written."""
        with self.db.session() as s:
            if s.get(Tenant, tenant_id) is None:
                raise NotFound("school not found")
            counts: dict[str, int] = {}
            from app.store.trust_models import StaffGroupPolicy

            s.execute(SchoolScope(tenant_id)(delete(StaffGroupPolicy)))
            for model in (
                AuditEvent,
                DirectoryPerson,
                DirectoryGroup,
                PolicyVersion,
                ApiKey,
                TenantDomain,
            ):
                res = s.execute(SchoolScope(tenant_id)(delete(model)))
                counts[model.__tablename__] = int(res.rowcount or 0)  # type: ignore[attr-defined]
            s.execute(delete(Tenant).where(Tenant.id == tenant_id))
        return counts

    def touch_keys(self, used: dict[str, datetime]) -> None:
        """Record when keys were last used (key hash -> moment), in one go."""
        if not used:
            return
        with self.db.session() as s:
            for key_hash, at in used.items():
                s.execute(update(ApiKey).where(ApiKey.key_hash == key_hash).values(last_used_at=at))

    def load(self, tenant_id: str, known_directory_version: int | None = None) -> TenantRecord:
        with self.db.session() as s:
            return TenantRepo(s, tenant_id).record(known_directory_version)

    def check_action(self, tenant_id: str, check_id: str) -> str | None:
        """The action a check of this school answered, if its audit row is written."""
        with self.db.session() as s:
            return s.scalar(
                SchoolScope(tenant_id)(select(AuditEvent.action)).where(
                    AuditEvent.kind == "check", AuditEvent.check_id == check_id
                )
            )

    def write_audit(self, events: Sequence[dict[str, Any]]) -> None:
        """Insert a batch; every row gets every column (defaults filled) so
        checks and outcomes can share one executemany."""
        if not events:
            return
        rows = [
            {**_AUDIT_DEFAULTS, **{k: v for k, v in e.items() if k in _AUDIT_COLUMNS}}
            for e in events
        ]
        with self.db.session() as s:
            # A deleted school's events still queued are dropped, not retried forever.
            wanted = {r["tenant_id"] for r in rows}
            live = set(s.scalars(select(Tenant.id).where(Tenant.id.in_(wanted))))
            rows = [r for r in rows if r["tenant_id"] in live]
            if not rows:
                return
            # Idempotent: after a crash the write-ahead log may replay events the
            # database already has; their event_id makes a second insert a no-op.
            conn = s.connection()
            sql, positional, columns = _audit_insert(conn.dialect, s)
            # The driver's executemany on the statement compiled once per
            # dialect, each value through its type's bind processor (the UTC
            # timestamp): SQLAlchemy's per-row parameter handling was most of
            # the writer process's CPU per event.
            params: list[Any]
            if positional:  # SQLite's qmark
                params = [tuple([r[k] if f is None else f(r[k]) for k, f in columns]) for r in rows]
            else:  # psycopg's pyformat
                params = [{k: r[k] if f is None else f(r[k]) for k, f in columns} for r in rows]
            conn.exec_driver_sql(sql, params)


_PERSON_ROW = ("tenant_id", *PERSON_KEYS)
_GROUP_ROW = ("tenant_id", *GROUP_KEYS)
_PlainInsert = tuple[str, bool, tuple[int, ...], tuple[Any, ...]]
_PLAIN_INSERTS: dict[tuple[str, str], _PlainInsert] = {}


def _insert_tuples(
    s: Session, table: Table, keys: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples of ``keys``' values): on PostgreSQL with ``COPY``,
    elsewhere with the driver's executemany on the statement compiled once per
    dialect and table, as the audit writer does. SQLAlchemy's per-row parameter
    handling was a third of a 100,000-row roster upload's CPU, and psycopg's
    executemany, which also handles each row in Python, most of what remained
    on PostgreSQL."""
    conn = s.connection()
    dialect = conn.dialect
    if dialect.name == "postgresql":
        quote = dialect.identifier_preparer
        sql = (
            f"COPY {quote.format_table(table)} ({', '.join(quote.quote(k) for k in keys)}) "
            "FROM STDIN"
        )
        # The session's own connection, so the rows join its transaction.
        raw: Any = conn.connection.dbapi_connection
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for r in rows:
                copy.write_row(r)
        return
    hit = _PLAIN_INSERTS.get((dialect.name, table.name))
    if hit is None:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
        positional = bool(compiled.positional)
        order = tuple(compiled.positiontup or ()) if positional else keys
        hit = _PLAIN_INSERTS[(dialect.name, table.name)] = (
            str(compiled),
            positional,
            tuple(keys.index(k) for k in order),
            tuple(table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in order),
        )
    sql, positional, index, processors = hit
    values: list[tuple[Any, ...]] = rows
    if any(f is not None for f in processors):  # pragma: no cover - text columns have none
        values = [
            tuple(r[i] if f is None else f(r[i]) for i, f in zip(index, processors, strict=True))
            for r in rows
        ]
    elif index != tuple(range(len(keys))):  # the statement's order (the table's)
        values = list(map(itemgetter(*index), rows))
    params: list[Any] = values
    if not positional:  # pragma: no cover - a named paramstyle (PostgreSQL copies)
        names = tuple(keys[i] for i in index)
        params = [dict(zip(names, v, strict=True)) for v in values]
    conn.exec_driver_sql(sql, params)


_AuditInsert = tuple[str, bool, tuple[tuple[str, Any], ...]]
_AUDIT_INSERTS: dict[str, _AuditInsert] = {}


def _audit_insert(dialect: Dialect, s: Session) -> _AuditInsert:
    """The audit insert for ``dialect``, compiled once: its SQL, whether its
    parameters are positional, and each parameter's column with its type's
    bind processor (``None`` for none), in the order a positional one takes."""
    hit = _AUDIT_INSERTS.get(dialect.name)
    if hit is None:
        table = cast(Table, AuditEvent.__table__)
        keys = sorted(_AUDIT_COLUMNS)
        compiled = _insert_ignoring_duplicates(s).compile(dialect=dialect, column_keys=keys)
        positional = bool(compiled.positional)
        order = tuple(compiled.positiontup or ()) if positional else tuple(keys)
        columns = tuple(
            (k, table.c[k].type.dialect_impl(dialect).bind_processor(dialect)) for k in order
        )
        hit = _AUDIT_INSERTS[dialect.name] = (str(compiled), positional, columns)
    return hit


def _insert_ignoring_duplicates(s: Session) -> Any:
    # On the Core table, not the ORM entity: the rows are plain dicts already,
    # and the ORM's bulk path cost the writer thread (which holds the
    # interpreter lock the event loop waits for) several times the executemany.
    table = cast(Table, AuditEvent.__table__)
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["event_id"])
    if s.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["event_id"])
    return insert(table)  # pragma: no cover - other databases


_AUDIT_DEFAULTS: dict[str, Any] = {
    "purpose": "send",
    "check_id": None,
    "host": "api",
    "action": None,
    "codes": "",
    "finding_count": 0,
    "recipient_count": 0,
    "attachment_count": 0,
    "duration_ms": 0.0,
    "policy_version": 0,
    "sender_hash": "",
    "outcome": None,
    "silent_codes": "",
    "reason": None,
    "staff_group": "",
}
_AUDIT_COLUMNS = frozenset(c.name for c in AuditEvent.__table__.columns) - {"id"}


# -- retention (issue 14) --------------------------------------------------------


def count_audit_before(db: Database, before: datetime) -> int:
    """How many audit events (every school) are older than ``before``."""
    with db.session() as s:
        return int(s.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.at < before)) or 0)


def purge_audit_before(db: Database, before: datetime, *, batch_size: int = 5_000) -> int:
    """Delete audit events (every school) older than ``before``; returns how many.

    In batches of ``batch_size``, one short transaction each, so a first purge
    of a large table never holds a long lock against the audit writer.
    """
    total = 0
    while True:
        with db.session() as s:
            ids = list(
                s.scalars(
                    select(AuditEvent.id)
                    .where(AuditEvent.at < before)
                    .order_by(AuditEvent.id)
                    .limit(batch_size)
                )
            )
            if not ids:
                return total
            s.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids)))
        total += len(ids)
