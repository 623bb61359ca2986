"""``etiquette sync [SOURCE]``: run directory syncs from cron or a Kubernetes CronJob.

Without SOURCE, every enabled source that is due runs (as the service's
scheduler would), under the same lease, so a CronJob and a service with its
scheduler on never sync at the same moment. With SOURCE, that source runs now.
The exit status is 1 if a run failed or was refused (an empty read), so the
job's own alerting sees it; a run held for approval is not an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from app.directory.sync.engine import FAILED, REFUSED, RunOutcome, sync_source
from app.directory.sync.scheduler import LEASE, is_due
from app.directory.sync.settings import SyncSettings
from app.http import make_client
from app.store import Store
from app.store.sync import SourceRecord, SyncStore


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "sync",
        help="sync school directories from their sources (uses DATABASE_URL)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument("source", nargs="?", help="a source's name; default: every due source")
    p.add_argument("--school", help="only this school (slug); needed if SOURCE names several")
    p.add_argument("--full", action="store_true", help="read in full (a reconcile)")
    p.add_argument("--list", action="store_true", help="list sources and when they last ran")
    p.add_argument("--json", action="store_true", help="one JSON object per run")
    p.set_defaults(func=cmd_sync)


def _store() -> Store:
    from app.config import Settings
    from app.store import Database

    settings = Settings(environment="development")  # no secret needed: nothing is hashed
    db = Database(settings.database_url)
    db.migrate()
    return Store(db)


def _line(slug: str, src: SourceRecord, out: RunOutcome) -> str:
    d = out.diff
    change = f" +{d.added} ~{d.changed} -{d.removed}" if d is not None else ""
    why = f": {out.error}" if out.error else ""
    return f"{slug}/{src.name}: run {out.run_id} {out.status}{change}{why}"


def cmd_sync(args: argparse.Namespace) -> int:
    store = _store()
    try:
        return asyncio.run(_sync(store, args))
    finally:
        store.db.dispose()


async def _sync(store: Store, args: argparse.Namespace) -> int:
    syncs = SyncStore(store.db)
    settings = SyncSettings()
    slugs = _slugs(store)
    chosen = [
        (tid, src)
        for tid, src in syncs.enabled_sources()
        if (not args.school or slugs.get(tid) == args.school)
        and (not args.source or src.name == args.source)
    ]
    if args.list:
        for tid, src in chosen:
            last = src.last_run_at.isoformat() if src.last_run_at else "never"
            print(
                f"{slugs.get(tid, tid)}/{src.name}: {src.kind}, every {src.interval_minutes} min, "
                f"last run {last}"
            )
        return 0
    if args.source and not chosen:
        print(f"etiquette: no enabled source named {args.source!r}", file=sys.stderr)
        return 1
    if args.source and len(chosen) > 1:
        print(
            "etiquette: several schools have that source; say which with --school", file=sys.stderr
        )
        return 1
    holder = f"cli-{uuid.uuid4().hex}"
    ttl = timedelta(seconds=settings.lease_seconds)
    if not args.source and not syncs.acquire_lease(LEASE, holder, ttl):
        print("etiquette: another instance is running the scheduled syncs", file=sys.stderr)
        return 0
    worst = 0
    try:
        async with make_client() as http:
            now = datetime.now(UTC)
            for tid, src in chosen:
                if not args.source and not args.full and not is_due(src, now):
                    continue
                out = await sync_source(
                    store,
                    tid,
                    src.name,
                    http,
                    full=True if args.full else None,
                    trigger="cli",
                    nightly_hour=settings.nightly_hour_utc,
                )
                if args.json:
                    print(
                        json.dumps(
                            {
                                "school": slugs.get(tid),
                                "source": src.name,
                                "run": out.run_id,
                                "status": out.status,
                                "diff": out.diff.counts() if out.diff else None,
                                "error": out.error,
                            }
                        )
                    )
                else:
                    print(_line(slugs.get(tid, tid), src, out))
                if out.status in (FAILED, REFUSED):
                    worst = 1
                if not args.source:
                    syncs.acquire_lease(LEASE, holder, ttl)
    finally:
        if not args.source:
            syncs.release_lease(LEASE, holder)
    return worst


def _slugs(store: Store) -> dict[str, str]:
    return {school.id: school.slug for school in store.schools()}
