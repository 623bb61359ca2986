"""The IT admin's API: policy, roster, settings, audit, dry runs.

Every route is under ``/v1/admin/schools/{school}`` and takes an admin key for
that school; every query goes through the school's :class:`TenantRepo`.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import tempfile
from datetime import UTC, datetime, timedelta
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Body, HTTPException, Path, Query, Request, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.api.deps import AdminDep, RuntimeDep, TenantRepoDep
from app.api.errors import roster_422
from app.api.merge_patch import merge_patch
from app.api.schemas import CheckRequest, CheckResponse, FindingOut
from app.directory.changes import EmptyDirectory, RemovalsNeedConfirmation, replace_checked
from app.directory.csv_roster import RosterError, iter_groups, iter_people
from app.domain import Message, Verdict
from app.policy import Policy
from app.runtime import Runtime
from app.schools import DomainError
from app.store.repository import (
    PolicyVersionInfo,
    TenantRepo,
    stored_fingerprint,
    stored_key,
)
from app.store.trusts import check_school_policy
from app.tenant_state import TenantState
from app.tenants import GmailTenantSettings, OutlookTenantSettings, TenantSettings
from app.trusts.overlay import LevelError, build, layer_problems

router = APIRouter(prefix="/v1/admin/schools/{school}", tags=["admin"])

MAX_UPLOAD_BYTES = 50_000_000
MAX_INT32 = 2**31 - 1  # PostgreSQL's integer


class PolicyPublic(BaseModel):
    version: int = Field(description="The policy version (0: none set, the defaults).")
    policy: dict[str, Any] = Field(description="The whole policy, defaults filled in.")
    set_by_school: dict[str, Any] = Field(description="Only what the school set.")


_COMMENT = Field(
    default="",
    max_length=500,
    pattern=r"^[^\x00]*$",
    description="Why the policy changed, kept with the version (no NUL bytes).",
)


class PolicyUpdate(BaseModel):
    """``PUT /policy``: the whole policy; what it leaves out goes back to the defaults."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "policy": {
                        "internal_domains": ["oakfield.sch.uk"],
                        "pupil_domains": ["pupils.oakfield.sch.uk"],
                        "rules": {"REC003": {"severity": "block"}},
                    },
                    "comment": "parents' addresses: block",
                }
            ]
        }
    )

    policy: dict[str, Any] = Field(
        description="The whole policy as the school sets it (README, 'The policy file')."
    )
    comment: str = _COMMENT


