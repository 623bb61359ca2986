"""The console's audit figures: one school's events, aggregated in SQL.

Every statement goes through :class:`~app.store.scope.SchoolScope`, so a
figure never counts another school's events. A rule's events are those whose
comma-separated ``codes`` contain it (``',' || codes || ','`` LIKE
``'%,CODE,%'``), counted with one ``SUM(CASE ...)`` per rule code.

Days are the school's own: a :class:`Period` is whole local days in the
policy's zone (``policy.zone``), from local midnight to local midnight, so a
day is 23 or 25 hours when the clocks change. Per-day figures group in SQL by
*slot* and fold slots into local dates in Python. A slot is a run of ``step``
seconds from the period's start, where ``step`` is the greatest common divisor
of the offsets of the period's local midnights from its start: a whole day
(86,400 s) when the clocks do not change in the period, an hour across a UK
(or any whole-hour) change, half an hour at Lord Howe Island. Every local
midnight then starts a slot, so no slot spans two days and the fold is exact
in any zone, whatever its offset; and the rows fetched are at most one per
slot (2,160 for 90 UK days across a change), never one per event. The slot
is plain integer arithmetic on the event's Unix time (``strftime('%s', at)``
on SQLite, ``EXTRACT(epoch FROM at)`` on PostgreSQL), the same statement
otherwise.

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
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from math import gcd
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    case,
    cast,
    extract,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from app.store.models import AuditEvent
from app.store.scope import SchoolScope

COUNTED_PURPOSES = ("send", "review")
OUTCOMES = ("fixed", "sent_anyway", "cancelled", "failed_open")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The instant (UTC) ``day`` starts in ``zone``. Where the clocks skip
    midnight, the instant they skip from (the day's first moment)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Period:
    """``days`` whole local days in ``zone`` from ``first_day``: as instants,
    ``[since, until)`` from local midnight at the start of the first day to
    local midnight after the last (each day 23, 24 or 25 hours)."""

    first_day: date
    days: int
    zone: tzinfo

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)

    @property
    def since(self) -> datetime:
        return local_midnight(self.first_day, self.zone)

    @property
    def until(self) -> datetime:
        return local_midnight(self.first_day + timedelta(days=self.days), self.zone)

    def day_list(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(self.days)]

    def before(self) -> Period:
        """The previous period of as many days."""
        return Period(self.first_day - timedelta(days=self.days), self.days, self.zone)

    def step(self) -> int:
        """Seconds per slot: the greatest common divisor of every local
        midnight's offset from ``since`` (see the module docstring)."""
        since = self.since
        step = 0
        for i in range(1, self.days + 1):
            moment = local_midnight(self.first_day + timedelta(days=i), self.zone)
            step = gcd(step, int((moment - since).total_seconds()))
        return step or 86_400


def last_days(days: int, zone: tzinfo, now: datetime | None = None) -> Period:
    """The last ``days`` whole local days in ``zone``, today (in ``zone``) included."""
    today = (now or datetime.now(UTC)).astimezone(zone).date()
    return Period(today - timedelta(days=days - 1), days, zone)


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

    def _slot(self, p: Period, step: int) -> Any:
        """The event's slot in ``p``: whole ``step`` seconds since ``p.since``.
        The numbers are inlined (integers), so the select list and GROUP BY
        are the same expression on PostgreSQL."""
        if self.session.get_bind().dialect.name == "postgresql":
            epoch = cast(func.floor(extract("epoch", AuditEvent.at)), BigInteger)
        else:
            epoch = cast(func.strftime("%s", AuditEvent.at), BigInteger)
        since = int(p.since.timestamp())
        return (epoch - literal_column(str(since), BigInteger)) // literal_column(
            str(step), BigInteger
        )

    def _per_day(self, p: Period, *columns: Any) -> dict[date, list[int]]:
        """Local day -> the sums of ``columns`` over the period's checks; days
        with no check are left out. One row per slot, folded here."""
        step = p.step()
        slot = self._slot(p, step)
        rows = self.session.execute(
            self.scope(select(slot, *columns)).where(*self._checks(p)).group_by(slot)
        ).all()
        since = p.since
        out: dict[date, list[int]] = {}
        for k, *counts in rows:
            day = (since + timedelta(seconds=int(k) * step)).astimezone(p.zone).date()
            sums = out.setdefault(day, [0] * len(counts))
            for i, n in enumerate(counts):
                sums[i] += int(n)
        return out

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
        """Every local day of the period -> (checks, flagged checks); days with none are 0."""
        found = self._per_day(p, func.count(), _count_if(AuditEvent.codes != ""))
        return {d: (found[d][0], found[d][1]) if d in found else (0, 0) for d in p.day_list()}

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
        """Every local day -> rule code -> checks it flagged that day."""
        codes = self._codes(codes)
        found: dict[date, dict[str, int]] = {}
        if codes:
            sums = self._per_day(p, *(_count_if(has_code(c)) for c in codes))
            for d, counts in sums.items():
                found[d] = dict(zip(codes, counts, strict=True))
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
