"""First set-up: name a school's (or a trust's) first console admin.

``etiquette school create ... --admin-email a@school.org`` and ``etiquette
trust create ... --admin-email`` call :func:`first_admin`; that person then
signs in to the console and gives everyone else their roles there.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from app.console.roles import Role
from app.errors import Invalid
from app.store.console import ConsoleStore, Scope
from app.store.db import Database


class AdminEmailError(Invalid):
    """Not an email address: ``str(exc)`` says why."""


def admin_email(raw: str) -> str:
    """The address, normalised (lower case); checked before anything is written."""
    try:
        out = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise AdminEmailError(f"--admin-email: {exc}") from None
    return out.normalized.lower()


def first_admin(db: Database, scope: Scope, email: str, *, by: str = "cli") -> None:
    store = ConsoleStore(db)
    a = store.assign(scope, principal_kind="email", principal=email, role=Role.ADMIN, by=by)
    store.record(scope, actor=by, code="role.assign", target=str(a.id))
