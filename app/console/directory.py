"""The console's Directory page: sources, sync runs, held changes, and people.

The same service code as the JSON admin API (``app/api/directory_sync.py``):
``SyncRepo`` for sources and runs, ``engine.sync_source`` for "Sync now"
(run in the background; the run's page refreshes itself until it is done),
``engine.approve`` / ``engine.reject`` for a held run, and ``person_public``
for a person's entry. What a role may see is in :mod:`.roles`: admins and the
auditor see everything here, the safeguarding lead searches pupils and their
parents only (no sources, no runs, no staff), the helpdesk nothing.

A search is a POST: the words searched for (a name or an address) never sit in
a URL, so neither the browser's history, a ``Referer`` nor a proxy's log keeps
them (the app's own access log records the route template only).
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.api.directory_sync import RunPublic, SourcePublic, _run, _source, person_public
from app.console.roles import Permission
from app.console.routes import (
    FormDep,
    Here,
    PageError,
    _changed,
    _runtime,
    not_found,
    render,
    require,
    templates,
)
from app.directory.model import Directory
from app.directory.sources.config import CONFIGS, FILE_KEYS, env_prefix, validate_config
from app.directory.sync import engine
from app.directory.sync.settings import SyncSettings
from app.domain import PersonKind, normalise_address
from app.errors import Conflict, NotFound
from app.people import Person
from app.runtime import Runtime
from app.store.sync import SOURCE_KINDS, SyncRepo
from app.text import fold, whole_number

router = APIRouter(prefix="/console", include_in_schema=False)
log = logging.getLogger("etiquette.console")

Pupils = Annotated[Here, Depends(require(Permission.DIRECTORY_PUPILS))]
Read = Annotated[Here, Depends(require(Permission.DIRECTORY_READ))]
Write = Annotated[Here, Depends(require(Permission.DIRECTORY_WRITE))]

_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_MAX_QUERY = 200
MAX_RESULTS = 50
# Without directory:read, only these kinds' entries exist (the safeguarding lead).
_PUPIL_KINDS = frozenset({PersonKind.PUPIL, PersonKind.PARENT})


def _base(here: Here) -> str:
    return f"/console/schools/{here.school.slug}/directory"


def _go(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _name(raw: str) -> str:
    if not _SOURCE_NAME.match(raw):
        raise not_found()
    return raw


def _run_id(raw: str) -> int:
    n = whole_number(raw, 2**31 - 1, least=1)
    if n is None:
        raise not_found()
    return n


T = TypeVar("T")


def _repo_call(runtime: Runtime, tenant_id: str, fn: Callable[[SyncRepo], T]) -> T:
    with runtime.store.db.session() as s:
        return fn(SyncRepo(s, tenant_id))


async def _with_repo(request: Request, here: Here, fn: Callable[[SyncRepo], T]) -> T:
    try:
        return await asyncio.to_thread(_repo_call, _runtime(request), here.school.id, fn)
    except NotFound:
        raise not_found() from None


# -- what the page shows -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceView:
    source: SourcePublic
    last: RunPublic | None
    next_run: str  # when the scheduler next runs it, in words
    held_by: int | None  # a pending run that holds it
    people: int


def _next_run(s: SourcePublic, held_by: int | None) -> str:
    if not s.enabled:
        return "paused"
    if held_by is not None:
        return f"held until run {held_by} is approved or discarded"
    if s.last_run_at is None:
        return "at the scheduler's next tick"
    return (s.last_run_at + timedelta(minutes=s.interval_minutes)).strftime("%Y-%m-%d %H:%M")


def _overview(repo: SyncRepo, people: Counter[str]) -> dict[str, Any]:
    names = repo.source_names()
    pending = [_run(r, names, with_ids=False) for r in repo.runs(limit=100, status=engine.PENDING)]
    held = {r.source: r.id for r in pending}
    sources = []
    for rec in repo.sources():
        s = _source(rec)
        last = repo.runs(limit=1, source_id=rec.id)
        sources.append(
            SourceView(
                s,
                _run(last[0], names, with_ids=False) if last else None,
                _next_run(s, held.get(s.name)),
                held.get(s.name),
                people[s.name],
            )
        )
    recent = [_run(r, names, with_ids=False) for r in repo.runs(limit=10)]
    return {"sources": sources, "pending": pending, "recent": recent}


def _people_by_source(d: Directory) -> Counter[str]:
    return Counter(p.source for p in d.people)


@router.get("/schools/{school}/directory")
async def directory_page(request: Request, here: Pupils, done: str = "") -> Response:
    context: dict[str, Any] = {"sources": [], "pending": [], "recent": []}
    people = _people_by_source(here.school.directory)
    if here.can(Permission.DIRECTORY_READ):
        context = await _with_repo(request, here, lambda repo: _overview(repo, people))
    notice = {
        "approved": "The held change was applied.",
        "discarded": "The held change was discarded; the directory is as it was.",
        "removed": "The source was removed. The people it synced stay until replaced.",
        "paused": "The source is paused: the scheduler will not run it.",
        "resumed": "The source is running on its schedule again.",
        "saved": "The source was saved. Its next run reads everything.",
    }.get(done, "")
    return render(
        request,
        "directory.html",
        here=here,
        P=Permission,
        notice=notice,
        uploaded=people.get("csv", 0),
        total=len(here.school.directory.people),
        kinds=SOURCE_KINDS,
        **context,
    )


# -- people -----------------------------------------------------------------------------


def _visible(here: Here, p: Person) -> bool:
    return here.can(Permission.DIRECTORY_READ) or p.kind in _PUPIL_KINDS


def search(d: Directory, query: str, allowed: Callable[[Person], bool]) -> list[Person]:
    """People whose address is ``query`` (school or personal), whose id it is, or
    whose names start with each of its words ("sam kh" finds Samina Khan)."""
    q = query.strip()
    if "@" in q:
        p = d.person_by_address(normalise_address(q))
        return [p] if p is not None and allowed(p) else []
    words = [w for w in re.split(r"[\s,]+", fold(q)) if w]
    if not words:
        return []
    out = []
    by_id = d.person(q)
    if by_id is not None and allowed(by_id):
        out.append(by_id)
    for p in d.people:
        if p is by_id or not allowed(p):
            continue
        parts = re.split(
            r"[\s\-']+",
            fold(" ".join((p.first_name, p.preferred_name or "", p.middle_names, p.last_name))),
        )
        if all(any(part.startswith(w) for part in parts if part) for w in words):
            out.append(p)
            if len(out) > MAX_RESULTS:
                break
    return out


@router.post("/schools/{school}/directory/search")
async def search_people(request: Request, here: Pupils, form: FormDep) -> Response:
    query = form.get("q", "").strip()
    if not query or len(query) > _MAX_QUERY or any(ord(c) < 32 for c in query):
        raise PageError(
            400,
            "Bad search",
            f"Search for a name, an address or an id (1 to {_MAX_QUERY} letters).",
        )
    found = search(here.school.directory, query, lambda p: _visible(here, p))
    return render(
        request,
        "directory_search.html",
        here=here,
        P=Permission,
        query=query,
        people=found[:MAX_RESULTS],
        more=len(found) > MAX_RESULTS,
    )


@router.get("/schools/{school}/directory/people/{person_id}")
async def person_page(request: Request, here: Pupils, person_id: str) -> Response:
    if len(person_id) > 100:
        raise not_found()
    d = here.school.directory
    p = d.person(person_id)
    entry = person_public(d, person_id)
    if p is None or entry is None or not _visible(here, p):
        raise not_found()
    pupils = [(link, d.person(link.person_id)) for link in entry.pupils]
    contacts = [(link, d.person(link.person_id)) for link in entry.contacts]
    return render(
        request,
        "directory_person.html",
        here=here,
        P=Permission,
        person=p,
        entry=entry,
        pupils=pupils,
        contacts=contacts,
        visible=lambda q: q is not None and _visible(here, q),
    )


# -- runs: sync now, a run's page, approve or discard ---------------------------------


async def _sync_in_background(request: Request, here: Here, name: str) -> int:
    """Start the source's sync; the run's id once it is recorded (404: no such source)."""
    runtime = _runtime(request)
    tenant_id = here.school.id
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def run() -> None:
        out = await engine.sync_source(
            runtime.store,
            tenant_id,
            name,
            runtime.http,
            trigger="console",
            on_start=started.set_result,
        )
        if out.changed_directory:
            await _reload_quietly(runtime, tenant_id)

    task = runtime.background.spawn(run())
    task.add_done_callback(_finished)
    waiting: set[asyncio.Future[Any]] = {started, task}
    await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    if started.done():
        # known by run id until it is over and its change is live here
        runtime.background.name((tenant_id, started.result()), task)
        return started.result()
    if isinstance(task.exception(), NotFound):
        raise not_found()
    raise PageError(500, "Sync not started", "The sync could not start; see the service's log.")


async def _reload_quietly(runtime: Runtime, tenant_id: str) -> None:
    try:
        await asyncio.to_thread(runtime.reload_tenant, tenant_id)
    except Exception as exc:  # the next poll catches up
        log.warning("reload after a console sync failed (%s)", type(exc).__name__)
    await runtime.announce(tenant_id)


def _finished(task: asyncio.Task[Any]) -> None:
    exc = None if task.cancelled() else task.exception()
    if exc is not None and not isinstance(exc, NotFound):  # say where, not what
        log.error("console sync failed (%s)", type(exc).__name__)


@router.post("/schools/{school}/directory/sources/{name}/sync")
async def sync_now(request: Request, here: Write, form: FormDep, name: str) -> Response:
    run_id = await _sync_in_background(request, here, _name(name))
    await _changed(request, here, "directory.sync", f"{name}#{run_id}")
    return _go(f"{_base(here)}/runs/{run_id}")


@router.get("/schools/{school}/directory/runs/{run_id}")
async def run_page(request: Request, here: Read, run_id: str) -> Response:
    wanted = _run_id(run_id)
    run = await _with_repo(request, here, lambda repo: _run(repo.run(wanted), repo.source_names()))
    d = here.school.directory
    removed = [(i, d.person(i)) for i in run.diff.get("removed_ids", [])]
    return render(
        request,
        "directory_run.html",
        here=here,
        P=Permission,
        run=run,
        removed=removed,
        # Until the run is over and, where this instance ran it, its change is live.
        refresh=run.status == "running"
        or _runtime(request).background.running((here.school.id, wanted)),
    )


async def _decide(request: Request, here: Here, run_id: str, *, approve: bool) -> Response:
    wanted = _run_id(run_id)
    runtime = _runtime(request)
    by = here.user.identity.email
    decide = engine.approve if approve else engine.reject
    try:
        await asyncio.to_thread(decide, runtime.store, here.school.id, wanted, by)
    except NotFound:
        raise not_found() from None
    except Conflict as exc:
        raise PageError(409, "Not decided", f"{exc}.") from None
    code = "directory.approve" if approve else "directory.discard"
    await _changed(request, here, code, str(wanted))  # also makes an approved change live
    return _go(f"{_base(here)}?done={'approved' if approve else 'discarded'}")


@router.post("/schools/{school}/directory/runs/{run_id}/approve")
async def approve_run(request: Request, here: Write, form: FormDep, run_id: str) -> Response:
    return await _decide(request, here, run_id, approve=True)


@router.post("/schools/{school}/directory/runs/{run_id}/discard")
async def discard_run(request: Request, here: Write, form: FormDep, run_id: str) -> Response:
    return await _decide(request, here, run_id, approve=False)


# -- sources: pause, resume, remove, add and edit ---------------------------------------


async def _set_enabled(request: Request, here: Here, name: str, enabled: bool) -> Response:
    def write(repo: SyncRepo) -> None:
        s = repo.source(name)
        repo.put_source(
            s.name,
            s.kind,
            s.config,
            enabled=enabled,
            interval_minutes=s.interval_minutes,
            max_removed_share=s.max_removed_share,
        )

    await _with_repo(request, here, write)
    await _changed(request, here, "directory.resume" if enabled else "directory.pause", name)
    return _go(f"{_base(here)}?done={'resumed' if enabled else 'paused'}")


@router.post("/schools/{school}/directory/sources/{name}/pause")
async def pause_source(request: Request, here: Write, form: FormDep, name: str) -> Response:
    return await _set_enabled(request, here, _name(name), enabled=False)


@router.post("/schools/{school}/directory/sources/{name}/resume")
async def resume_source(request: Request, here: Write, form: FormDep, name: str) -> Response:
    return await _set_enabled(request, here, _name(name), enabled=True)


@router.get("/schools/{school}/directory/sources/{name}/remove")
async def remove_confirm(request: Request, here: Write, name: str) -> Response:
    source = await _with_repo(request, here, lambda repo: _source(repo.source(_name(name))))
    return render(request, "directory_remove.html", here=here, P=Permission, source=source)


@router.post("/schools/{school}/directory/sources/{name}/remove")
async def remove_source(request: Request, here: Write, form: FormDep, name: str) -> Response:
    await _with_repo(request, here, lambda repo: repo.delete_source(_name(name)))
    await _changed(request, here, "directory.remove", name)
    return _go(f"{_base(here)}?done=removed")


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a source's form, generated from the kind's settings model."""

    key: str
    label: str
    widget: str  # text, number, checkbox, list
    required: bool
    hint: str
    value: str
    checked: bool


