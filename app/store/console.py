"""The console's store: sessions, role assignments and the change log.

Sessions are looked up by the SHA-256 of their id. Role assignments are read
per person (their email and group ids), and written per scope: a school
(``tenant_id``) or a trust (``trust_id``), never both. Every function opens
its own transaction on the shared :class:`~app.store.db.Database`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, delete, or_, select
from sqlalchemy.exc import IntegrityError

from app.errors import Conflict, NotFound
from app.store.console_models import AdminChange, ConsoleSession, RoleAssignment
from app.store.db import Database
from app.store.scope import SchoolScope


def _now() -> datetime:
    return datetime.now(UTC)


def session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class SessionRow:
    provider: str
    email: str
    org: str
    groups: tuple[str, ...]
    csrf: str
    expires_at: datetime
    groups_unknown: bool = False


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a role applies: one school or one trust."""

    tenant_id: str | None = None
    trust_id: str | None = None

    def __post_init__(self) -> None:
        if (self.tenant_id is None) == (self.trust_id is None):
            raise ValueError("a scope is a school or a trust")


@dataclass(frozen=True, slots=True)
class Assignment:
    id: int
    scope: Scope
    principal_kind: str  # email | group
    principal: str
    role: str
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Change:
    actor: str
    code: str
    target: str
    at: datetime


_Row = TypeVar("_Row", RoleAssignment, AdminChange)


def _within(scope: Scope, model: type[_Row]) -> Select[_Row]:
    """``select(model)`` of one school's rows (through :class:`SchoolScope`) or one
    trust's (its own rows, not its schools')."""
    if scope.tenant_id is not None:
        return SchoolScope(scope.tenant_id)(select(model))
    return select(model).where(model.trust_id == scope.trust_id, model.tenant_id.is_(None))


def _assignment(r: RoleAssignment) -> Assignment:
    return Assignment(
        r.id,
        Scope(r.tenant_id, r.trust_id),
        r.principal_kind,
        r.principal,
        r.role,
        r.created_by,
        r.created_at,
    )


class ConsoleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Sessions
    def create_session(
        self,
        session_id: str,
        *,
        provider: str,
        email: str,
        org: str,
        groups: Iterable[str],
        csrf: str,
        expires_at: datetime,
        groups_unknown: bool = False,
    ) -> None:
        """``groups_unknown``: the sign-in could not tell the person's groups; kept
        as a leading ``?`` in the groups column (no group id starts with one)."""
        with self.db.session() as s:
            s.add(
                ConsoleSession(
                    id_hash=session_hash(session_id),
                    provider=provider,
                    email=email.lower(),
                    org=org.lower(),
                    groups=";".join(["?", *groups] if groups_unknown else groups)[:4000],
                    csrf=csrf,
                    created_at=_now(),
                    expires_at=expires_at,
                )
            )

    def session(self, session_id: str) -> SessionRow | None:
        """The live session with this id; an expired one is deleted and ``None``."""
        with self.db.session() as s:
            row = s.get(ConsoleSession, session_hash(session_id))
            if row is None:
                return None
            if row.expires_at <= _now():
                s.delete(row)
                return None
            groups = tuple(g for g in row.groups.split(";") if g)
            unknown = groups[:1] == ("?",)
            return SessionRow(
                row.provider,
                row.email,
                row.org,
                groups[1:] if unknown else groups,
                row.csrf,
                row.expires_at,
                unknown,
            )

    def delete_session(self, session_id: str) -> None:
        with self.db.session() as s:
            s.execute(
                delete(ConsoleSession).where(ConsoleSession.id_hash == session_hash(session_id))
            )

    def purge_sessions(self) -> int:
        with self.db.session() as s:
            res = s.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= _now()))
            return int(res.rowcount or 0)  # type: ignore[attr-defined]

    # Roles
    def assignments_for(self, email: str, groups: Iterable[str]) -> list[Assignment]:
        """Every assignment naming this person or one of their groups, anywhere."""
        groups = [g.lower() for g in groups if g]
        match: ColumnElement[bool] = (RoleAssignment.principal_kind == "email") & (
            RoleAssignment.principal == email.lower()
        )
        if groups:
            match = or_(
                match,
                (RoleAssignment.principal_kind == "group") & RoleAssignment.principal.in_(groups),
            )
        with self.db.session() as s:
            rows = s.scalars(select(RoleAssignment).where(match).order_by(RoleAssignment.id))
            return [_assignment(r) for r in rows]

    def group_principals(self) -> list[str]:
        """Every group id that holds a role anywhere (for a sign-in's groups overage)."""
        with self.db.session() as s:
            rows = s.scalars(
                select(RoleAssignment.principal)
                .where(RoleAssignment.principal_kind == "group")
                .distinct()
            )
            return sorted(rows)

    def assignments(self, scope: Scope) -> list[Assignment]:
        with self.db.session() as s:
            rows = s.scalars(
                _within(scope, RoleAssignment).order_by(
                    RoleAssignment.principal, RoleAssignment.role
                )
            )
            return [_assignment(r) for r in rows]

    def assign(
        self, scope: Scope, *, principal_kind: str, principal: str, role: str, by: str
    ) -> Assignment:
        """Raises :class:`Conflict` if the same assignment exists already."""
        try:
            with self.db.session() as s:
                exists = _within(scope, RoleAssignment).where(
                    RoleAssignment.principal_kind == principal_kind,
                    RoleAssignment.principal == principal.lower(),
                    RoleAssignment.role == role,
                )
                if s.scalars(exists).first() is not None:
                    raise Conflict("that role is already assigned")
                row = RoleAssignment(
                    tenant_id=scope.tenant_id,
                    trust_id=scope.trust_id,
                    principal_kind=principal_kind,
                    principal=principal.lower(),
                    role=role,
                    created_by=by.lower(),
                    created_at=_now(),
                )
                s.add(row)
                s.flush()
                return _assignment(row)
        except IntegrityError:
            # A concurrent identical insert. The look-up above is what usually
            # answers: a NULL scope column defeats the unique constraint.
            raise Conflict("that role is already assigned") from None

    def unassign(self, scope: Scope, assignment_id: int) -> Assignment:
        """Remove an assignment of this scope; another scope's id is :class:`NotFound`."""
        with self.db.session() as s:
            row = s.scalars(
                _within(scope, RoleAssignment).where(RoleAssignment.id == assignment_id)
            ).first()
            if row is None:  # or another school's: the same answer
                raise NotFound("role assignment not found")
            out = _assignment(row)
            s.delete(row)
            return out

    # Change log
    def record(self, scope: Scope, *, actor: str, code: str, target: str = "") -> None:
        with self.db.session() as s:
            s.add(
                AdminChange(
                    tenant_id=scope.tenant_id,
                    trust_id=scope.trust_id,
                    actor=actor.lower(),
                    code=code,
                    target=target[:100],
                    at=_now(),
                )
            )

    def changes(self, scope: Scope, *, limit: int = 100) -> list[Change]:
        with self.db.session() as s:
            rows = s.scalars(
                _within(scope, AdminChange).order_by(AdminChange.id.desc()).limit(limit)
            )
            return [Change(r.actor, r.code, r.target, r.at) for r in rows]
