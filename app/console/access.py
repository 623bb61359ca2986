"""Which schools a signed-in person reaches, and with which roles.

An assignment counts only where the sign-in's organisation is the school's
own (or its trust's): an Entra ID sign-in from the tenant configured for the
school (``outlook.entra_tenant_id``) or its trust, a Google sign-in from the
school's (or trust's) Workspace domain (``gmail.google_domain``, the token's
``hd``). So an account that merely
*claims* a school's address from some other tenant reaches nothing. The
demo's local sign-in reaches the demo school only, and only in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.console.auth import Identity
from app.console.roles import Permission, Role, permissions
from app.demo import SLUG as DEMO_SLUG
from app.runtime import Runtime
from app.store.console import ConsoleStore
from app.tenant_state import TenantState


@dataclass(frozen=True, slots=True)
class SchoolAccess:
    school: TenantState
    roles: frozenset[Role]

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


def _org_matches(identity: Identity, school: TenantState, runtime: Runtime) -> bool:
    if identity.provider == "demo":
        return runtime.settings.demo and school.slug == DEMO_SLUG and identity.org == "demo"
    trust = runtime.trust(school.trust_id) if school.trust_id else None
    if identity.provider == "entra":
        orgs = {school.settings.outlook.entra_tenant_id, trust.entra_tenant_id if trust else None}
    elif identity.provider == "google":
        orgs = {school.settings.gmail.google_domain, trust.google_domain if trust else None}
    else:
        return False
    return identity.org in {o.lower() for o in orgs if o}


def reach(identity: Identity, runtime: Runtime, store: ConsoleStore) -> dict[str, SchoolAccess]:
    """slug -> access, for every loaded school the identity holds a role at."""
    roles: dict[str, set[Role]] = {}
    for a in store.assignments_for(identity.email, identity.groups):
        if a.scope.tenant_id is not None:
            school = runtime.tenant(a.scope.tenant_id)
            schools = [school] if school is not None else []
        else:
            schools = [s for s in runtime.tenants() if s.trust_id == a.scope.trust_id]
        for s in schools:
            if _org_matches(identity, s, runtime):
                roles.setdefault(s.id, set()).add(Role(a.role))
    out = {}
    for tenant_id, rs in roles.items():
        school = runtime.tenant(tenant_id)
        if school is not None:
            out[school.slug] = SchoolAccess(school, frozenset(rs))
    return dict(sorted(out.items()))
