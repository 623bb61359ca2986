"""Who holds a sender domain or a sign-in identity, across schools and trusts.

A domain or an identity (Entra tenant, Google domain) routes mail and users to
one school or one trust, so no two may share one. Both the school repository
(``repository.py``) and the trust repository (``trusts.py``) ask these
questions, so the answers live below both.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.trust_models import Trust, TrustDomain
from app.tenants import TenantSettings


def identities(settings: TenantSettings) -> dict[str, str]:
    """The identities that route a user to a school: no two schools may share one."""
    out = {}
    if settings.outlook.entra_tenant_id:
        out["outlook.entra_tenant_id"] = settings.outlook.entra_tenant_id.lower()
    if settings.gmail.google_domain:
        out["gmail.google_domain"] = settings.gmail.google_domain.lower()
    return out


def domains_held_by_trusts(
    session: Session, domains: Iterable[str], *, except_trust: str | None = None
) -> list[str]:
    q = select(TrustDomain.domain).where(TrustDomain.domain.in_(list(domains)))
    if except_trust is not None:
        q = q.where(TrustDomain.trust_id != except_trust)
    return sorted(session.scalars(q))


def identities_held_by_trusts(session: Session, settings: TenantSettings) -> list[str]:
    """Which of a school's identities (Entra tenant, Google domain) a trust holds."""
    clash = []
    entra = (settings.outlook.entra_tenant_id or "").lower()
    google = (settings.gmail.google_domain or "").lower()
    if entra and session.scalar(select(Trust.id).where(Trust.entra_tenant_id == entra)):
        clash.append("outlook.entra_tenant_id")
    if google and session.scalar(select(Trust.id).where(Trust.google_domain == google)):
        clash.append("gmail.google_domain")
    return clash
