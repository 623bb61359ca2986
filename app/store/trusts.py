"""Trusts in the store: every query about a trust starts from its id.

:class:`TrustRepo` is the only way to read or change a trust, and the only way
from a trust to its schools: :meth:`TrustRepo.school` resolves a school's slug
*within the trust*, so a trust admin can never reach another trust's school
(``tests/store/test_trusts.py`` proves it). A school's own data is still read
and written through its :class:`~app.store.repository.TenantRepo`.

Uniqueness across the two kinds of owner: a sender domain belongs to one
school or one trust, never two; an Entra tenant id or Google domain likewise.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.directory.model import Group
from app.domain import email_domain
from app.errors import Conflict, Invalid, NotFound
from app.people import Person
from app.policy import Policy
from app.schools import DomainError, school_slug, sender_domain
from app.store.claims import domains_held_by_trusts, identities
from app.store.db import Database
from app.store.models import Tenant, TenantDomain
from app.store.repository import TenantRepo, hash_key
from app.store.scope import SchoolScope
from app.store.trust_models import StaffGroupPolicy, Trust, TrustApiKey, TrustDomain
from app.tenants import NotificationSettings, TenantSettings
from app.trusts.overlay import (
    GROUP_NAME,
    LevelError,
    OverlayError,
    StaffGroup,
    group_order,
    layer_problems,
    normalise,
    validate_overlay,
)

MAX_GROUPS = 50


class IdentityError(Invalid):
    """An Entra tenant id that is not a GUID, or a Google domain that is not a domain."""


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class TrustRecord:
    """Everything an instance caches for one trust."""

    id: str
    slug: str
    name: str
    revision: int
    domains: tuple[str, ...]
    entra_tenant_id: str | None
    google_domain: str | None
    policy: Mapping[str, Any]
    policy_version: int
    groups: tuple[StaffGroup, ...]
    keys: Mapping[str, str] = field(default_factory=dict)  # hash -> label
    schools: tuple[tuple[str, str], ...] = ()  # (tenant id, slug), by slug
    # The default for schools whose own notification settings are all defaults.
    notifications: NotificationSettings | None = None


def _split(raw: str) -> tuple[str, ...]:
    return tuple(x for x in raw.split(";") if x)


def _group(row: StaffGroupPolicy, level: str) -> StaffGroup:
    return StaffGroup(
        name=row.name,
        roles=_split(row.roles),
        departments=_split(row.departments),
        patch=json.loads(row.patch_json),
        level=level,
        position=row.position,
    )


def _clean_labels(values: Iterable[object], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        # no control character either: PostgreSQL text cannot hold a NUL byte, and no
        # MIS or directory writes a role with a line break or a tab in it
        if (
            not isinstance(v, str)
            or not v.strip()
            or ";" in v
            or len(v) > 100
            or any(c < " " or c == "\x7f" for c in v)
        ):
            raise OverlayError(
                f"{what}: each is a non-empty name without ';' or control characters "
                "(≤ 100 characters)"
            )
        out.append(v.strip())
    return tuple(dict.fromkeys(out))


def _put_group(
    session: Session,
    owner: dict[str, str | None],
    name: str,
    roles: Iterable[object],
    departments: Iterable[object],
    patch: Any,
    position: int,
    above: Sequence[Mapping[str, Any]],
    by: str,
) -> StaffGroup:
    if not GROUP_NAME.match(name):
        raise OverlayError("a staff group's name is 1-63 lower-case letters, digits and hyphens")
    roles_t = _clean_labels(roles, "roles")
    depts_t = _clean_labels(departments, "departments")
    if not roles_t and not depts_t:
        raise OverlayError("a staff group matches at least one role or department")
    norm = validate_overlay(patch, above=above)
    # The owner is a trust or a school, never both (see the two callers).
    if owner["tenant_id"]:
        q = SchoolScope(owner["tenant_id"])(select(StaffGroupPolicy)).where(
            StaffGroupPolicy.trust_id.is_(None)
        )
    else:
        q = select(StaffGroupPolicy).where(
            StaffGroupPolicy.trust_id == owner["trust_id"], StaffGroupPolicy.tenant_id.is_(None)
        )
    rows = {r.name: r for r in session.scalars(q)}
    row = rows.get(name)
    if row is None:
        if len(rows) >= MAX_GROUPS:
            raise OverlayError(f"at most {MAX_GROUPS} staff groups")
        row = StaffGroupPolicy(trust_id=owner["trust_id"], tenant_id=owner["tenant_id"], name=name)
        session.add(row)
    row.roles = ";".join(roles_t)
    row.departments = ";".join(depts_t)
    row.patch_json = json.dumps(norm, sort_keys=True)
    row.position = position
    row.updated_by = by[:100]
    row.updated_at = _now()
    session.flush()
    return _group(row, "trust" if owner["trust_id"] else "school")


# -- claims shared by schools and trusts -------------------------------------------


class TrustRepo:
    """One trust's data. Construct through :meth:`TrustStore.scoped`."""

    def __init__(self, session: Session, trust_id: str) -> None:
        self.session = session
        self.trust_id = trust_id

    def _trust(self) -> Trust:
        t = self.session.get(Trust, self.trust_id)
        if t is None:
            raise NotFound("trust not found")
        return t

    def _bump(self) -> None:
        """The trust changed: its schools reload (their effective policies depend on it)."""
        self.session.execute(
            update(Trust).where(Trust.id == self.trust_id).values(revision=Trust.revision + 1)
        )
        self.session.execute(
            update(Tenant)
            .where(Tenant.trust_id == self.trust_id)
            .values(revision=Tenant.revision + 1)
        )

    # -- schools: the one way from a trust to a school ----------------------------

    def schools(self) -> list[tuple[str, str, str]]:
        """(tenant id, slug, name) of the trust's schools, by slug."""
        rows = self.session.execute(
            select(Tenant.id, Tenant.slug, Tenant.name)
            .where(Tenant.trust_id == self.trust_id)
            .order_by(Tenant.slug)
        ).all()
        return [(i, s, n) for i, s, n in rows]

    def school(self, slug: str) -> TenantRepo:
        """The repository of a school *of this trust*; any other slug is :class:`NotFound`."""
        tid = self.session.scalar(
            select(Tenant.id).where(
                Tenant.slug == slug.casefold(), Tenant.trust_id == self.trust_id
            )
        )
        if tid is None:
            raise NotFound("school not found")
        return TenantRepo(self.session, tid)

    def adopt_school(self, tenant_id: str) -> None:
        """Put an existing school with no trust under this trust."""
        t = self.session.get(Tenant, tenant_id)
        if t is None:
            raise NotFound("school not found")
        if t.trust_id is not None and t.trust_id != self.trust_id:
            raise Conflict("the school already belongs to another trust")
        settings = TenantSettings.model_validate_json(t.settings_json)
        trust = self._trust()
        if (
            trust.entra_tenant_id
            and (settings.outlook.entra_tenant_id or "").lower() == trust.entra_tenant_id
        ) or (
            trust.google_domain
            and (settings.gmail.google_domain or "").lower() == trust.google_domain
        ):
            raise Conflict("the school's own Entra tenant or Google domain is the trust's")
        t.trust_id = self.trust_id
        self._bump()
        self.session.flush()

    # -- domains and identities -------------------------------------------------------

    def domains(self) -> list[str]:
        return sorted(
            self.session.scalars(
                select(TrustDomain.domain).where(TrustDomain.trust_id == self.trust_id)
            )
        )

    def set_domains(self, domains: Iterable[object]) -> list[str]:
        """Replace the trust's shared sender domains (validated like a school's; may be
        empty). A domain another trust or any school holds is a :class:`Conflict`."""
        wanted: list[str] = []
        for i, raw in enumerate(domains):
            try:
                wanted.append(email_domain("x@" + sender_domain(raw)))
            except DomainError as exc:
                raise DomainError(f"domain {i + 1}: {exc}") from None
        wanted = list(dict.fromkeys(wanted))
        taken = domains_held_by_trusts(self.session, wanted, except_trust=self.trust_id)
        taken += sorted(
            self.session.scalars(select(TenantDomain.domain).where(TenantDomain.domain.in_(wanted)))
        )
        if taken:
            raise Conflict(f"domain already belongs to another school or trust: {', '.join(taken)}")
        self.session.execute(delete(TrustDomain).where(TrustDomain.trust_id == self.trust_id))
        self.session.add_all(TrustDomain(domain=d, trust_id=self.trust_id) for d in wanted)
        self._bump()
        self.session.flush()
        return sorted(wanted)

    def set_identities(self, entra_tenant_id: str | None, google_domain: str | None) -> None:
        """The trust's Entra tenant id and Google domain (``None`` clears one). Refused
        if another trust or any school has it."""
        from pydantic import ValidationError

        entra = (entra_tenant_id or "").strip().lower() or None
        google = (google_domain or "").strip().lower() or None
        try:
            if google is not None:
                google = sender_domain(google)
            TenantSettings.model_validate({"outlook": {"entra_tenant_id": entra}})
        except (ValidationError, DomainError) as exc:
            if isinstance(exc, ValidationError):
                raise IdentityError(f"entra_tenant_id: {exc.errors()[0]['msg']}") from None
            raise IdentityError(f"google_domain: {exc}") from None
        mine = {"entra": entra, "google": google}
        for other in self.session.scalars(select(Trust).where(Trust.id != self.trust_id)):
            if entra and other.entra_tenant_id == entra:
                raise Conflict("entra_tenant_id already belongs to another trust")
            if google and other.google_domain == google:
                raise Conflict("google_domain already belongs to another trust")
        for raw in self.session.scalars(select(Tenant.settings_json)):
            theirs = identities(TenantSettings.model_validate_json(raw))
            if set(theirs.values()) & {v for v in mine.values() if v}:
                raise Conflict("that identity already belongs to a school")
        t = self._trust()
        t.entra_tenant_id, t.google_domain = entra, google
        self._bump()
        self.session.flush()

    # -- policy --------------------------------------------------------------------

    def policy_overlay(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self._trust().policy_json)
        return data

    def put_policy(self, overlay: Any, *, by: str) -> int:
        """Replace the trust's overlay (validated on its own and under each school's
        policy and staff groups: a change that would make a school's policy, or a
        staff group's, invalid is refused)."""
        norm = validate_overlay(overlay)
        for tid, slug, _ in self.schools():
            school = TenantRepo(self.session, tid)
            try:
                check_school_policy(school, school.policy().content_dict(), trust_overlay=norm)
            except LevelError as exc:
                where = (
                    f"school {slug}'s own policy"
                    if exc.where == "the trust's policy"
                    else f"school {slug} and {exc.where}"
                )
                shown = "; ".join(
                    f"{'.'.join(str(p) for p in loc) or 'policy'}: {m}" for loc, m in exc.problems
                )
                raise OverlayError(f"with {where}: {shown}") from None
        t = self._trust()
        t.policy_json = json.dumps(norm, sort_keys=True)
        t.policy_version = t.policy_version + 1
        t.policy_updated_by = by[:100]
        t.policy_updated_at = _now()
        self._bump()
        self.session.flush()
        return t.policy_version

    # -- staff groups (trust level) -------------------------------------------------

    def staff_groups(self) -> list[StaffGroup]:
        rows = self.session.scalars(
            select(StaffGroupPolicy)
            .where(StaffGroupPolicy.trust_id == self.trust_id)
            .order_by(StaffGroupPolicy.position, StaffGroupPolicy.name)
        )
        return [_group(r, "trust") for r in rows]

    def put_staff_group(
        self,
        name: str,
        *,
        roles: Iterable[object] = (),
        departments: Iterable[object] = (),
        policy: Any = None,
        position: int = 0,
        by: str,
    ) -> StaffGroup:
        overlay = self.policy_overlay()
        patch = normalise(policy or {})
        for tid, slug, _ in self.schools():  # the group applies in every school of the trust
            school_doc = TenantRepo(self.session, tid).policy().content_dict()
            if problems := layer_problems([overlay, school_doc, patch]):
                shown = "; ".join(
                    f"{'.'.join(str(p) for p in loc) or 'policy'}: {m}" for loc, m in problems
                )
                raise OverlayError(f"with school {slug}'s own policy: {shown}")
        g = _put_group(
            self.session,
            {"trust_id": self.trust_id, "tenant_id": None},
            name,
            roles,
            departments,
            policy or {},
            position,
            [self.policy_overlay()],
            by,
        )
        self._bump()
        return g

    def delete_staff_group(self, name: str) -> None:
        res = self.session.execute(
            delete(StaffGroupPolicy).where(
                StaffGroupPolicy.trust_id == self.trust_id, StaffGroupPolicy.name == name
            )
        )
        if not res.rowcount:  # type: ignore[attr-defined]
            raise NotFound("staff group not found")
        self._bump()

    # -- keys ------------------------------------------------------------------

    def create_admin_key(self, label: str = "") -> str:
        self._trust()
        key = "etq_trust_" + secrets.token_urlsafe(32)
        self.session.add(
            TrustApiKey(
                trust_id=self.trust_id, key_hash=hash_key(key), label=label[:100], created_at=_now()
            )
        )
        self._bump()
        self.session.flush()
        return key

    def api_keys(self) -> list[tuple[int, str, datetime]]:
        """(id, label, created) of the trust's live admin keys: never the key or its hash."""
        rows = self.session.execute(
            select(TrustApiKey.id, TrustApiKey.label, TrustApiKey.created_at)
            .where(TrustApiKey.trust_id == self.trust_id, TrustApiKey.revoked_at.is_(None))
            .order_by(TrustApiKey.id)
        ).all()
        return [(i, label, at) for i, label, at in rows]

    def revoke_key(self, key_id: int) -> None:
        """Revoke a trust admin key (refused for the last one: make another first)."""
        live = [k[0] for k in self.api_keys()]
        if key_id not in live:
            raise NotFound("key not found")
        if len(live) <= 1:
            raise Conflict("this is the trust's last admin key: make another first")
        self.session.execute(
            update(TrustApiKey).where(TrustApiKey.id == key_id).values(revoked_at=_now())
        )
        self._bump()
        self.session.flush()

    def keys(self) -> dict[str, str]:
        rows = self.session.execute(
            select(TrustApiKey.key_hash, TrustApiKey.label).where(
                TrustApiKey.trust_id == self.trust_id, TrustApiKey.revoked_at.is_(None)
            )
        ).all()
        return {h: label for h, label in rows}

    def record(self) -> TrustRecord:
        t = self._trust()
        return TrustRecord(
            id=t.id,
            slug=t.slug,
            name=t.name,
            revision=t.revision,
            domains=tuple(self.domains()),
            entra_tenant_id=t.entra_tenant_id,
            google_domain=t.google_domain,
            policy=json.loads(t.policy_json),
            policy_version=t.policy_version,
            groups=tuple(self.staff_groups()),
            keys=self.keys(),
            schools=tuple((i, s) for i, s, _ in self.schools()),
            notifications=self.notifications(),
        )

    def notifications(self) -> NotificationSettings | None:
        raw = self._trust().notifications_json
        return None if raw in ("", "{}") else NotificationSettings.model_validate_json(raw)

    def set_notifications(self, settings: NotificationSettings | None) -> None:
        """The trust's default notification settings (``None`` removes it); its
        schools reload."""
        t = self._trust()
        t.notifications_json = "{}" if settings is None else settings.model_dump_json()
        self._bump()
        self.session.flush()


