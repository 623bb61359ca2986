"""The trust's own Roles page (``/console/trusts/{trust}/roles``): a trust's
admins assign trust-scoped roles, which reach every school of the trust.

Until now only ``etiquette trust create --admin-email`` made one. Same store
functions as a school's Roles page (:class:`~app.store.console.ConsoleStore`
``assign``/``unassign`` with a trust :class:`~app.store.console.Scope`), the
same change log (recorded at the trust), and the same last-admin rule: the
trust's last admin stays (removing them would lock the trust's page, and
could leave a school with no admin at all).

Who reaches a trust: a role held at the trust, from a sign-in of the trust's
own organisation (its Entra tenant or Google Workspace domain), as
:mod:`app.console.access` decides for schools. Anyone else gets the same 404
as for a trust that does not exist.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app.console.roles import ROLE_LABELS, Permission, Role, permissions
from app.console.routes import FormDep, PageError, UserDep, not_found, parse_assignment, render
from app.console.sessions import User
from app.demo import SLUG as DEMO_SLUG
from app.errors import Conflict, NotFound
from app.runtime import Runtime
from app.store.console import Assignment, ConsoleStore, Scope
from app.store.trusts import TrustRecord
from app.text import whole_number

router = APIRouter(prefix="/console", include_in_schema=False)


@dataclass(frozen=True, slots=True)
class TrustHere:
    user: User
    trust: TrustRecord
    roles: frozenset[Role]

    def can(self, permission: Permission) -> bool:
        return permission in permissions(self.roles)

    @property
    def scope(self) -> Scope:
        return Scope(trust_id=self.trust.id)


def _store(request: Request) -> ConsoleStore:
    runtime: Runtime = request.app.state.runtime
    return ConsoleStore(runtime.store.db)


def trust_access(user: User, runtime: Runtime, store: ConsoleStore) -> dict[str, TrustHere]:
    """slug -> access, for every trust the signed-in person holds a role at."""
    identity = user.identity
    roles: dict[str, set[Role]] = {}
    for a in store.assignments_for(identity.email, identity.groups):
        if a.scope.trust_id is not None:
            roles.setdefault(a.scope.trust_id, set()).add(Role(a.role))
    out: dict[str, TrustHere] = {}
    for trust_id, rs in roles.items():
        trust = runtime.trust(trust_id)
        if trust is None:
            continue
        if identity.provider == "entra":
            org = trust.entra_tenant_id
        elif identity.provider == "google":
            org = trust.google_domain
        elif identity.provider == "demo" and runtime.settings.demo:
            # The demo's local sign-in: only a trust the demo school belongs to.
            demo = [s for s in runtime.tenants() if s.trust_id == trust_id and s.slug == DEMO_SLUG]
            org = "demo" if demo else None
        else:
            org = None
        if org and identity.org == org.lower():
            out[trust.slug] = TrustHere(user, trust, frozenset(rs))
    return out


def require_trust(permission: Permission) -> Callable[..., Awaitable[TrustHere]]:
    """The signed-in user at ``{trust}`` with ``permission`` (else 404, or 403)."""

    async def dep(request: Request, trust: str, user: UserDep) -> TrustHere:
        runtime: Runtime = request.app.state.runtime
        trusts = await asyncio.to_thread(trust_access, user, runtime, _store(request))
        here = trusts.get(trust)
        if here is None:
            raise not_found()
        if not here.can(permission):
            raise PageError(
                403,
                "Not allowed",
                "Your role at this trust does not include this page or action. "
                "Ask the trust's Etiquette admin.",
            )
        return here

    return dep


TrustRolesRead = Annotated[TrustHere, Depends(require_trust(Permission.ROLES_READ))]
TrustRolesWrite = Annotated[TrustHere, Depends(require_trust(Permission.ROLES_WRITE))]


def _go(here: TrustHere) -> RedirectResponse:
    return RedirectResponse(f"/console/trusts/{here.trust.slug}/roles", status_code=303)


@router.get("/trusts/{trust}/roles")
async def trust_roles_page(request: Request, here: TrustRolesRead) -> Response:
    store = _store(request)
    own = await asyncio.to_thread(store.assignments, here.scope)
    changes = await asyncio.to_thread(store.changes, here.scope, limit=20)
    runtime: Runtime = request.app.state.runtime
    schools = sorted(
        (s for s in runtime.tenants() if s.trust_id == here.trust.id), key=lambda s: s.name
    )
    return render(
        request,
        "trust_roles.html",
        here=None,
        user=here.user,
        trust_here=here,
        own=own,
        changes=changes,
        schools=schools,
        labels=ROLE_LABELS,
        roles=list(Role),
        P=Permission,
    )


@router.post("/trusts/{trust}/roles")
async def assign_trust_role(request: Request, here: TrustRolesWrite, form: FormDep) -> Response:
    kind, principal, role = parse_assignment(form)
    store = _store(request)
    try:
        a = await asyncio.to_thread(
            store.assign,
            here.scope,
            principal_kind=kind,
            principal=principal,
            role=role,
            by=here.user.identity.email,
        )
    except Conflict:
        raise PageError(409, "Already assigned", "That role is already assigned.") from None
    await asyncio.to_thread(
        store.record,
        here.scope,
        actor=here.user.identity.email,
        code="role.assign",
        target=str(a.id),
    )
    return _go(here)


@router.post("/trusts/{trust}/roles/{assignment_id}/remove")
async def remove_trust_role(
    request: Request, here: TrustRolesWrite, form: FormDep, assignment_id: str
) -> Response:
    found = whole_number(assignment_id, 2**31 - 1, least=1)
    if found is None:
        raise not_found()
    wanted = found
    store = _store(request)

    def remove() -> Assignment:
        admins = [a.id for a in store.assignments(here.scope) if a.role == Role.ADMIN]
        if admins == [wanted]:
            raise PageError(
                409, "Role not removed", "This is the trust's last admin: add another first."
            )
        return store.unassign(here.scope, wanted)

    try:
        a = await asyncio.to_thread(remove)
    except NotFound:
        raise not_found() from None
    await asyncio.to_thread(
        store.record,
        here.scope,
        actor=here.user.identity.email,
        code="role.remove",
        target=str(a.id),
    )
    return _go(here)
