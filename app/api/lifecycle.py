"""Keys and the school itself: list, create, revoke and rotate API keys;
delete the school with everything it holds.

Same prefix and admin key as :mod:`app.api.admin`. A key is shown once, when
it is created or rotated; afterwards an admin sees its label, role, when it
was created and last used, never the key or its hash. Revoking or rotating is
live at once on this instance and within a refresh on others. A school can be
disabled here (checks, keys and identities stop answering for it), but only
an operator can enable it again (``etiquette school enable``), since a
disabled school's own keys no longer work.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, Field

from app.api.admin import _reload
from app.api.deps import AdminDep, RuntimeDep, TenantRepoDep
from app.store.repository import KeyInfo

router = APIRouter(prefix="/v1/admin/schools/{school}", tags=["admin: keys and school"])

KeyId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The key's id (from GET /keys).")]


class KeyPublic(BaseModel):
    id: int = Field(description="The key's id, used to revoke or rotate it.")
    role: Literal["admin", "check"] = Field(description="admin: this API; check: /v1/check.")
    label: str = Field(description="Who or what the key is for.")
    created_at: datetime = Field(description="When the key was created.")
    last_used_at: datetime | None = Field(
        description="When the key was last accepted (to within a refresh interval); null if never."
    )

    @classmethod
    def of(cls, k: KeyInfo) -> KeyPublic:
        return cls(
            id=k.id,
            role=k.role,
            label=k.label,
            created_at=k.created_at,
            last_used_at=k.last_used_at,
        )


class KeyCreate(BaseModel):
    role: Literal["admin", "check"] = Field(default="check", description="The key's role.")
    label: str = Field(
        default="", max_length=100, pattern=r"^[^\x00-\x1f]*$", description="Who it is for."
    )


class KeyCreated(BaseModel):
    key: str = Field(description="The key itself: shown once, only its hash is stored.")
    info: KeyPublic = Field(description="The key's id, role, label and dates.")


class SchoolDeleted(BaseModel):
    deleted: str = Field(description="The slug of the school deleted.")
    removed: dict[str, int] = Field(description="Rows removed per table.")


@router.get("/keys", operation_id="list_keys", response_model=list[KeyPublic])
def list_keys(repo: TenantRepoDep) -> list[KeyPublic]:
    """The school's active keys: label, role, created, last used."""
    return [KeyPublic.of(k) for k in repo.api_keys()]


@router.post(
    "/keys",
    operation_id="create_key",
    response_model=KeyCreated,
    status_code=status.HTTP_201_CREATED,
)
async def create_key(
    body: KeyCreate, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> KeyCreated:
    """A new key for this school (shown once)."""

    def write() -> KeyCreated:
        info, key = repo.issue_key(body.role, body.label)
        repo.session.commit()
        return KeyCreated(key=key, info=KeyPublic.of(info))

    out = await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return out


@router.delete("/keys/{key_id}", operation_id="revoke_key", response_model=KeyPublic)
async def revoke_key(
    key_id: KeyId, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> KeyPublic:
    """Revoke a key. The school's last admin key cannot be revoked (409): rotate it."""

    def write() -> KeyInfo:
        info = repo.revoke_key(key_id)
        repo.session.commit()
        return info

    info = await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return KeyPublic.of(info)


@router.post("/keys/{key_id}/rotate", operation_id="rotate_key", response_model=KeyCreated)
async def rotate_key(
    key_id: KeyId, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> KeyCreated:
    """Replace a key with a new one (same role and label); the old one stops at once."""

    def write() -> KeyCreated:
        info, key = repo.rotate_key(key_id)
        repo.session.commit()
        return KeyCreated(key=key, info=KeyPublic.of(info))

    out = await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return out


class SchoolDisabled(BaseModel):
    disabled: str = Field(description="The slug of the school disabled.")


def _confirmed(confirm: str, slug: str, what: str) -> None:
    if confirm != slug:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            detail=f"{what}: repeat the school's slug in ?confirm=",
        )


Confirm = Annotated[str, Query(max_length=64, description="The school's slug again, to confirm.")]


@router.post("/disable", operation_id="disable_school", response_model=SchoolDisabled)
async def disable_school(
    admin: AdminDep, runtime: RuntimeDep, confirm: Confirm = ""
) -> SchoolDisabled:
    """Stop the school answering: its checks, keys (this one too) and identities.
    Nothing is deleted; ``etiquette school enable`` brings it back."""
    _confirmed(confirm, admin.tenant.slug, "disabling locks this key out too")
    await asyncio.to_thread(runtime.store.set_disabled, admin.tenant.id, True)
    runtime.forget(admin.tenant.id)
    await runtime.announce(admin.tenant.id)
    return SchoolDisabled(disabled=admin.tenant.slug)


@router.delete("", operation_id="delete_school", response_model=SchoolDeleted)
async def delete_school(
    admin: AdminDep,
    runtime: RuntimeDep,
    confirm: Confirm = "",
) -> SchoolDeleted:
    """Delete this school with its domains, keys, policy history, directory and
    audit trail. Irreversible: ``?confirm=<slug>`` must repeat the slug."""
    _confirmed(confirm, admin.tenant.slug, "deleting a school is irreversible")
    removed = await asyncio.to_thread(runtime.store.delete_tenant, admin.tenant.id)
    runtime.forget(admin.tenant.id)
    await runtime.announce(admin.tenant.id)
    return SchoolDeleted(deleted=admin.tenant.slug, removed=removed)
