"""The notifications' store: triggers, the outbox, and the claims that make a
notice go once with several instances.

Per-school reads start from the school (:class:`SchoolScope`); the outbox's
``due`` list is across schools, as the sync scheduler's list of sources is.
Inserts keyed by ``dedupe`` ignore a second copy (the same trigger seen twice,
two instances making the same day's digest), so each is recorded once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.models import AuditEvent
from app.store.notification_models import Notification, OutboxItem
from app.store.scope import SchoolScope

MAX_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class NotificationRecord:
    id: int
    tenant_id: str
    trigger: str
    rule: str
    sender_hash: str
    count: int
    window_minutes: int
    at: datetime


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    id: int
    tenant_id: str
    kind: str
    notification_id: int | None
    period_start: datetime | None
    period_end: datetime | None
    channel: str
    status: str
    attempts: int
    next_attempt_at: datetime
    error: str
    created_at: datetime
    sent_at: datetime | None


def _n(r: Notification) -> NotificationRecord:
    return NotificationRecord(
        r.id, r.tenant_id, r.trigger, r.rule, r.sender_hash, r.count, r.window_minutes, r.at
    )


def _o(r: OutboxItem) -> OutboxRecord:
    return OutboxRecord(
        r.id,
        r.tenant_id,
        r.kind,
        r.notification_id,
        r.period_start,
        r.period_end,
        r.channel,
        r.status,
        r.attempts,
        r.next_attempt_at,
        r.error,
        r.created_at,
        r.sent_at,
    )


def _insert_ignore(s: Session, model: type[Any], row: dict[str, Any]) -> int | None:
    """Insert unless ``dedupe`` is taken; the new row's id, else ``None``."""
    table = cast(Table, model.__table__)
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).on_conflict_do_nothing(index_elements=["dedupe"])
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).on_conflict_do_nothing(index_elements=["dedupe"])
    else:  # pragma: no cover - other databases
        stmt = insert(table)
    got = s.execute(stmt.values(**row).returning(table.c.id)).scalar_one_or_none()
    return int(got) if got is not None else None


class NotificationStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- what the audit trail says ------------------------------------------------

    def senders_of_checks(self, tenant_id: str, check_ids: Iterable[str]) -> dict[str, str]:
        """check id -> keyed sender hash, for checks already in the audit trail."""
        ids = sorted(set(check_ids))
        if not ids:
            return {}
        with self.db.session() as s:
            rows = s.execute(
                SchoolScope(tenant_id)(
                    select(AuditEvent.check_id, AuditEvent.sender_hash).where(
                        AuditEvent.kind == "check", AuditEvent.check_id.in_(ids)
                    )
                )
            ).all()
        return {str(c): h for c, h in rows if c}

    def count_fires(self, tenant_id: str, sender_hash: str, rule: str, since: datetime) -> int:
        """Checks (to send or on review, not background ones) of one sender where
        ``rule`` fired, since ``since``."""
        with self.db.session() as s:
            n = s.scalar(
                SchoolScope(tenant_id)(
                    select(func.count(AuditEvent.id)).where(
                        AuditEvent.kind == "check",
                        AuditEvent.purpose.in_(("send", "review")),
                        AuditEvent.sender_hash == sender_hash,
                        AuditEvent.at >= since,
                        AuditEvent.codes.like(f"%{rule}%"),
                    )
                )
            )
        return int(n or 0)

    # -- triggers -----------------------------------------------------------------

    def add(
        self,
        tenant_id: str,
        *,
        trigger: str,
        rule: str,
        sender_hash: str,
        count: int,
        window_minutes: int,
        at: datetime,
        dedupe: str,
        instant_channel: str | None,
    ) -> int | None:
        """Record a trigger (once per ``dedupe``); with ``instant_channel``, queue
        its notice in the same transaction. The new id, or ``None`` if known."""
        with self.db.session() as s:
            nid = _insert_ignore(
                s,
                Notification,
                {
                    "tenant_id": tenant_id,
                    "trigger": trigger,
                    "rule": rule,
                    "sender_hash": sender_hash,
                    "count": count,
                    "window_minutes": window_minutes,
                    "at": at,
                    "dedupe": dedupe,
                },
            )
            if nid is not None and instant_channel is not None:
                _insert_ignore(
                    s,
                    OutboxItem,
                    _outbox_row(
                        tenant_id,
                        "instant",
                        f"instant:{nid}",
                        instant_channel,
                        at,
                        notification_id=nid,
                    ),
                )
            return nid

    def enqueue_digest(
        self, tenant_id: str, start: datetime, end: datetime, dedupe: str, channel: str
    ) -> int | None:
        with self.db.session() as s:
            return _insert_ignore(
                s,
                OutboxItem,
                _outbox_row(
                    tenant_id, "digest", dedupe, channel, end, period_start=start, period_end=end
                ),
            )

    def enqueue_test(self, tenant_id: str, channel: str, now: datetime, token: str) -> int:
        with self.db.session() as s:
            got = _insert_ignore(
                s, OutboxItem, _outbox_row(tenant_id, "test", f"test:{token}", channel, now)
            )
        assert got is not None
        return got

    def last_digest_end(self, tenant_id: str) -> datetime | None:
        with self.db.session() as s:
            got = s.scalar(
                SchoolScope(tenant_id)(
                    select(func.max(OutboxItem.period_end)).where(OutboxItem.kind == "digest")
                )
            )
        return got if isinstance(got, datetime) else None

    # -- the outbox -----------------------------------------------------------------

    def due(self, now: datetime, limit: int = 50) -> list[OutboxRecord]:
        """Items to send now, across schools: pending and due, or claimed by an
        instance whose claim ran out (it stopped mid-send)."""
        with self.db.session() as s:
            rows = s.scalars(
                select(OutboxItem)
                .where(_claimable(now))
                .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
                .limit(limit)
            )
            return [_o(r) for r in rows]

    def claim(self, item_id: int, holder: str, now: datetime, ttl: timedelta) -> bool:
        """Take an item to send it; ``False`` if another instance has it (or it is done)."""
        with self.db.session() as s:
            took = s.execute(
                update(OutboxItem)
                .where(OutboxItem.id == item_id, _claimable(now))
                .values(status="sending", claimed_by=holder, claimed_until=now + ttl)
            ).rowcount  # type: ignore[attr-defined]
        return bool(took)

    def finish(
        self,
        item_id: int,
        holder: str,
        now: datetime,
        *,
        status: str,
        error: str = "",
        retry_in: timedelta | None = None,
    ) -> str:
        """Record how a claimed item went. A failure with attempts left goes back
        to ``pending`` (due after ``retry_in``); the last one is ``failed``."""
        with self.db.session() as s:
            row = s.get(OutboxItem, item_id)
            if row is None or row.claimed_by != holder:
                return "lost"
            row.attempts += 1
            row.claimed_until = None
            row.error = error[:200]
            if status == "failed" and retry_in is not None and row.attempts < MAX_ATTEMPTS:
                row.status = "pending"
                row.next_attempt_at = now + retry_in
            else:
                row.status = status
                if status in ("sent", "empty"):
                    row.sent_at = now
            return row.status

    # -- reading ----------------------------------------------------------------------

    def notification(self, tenant_id: str, notification_id: int) -> NotificationRecord | None:
        with self.db.session() as s:
            row = s.scalar(
                SchoolScope(tenant_id)(
                    select(Notification).where(Notification.id == notification_id)
                )
            )
            return _n(row) if row is not None else None

    def between(self, tenant_id: str, start: datetime, end: datetime) -> list[NotificationRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                SchoolScope(tenant_id)(
                    select(Notification)
                    .where(Notification.at >= start, Notification.at < end)
                    .order_by(Notification.at, Notification.id)
                )
            )
            return [_n(r) for r in rows]

    def recent(self, tenant_id: str, limit: int = 50) -> list[NotificationRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                SchoolScope(tenant_id)(
                    select(Notification).order_by(Notification.at.desc(), Notification.id.desc())
                ).limit(limit)
            )
            return [_n(r) for r in rows]

    def outbox(self, tenant_id: str, limit: int = 50) -> list[OutboxRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                SchoolScope(tenant_id)(select(OutboxItem).order_by(OutboxItem.id.desc())).limit(
                    limit
                )
            )
            return [_o(r) for r in rows]


def count_before(db: Database, before: datetime) -> int:
    """Notifications (every school) older than ``before``."""
    with db.session() as s:
        return int(
            s.scalar(select(func.count(Notification.id)).where(Notification.at < before)) or 0
        )


def purge_before(db: Database, before: datetime) -> int:
    """Delete notifications older than ``before`` (with their outbox items) and
    finished outbox items (digests, tests) made before it; returns how many
    notifications. They follow the audit trail they are derived from."""
    with db.session() as s:
        olds = select(Notification.id).where(Notification.at < before)
        s.execute(delete(OutboxItem).where(OutboxItem.notification_id.in_(olds)))
        s.execute(
            delete(OutboxItem).where(
                OutboxItem.created_at < before, OutboxItem.status.not_in(("pending", "sending"))
            )
        )
        n = s.execute(delete(Notification).where(Notification.at < before)).rowcount  # type: ignore[attr-defined]
    return int(n or 0)


def _claimable(now: datetime) -> Any:
    return or_(
        (OutboxItem.status == "pending") & (OutboxItem.next_attempt_at <= now),
        (OutboxItem.status == "sending") & (OutboxItem.claimed_until < now),
    )


def _outbox_row(
    tenant_id: str,
    kind: str,
    dedupe: str,
    channel: str,
    now: datetime,
    *,
    notification_id: int | None = None,
    period_start: datetime | None = None,
    period_end: datetime | None = None,
) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "kind": kind,
        "notification_id": notification_id,
        "period_start": period_start,
        "period_end": period_end,
        "dedupe": dedupe,
        "channel": channel,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "claimed_by": "",
        "claimed_until": None,
        "error": "",
        "created_at": now,
        "sent_at": None,
    }
