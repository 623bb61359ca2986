"""Run one source once, and never lose the directory by accident.

The order of a run: read the source (in full, or from its cursor); work out
the people this source would hold afterwards; compare them with what it holds
now (:mod:`app.directory.changes`, the rules every roster change follows); then

- a failed read, or a full read that found nobody, changes nothing;
- a change that removes more than the source's share (default 10%) is held
  as *pending*, with its diff, until an admin approves or rejects it (the
  cursor does not move, so nothing is lost meanwhile);
- anything else is applied in one transaction and the cursor moves on.

Each run is recorded: mode, trigger, start and end, counts (added, changed,
removed, skipped by reason) and a safe error. Nothing here logs or stores a
name or an address outside the directory tables themselves.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from app.directory.changes import DirectoryDiff, diff_people, removes_too_many, wipes_out
from app.directory.model import Group
from app.directory.sources.base import DirectorySource, Fetched, SourceError
from app.directory.sources.registry import make_source
from app.errors import Conflict
from app.people import Person
from app.store import Store
from app.store.sync import (
    SourceRecord,
    SyncRepo,
    fingerprint,
    groups_from_json,
    groups_to_json,
    people_from_json,
    people_to_json,
)

log = logging.getLogger("etiquette.sync")

SourceFactory = Callable[[str, str, Mapping[str, Any], httpx.AsyncClient], DirectorySource]

# Run statuses
APPLIED = "applied"
UNCHANGED = "unchanged"
PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
REFUSED = "refused"  # the source returned nobody: nothing changed
FAILED = "failed"
HELD = "held"  # a pending run of this source waits for a decision
STALE = "stale"  # approved too late: the source's rows had changed since


class StaleProposal(Conflict):
    """A pending run cannot be applied: the source's people changed since it ran."""


class NotPending(Conflict):
    """The run is not waiting for a decision."""


@dataclass(frozen=True, slots=True)
class RunOutcome:
    run_id: int
    status: str
    diff: DirectoryDiff | None = None
    error: str = ""

    @property
    def changed_directory(self) -> bool:
        return self.status in (APPLIED, APPROVED)


def _now() -> datetime:
    return datetime.now(UTC)


def full_due(src: SourceRecord, now: datetime, nightly_hour: int) -> bool:
    """A full reconcile is due: never done, or not yet today after the nightly hour (UTC)."""
    if src.cursor is None or src.last_full_at is None:
        return True
    if now.hour < nightly_hour:
        return False
    return src.last_full_at.date() < now.date() or src.last_full_at.hour < nightly_hour


def _proposed(current: list[Person], fetched: Fetched) -> tuple[list[Person], Counter[str]]:
    skipped: Counter[str] = Counter(s.reason for s in fetched.skipped)
    out: dict[str, Person] = {} if fetched.full else {p.id: p for p in current}
    seen: set[str] = set()
    for p in fetched.people:
        if p.id in seen:
            skipped["the same id twice in one read"] += 1
            continue
        seen.add(p.id)
        out[p.id] = p
    for gone in fetched.removed:
        out.pop(gone, None)
    if not fetched.full and fetched.relinked_pupils:
        _merge_links(out, {p.id: p for p in current}, seen, fetched.relinked_pupils)
    return list(out.values()), skipped


def _merge_links(
    out: dict[str, Person], old: Mapping[str, Person], fresh: set[str], relinked: set[str]
) -> None:
    """Contacts keep their links to pupils whose contact lists were not re-read."""
    for pid, p in list(out.items()):
        before = old.get(pid)
        if before is None or not before.relationships:
            continue
        kept = tuple(r for r in before.relationships if r.pupil_id not in relinked)
        if pid in fresh:
            mine = {r.pupil_id for r in p.relationships}
            links = (*[r for r in kept if r.pupil_id not in mine], *p.relationships)
        else:
            links = kept
        if links != p.relationships:
            out[pid] = replace(p, relationships=links)


