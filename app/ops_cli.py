"""``etiquette migrate``, ``etiquette retention`` and ``etiquette directory-sync``:
the one-off and scheduled jobs a deployment runs beside the service.

- ``migrate``: upgrade the schema once, before replicas start (compose's
  ``migrate`` service, the Kubernetes migration Job); the replicas then run
  with ``ETIQUETTE_MIGRATE_ON_START=false``.
- ``retention``: purge audit events older than ``ETIQUETTE_AUDIT_RETENTION_DAYS``.
- ``directory-sync``: push the MIS export (people CSV, optional groups CSV) to
  the service's admin API, so the upload is validated exactly as an admin's
  would be and every instance reloads at once. The admin key comes from
  ``ETIQUETTE_ADMIN_KEY``, never the command line.

These use ``DATABASE_URL`` but hash nothing, so they need no secret key.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any


def _settings() -> Any:
    from app.config import Settings

    return Settings(environment="development")


def cmd_migrate(args: argparse.Namespace) -> int:
    from app.store import Database

    db = Database(_settings().database_url)
    try:
        db.migrate()
    finally:
        db.dispose()
    print("database schema is up to date")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    from app.retention import apply_retention
    from app.store import Database

    settings = _settings()
    days = args.days if args.days is not None else settings.audit_retention_days
    if days < 1:
        print("etiquette: --days must be at least 1", file=sys.stderr)
        return 2
    db = Database(settings.database_url)
    try:
        result = apply_retention(db, days, dry_run=args.dry_run)
    finally:
        db.dispose()
    verb = "would purge" if result.dry_run else "purged"
    print(f"{verb} {result.purged} audit events older than {result.cutoff.isoformat()}")
    return 0


def _put_csv(url: str, key: str, path: Path, attempts: int) -> tuple[int, str]:
    import httpx

    body = path.read_bytes()
    last: tuple[int, str] = (0, "not attempted")
    for attempt in range(attempts):
        try:
            res = httpx.put(
                url,
                content=body,
                headers={"X-API-Key": key, "Content-Type": "text/csv; charset=utf-8"},
                timeout=httpx.Timeout(120.0, connect=5.0),
            )
        except httpx.HTTPError as exc:
            last = (0, type(exc).__name__)
        else:
            if res.status_code < 500:
                return res.status_code, res.text[:500]
            last = (res.status_code, "server error")
        if attempt + 1 < attempts:
            time.sleep(2**attempt)
    return last


def cmd_directory_sync(args: argparse.Namespace) -> int:
    key = os.environ.get("ETIQUETTE_ADMIN_KEY", "")
    if not key:
        print("etiquette: set ETIQUETTE_ADMIN_KEY (an admin key of the school)", file=sys.stderr)
        return 2
    base = f"{args.url.rstrip('/')}/v1/admin/schools/{args.school}/directory"
    uploads = [("people", Path(args.roster))]
    if args.groups:
        uploads.append(("groups", Path(args.groups)))
    for kind, path in uploads:
        if not path.is_file():
            print(f"etiquette: {kind} file not found: {path}", file=sys.stderr)
            return 2
        status, detail = _put_csv(f"{base}/{kind}", key, path, args.attempts)
        if not 200 <= status < 300:
            # The service's answer names the row and column; it never echoes cell values.
            print(f"etiquette: {kind} upload failed ({status or 'no answer'}): {detail}")
            return 1
        print(f"{kind}: uploaded ({status})")
    return 0


def add_parser(sub: Any) -> None:
    m = sub.add_parser("migrate", help="upgrade the database schema (run once before replicas)")
    m.set_defaults(func=cmd_migrate)

    r = sub.add_parser(
        "retention", help="purge audit events older than ETIQUETTE_AUDIT_RETENTION_DAYS"
    )
    r.add_argument("--days", type=int, default=None, help="override the retention period")
    r.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    r.set_defaults(func=cmd_retention)

    d = sub.add_parser(
        "directory-sync",
        help="upload the MIS export to the service (admin key in ETIQUETTE_ADMIN_KEY)",
    )
    d.add_argument("--url", required=True, help="the service, e.g. http://etiquette:8000")
    d.add_argument("--school", required=True, help="the school's slug")
    d.add_argument("--roster", required=True, help="people CSV (MIS export)")
    d.add_argument("--groups", help="groups CSV")
    d.add_argument("--attempts", type=int, default=3, help="tries on a network or 5xx error")
    d.set_defaults(func=cmd_directory_sync)
