"""The console's audit figures: one school's events, aggregated in SQL.

Every statement goes through :class:`~app.store.scope.SchoolScope`, so a
figure never counts another school's events. The same SQL runs on SQLite and
PostgreSQL: a day is ``date(at)`` on SQLite and the UTC date of ``at`` on
PostgreSQL; a rule's events are those whose comma-separated ``codes`` contain
it (``',' || codes || ','`` LIKE ``'%,CODE,%'``), counted with one
``SUM(CASE ...)`` per rule code.

Checks count ``send`` and ``review`` purposes only (as ``audit_summary``
does), so a message pre-checked as its recipients change is counted once.
``only`` restricts every figure to events carrying one of those rule codes
(the safeguarding lead's view: the pupil rules).

Also the audit page's filtered list (:class:`AuditFilter`): one page at a
time (offset, bounded), or every matching row in id order, in batches (the
CSV export).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from app.store.models import AuditEvent
from app.store.scope import SchoolScope

COUNTED_PURPOSES = ("send", "review")
OUTCOMES = ("fixed", "sent_anyway", "cancelled", "failed_open")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")


@dataclass(frozen=True, slots=True)
class Period:
    """``[since, until)``, whole UTC days."""

    since: datetime
    until: datetime

    @property
    def days(self) -> int:
        return (self.until - self.since).days

    @property
    def first_day(self) -> date:
        return self.since.date()

    @property
    def last_day(self) -> date:
        return (self.until - timedelta(days=1)).date()

    def day_list(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(self.days)]

    def before(self) -> Period:
        """The previous period of the same length."""
        return Period(self.since - (self.until - self.since), self.since)


def last_days(days: int, now: datetime | None = None) -> Period:
    """The last ``days`` whole UTC days, today included."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    until = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
    return Period(until - timedelta(days=days), until)


def has_code(code: str, column: Any = AuditEvent.codes) -> ColumnElement[bool]:
    """The event's ``codes`` list contains ``code`` (a rule code, validated)."""
    if not _CODE.match(code):
        raise ValueError(f"not a rule code: {code!r}")
    wrapped: ColumnElement[str] = literal(",") + column + literal(",")
    return wrapped.like(f"%,{code},%")


def _any_code(codes: Sequence[str], column: Any = AuditEvent.codes) -> ColumnElement[bool]:
    return or_(*(has_code(c, column) for c in codes))


