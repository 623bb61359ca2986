"""Audit retention: events older than ``ETIQUETTE_AUDIT_RETENTION_DAYS`` are purged.

The default is one school year (365 days): long enough to compare a term with
the same term last year, short enough that the trail does not become a
record of every email a member of staff ever sent. Run daily by a scheduled
job (the Kubernetes CronJob, or the compose ``retention`` service):
``etiquette retention``. Audit events are purged, and with them the
safeguarding notifications derived from them (and their sent outbox items);
policies, their history and the directory are the school's configuration,
kept until changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.store import notifications
from app.store.db import Database
from app.store.repository import count_audit_before, purge_audit_before


@dataclass(frozen=True, slots=True)
class RetentionResult:
    cutoff: datetime
    purged: int
    dry_run: bool
    notifications: int = 0


def cutoff(days: int, now: datetime | None = None) -> datetime:
    if days < 1:
        raise ValueError("retention must be at least one day")
    return (now or datetime.now(UTC)) - timedelta(days=days)


def apply_retention(
    db: Database, days: int, *, dry_run: bool = False, now: datetime | None = None
) -> RetentionResult:
    before = cutoff(days, now)
    if dry_run:
        n, notes = count_audit_before(db, before), notifications.count_before(db, before)
    else:
        n, notes = purge_audit_before(db, before), notifications.purge_before(db, before)
    return RetentionResult(before, n, dry_run, notes)