async def sync_source(
    store: Store,
    tenant_id: str,
    name: str,
    http: httpx.AsyncClient,
    *,
    full: bool | None = None,
    trigger: str = "schedule",
    nightly_hour: int = 2,
    factory: SourceFactory = make_source,
    now: Callable[[], datetime] = _now,
    on_start: Callable[[int], None] | None = None,
) -> RunOutcome:
    """Run the school's source ``name`` once. ``full=None``: full when due (nightly).

    ``on_start`` is told the run's id as soon as the run is recorded (before the
    read), so a caller that runs this in the background can show the run at once.
    """

    def begin() -> tuple[SourceRecord, int, bool, int | None, list[Person]]:
        with store.db.session() as s:
            repo = SyncRepo(s, tenant_id)
            src = repo.source(name)
            current = repo.source_people(name)
            # No rows yet (a first run, or everyone removed): read in full.
            is_full = full if full is not None else full_due(src, now(), nightly_hour)
            is_full = is_full or not current
            waiting = repo.runs(limit=1, status=PENDING, source_id=src.id)
            run_id = repo.start_run(src.id, "full" if is_full else "incremental", trigger, now())
            return src, run_id, is_full, (waiting[0].id if waiting else None), current

    src, run_id, is_full, waiting, current = await asyncio.to_thread(begin)
    if on_start is not None:
        on_start(run_id)

    def finish(status: str, **kw: Any) -> None:
        with store.db.session() as s:
            repo = SyncRepo(s, tenant_id)
            repo.finish_run(run_id, status, at=now(), **kw)
            repo.touch(src.id, now())

    if waiting is not None:
        msg = f"run {waiting} is waiting for an admin's approval; approve or reject it first"
        await asyncio.to_thread(finish, HELD, error=msg)
        return RunOutcome(run_id, HELD, error=msg)

    try:
        source = factory(src.kind, name, src.config, http)
        fetched = await source.fetch(None if is_full else src.cursor)
    except SourceError as exc:
        await asyncio.to_thread(finish, FAILED, error=str(exc))
        log.warning("sync %s/%s failed: %s", tenant_id, name, exc)
        return RunOutcome(run_id, FAILED, error=str(exc))
    except Exception as exc:  # a bug or an unexpected answer: its text could hold content
        where = exc.__traceback__.tb_frame.f_code.co_name if exc.__traceback__ else "?"
        error = f"unexpected {type(exc).__name__} in {where}"
        await asyncio.to_thread(finish, FAILED, error=error)
        log.error("sync %s/%s: %s", tenant_id, name, error)
        return RunOutcome(run_id, FAILED, error=error)

    return await asyncio.to_thread(_decide, store, tenant_id, src, run_id, current, fetched, now)