# -- a school's own staff groups (read and written through its TenantRepo) -------------


def school_staff_groups(repo: TenantRepo) -> list[StaffGroup]:
    rows = repo.session.scalars(
        repo.scope(select(StaffGroupPolicy)).order_by(
            StaffGroupPolicy.position, StaffGroupPolicy.name
        )
    )
    return [_group(r, "school") for r in rows]


def school_trust_id(repo: TenantRepo) -> str | None:
    return repo.session.scalar(select(Tenant.trust_id).where(Tenant.id == repo.tenant_id))


def school_layers_above(repo: TenantRepo) -> list[dict[str, Any]]:
    """The overlays above a school's staff groups: the trust's (if any) and the school's."""
    above: list[dict[str, Any]] = []
    trust_id = school_trust_id(repo)
    if trust_id is not None:
        above.append(TrustRepo(repo.session, trust_id).policy_overlay())
    above.append(repo.policy().content_dict())
    return above


def check_school_policy(
    repo: TenantRepo, document: Mapping[str, Any], *, trust_overlay: Mapping[str, Any] | None = None
) -> None:
    """A school's own policy ``document`` (as it will be stored: what the school
    sets) must make a valid policy under its trust's overlay, and under that with
    each staff group (the trust's and the school's). Raises
    :class:`~app.trusts.overlay.LevelError` naming the level and the settings.

    A trust has no locked settings or floors: the school's document overrides the
    trust's key by key, so this refuses only combinations that are not a policy
    (e.g. the trust's working day starting after the school's ends). ``trust_overlay``:
    the trust's overlay as it is about to be, instead of the stored one."""
    above: list[Mapping[str, Any]] = []
    groups: list[StaffGroup] = []
    trust_id = school_trust_id(repo)
    if trust_id is not None:
        trust = TrustRepo(repo.session, trust_id)
        above.append(trust.policy_overlay() if trust_overlay is None else trust_overlay)
        groups.extend(trust.staff_groups())
        if problems := layer_problems([*above, document]):
            raise LevelError("the trust's policy", problems)
    groups.extend(school_staff_groups(repo))
    for g in group_order(groups):
        if problems := layer_problems([*above, document, g.patch]):
            level = "the trust's" if g.level == "trust" else "the school's"
            raise LevelError(f"{level} staff group {g.name}", problems)


