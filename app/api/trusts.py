"""The trust admin's API, and the trust-related parts of a school's.

``/v1/admin/trusts/{trust}``: the trust (shared domains, Entra tenant, Google
domain, policy overlay, staff groups), with a trust admin key of that trust;
anyone else gets 404. A trust admin key also administers every school of its
trust under ``/v1/admin/schools/{school}`` (see ``api/deps.py``), and gets 404
for any other school.

``/v1/admin/schools/{school}/policy/effective`` shows the policy a sender's
checks use and the levels it comes from; ``/staff-groups`` are the school's
own staff-group overrides.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, status
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import TRUST_ADMIN, AdminDep, OptionalCallerDep, RuntimeDep, TenantRepoDep
from app.api.deps import unauthorized as _unauthorized
from app.errors import NotFound
from app.hosts import Caller
from app.runtime import Runtime
from app.schools import DomainError
from app.store.trusts import (
    IdentityError,
    TrustRepo,
    delete_school_staff_group,
    put_school_staff_group,
    school_staff_groups,
)
from app.tenants import NotificationSettings
from app.trusts.overlay import OverlayError, StaffGroup, build

router = APIRouter(prefix="/v1/admin/trusts/{trust}", tags=["trusts"])
school_router = APIRouter(prefix="/v1/admin/schools/{school}", tags=["trusts"])

_NOT_FOUND = "trust not found"


def trust_admin(
    trust: Annotated[str, Path(description="The trust's slug.", max_length=64)],
    caller: OptionalCallerDep,
    runtime: RuntimeDep,
) -> Caller:
    if caller is None:
        raise _unauthorized("an admin API key is required")
    record = runtime.trust(caller.trust_id) if caller.trust_id else None
    # Another trust's slug, and any school key, answer 404: not ours to tell.
    if caller.role != TRUST_ADMIN or record is None or record.slug != trust:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=_NOT_FOUND)
    return caller


TrustAdminDep = Annotated[Caller, Depends(trust_admin)]


def trust_session(runtime: RuntimeDep, admin: TrustAdminDep) -> Any:
    assert admin.trust_id is not None
    with runtime.store.db.session() as session:
        try:
            yield runtime.trust_store.scoped(session, admin.trust_id)
        except NotFound:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=_NOT_FOUND) from None


# scope="function": committed before the answer is sent (see TenantRepoDep).
TrustRepoDep = Annotated[TrustRepo, Depends(trust_session, scope="function")]


# -- models ----------------------------------------------------------------------


class StaffGroupBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[str] = Field(
        default=[], max_length=50, description="Members: staff with one of these roles."
    )
    departments: list[str] = Field(
        default=[], max_length=50, description="...or in one of these departments."
    )
    policy: dict[str, Any] = Field(
        default={}, description="What the group changes (merge patch over the level above)."
    )
    position: int = Field(default=0, ge=0, le=1000, description="Order among groups (later wins).")


class StaffGroupUpdate(StaffGroupBase):
    pass


class StaffGroupPublic(StaffGroupBase):
    name: str = Field(description="The group's name.")
    level: str = Field(description="trust or school: where the group is defined.")


def _group_public(g: StaffGroup) -> StaffGroupPublic:
    return StaffGroupPublic(
        name=g.name,
        level=g.level,
        roles=list(g.roles),
        departments=list(g.departments),
        policy=dict(g.patch),
        position=g.position,
    )


class TrustPublic(BaseModel):
    slug: str = Field(description="The trust's slug.")
    name: str = Field(description="The trust's name.")
    domains: list[str] = Field(description="Sender domains the trust's schools share.")
    entra_tenant_id: str | None = Field(
        description="The trust's Microsoft Entra tenant id, if set."
    )
    google_domain: str | None = Field(description="The trust's Google Workspace domain, if set.")
    policy_version: int = Field(description="The trust policy's current version.")
    schools: list[str] = Field(description="The slugs of the trust's schools.")


class TrustPolicyPublic(BaseModel):
    version: int = Field(description="The trust policy's version.")
    overlay: dict[str, Any] = Field(description="What the trust changes from the defaults.")
    policy: dict[str, Any] = Field(description="The trust's policy, defaults filled in.")


class TrustPolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: dict[str, Any] = Field(
        description="What the trust changes from the defaults (the whole trust overlay)."
    )


class IdentitiesUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entra_tenant_id: str | None = Field(
        default=None,
        max_length=64,
        description="The trust's Microsoft Entra tenant id (a GUID), or null.",
    )
    google_domain: str | None = Field(
        default=None, max_length=253, description="The trust's Google Workspace domain, or null."
    )


class PolicyLayer(BaseModel):
    level: str = Field(description="trust | school | staff-group")
    name: str = Field(
        description="The level's name: the trust's or school's slug, or the staff group's name."
    )
    overlay: dict[str, Any] = Field(
        description="What this level changes (a merge patch over the level above)."
    )


class EffectivePolicyPublic(BaseModel):
    school: str = Field(description="The school whose policy this is.")
    sender: str = Field(description="The sender asked about (the admin's own query).")
    staff_groups: list[str] = Field(description="The sender's staff groups, in the order applied.")
    layers: list[PolicyLayer] = Field(description="Each level's overlay, top first.")
    policy: dict[str, Any] = Field(description="The effective policy, as checks use it.")


def _unprocessable(exc: Exception) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc))


async def _reload_trust(runtime: Runtime, trust_id: str) -> None:
    with contextlib.suppress(Exception):  # if it fails, the next poll catches up
        await asyncio.to_thread(runtime.reload_trust, trust_id)
    trust = runtime.trust(trust_id)
    for school_id, _ in trust.schools if trust else ():
        await runtime.announce(school_id)


async def _reload_school(runtime: Runtime, tenant_id: str) -> None:
    with contextlib.suppress(Exception):
        await asyncio.to_thread(runtime.reload_tenant, tenant_id)
    await runtime.announce(tenant_id)


# -- the trust ----------------------------------------------------------------------


@router.get("", operation_id="get_trust", response_model=TrustPublic)
def get_trust(repo: TrustRepoDep) -> TrustPublic:
    rec = repo.record()
    return TrustPublic(
        slug=rec.slug,
        name=rec.name,
        domains=list(rec.domains),
        entra_tenant_id=rec.entra_tenant_id,
        google_domain=rec.google_domain,
        policy_version=rec.policy_version,
        schools=[slug for _, slug in rec.schools],
    )


@router.get("/policy", operation_id="get_trust_policy", response_model=TrustPolicyPublic)
def get_trust_policy(repo: TrustRepoDep) -> TrustPolicyPublic:
    rec = repo.record()
    return TrustPolicyPublic(
        version=rec.policy_version,
        overlay=dict(rec.policy),
        policy=build([rec.policy]).model_dump(mode="json", exclude={"version"}),
    )


@router.put("/policy", operation_id="replace_trust_policy", response_model=TrustPolicyPublic)
async def replace_trust_policy(
    body: TrustPolicyUpdate, admin: TrustAdminDep, repo: TrustRepoDep, runtime: RuntimeDep
) -> TrustPolicyPublic:
    """Replace the trust's overlay: validated alone and under every school's own policy."""

    def write() -> TrustPolicyPublic:
        repo.put_policy(body.policy, by=admin.label)
        repo.session.commit()
        return get_trust_policy(repo)

    try:
        out = await asyncio.to_thread(write)
    except OverlayError as exc:
        raise _unprocessable(exc) from None
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)
    return out


@router.put("/domains", operation_id="replace_trust_domains")
async def replace_trust_domains(
    admin: TrustAdminDep,
    repo: TrustRepoDep,
    runtime: RuntimeDep,
    domains: Annotated[list[str], Body(max_length=100)],
) -> dict[str, list[str]]:
    """The sender domains the trust's schools share (the whole list; validated like a
    school's; 409 if another trust or any school has one)."""

    def write() -> list[str]:
        saved = repo.set_domains(domains)
        repo.session.commit()
        return saved

    try:
        saved = await asyncio.to_thread(write)
    except DomainError as exc:
        raise _unprocessable(exc) from None
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)
    return {"domains": saved}