class PolicyPatch(BaseModel):
    """``PATCH /policy``: change part of the policy."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"policy": {"rules": {"REC003": {"severity": "block"}}}, "comment": "REC003"},
                {"policy": {"school_holidays": None}, "comment": "holidays back to none"},
            ]
        }
    )

    policy: dict[str, Any] = Field(
        description="A JSON Merge Patch (RFC 7386) applied to the policy as the school set it "
        "(set_by_school): members replace, null removes (back to the default), objects merge."
    )
    comment: str = _COMMENT


class PolicyVersionPublic(BaseModel):
    version: int = Field(description="The policy version (1, 2, ...).")
    created_at: datetime = Field(description="When it was stored.")
    created_by: str = Field(description="Which key stored it (its label).")
    comment: str = Field(description="The comment given with the change.")


class PolicyChange(PolicyVersionPublic):
    changed: bool = Field(
        description="False when the policy was already exactly this: no new version is made."
    )


class DryRunIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "message": {
                        "sender": {"email": "s.jones@stmarys.sch.uk"},
                        "to": [{"email": "parent1@gmail.com"}, {"email": "parent2@gmail.com"}],
                        "subject": "Year 9 trip",
                    },
                    "policy": {"rules": {"REC003": "block"}},
                }
            ]
        }
    )

    message: CheckRequest = Field(description="A draft, as POST /v1/check takes it.")
    policy: dict[str, Any] | None = Field(
        default=None,
        description="The draft: a JSON Merge Patch over the current policy (mode merge, the "
        "default) or a whole policy (mode replace). Absent: the current policy.",
    )
    mode: Literal["merge", "replace"] = Field(
        default="merge",
        description="merge: apply the draft over the current policy, as PATCH /policy would; "
        "replace: the draft is the whole policy, as PUT /policy would store it.",
    )


class DryRunVerdict(CheckResponse):
    """A verdict as POST /v1/check answers it, plus what rules in silent roll-out found."""

    silent: list[FindingOut] = Field(
        default_factory=list,
        description="Findings of rules in silent roll-out (silent: true): counted in the "
        "audit, never shown to the sender and no part of the action. Shown here only, so an "
        "admin can see what silent mode would catch.",
    )

    @classmethod
    def of(cls, verdict: Verdict, fail_mode: str) -> DryRunVerdict:
        payload = CheckResponse.payload(verdict, "dry-run", fail_mode)
        return cls.model_validate({**payload, "silent": [f.to_dict() for f in verdict.silent]})


class DryRunOut(BaseModel):
    draft: DryRunVerdict = Field(description="The verdict under the draft.")
    current: DryRunVerdict = Field(description="The verdict under the current policy.")


class SchoolPublic(BaseModel):
    slug: str = Field(description="The school's slug, as in the URL.")
    name: str = Field(description="The school's name.")
    domains: list[str] = Field(description="Sender domains that identify the school.")
    policy_version: int = Field(description="The current policy version (0: defaults).")
    settings: dict[str, Any] = Field(description="Identity and integration settings.")
    directory: dict[str, int] = Field(description="People per kind, and groups.")


def _rule_keys_as_codes(doc: Any) -> Any:
    """``large-audience`` -> ``REC001`` in a policy's ``rules``, so a patch by
    name merges into the stored settings (kept by code) instead of clashing."""
    from app.rules.registry import rule_for

    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), dict):
        return doc
    rules = {}
    for key, value in doc["rules"].items():
        rule = rule_for(str(key))
        rules[rule.code if rule else key] = value
    return {**doc, "rules": rules}


def _nul_at(value: Any, loc: list[str | int]) -> list[str | int] | None:
    """Where a NUL byte is in a JSON document (PostgreSQL text cannot hold one)."""
    if isinstance(value, str):
        return loc if "\x00" in value else None
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            if "\x00" in str(k):
                return [*loc, "<key>"]
            if (hit := _nul_at(v, [*loc, k])) is not None:
                return hit
    return None


def _validate_policy(data: dict[str, Any]) -> Policy:
    if (where := _nul_at(data, ["body", "policy"])) is not None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[{"loc": where, "msg": "a NUL byte is not allowed", "type": "value_error"}],
        )
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


def write_policy(
    repo: TenantRepo, policy: Policy, *, by: str, comment: str
) -> tuple[PolicyVersionInfo, bool]:
    """Store ``policy`` as the school's next version, committed; the newest version's
    info and whether anything changed (putting back the policy as it is makes no new
    version). The one write behind PUT/PATCH /policy and the console's Policy page.
    A school in a trust, or with staff groups, must still make a valid policy with
    them (:func:`~app.store.trusts.check_school_policy`; ``LevelError`` if not)."""
    check_school_policy(repo, policy.content_dict())
    changed = repo.put_policy(policy, by=by, comment=comment) is not None
    repo.session.commit()
    return repo.policy_versions(limit=1)[0], changed


def level_422(exc: LevelError) -> HTTPException:
    """A school policy that does not make a policy with its trust's (or a staff
    group's): each problem by setting, saying which level it clashes with."""
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        detail=[
            {"loc": ["body", "policy", *loc], "msg": f"{msg} (with {exc.where})", "type": "level"}
            for loc, msg in exc.problems
        ],
    )