def _count_if(cond: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Totals:
    checks: int
    flagged: int  # checks with at least one finding
    outcomes: dict[str, int]

    @property
    def sent_anyway_rate(self) -> float | None:
        """Sent anyway per flagged check (``None`` with no flagged check)."""
        return self.outcomes.get("sent_anyway", 0) / self.flagged if self.flagged else None


@dataclass(frozen=True, slots=True)
class GroupRow:
    group: str  # "" for senders in no staff group
    checks: int
    flagged: int
    sent_anyway: int


class DashboardQueries:
    """One school's figures. ``only``: count only events with one of these codes."""

    def __init__(
        self, session: Session, tenant_id: str, *, only: Sequence[str] | None = None
    ) -> None:
        self.session = session
        self.scope = SchoolScope(tenant_id)
        self.only = tuple(only) if only is not None else None
        for c in self.only or ():
            has_code(c)  # validates

    # -- building blocks ------------------------------------------------------------

    def _day(self) -> Any:
        if self.session.get_bind().dialect.name == "postgresql":
            return cast(func.timezone("UTC", AuditEvent.at), Date)
        return func.date(AuditEvent.at)

    def _checks(self, p: Period) -> list[ColumnElement[bool]]:
        cond = [
            AuditEvent.kind == "check",
            AuditEvent.purpose.in_(COUNTED_PURPOSES),
            AuditEvent.at >= p.since,
            AuditEvent.at < p.until,
        ]
        if self.only is not None:
            cond.append(_any_code(self.only))
        return cond

    def _outcomes(self, p: Period) -> list[ColumnElement[bool]]:
        cond = [AuditEvent.kind == "outcome", AuditEvent.at >= p.since, AuditEvent.at < p.until]
        if self.only is not None:
            cond.append(_any_code(self.only))
        return cond

    def _codes(self, codes: Sequence[str]) -> list[str]:
        return [c for c in codes if self.only is None or c in self.only]

    # -- figures ----------------------------------------------------------------------

    def totals(self, p: Period) -> Totals:
        checks, flagged = self.session.execute(
            self.scope(select(func.count(), _count_if(AuditEvent.codes != ""))).where(
                *self._checks(p)
            )
        ).one()
        return Totals(int(checks or 0), int(flagged or 0), self.outcomes(p))

    def checks_per_day(self, p: Period) -> dict[date, tuple[int, int]]:
        """Every day of the period -> (checks, flagged checks); days with none are 0."""
        day = self._day()
        rows = self.session.execute(
            self.scope(select(day, func.count(), _count_if(AuditEvent.codes != "")))
            .where(*self._checks(p))
            .group_by(day)
        ).all()
        found = {_as_date(d): (int(n), int(f)) for d, n, f in rows}
        return {d: found.get(d, (0, 0)) for d in p.day_list()}

    def findings_per_rule(self, p: Period, codes: Sequence[str]) -> dict[str, int]:
        """Rule code -> checks it flagged in the period."""
        codes = self._codes(codes)
        if not codes:
            return {}
        row = self.session.execute(
            self.scope(select(*(_count_if(has_code(c)) for c in codes))).where(*self._checks(p))
        ).one()
        return {c: int(n) for c, n in zip(codes, row, strict=True)}

    def findings_per_rule_per_day(
        self, p: Period, codes: Sequence[str]
    ) -> dict[date, dict[str, int]]:
        """Every day -> rule code -> checks it flagged that day."""
        codes = self._codes(codes)
        day = self._day()
        found: dict[date, dict[str, int]] = {}
        if codes:
            rows = self.session.execute(
                self.scope(select(day, *(_count_if(has_code(c)) for c in codes)))
                .where(*self._checks(p))
                .group_by(day)
            ).all()
            for d, *counts in rows:
                found[_as_date(d)] = {c: int(n) for c, n in zip(codes, counts, strict=True)}
        zero = dict.fromkeys(codes, 0)
        return {d: found.get(d, zero) for d in p.day_list()}

    def outcomes(self, p: Period) -> dict[str, int]:
        """Outcome -> how many were reported (every known outcome, 0 if none)."""
        rows = self.session.execute(
            self.scope(select(AuditEvent.outcome, func.count()))
            .where(*self._outcomes(p))
            .group_by(AuditEvent.outcome)
        ).all()
        out = dict.fromkeys(OUTCOMES, 0)
        for o, n in rows:
            if o:
                out[str(o)] = int(n)
        return out

    def sent_anyway_per_rule(self, p: Period, codes: Sequence[str]) -> dict[str, int]:
        """Rule code -> "sent anyway" outcomes reported with that code."""
        codes = self._codes(codes)
        if not codes:
            return {}
        row = self.session.execute(
            self.scope(select(*(_count_if(has_code(c)) for c in codes))).where(
                *self._outcomes(p), AuditEvent.outcome == "sent_anyway"
            )
        ).one()
        return {c: int(n) for c, n in zip(codes, row, strict=True)}

    def by_staff_group(self, p: Period) -> list[GroupRow]:
        """Per staff group (as recorded on the check): checks, flagged checks, and
        "sent anyway" outcomes, each outcome joined to its check by ``check_id``."""
        rows = self.session.execute(
            self.scope(
                select(
                    AuditEvent.staff_group,
                    func.count(),
                    _count_if(AuditEvent.codes != ""),
                )
            )
            .where(*self._checks(p))
            .group_by(AuditEvent.staff_group)
        ).all()
        # Each side scoped on its own: the checks as a scoped subquery, joined
        # to this school's outcomes.
        check = self.scope(
            select(AuditEvent.check_id, AuditEvent.staff_group).where(AuditEvent.kind == "check")
        ).subquery()
        out_cond = [
            AuditEvent.kind == "outcome",
            AuditEvent.outcome == "sent_anyway",
            AuditEvent.at >= p.since,
            AuditEvent.at < p.until,
        ]
        if self.only is not None:
            out_cond.append(_any_code(self.only))
        sent = self.session.execute(
            self.scope(
                select(check.c.staff_group, func.count())
                .select_from(AuditEvent)
                .join(check, check.c.check_id == AuditEvent.check_id)
            )
            .where(*out_cond)
            .group_by(check.c.staff_group)
        ).all()
        sent_by = {str(g or ""): int(n) for g, n in sent}
        groups = {str(g or ""): (int(n), int(f)) for g, n, f in rows}
        for g in sent_by:
            groups.setdefault(g, (0, 0))
        return [
            GroupRow(g, n, f, sent_by.get(g, 0))
            for g, (n, f) in sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
        ]


# -- the audit page's list ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit page filters on; every field optional."""

    since: datetime | None = None
    until: datetime | None = None
    code: str | None = None
    kind: str | None = None
    outcome: str | None = None
    host: str | None = None
    action: str | None = None
    only: tuple[str, ...] | None = None  # restrict to events with one of these codes

    def conditions(self) -> list[ColumnElement[bool]]:
        cond: list[ColumnElement[bool]] = []
        if self.since is not None:
            cond.append(AuditEvent.at >= self.since)
        if self.until is not None:
            cond.append(AuditEvent.at < self.until)
        if self.code:
            cond.append(has_code(self.code))
        if self.kind:
            cond.append(AuditEvent.kind == self.kind)
        if self.outcome:
            cond.append(AuditEvent.outcome == self.outcome)
        if self.host:
            cond.append(AuditEvent.host == self.host)
        if self.action:
            cond.append(AuditEvent.action == self.action)
        if self.only is not None:
            cond.append(_any_code(self.only))
        return cond


# The columns the audit page and its CSV show: codes, counts, timings, keyed hashes.
AUDIT_COLUMNS: tuple[str, ...] = (
    "at",
    "kind",
    "purpose",
    "host",
    "action",
    "codes",
    "outcome",
    "finding_count",
    "recipient_count",
    "attachment_count",
    "duration_ms",
    "policy_version",
    "staff_group",
    "check_id",
    "event_id",
    "sender_hash",
)


def _row(e: AuditEvent) -> dict[str, Any]:
    return {c: getattr(e, c) for c in AUDIT_COLUMNS}


def audit_page(
    session: Session, tenant_id: str, f: AuditFilter, *, offset: int, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """One page of events, newest first; and whether there is a next page."""
    scope = SchoolScope(tenant_id)
    rows = list(
        session.scalars(
            scope(select(AuditEvent))
            .where(*f.conditions())
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .offset(offset)
            .limit(limit + 1)
        )
    )
    return [_row(e) for e in rows[:limit]], len(rows) > limit


def audit_rows(
    session: Session, tenant_id: str, f: AuditFilter, *, batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every matching event, oldest first, read in keyset batches (by id)."""
    scope = SchoolScope(tenant_id)
    last = 0
    while True:
        rows = list(
            session.scalars(
                scope(select(AuditEvent))
                .where(*f.conditions(), AuditEvent.id > last)
                .order_by(AuditEvent.id)
                .limit(batch)
            )
        )
        if not rows:
            return
        for e in rows:
            yield _row(e)
        last = rows[-1].id