@router.put("/identities", operation_id="replace_trust_identities", response_model=TrustPublic)
async def replace_trust_identities(
    body: IdentitiesUpdate, admin: TrustAdminDep, repo: TrustRepoDep, runtime: RuntimeDep
) -> TrustPublic:
    """The trust's one Entra tenant and one Google domain (409 if another has it)."""

    def write() -> TrustPublic:
        repo.set_identities(body.entra_tenant_id, body.google_domain)
        repo.session.commit()
        return get_trust(repo)

    try:
        out = await asyncio.to_thread(write)
    except (DomainError, IdentityError) as exc:
        raise _unprocessable(exc) from None
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)
    return out


@router.get(
    "/notifications", operation_id="get_trust_notifications", response_model=NotificationSettings
)
def get_trust_notifications(repo: TrustRepoDep) -> NotificationSettings:
    """The trust's default notification settings for its schools (all defaults, so
    off, if none is set). A school whose own ``notifications`` section is all
    defaults uses these."""
    return repo.notifications() or NotificationSettings()


@router.put(
    "/notifications",
    operation_id="replace_trust_notifications",
    response_model=NotificationSettings,
)
async def replace_trust_notifications(
    body: NotificationSettings, admin: TrustAdminDep, repo: TrustRepoDep, runtime: RuntimeDep
) -> NotificationSettings:
    """Replace the trust's default notification settings (a full replace; all
    defaults removes the default)."""

    def write() -> None:
        repo.set_notifications(None if body == NotificationSettings() else body)
        repo.session.commit()

    await asyncio.to_thread(write)
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)
    return body