def put_school_staff_group(
    repo: TenantRepo,
    name: str,
    *,
    roles: Iterable[object] = (),
    departments: Iterable[object] = (),
    policy: Any = None,
    position: int = 0,
    by: str,
) -> StaffGroup:
    repo.settings()  # the school exists (NotFound otherwise)
    g = _put_group(
        repo.session,
        {"trust_id": None, "tenant_id": repo.tenant_id},
        name,
        roles,
        departments,
        policy or {},
        position,
        school_layers_above(repo),
        by,
    )
    repo._bump()
    return g


def delete_school_staff_group(repo: TenantRepo, name: str) -> None:
    res = repo.session.execute(
        repo.scope(delete(StaffGroupPolicy)).where(StaffGroupPolicy.name == name)
    )
    if not res.rowcount:  # type: ignore[attr-defined]
        raise NotFound("staff group not found")
    repo._bump()


class TrustStore:
    """Operations across trusts: creating them, finding them, loading them."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def scoped(self, session: Session, trust_id: str) -> TrustRepo:
        if session.get(Trust, trust_id) is None:
            raise NotFound("trust not found")
        return TrustRepo(session, trust_id)

    def create_trust(
        self,
        slug: str,
        name: str,
        domains: Iterable[str] = (),
        *,
        entra_tenant_id: str | None = None,
        google_domain: str | None = None,
        policy: Any = None,
        key_label: str = "setup",
        by: str = "setup",
    ) -> tuple[str, str]:
        """Create a trust with its domains, identities, policy and first admin key in
        one transaction. Returns (trust id, the key, shown once)."""
        slug = school_slug(slug)
        with self.db.session() as s:
            if s.scalar(select(Trust.id).where(Trust.slug == slug)) is not None:
                raise Conflict(f"a trust with slug {slug!r} exists")
            trust_id = str(uuid.uuid4())
            s.add(
                Trust(id=trust_id, slug=slug, name=name[:200], policy_json="{}", created_at=_now())
            )
            s.flush()
            repo = TrustRepo(s, trust_id)
            repo.set_domains(domains)
            if entra_tenant_id or google_domain:
                repo.set_identities(entra_tenant_id, google_domain)
            if policy:
                repo.put_policy(policy, by=by)
            key = repo.create_admin_key(key_label)
        return trust_id, key

    def create_school(
        self,
        trust_id: str,
        slug: str,
        name: str,
        domains: Iterable[str] = (),
        *,
        policy: Policy | None = None,
        people: Sequence[Person] | None = None,
        groups: Sequence[Group] | None = None,
        key_role: str = "admin",
        key_label: str = "setup",
        by: str = "setup",
    ) -> tuple[str, str]:
        """A new school under the trust, all or nothing. Its own sender domains are
        optional: the trust's are shared. Returns (tenant id, the school's key)."""
        slug = school_slug(slug)
        own = [d for d in domains]
        with self.db.session() as s:
            trust = self.scoped(s, trust_id)
            if s.scalar(select(Tenant.id).where(Tenant.slug == slug)) is not None:
                raise Conflict(f"a school with slug {slug!r} exists")
            tenant_id = str(uuid.uuid4())
            s.add(
                Tenant(
                    id=tenant_id,
                    slug=slug,
                    name=name,
                    settings_json="{}",
                    revision=1,
                    directory_version=0,
                    created_at=_now(),
                    trust_id=trust_id,
                )
            )
            s.flush()
            repo = TenantRepo(s, tenant_id)
            if own:
                repo.set_domains(own)
            if policy is not None:
                validate_overlay(policy.content_dict(), above=[trust.policy_overlay()])
                repo.put_policy(policy, by=by, comment="initial policy")
            if people is not None or groups is not None:
                repo.replace_directory(people, groups)
            key = repo.create_api_key(key_role, key_label)
        return tenant_id, key

    def trust_id_for_slug(self, slug: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(Trust.id).where(Trust.slug == slug.casefold()))

    def revisions(self) -> dict[str, int]:
        with self.db.session() as s:
            return {i: r for i, r in s.execute(select(Trust.id, Trust.revision)).all()}

    def load(self, trust_id: str) -> TrustRecord:
        with self.db.session() as s:
            return self.scoped(s, trust_id).record()

    def school_groups(self, tenant_id: str) -> list[StaffGroup]:
        with self.db.session() as s:
            return school_staff_groups(TenantRepo(s, tenant_id))

    def count(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Trust)) or 0)