async def _store_policy(
    policy: Policy, comment: str, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> PolicyChange:
    try:
        info, changed = await asyncio.to_thread(
            write_policy, repo, policy, by=admin.label, comment=comment
        )
    except LevelError as exc:
        raise level_422(exc) from None
    if changed:
        await _reload(runtime, admin.tenant.id)
    return PolicyChange(
        version=info.version,
        created_at=info.created_at,
        created_by=info.created_by,
        comment=info.comment,
        changed=changed,
    )


@router.put("/policy", operation_id="replace_policy", response_model=PolicyChange)
async def replace_policy(
    body: PolicyUpdate, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> PolicyChange:
    """Replace the whole policy: what the body leaves out goes back to its default.

    Validated, then stored as a new version (who, when and the comment are
    kept). Putting back the policy as it is makes no new version
    (``changed: false``)."""
    policy = _validate_policy(body.policy)
    return await _store_policy(policy, body.comment, admin, repo, runtime)


@router.patch("/policy", operation_id="patch_policy", response_model=PolicyChange)
async def patch_policy(
    body: PolicyPatch, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> PolicyChange:
    """Change part of the policy: ``policy`` is a JSON Merge Patch (RFC 7386) over
    the policy as the school set it. Stored as a new version unless nothing changed."""
    current = repo.policy().content_dict()
    merged = merge_patch(current, _rule_keys_as_codes(body.policy))
    policy = _validate_policy(merged)
    return await _store_policy(policy, body.comment, admin, repo, runtime)


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
def get_policy_version(
    version: Annotated[int, Path(ge=1, le=MAX_INT32, description="A policy version.")],
    repo: TenantRepoDep,
) -> PolicyPublic:
    p = repo.policy(version)
    return PolicyPublic(
        version=p.version, policy=p.model_dump(mode="json"), set_by_school=p.content_dict()
    )


@router.post("/policy/dry-run", operation_id="dry_run_policy", response_model=DryRunOut)
def dry_run(body: DryRunIn, admin: AdminDep, runtime: RuntimeDep) -> DryRunOut:
    """Evaluate a message under a draft policy and under the current one. Nothing is stored.

    The draft applies over the current policy (a merge patch, as PATCH /policy)
    unless ``mode`` is ``replace``."""
    current = admin.tenant.policy
    if body.policy is None:
        draft = current
    elif body.mode == "replace":
        draft = _validate_policy(body.policy)
    else:
        merged = merge_patch(current.content_dict(), _rule_keys_as_codes(body.policy))
        draft = _validate_policy(merged)
    try:
        return dry_run_verdicts(
            runtime, admin.tenant, body.message.to_message(datetime.now(UTC)), draft
        )
    except LevelError as exc:
        raise level_422(exc) from None


def over_trust(runtime: Runtime, tenant: TenantState, draft: Policy) -> Policy:
    """``draft`` (a school's own document) as its checks would use it: over its
    trust's policy, as ``tenant.policy`` is. A school with no trust: ``draft``."""
    trust = runtime.trust(tenant.trust_id) if tenant.trust_id else None
    if trust is None:
        return draft
    layers = [trust.policy, draft.content_dict()]
    if problems := layer_problems(layers):
        raise LevelError("the trust's policy", problems)
    return build(layers, version=draft.version)


def dry_run_verdicts(
    runtime: Runtime, tenant: TenantState, message: Message, draft: Policy
) -> DryRunOut:
    """``message`` under ``draft`` and under the school's current policy, through the
    checker with ``audit=False``: nothing is recorded, no audit event, no metrics.
    Behind POST /policy/dry-run and the console's dry-run.

    For a school in a trust, ``current`` is the policy its checks use (the trust's
    with the school's over it), so the draft is put over the trust's policy the
    same way (``LevelError`` if that is not a policy)."""
    draft = over_trust(runtime, tenant, draft)
    out = {}
    for label, pol in (("draft", draft), ("current", tenant.policy)):
        result = runtime.checker.check(tenant, message, policy=pol, audit=False)
        out[label] = DryRunVerdict.of(result.verdict, pol.fail_mode.value)
    return DryRunOut(**out)


_CSV_BODY = {
    "requestBody": {
        "content": {
            "text/csv": {
                "schema": {"type": "string", "description": "UTF-8 CSV, header row first."},
                "example": "id,kind,first_name,last_name,email\n"
                "P0001,pupil,Amir,Khan,amir.khan@pupils.oakfield.sch.uk\n",
            }
        },
        "required": True,
    }
}


class DirectoryDiffPublic(BaseModel):
    before: int = Field(description="Entries before the upload.")
    after: int = Field(description="Entries after it.")
    added: int = Field(description="Entries whose id (people) or address (groups) is new.")
    changed: int = Field(description="Entries kept whose values changed.")
    removed: int = Field(description="Entries no longer in the upload.")
    unchanged: int = Field(description="Entries kept as they were.")
    added_ids: list[str] = Field(description="The first 100 added ids, in file order.")
    changed_ids: list[str] = Field(description="The first 100 changed ids, in file order.")
    removed_ids: list[str] = Field(description="The first 100 removed ids, sorted.")
    ids_truncated: bool = Field(description="True when a list holds only the first 100.")


class DirectoryPublic(BaseModel):
    directory_version: int = Field(description="Moves on with every directory change.")
    counts: dict[str, int] = Field(description="People per kind, and groups.")
    diff: DirectoryDiffPublic = Field(description="What this upload changed.")


ConfirmRemovals = Annotated[
    bool,
    Query(
        description="Go ahead although the upload removes more than the allowed share of the "
        "entries (ETIQUETTE_DIRECTORY_MAX_REMOVED_SHARE, default 10%)."
    ),
]


async def _spool(request: Request, spool: IO[bytes]) -> None:
    """Stream the body to a temporary file: a 40 MB roster is never held whole.
    (The size limit is the route's max_body_size: 413 past it, as it streams.)"""
    async for chunk in request.stream():
        spool.write(chunk)
    spool.seek(0)


async def _replace_directory(
    request: Request,
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    *,
    people: bool,
    confirm_removals: bool,
) -> DirectoryPublic:
    share = runtime.settings.directory_max_removed_share

    def write(spool: IO[bytes]) -> DirectoryPublic:
        lines = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
        try:
            if people:
                people_sink = repo.people_sink()
                diff = replace_checked(
                    people_sink,
                    people_sink.stored(iter_people(lines, taken=people_sink.taken())),
                    stored_key,
                    stored_fingerprint,
                    what="people",
                    max_removed_share=share,
                    confirm_removals=confirm_removals,
                )
            else:
                groups_sink = repo.groups_sink()
                diff = replace_checked(
                    groups_sink,
                    groups_sink.stored(iter_groups(lines, taken=groups_sink.taken())),
                    stored_key,
                    stored_fingerprint,
                    what="groups",
                    max_removed_share=share,
                    confirm_removals=confirm_removals,
                    allow_empty=True,
                )
            if diff.added or diff.changed or diff.removed:
                version = repo.directory_replaced()
                repo.session.commit()
            else:
                # The same people as stored (an MIS export pushed again unchanged):
                # nothing to write, and no version for every instance to rebuild.
                repo.session.rollback()
                version = repo.directory_version()
        except BaseException:
            repo.session.rollback()
            raise
        finally:
            lines.detach()
        return DirectoryPublic(
            directory_version=version,
            counts=repo.directory_counts(),
            diff=DirectoryDiffPublic(
                before=diff.before,
                after=diff.after,
                added=diff.added,
                changed=diff.changed,
                removed=diff.removed,
                unchanged=diff.unchanged,
                added_ids=list(diff.added_ids),
                changed_ids=list(diff.changed_ids),
                removed_ids=list(diff.removed_ids),
                ids_truncated=diff.ids_truncated,
            ),
        )

    with tempfile.TemporaryFile() as spool:
        await _spool(request, spool)
        try:
            out = await asyncio.to_thread(write, spool)
        except RosterError as exc:
            raise roster_422(exc) from None
        except EmptyDirectory as exc:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                detail=[{"loc": ["body"], "msg": str(exc), "type": "empty_directory"}],
            ) from None
        except RemovalsNeedConfirmation as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from None
    # The answer goes first: rebuilding a 400,000-person directory (name index
    # included) takes longer than the upload. The change is stored already; this
    # instance has it live when the rebuild ends, others at their next poll.
    if out.diff.added or out.diff.changed or out.diff.removed:
        background.add_task(_reload, runtime, admin.tenant.id)
    return out


_UPLOAD_DOC = """

Streamed (up to 50 MB), checked row by row, and stored only if every row is
good. Answers with what changed (added, changed, removed: counts and the first
100 ids of each). Refused, with nothing changed, when it holds no people (422)
or removes more than the allowed share of the entries (default 10%) without
``?confirm_removals=true`` (409)."""


@router.put(
    "/directory/people",
    operation_id="replace_people",
    response_model=DirectoryPublic,
    openapi_extra=_CSV_BODY,
    max_body_size=MAX_UPLOAD_BYTES,
    description="Replace the roster with an MIS CSV export (columns in the README)." + _UPLOAD_DOC,
)
async def replace_people(
    request: Request,
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    confirm_removals: ConfirmRemovals = False,
) -> DirectoryPublic:
    return await _replace_directory(
        request,
        admin,
        repo,
        runtime,
        background,
        people=True,
        confirm_removals=confirm_removals,
    )


@router.put(
    "/directory/groups",
    operation_id="replace_groups",
    response_model=DirectoryPublic,
    openapi_extra=_CSV_BODY,
    max_body_size=MAX_UPLOAD_BYTES,
    description="Replace the distribution lists / groups and their sizes (CSV: email, name, "
    "member_count, kind)." + _UPLOAD_DOC.replace("holds no people (422) or ", ""),
)
async def replace_groups(
    request: Request,
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
    background: BackgroundTasks,
    confirm_removals: ConfirmRemovals = False,
) -> DirectoryPublic:
    return await _replace_directory(
        request,
        admin,
        repo,
        runtime,
        background,
        people=False,
        confirm_removals=confirm_removals,
    )


class SettingsReplace(TenantSettings):
    """``PUT /settings``: every section, as it is to be (a full replace)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "outlook": {"entra_tenant_id": "72f988bf-86f1-41af-91ab-2d7cd011db47"},
                    "gmail": {"google_domain": "oakfield.sch.uk"},
                }
            ]
        }
    )

    outlook: OutlookTenantSettings = Field(
        description="Outlook: Entra ID tenant, Graph. Required: PUT replaces every section."
    )
    gmail: GmailTenantSettings = Field(
        description="Gmail: Google domain, add-on deployment. Required: PUT replaces every section."
    )


async def _store_settings(
    settings: TenantSettings, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> dict[str, Any]:
    def write() -> None:
        repo.update_settings(settings)
        repo.session.commit()

    await asyncio.to_thread(write)
    await _reload(runtime, admin.tenant.id)
    return settings.model_dump(mode="json")


@router.get("/settings", operation_id="get_settings", response_model=TenantSettings)
def get_settings(repo: TenantRepoDep) -> dict[str, Any]:
    """Identity and integration settings, every field (defaults included)."""
    return repo.settings().model_dump(mode="json")


@router.put("/settings", operation_id="replace_settings", response_model=TenantSettings)
async def replace_settings(
    body: SettingsReplace, admin: AdminDep, repo: TenantRepoDep, runtime: RuntimeDep
) -> dict[str, Any]:
    """Replace the identity and integration settings (Entra tenant id, Google domain,
    ...). A full replace: both ``outlook`` and ``gmail`` are required, and a field left
    out of a section (or ``notifications`` left out) goes back to its default. To change
    one field, use PATCH."""
    settings = TenantSettings(
        outlook=body.outlook, gmail=body.gmail, notifications=body.notifications
    )
    return await _store_settings(settings, admin, repo, runtime)


@router.patch("/settings", operation_id="patch_settings", response_model=TenantSettings)
async def patch_settings(
    patch: Annotated[
        dict[str, Any],
        Body(
            description="A JSON Merge Patch (RFC 7386) over the current settings: members "
            "replace, null removes (back to the default), objects merge.",
            examples=[
                {"gmail": {"read_drafts": True}},
                {"outlook": {"entra_tenant_id": None}},
                {
                    "notifications": {
                        "enabled": True,
                        "channel": "teams",
                        "webhook_url_env": "ETIQUETTE_TEAMS_WEBHOOK",
                        "mode": "digest",
                        "digest_time": "07:30",
                    }
                },
            ],
        ),
    ],
    admin: AdminDep,
    repo: TenantRepoDep,
    runtime: RuntimeDep,
) -> dict[str, Any]:
    """Change part of the settings; the rest is kept as it is."""
    current = repo.settings().model_dump(mode="json", exclude_defaults=True)
    try:
        settings = TenantSettings.model_validate(merge_patch(current, patch))
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors(include_url=False, include_input=False)
            ],
        ) from None
    return await _store_settings(settings, admin, repo, runtime)


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
                "silent_codes": [c for c in (e.silent_codes or "").split(",") if c],
                "finding_count": e.finding_count,
                "recipient_count": e.recipient_count,
                "attachment_count": e.attachment_count,
                "duration_ms": e.duration_ms,
                "policy_version": e.policy_version,
                "sender_hash": e.sender_hash,
                "outcome": e.outcome,
                "reason": e.reason,
            }
            for e in events
        ]
    }


@router.get("/audit/summary", operation_id="audit_summary")
def audit_summary(
    repo: TenantRepoDep, days: Annotated[int, Query(ge=1, le=366)] = 7
) -> dict[str, Any]:
    """What was flagged per rule, and what people did about it.

    ``by_rule`` counts the findings senders saw; ``silent_by_rule`` those of
    rules in silent roll-out (counted, never shown); ``sent_anyway_reasons``
    the reason codes given with sent_anyway."""
    since = datetime.now(UTC) - timedelta(days=days)
    return {"days": days, **repo.audit_summary(since)}