@router.get(
    "/staff-groups", operation_id="list_trust_staff_groups", response_model=list[StaffGroupPublic]
)
def list_trust_staff_groups(repo: TrustRepoDep) -> list[StaffGroupPublic]:
    return [_group_public(g) for g in repo.staff_groups()]


@router.put(
    "/staff-groups/{name}", operation_id="put_trust_staff_group", response_model=StaffGroupPublic
)
async def put_trust_staff_group(
    name: Annotated[str, Path(max_length=63)],
    body: StaffGroupUpdate,
    admin: TrustAdminDep,
    repo: TrustRepoDep,
    runtime: RuntimeDep,
) -> StaffGroupPublic:
    """Create or change a trust-wide staff group's overrides (every school of the trust)."""

    def write() -> StaffGroup:
        g = repo.put_staff_group(
            name,
            roles=body.roles,
            departments=body.departments,
            policy=body.policy,
            position=body.position,
            by=admin.label,
        )
        repo.session.commit()
        return g

    try:
        g = await asyncio.to_thread(write)
    except OverlayError as exc:
        raise _unprocessable(exc) from None
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)
    return _group_public(g)


@router.delete(
    "/staff-groups/{name}",
    operation_id="delete_trust_staff_group",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_trust_staff_group(
    name: Annotated[str, Path(max_length=63)],
    admin: TrustAdminDep,
    repo: TrustRepoDep,
    runtime: RuntimeDep,
) -> None:
    def write() -> None:
        repo.delete_staff_group(name)
        repo.session.commit()

    await asyncio.to_thread(write)
    assert admin.trust_id is not None
    await _reload_trust(runtime, admin.trust_id)


# -- a school's side ------------------------------------------------------------------


@school_router.get(
    "/policy/effective", operation_id="get_effective_policy", response_model=EffectivePolicyPublic
)
def get_effective_policy(
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    sender: Annotated[str, Query(max_length=320, description="A sender's school address.")],
) -> EffectivePolicyPublic:
    """The policy this school's checks use for a sender, with the levels it comes from
    (trust → school → staff groups). The policy is the one this instance holds
    in memory, precomputed when the school loaded: exactly what a check uses."""
    state = admin.tenant
    address = sender.strip().lower()
    groups = state.policies.groups_for(address) if state.policies else ()
    layers: list[PolicyLayer] = []
    trust = runtime.trust(state.trust_id) if state.trust_id else None
    if trust is not None:
        layers.append(PolicyLayer(level="trust", name=trust.slug, overlay=dict(trust.policy)))
    layers.append(
        PolicyLayer(level="school", name=state.slug, overlay=repo.policy().content_dict())
    )
    every = [*(trust.groups if trust else ()), *school_staff_groups(repo)]
    for key in groups:
        level, _, name = key.partition(":")
        for g in every:
            if g.level == level and g.name == name:
                layers.append(PolicyLayer(level="staff-group", name=key, overlay=dict(g.patch)))
    return EffectivePolicyPublic(
        school=state.slug,
        sender=address,
        staff_groups=list(groups),
        layers=layers,
        policy=state.policy_for(address).model_dump(mode="json"),
    )


@school_router.get(
    "/staff-groups", operation_id="list_school_staff_groups", response_model=list[StaffGroupPublic]
)
def list_school_staff_groups(repo: TenantRepoDep) -> list[StaffGroupPublic]:
    return [_group_public(g) for g in school_staff_groups(repo)]


@school_router.put(
    "/staff-groups/{name}", operation_id="put_school_staff_group", response_model=StaffGroupPublic
)
async def put_school_staff_group_route(
    name: Annotated[str, Path(max_length=63)],
    body: StaffGroupUpdate,
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
) -> StaffGroupPublic:
    """Create or change one of the school's staff-group overrides."""

    def write() -> StaffGroup:
        g = put_school_staff_group(
            repo,
            name,
            roles=body.roles,
            departments=body.departments,
            policy=body.policy,
            position=body.position,
            by=admin.label,
        )
        repo.session.commit()
        return g

    try:
        g = await asyncio.to_thread(write)
    except OverlayError as exc:
        raise _unprocessable(exc) from None
    await _reload_school(runtime, admin.tenant.id)
    return _group_public(g)


@school_router.delete(
    "/staff-groups/{name}",
    operation_id="delete_school_staff_group",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_school_staff_group_route(
    name: Annotated[str, Path(max_length=63)],
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
) -> None:
    def write() -> None:
        delete_school_staff_group(repo, name)
        repo.session.commit()

    await asyncio.to_thread(write)
    await _reload_school(runtime, admin.tenant.id)
