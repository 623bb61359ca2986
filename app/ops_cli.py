"""``etiquette migrate`` and ``etiquette retention``: the one-off and scheduled
jobs a deployment runs beside the service (directory syncs are ``etiquette
sync``, :mod:`app.directory.sync.cli`).

- ``migrate``: upgrade the schema once, before replicas start (compose's
  ``migrate`` service, the Kubernetes migration Job); the replicas then run
  with ``ETIQUETTE_MIGRATE_ON_START=false``.
- ``retention``: purge audit events older than ``ETIQUETTE_AUDIT_RETENTION_DAYS``.

These use ``DATABASE_URL`` but hash nothing, so they need no secret key.
"""

from __future__ import annotations

import argparse
import sys
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
    print(f"{verb} {result.notifications} safeguarding notifications and", end=" ")
    print(f"{result.purged} audit events older than {result.cutoff.isoformat()}")
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
