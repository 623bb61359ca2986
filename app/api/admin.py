"""The IT admin's API: policy, roster, settings, audit, dry runs.

Every route is under ``/v1/admin/schools/{school}`` and takes an admin key for
that school; every query goes through the school's :class:`TenantRepo`.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, status
from pydantic import BaseModel, Field, ValidationError

from app.api.deps import AdminDep, RuntimeDep, TenantRepoDep
from app.api.schemas import CheckRequest, CheckResponse
from app.directory.csv_roster import RosterError, parse_groups, parse_people
from app.engine import evaluate
from app.policy import Policy
from app.runtime import Runtime
from app.schools import DomainError
from app.store.repository import Conflict, NotFound, PolicyVersionInfo
from app.tenants import TenantSettings

router = APIRouter(prefix="/v1/admin/schools/{school}", tags=["admin"])

MAX_UPLOAD_BYTES = 50_000_000


class PolicyPublic(BaseModel):
    version: int
    policy: dict[str, Any] = Field(description="The whole policy, defaults filled in.")
    set_by_school: dict[str, Any] = Field(description="Only what the school set.")


class PolicyUpdate(BaseModel):
    policy: dict[str, Any]
    comment: str = Field(default="", max_length=500)


class PolicyVersionPublic(BaseModel):
    version: int
    created_at: datetime
    created_by: str
    comment: str


class DryRunIn(BaseModel):
    message: CheckRequest
    policy: dict[str, Any] | None = Field(
        default=None, description="A draft policy to try; the current policy when absent."
    )


class DryRunOut(BaseModel):
    draft: CheckResponse
    current: CheckResponse


class DirectoryPublic(BaseModel):
    directory_version: int
    counts: dict[str, int]


class SchoolPublic(BaseModel):
    slug: str
    name: str
    domains: list[str]
    policy_version: int
    settings: dict[str, Any]
    directory: dict[str, int]


def _validate_policy(data: dict[str, Any]) -> Policy:
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {"loc": ["body", "policy", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors(include_url=False, include_input=False)
            ],
        ) from None


async def _reload(runtime: Runtime, tenant_id: str) -> None:
    """Make the change live in this instance now and tell the others."""
    with contextlib.suppress(Exception):  # if it fails, the next poll catches up
        await asyncio.to_thread(runtime.reload_tenant, tenant_id)
    await runtime.announce(tenant_id)


@router.get("", operation_id="get_school", response_model=SchoolPublic)
def get_school(admin: AdminDep, repo: TenantRepoDep) -> SchoolPublic:
    return SchoolPublic(
        slug=admin.tenant.slug,
        name=admin.tenant.name,
        domains=repo.domains(),
        policy_version=repo.current_version(),
        settings=repo.settings().model_dump(mode="json"),
        directory=repo.directory_counts(),
    )


@router.get("/policy", operation_id="get_policy", response_model=PolicyPublic)
def get_policy(repo: TenantRepoDep) -> PolicyPublic:
    p = repo.policy()
    return PolicyPublic(
        version=p.version, policy=p.model_dump(mode="json"), set_by_school=p.content_dict()
    )


@router.put("/policy", operation_id="replace_policy", response_model=PolicyVersionPublic)
async def replace_policy(
    body: PolicyUpdate, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> PolicyVersionPublic:
    """Validate and store a new version of the whole policy (who and when are kept)."""
    policy = _validate_policy(body.policy)

    def write() -> PolicyVersionInfo:
        repo.put_policy(policy, by=admin.label, comment=body.comment)
        repo.session.commit()
        return repo.policy_versions(limit=1)[0]

    info = await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return PolicyVersionPublic(
        version=info.version,
        created_at=info.created_at,
        created_by=info.created_by,
        comment=info.comment,
    )


@router.get(
    "/policy/versions",
    operation_id="list_policy_versions",
    response_model=list[PolicyVersionPublic],
)
def list_policy_versions(
    repo: TenantRepoDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[PolicyVersionPublic]:
    return [
        PolicyVersionPublic(
            version=v.version, created_at=v.created_at, created_by=v.created_by, comment=v.comment
        )
        for v in repo.policy_versions(limit)
    ]


@router.get(
    "/policy/versions/{version}", operation_id="get_policy_version", response_model=PolicyPublic
)
def get_policy_version(version: int, repo: TenantRepoDep) -> PolicyPublic:
    try:
        p = repo.policy(version)
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(exc)) from None
    return PolicyPublic(
        version=p.version, policy=p.model_dump(mode="json"), set_by_school=p.content_dict()
    )


@router.post("/policy/dry-run", operation_id="dry_run_policy", response_model=DryRunOut)
def dry_run(body: DryRunIn, admin: AdminDep) -> DryRunOut:
    """Evaluate a message under a draft policy and under the current one. Nothing is stored."""
    current = admin.tenant.policy
    draft = _validate_policy(body.policy) if body.policy is not None else current
    message = body.message.to_message(datetime.now(UTC))
    directory = admin.tenant.directory
    out = {}
    for label, pol in (("draft", draft), ("current", current)):
        verdict = evaluate(message, pol, directory)
        out[label] = CheckResponse.build(verdict, "dry-run", pol.fail_mode.value)
    return DryRunOut(**out)


async def _read_csv(request: Request) -> str:
    # The size limit is the route's max_body_size (streamed; 413 past it).
    raw = await request.body()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail="the CSV must be UTF-8"
        ) from None


_CSV_BODY = {
    "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
}


async def _replace_directory(
    request: Request,
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    *,
    people: bool,
) -> DirectoryPublic:
    text = await _read_csv(request)
    try:
        rows: list[Any] = await asyncio.to_thread(parse_people if people else parse_groups, text)
    except RosterError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail=exc.problems[:50]
        ) from None

    def write() -> DirectoryPublic:
        version = repo.replace_directory(rows if people else None, None if people else rows)
        repo.session.commit()
        return DirectoryPublic(directory_version=version, counts=repo.directory_counts())

    out = await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return out


@router.put(
    "/directory/people",
    operation_id="replace_people",
    response_model=DirectoryPublic,
    openapi_extra=_CSV_BODY,
    max_body_size=MAX_UPLOAD_BYTES,
)
async def replace_people(
    request: Request, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> DirectoryPublic:
    """Replace the roster with an MIS CSV export (columns in the README)."""
    return await _replace_directory(request, admin, repo, runtime, people=True)


@router.put(
    "/directory/groups",
    operation_id="replace_groups",
    response_model=DirectoryPublic,
    openapi_extra=_CSV_BODY,
    max_body_size=MAX_UPLOAD_BYTES,
)
async def replace_groups(
    request: Request, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> DirectoryPublic:
    """Replace the distribution lists / groups and their sizes (CSV)."""
    return await _replace_directory(request, admin, repo, runtime, people=False)


@router.put("/settings", operation_id="replace_settings")
async def replace_settings(
    body: TenantSettings, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> dict[str, Any]:
    """Identity and integration settings (Entra tenant id, Google domain, ...)."""

    def write() -> None:
        repo.update_settings(body)
        repo.session.commit()

    try:
        await asyncio.to_thread(write)
    except Conflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from None
    await _reload(runtime, admin.tenant.id)
    return body.model_dump(mode="json")


@router.put("/domains", operation_id="replace_domains")
async def replace_domains(
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    domains: Annotated[list[str], Body(min_length=1, max_length=100)],
) -> dict[str, list[str]]:
    """Sender domains that identify this school (the whole list).

    Each must be a real domain name (IDN allowed, stored as A-labels), not a
    wildcard, not a consumer webmail provider, and not another school's
    (409); the list is never empty."""

    def write() -> list[str]:
        repo.set_domains(domains)
        repo.session.commit()
        return repo.domains()

    try:
        saved = await asyncio.to_thread(write)
    except Conflict as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from None
    except DomainError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    await _reload(runtime, admin.tenant.id)
    return {"domains": saved}


@router.get("/audit", operation_id="list_audit_events")
def list_audit(
    repo: TenantRepoDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    kind: Annotated[str | None, Query(pattern="^(check|outcome)$")] = None,
) -> dict[str, Any]:
    """Recent audit events: codes, counts and timings only."""
    events = repo.audit_events(limit=limit, kind=kind)
    return {
        "events": [
            {
                "event_id": e.event_id,
                "at": e.at.isoformat(),
                "kind": e.kind,
                "check_id": e.check_id,
                "host": e.host,
                "action": e.action,
                "codes": [c for c in e.codes.split(",") if c],
                "finding_count": e.finding_count,
                "recipient_count": e.recipient_count,
                "attachment_count": e.attachment_count,
                "duration_ms": e.duration_ms,
                "policy_version": e.policy_version,
                "sender_hash": e.sender_hash,
                "outcome": e.outcome,
            }
            for e in events
        ]
    }


@router.get("/audit/summary", operation_id="audit_summary")
def audit_summary(
    repo: TenantRepoDep, days: Annotated[int, Query(ge=1, le=366)] = 7
) -> dict[str, Any]:
    """What was flagged per rule, and what people did about it."""
    since = datetime.now(UTC) - timedelta(days=days)
    return {"days": days, **repo.audit_summary(since)}
