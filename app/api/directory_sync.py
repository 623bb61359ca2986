"""The admin API for directory sync: sources, runs, pending changes, approve/reject,
a person's links, and the relationships CSV.

Under ``/v1/admin/schools/{school}/directory`` with the school's admin key,
like the rest of the admin API: another school's admin gets 404. Source
settings never hold a secret (only the name of the variable that does), so
they are returned as stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status
from pydantic import BaseModel, Field, ValidationError

from app.api.deps import AdminDep, RuntimeDep
from app.api.errors import roster_422
from app.directory.changes import DEFAULT_MAX_REMOVED_SHARE
from app.directory.csv_roster import RosterError, attach_relationships, parse_relationships
from app.directory.model import Directory
from app.directory.sources.config import validate_config
from app.directory.sync import engine
from app.directory.sync.settings import SyncSettings
from app.runtime import Runtime
from app.store.models import SyncRun
from app.store.sync import SourceRecord, SyncRepo, set_uploaded_relationships

router = APIRouter(prefix="/v1/admin/schools/{school}/directory", tags=["directory sync"])

MAX_UPLOAD_BYTES = 50_000_000
SourceName = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
RunId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The run's id (from /sync/runs).")]


def sync_repo(runtime: RuntimeDep, admin: AdminDep) -> Iterator[SyncRepo]:
    """The admin's school's sources and runs (one transaction)."""
    with runtime.store.db.session() as session:
        yield SyncRepo(session, admin.tenant.id)


# scope="function": the transaction commits before the answer is sent, so a client's
# next request (PUT a source, then sync it) sees it. The default ("request") commits
# after the answer, and the next request could race it (seen: a 404 for the new source).
SyncRepoDep = Annotated[SyncRepo, Depends(sync_repo, scope="function")]


class SourceIn(BaseModel):
    kind: str = Field(description="graph, google, wonde, oneroster or csv")
    config: dict[str, Any] = Field(
        default={}, description="The kind's settings; secrets are named by *_env variables."
    )
    enabled: bool = Field(default=True, description="Whether the scheduler runs this source.")
    interval_minutes: int = Field(
        default=60,
        ge=5,
        le=7 * 24 * 60,
        description="Minutes between scheduled reads (5 minutes to a week).",
    )
    max_removed_share: float = Field(
        default=DEFAULT_MAX_REMOVED_SHARE,
        ge=0,
        le=1,
        description="A sync removing more than this share of the source's people waits for "
        "approval.",
    )


class SourcePublic(BaseModel):
    name: str = Field(description="The source's name within the school.")
    kind: str = Field(description="graph, google, wonde, oneroster or csv.")
    config: dict[str, Any] = Field(
        description="The kind's settings (secrets appear only as the names of their variables)."
    )
    enabled: bool = Field(description="Whether the scheduler runs this source.")
    interval_minutes: int = Field(description="Minutes between scheduled reads.")
    max_removed_share: float = Field(
        description="A sync removing more than this share of the source's people waits for "
        "approval."
    )
    incremental: bool = Field(description="The next scheduled read continues from a cursor.")
    last_run_at: datetime | None = Field(description="When the source last ran (any result).")
    last_full_at: datetime | None = Field(
        description="When the source last read everything (a full reconcile)."
    )


class RunPublic(BaseModel):
    id: int = Field(description="The run's id.")
    source: str = Field(description="The source's name.")
    mode: str = Field(description="full or incremental.")
    trigger: str = Field(description="schedule, api, console or cli.")
    status: str = Field(description="running, applied, pending, rejected, refused or failed.")
    started_at: datetime = Field(description="When the run started.")
    finished_at: datetime | None = Field(description="When the run finished (null while running).")
    counts: dict[str, Any] = Field(
        description="Added, changed, removed and skipped counts, skips by reason."
    )
    diff: dict[str, Any] = Field(description="Counts and person ids (no names).")
    error: str = Field(
        description="Why the run failed or was refused (never content from the source)."
    )
    decided_by: str = Field(description="Who approved or rejected a pending run.")
    decided_at: datetime | None = Field(description="When a pending run was approved or rejected.")


def _source(s: SourceRecord) -> SourcePublic:
    return SourcePublic(
        name=s.name,
        kind=s.kind,
        config=s.config,
        enabled=s.enabled,
        interval_minutes=s.interval_minutes,
        max_removed_share=s.max_removed_share,
        incremental=s.cursor is not None,
        last_run_at=s.last_run_at,
        last_full_at=s.last_full_at,
    )


def _run(r: SyncRun, names: dict[int, str], *, with_ids: bool = True) -> RunPublic:
    diff = json.loads(r.diff_json)
    if not with_ids:
        diff = {k: v for k, v in diff.items() if not k.endswith("_ids")}
    return RunPublic(
        id=r.id,
        source=names.get(r.source_id, "?"),
        mode=r.mode,
        trigger=r.trigger,
        status=r.status,
        started_at=r.started_at,
        finished_at=r.finished_at,
        counts=json.loads(r.counts_json),
        diff=diff,
        error=r.error,
        decided_by=r.decided_by,
        decided_at=r.decided_at,
    )


async def _reload(runtime: Runtime, tenant_id: str) -> None:
    with contextlib.suppress(Exception):  # the next poll catches up
        await asyncio.to_thread(runtime.reload_tenant, tenant_id)
    await runtime.announce(tenant_id)


# -- sources ----------------------------------------------------------------------


@router.get("/sources", operation_id="list_directory_sources", response_model=list[SourcePublic])
def list_sources(repo: SyncRepoDep) -> list[SourcePublic]:
    return [_source(s) for s in repo.sources()]


@router.put("/sources/{name}", operation_id="put_directory_source", response_model=SourcePublic)
def put_source(
    name: SourceName, body: SourceIn, admin: AdminDep, repo: SyncRepoDep
) -> SourcePublic:
    """Create or change a source. A change of kind or config starts again with a full read.

    Secrets are named by variables starting ``ETQ_<SCHOOL>_``; files are paths
    inside the school's folder under ``ETIQUETTE_SYNC_FILES_DIR``.
    """
    try:
        config = validate_config(
            body.kind,
            body.config,
            school=admin.tenant.slug,
            files_dir=SyncSettings().files_dir,
        )
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {"loc": ["body", "config", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors(include_url=False, include_input=False)
            ],
        ) from None
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    try:
        saved = repo.put_source(
            name,
            body.kind,
            config,
            enabled=body.enabled,
            interval_minutes=body.interval_minutes,
            max_removed_share=body.max_removed_share,
        )
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    return _source(saved)


@router.get("/sources/{name}", operation_id="get_directory_source", response_model=SourcePublic)
def get_source(name: SourceName, repo: SyncRepoDep) -> SourcePublic:
    return _source(repo.source(name))


@router.delete("/sources/{name}", operation_id="delete_directory_source", status_code=204)
def delete_source(name: SourceName, repo: SyncRepoDep) -> Response:
    """Forget the source and its runs. The people it synced stay until replaced."""
    repo.delete_source(name)
    return Response(status_code=204)


@router.post("/sources/{name}/sync", operation_id="run_directory_sync", response_model=RunPublic)
async def run_sync(
    name: SourceName,
    admin: AdminDep,
    runtime: RuntimeDep,
    full: Annotated[bool | None, Query(description="true: a full read; default: as due")] = None,
) -> RunPublic:
    """Sync now. The answer is the run: applied, unchanged, pending, refused or failed."""

    def known() -> None:
        with runtime.store.db.session() as s:
            SyncRepo(s, admin.tenant.id).source(name)

    await asyncio.to_thread(known)  # 404 before any work for an unknown name
    out = await engine.sync_source(
        runtime.store, admin.tenant.id, name, runtime.http, full=full, trigger="api"
    )
    if out.changed_directory:
        await _reload(runtime, admin.tenant.id)

    def read() -> RunPublic:
        with runtime.store.db.session() as s:
            repo = SyncRepo(s, admin.tenant.id)
            return _run(repo.run(out.run_id), repo.source_names(), with_ids=False)

    return await asyncio.to_thread(read)


# -- runs -------------------------------------------------------------------------


@router.get("/sync/runs", operation_id="list_directory_sync_runs", response_model=list[RunPublic])
def list_runs(
    repo: SyncRepoDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    run_status: Annotated[str | None, Query(alias="status", max_length=16)] = None,
) -> list[RunPublic]:
    """Run history, newest first (counts only; a run's ids are at /sync/runs/{id})."""
    names = repo.source_names()
    return [_run(r, names, with_ids=False) for r in repo.runs(limit=limit, status=run_status)]


@router.get(
    "/sync/pending", operation_id="list_pending_directory_changes", response_model=list[RunPublic]
)
def list_pending(repo: SyncRepoDep) -> list[RunPublic]:
    """Syncs waiting for approval, with the ids they would add, change and remove."""
    names = repo.source_names()
    return [_run(r, names) for r in repo.runs(limit=500, status=engine.PENDING)]


@router.get("/sync/runs/{run_id}", operation_id="get_directory_sync_run", response_model=RunPublic)
def get_run(run_id: RunId, repo: SyncRepoDep) -> RunPublic:
    return _run(repo.run(run_id), repo.source_names())


async def _decide(run_id: RunId, admin: AdminDep, runtime: Runtime, approve: bool) -> RunPublic:
    def decide() -> None:
        if approve:
            engine.approve(runtime.store, admin.tenant.id, run_id, admin.label)
        else:
            engine.reject(runtime.store, admin.tenant.id, run_id, admin.label)

    await asyncio.to_thread(decide)
    if approve:
        await _reload(runtime, admin.tenant.id)

    def read() -> RunPublic:
        with runtime.store.db.session() as s:
            repo = SyncRepo(s, admin.tenant.id)
            return _run(repo.run(run_id), repo.source_names(), with_ids=False)

    return await asyncio.to_thread(read)


@router.post(
    "/sync/runs/{run_id}/approve",
    operation_id="approve_directory_change",
    response_model=RunPublic,
)
async def approve_run(run_id: RunId, admin: AdminDep, runtime: RuntimeDep) -> RunPublic:
    """Apply a pending sync (409 if the source's people changed since it ran)."""
    return await _decide(run_id, admin, runtime, approve=True)


@router.post(
    "/sync/runs/{run_id}/reject",
    operation_id="reject_directory_change",
    response_model=RunPublic,
)
async def reject_run(run_id: RunId, admin: AdminDep, runtime: RuntimeDep) -> RunPublic:
    """Drop a pending sync; the directory stays as it is."""
    return await _decide(run_id, admin, runtime, approve=False)


# -- people and links -----------------------------------------------------------------


class LinkPublic(BaseModel):
    person_id: str = Field(description="The other person's directory id.")
    kind: str = Field(description="The other person's kind (pupil, parent, ...).")
    relationship: str = Field(
        description="The relationship as the source gives it (mother, carer, ...); empty if "
        "unknown."
    )
    parental_responsibility: bool | None = Field(
        description="Whether the contact has parental responsibility; null where the source "
        "does not say."
    )


class PersonPublic(BaseModel):
    id: str = Field(description="The person's directory id (the MIS or source id).")
    kind: str = Field(description="pupil, staff, parent or other.")
    source: str = Field(description="Which source the row came from (csv for uploads).")
    classes: list[str] = Field(description="Classes or groups a pupil is in.")
    roles: list[str] = Field(description="Staff roles.")
    departments: list[str] = Field(description="Staff departments.")
    pupils: list[LinkPublic] = Field(description="For a contact: whose parent or carer.")
    contacts: list[LinkPublic] = Field(description="For a pupil: their parents and carers.")


def person_public(d: Directory, person_id: str) -> PersonPublic | None:
    """A person's entry as the checks see it now (the API's and the console's view)."""
    p = d.person(person_id)
    if p is None:
        return None
    return PersonPublic(
        id=p.id,
        kind=p.kind.value,
        source=p.source,
        classes=list(p.classes),
        roles=list(p.roles),
        departments=list(p.departments),
        pupils=[
            LinkPublic(
                person_id=r.pupil_id,
                kind="pupil",
                relationship=r.relationship,
                parental_responsibility=r.parental_responsibility,
            )
            for r in p.relationships
        ],
        contacts=[
            LinkPublic(
                person_id=c.id,
                kind=c.kind.value,
                relationship=r.relationship,
                parental_responsibility=r.parental_responsibility,
            )
            for c, r in d.contacts_of(p.id)
        ],
    )


@router.get("/people/{person_id}", operation_id="get_directory_person", response_model=PersonPublic)
def get_person(person_id: Annotated[str, Path(max_length=100)], admin: AdminDep) -> PersonPublic:
    """A person's classes, roles and family links, by id (as the checks see them now)."""
    out = person_public(admin.tenant.directory, person_id)
    if out is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such person")
    return out


@router.put(
    "/relationships",
    operation_id="replace_relationships",
    openapi_extra={
        "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
    },
    max_body_size=MAX_UPLOAD_BYTES,
)
async def replace_relationships(
    request: Request, admin: AdminDep, runtime: RuntimeDep
) -> dict[str, int]:
    """Who is whose parent, for uploaded contacts: the relationships CSV (README)."""
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail="the CSV must be UTF-8"
        ) from None
    people = admin.tenant.directory.people
    try:
        links = await asyncio.to_thread(parse_relationships, text)
        linked = await asyncio.to_thread(attach_relationships, people, links)
    except RosterError as exc:
        raise roster_422(exc) from None
    synced = sorted({c for c, _ in links} - {p.id for p in people if p.source == "csv"})
    if synced:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {
                    "loc": ["body", "contact_id"],
                    "msg": f"contact_id {c!r} comes from a sync; its links come from there",
                    "type": "csv",
                }
                for c in synced[:50]
            ],
        )
    wanted = {p.id: p.relationships for p in linked if p.relationships}

    def write() -> int:
        with runtime.store.db.session() as s:
            return set_uploaded_relationships(s, admin.tenant.id, wanted)

    changed = await asyncio.to_thread(write)
    if changed:
        await _reload(runtime, admin.tenant.id)
    return {"links": sum(len(v) for v in wanted.values()), "contacts_changed": changed}