def _widget(annotation: Any) -> str:
    text = str(annotation)
    if annotation is bool:
        return "checkbox"
    if annotation is int:
        return "number"
    if "list" in text:
        return "list"
    return "text"


def form_fields(kind: str, config: dict[str, Any], school: str) -> list[FormField]:
    """The kind's settings as form fields, in the model's order, with its descriptions."""
    out = []
    for key, info in CONFIGS[kind].model_fields.items():
        widget = _widget(info.annotation)
        hint = info.description or ""
        if key.endswith("_env"):
            hint = (
                f"{hint} The NAME of the variable (it starts with {env_prefix(school)}), never "
                "the secret: set the variable where the service runs."
            ).strip()
        current = config.get(key, None if info.is_required() else info.default)
        if widget == "list":
            value = ", ".join(str(v) for v in current or [])
        else:
            value = "" if current is None or isinstance(current, bool) else str(current)
        out.append(
            FormField(
                key,
                key.replace("_", " "),
                widget,
                info.is_required(),
                hint,
                value,
                bool(current) if widget == "checkbox" else False,
            )
        )
    return out


def _config_from_form(kind: str, form: dict[str, str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for key, info in CONFIGS[kind].model_fields.items():
        widget = _widget(info.annotation)
        raw = form.get(f"config.{key}", "").strip()
        if widget == "checkbox":
            config[key] = raw == "on"
        elif widget == "list":
            if raw:
                config[key] = [v.strip() for v in raw.split(",") if v.strip()]
        elif raw:
            config[key] = raw
    return config


def _number(form: dict[str, str], key: str, default: float) -> float:
    raw = form.get(key, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise PageError(400, "Bad source", f"{key.replace('_', ' ')} must be a number.")
    return value


def _source_form(
    request: Request,
    here: Here,
    *,
    kind: str,
    name: str,
    config: dict[str, Any],
    enabled: bool,
    interval: int,
    share: float,
    editing: bool,
    problems: list[str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "directory_source.html",
        status,
        here=here,
        P=Permission,
        kind=kind,
        source_name=name,
        fields=form_fields(kind, config, here.school.slug),
        enabled=enabled,
        interval=interval,
        share=share,
        editing=editing,
        problems=problems or [],
    )


@router.get("/schools/{school}/directory/sources/new")
async def new_source(request: Request, here: Write, kind: str = "") -> Response:
    if kind not in SOURCE_KINDS:
        raise PageError(400, "Bad source", f"Choose a kind: {', '.join(SOURCE_KINDS)}.")
    return _source_form(
        request,
        here,
        kind=kind,
        name="",
        config={},
        enabled=True,
        interval=60,
        share=0.1,
        editing=False,
    )


def _as_typed(config: dict[str, Any], school: str) -> dict[str, Any]:
    """Stored file paths are resolved; the form takes them inside the school's folder."""
    folder = (SyncSettings().files_dir / school).resolve()
    out = dict(config)
    for key in FILE_KEYS:
        value = out.get(key)
        if isinstance(value, str) and Path(value).is_relative_to(folder):
            out[key] = str(Path(value).relative_to(folder))
    return out


@router.get("/schools/{school}/directory/sources/{name}/edit")
async def edit_source(request: Request, here: Write, name: str) -> Response:
    s = await _with_repo(request, here, lambda repo: repo.source(_name(name)))
    return _source_form(
        request,
        here,
        kind=s.kind,
        name=s.name,
        config=_as_typed(s.config, here.school.slug),
        enabled=s.enabled,
        interval=s.interval_minutes,
        share=s.max_removed_share,
        editing=True,
    )


@router.post("/schools/{school}/directory/sources")
async def save_source(request: Request, here: Write, form: FormDep) -> Response:
    """Create or change a source through the same validation as ``PUT .../sources/{name}``."""
    kind = form.get("kind", "")
    name = form.get("name", "").strip()
    editing = form.get("editing") == "1"
    if kind not in SOURCE_KINDS:
        raise PageError(400, "Bad source", f"Choose a kind: {', '.join(SOURCE_KINDS)}.")
    config = _config_from_form(kind, form)
    interval = _number(form, "interval_minutes", 60)
    share = _number(form, "max_removed_share", 0.1)
    enabled = form.get("enabled") == "on"
    problems = []
    if not _SOURCE_NAME.match(name):
        problems.append(
            "name: lower-case letters, digits, - and _ (up to 64), starting with a letter or digit"
        )
    if not (5 <= interval <= 7 * 24 * 60) or interval != int(interval):
        problems.append("interval minutes: a whole number from 5 to 10080 (a week)")
    if not 0 <= share <= 1:
        problems.append("max removed share: from 0 to 1 (0.1 is 10%)")
    checked: dict[str, Any] = {}
    if not problems:
        try:
            checked = validate_config(
                kind, config, school=here.school.slug, files_dir=SyncSettings().files_dir
            )
        except ValidationError as exc:
            problems = [
                f"{'.'.join(str(x) for x in e['loc']) or 'settings'}: {e['msg']}"
                for e in exc.errors(include_url=False, include_input=False)
            ]
        except ValueError as exc:
            problems = [str(exc)]
    if not problems:

        def write(repo: SyncRepo) -> None:
            if not editing and name in repo.source_names().values():
                raise ValueError(f"a source named {name!r} exists: edit it instead")
            repo.put_source(
                name,
                kind,
                checked,
                enabled=enabled,
                interval_minutes=int(interval),
                max_removed_share=share,
            )

        try:
            await asyncio.to_thread(_repo_call, _runtime(request), here.school.id, write)
        except ValueError as exc:
            problems = [str(exc)]
    if problems:
        return _source_form(
            request,
            here,
            kind=kind,
            name=name,
            config=config,
            enabled=enabled,
            interval=int(interval) if interval == int(interval) else 60,
            share=share,
            editing=editing,
            problems=problems,
            status=422,
        )
    await _changed(request, here, "directory.source", name)
    return _go(f"{_base(here)}?done=saved")


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else "never"


templates.env.filters["when"] = _when