def _decide(
    store: Store,
    tenant_id: str,
    src: SourceRecord,
    run_id: int,
    current: list[Person],
    fetched: Fetched,
    now: Callable[[], datetime],
) -> RunOutcome:
    with store.db.session() as s:
        repo = SyncRepo(s, tenant_id)
        proposed, skipped = _proposed(current, fetched)
        taken = repo.other_ids(src.name)
        if taken:
            clash = [p for p in proposed if p.id in taken]
            skipped["id already held by another source"] += len(clash)
            proposed = [p for p in proposed if p.id not in taken]
        groups = _groups(repo, src.name, fetched.groups, skipped)
        diff = diff_people(current, proposed)
        counts: dict[str, Any] = {
            **diff.counts(),
            "fetched": len(fetched.people),
            "source_removed": len(fetched.removed),
            "skipped": sum(skipped.values()),
            "skipped_reasons": dict(skipped),
            "groups": len(groups) if groups is not None else None,
        }
        summary = diff.summary()
        if fetched.full and wipes_out(diff):
            repo.finish_run(
                run_id,
                REFUSED,
                counts=counts,
                diff=diff.counts(),
                error="the source returned nobody; the directory was left as it was",
                at=now(),
            )
            repo.touch(src.id, now())
            return RunOutcome(run_id, REFUSED, diff)
        if removes_too_many(diff, src.max_removed_share):
            proposal = {
                "people": people_to_json(proposed),
                "groups": groups_to_json(groups) if groups is not None else None,
                "cursor": fetched.cursor,
                "full": fetched.full,
            }
            repo.finish_run(
                run_id,
                PENDING,
                counts=counts,
                diff=summary,
                proposal=proposal,
                base_fingerprint=fingerprint(current),
                error=(
                    f"would remove {diff.removed} of {diff.before} people "
                    f"(more than {src.max_removed_share:.0%}): waiting for approval"
                ),
                at=now(),
            )
            repo.touch(src.id, now())
            return RunOutcome(run_id, PENDING, diff)
        groups_same = groups is None or set(groups) == set(repo.source_groups(src.name))
        if diff.is_empty and groups_same:
            repo.set_cursor(src.id, fetched.cursor, full=fetched.full, at=now())
            repo.finish_run(run_id, UNCHANGED, counts=counts, diff=summary, at=now())
            return RunOutcome(run_id, UNCHANGED, diff)
        touched = (*diff.added_ids, *diff.changed_ids, *diff.removed_ids)  # every id
        repo.replace_source_rows(src.name, proposed, groups, only=touched)
        repo.set_cursor(src.id, fetched.cursor, full=fetched.full, at=now())
        repo.finish_run(run_id, APPLIED, counts=counts, diff=summary, at=now())
        return RunOutcome(run_id, APPLIED, diff)


def _groups(
    repo: SyncRepo, name: str, fetched: list[Group] | None, skipped: Counter[str]
) -> list[Group] | None:
    """The groups to store, or ``None`` to keep what is there (none read, or an empty read)."""
    if fetched is None:
        return None
    if not fetched and repo.source_groups(name):
        skipped["no groups returned: kept the ones held"] += 1
        return None
    taken = repo.other_group_emails(name)
    out: dict[str, Group] = {}
    for g in fetched:
        if g.email in taken:
            skipped["group address already held by another source"] += 1
        else:
            out.setdefault(g.email, g)
    return list(out.values())


def approve(store: Store, tenant_id: str, run_id: int, by: str) -> RunOutcome:
    """Apply a pending run, if the source's people are still what it was compared with."""
    with store.db.session() as s:
        repo = SyncRepo(s, tenant_id)
        run = repo.run(run_id)
        if run.status != PENDING or not run.proposal_json:
            raise NotPending(f"run {run_id} is {run.status}, not pending")
        names = repo.source_names()
        name = names[run.source_id]
        if fingerprint(repo.source_people(name)) != run.base_fingerprint:
            repo.decide(run_id, STALE, by, _now())
            stale = True
        else:
            stale = False
            proposal = json.loads(run.proposal_json)
            people = people_from_json(proposal["people"])
            groups = (
                groups_from_json(proposal["groups"]) if proposal["groups"] is not None else None
            )
            repo.replace_source_rows(name, people, groups)
            repo.set_cursor(run.source_id, proposal["cursor"], full=proposal["full"], at=_now())
            repo.decide(run_id, APPROVED, by, _now())
    if stale:
        raise StaleProposal(
            f"the people from this source changed after run {run_id}; run the sync again"
        )
    return RunOutcome(run_id, APPROVED)


def reject(store: Store, tenant_id: str, run_id: int, by: str) -> RunOutcome:
    with store.db.session() as s:
        repo = SyncRepo(s, tenant_id)
        run = repo.run(run_id)
        if run.status != PENDING:
            raise NotPending(f"run {run_id} is {run.status}, not pending")
        repo.decide(run_id, REJECTED, by, _now())
    return RunOutcome(run_id, REJECTED)
