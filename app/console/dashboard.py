"""The console's Dashboard and Audit pages (issue 12), and their CSV downloads.

Dashboard: for the last 7, 30 or 90 days against the period before it, the
checks per day, findings per rule over time, what people did (the outcomes
the add-ins report) and the "sent anyway" rate per rule; by staff group, and
by school for someone who reaches several schools of a trust. Audit: the
school's events, filtered and paged, and the filtered list as CSV (streamed).

Both read :mod:`app.store.dashboard` (aggregates in SQL, scoped to the
school). Days are the school's local days, in the zone of its policy (the
effective one the rules use: the school's ``timezone``, else its trust's, else
Europe/London): the dashboard's periods and per-day figures, the audit list's
date filter and the dates in the CSVs' names. In the trust view each school's
row counts that school's own local days (all the same for a UK trust).

Admins and auditors (``dashboard:read``, ``audit:read``) see every rule; a
safeguarding lead with neither sees the pupil rules only (PUP001-PUP003):
every figure and every listed event is one carrying a pupil rule's code.
Audit events hold codes, counts, timings and keyed hashes: that is all these
pages show (the audit page in the school's local time, its CSV in UTC).
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from app.console import charts
from app.console.roles import Permission
from app.console.routes import Here, PageError, UserDep, _here, _runtime, render
from app.domain import Action, Host
from app.rules.registry import RULES
from app.runtime import Runtime
from app.store.dashboard import (
    AUDIT_COLUMNS,
    OUTCOMES,
    AuditFilter,
    DashboardQueries,
    GroupRow,
    Period,
    Totals,
    audit_page,
    audit_rows,
    last_days,
    local_midnight,
)
from app.text import whole_number

router = APIRouter(prefix="/console", include_in_schema=False)

PERIODS = (7, 30, 90)
PUPIL_RULES = ("PUP001", "PUP002", "PUP003")
ONE_DAY = timedelta(days=1)
PAGE_SIZE = 50
MAX_PAGE = 1000  # 50,000 events; further back, narrow the dates (or download the CSV)
RULE_TITLES: dict[str, str] = {r.code: r.summary for r in RULES}
OUTCOME_LABELS = {
    "fixed": "Fixed before sending",
    "sent_anyway": "Sent anyway",
    "cancelled": "Cancelled",
    "failed_open": "Sent unchecked (service unreachable)",
}


# -- who may see what -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reader:
    """The user at this school, and the rule codes they may see (``None``: all)."""

    here: Here
    only: tuple[str, ...] | None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c for c in RULE_TITLES if self.only is None or c in self.only)

    @property
    def zone(self) -> tzinfo:
        """The school's zone, from the policy its checks use."""
        return self.here.school.policy.zone


def _reader(full: Permission) -> Any:
    async def dep(request: Request, school: str, user: UserDep) -> Reader:
        here = await _here(request, school, user)
        if here.can(full):
            return Reader(here, None)
        if here.can(Permission.SAFEGUARDING_READ):
            return Reader(here, PUPIL_RULES)
        raise PageError(
            403,
            "Not allowed",
            "Your role at this school does not include this page. Ask the school's Etiquette "
            "admin.",
        )

    return dep


DashDep = Annotated[Reader, Depends(_reader(Permission.DASHBOARD_READ))]
AuditDep = Annotated[Reader, Depends(_reader(Permission.AUDIT_READ))]


def _bad(message: str) -> PageError:
    return PageError(400, "Bad filter", message)


def _days(request: Request) -> int:
    raw = request.query_params.get("days", "30")
    if raw not in {str(d) for d in PERIODS}:
        raise _bad("Choose a period of 7, 30 or 90 days.")
    return int(raw)


# -- the dashboard's figures --------------------------------------------------------------


def _change(now: float, before: float) -> str:
    diff = now - before
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    text = f"{sign}{abs(diff):,.0f}"
    if before:
        text += f" ({sign}{abs(diff) / before:.0%})"
    return text


def _rate(n: int, d: int) -> float | None:
    return n / d if d else None


def _pct(r: float | None) -> str:
    return "—" if r is None else f"{r:.0%}"


def _rate_change(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return "—"
    diff = round((now - before) * 100)
    return f"{'+' if diff > 0 else ('−' if diff < 0 else '±')}{abs(diff)} points"


@dataclass(frozen=True, slots=True)
class Figures:
    period: Period
    before: Period
    totals: Totals
    totals_before: Totals
    per_day: dict[date, tuple[int, int]]
    rules: dict[str, int]
    rules_before: dict[str, int]
    rule_days: dict[date, dict[str, int]]
    sent: dict[str, int]
    sent_before: dict[str, int]
    groups: list[GroupRow]
    groups_before: list[GroupRow]
    schools: list[tuple[str, Totals, Totals]]  # the trust view: (name, now, before)


def _figures(runtime: Runtime, reader: Reader, days: int, now: datetime | None = None) -> Figures:
    now = now or datetime.now(UTC)
    p = last_days(days, reader.zone, now)
    b = p.before()
    codes = reader.codes
    with runtime.store.db.session() as s:
        q = DashboardQueries(s, reader.here.school.id, only=reader.only)
        schools: list[tuple[str, Totals, Totals]] = []
        trust = reader.here.school.trust_id
        siblings = [
            a
            for a in reader.here.schools.values()
            if trust is not None and a.school.trust_id == trust
        ]
        if len(siblings) > 1:
            for a in siblings:
                if a.can(Permission.DASHBOARD_READ):
                    only = None
                elif a.can(Permission.SAFEGUARDING_READ):
                    only = PUPIL_RULES
                else:
                    continue
                # The school's own local days (its zone may differ from this one's).
                sp = last_days(days, a.school.policy.zone, now)
                sq = DashboardQueries(s, a.school.id, only=only)
                schools.append((a.school.name, sq.totals(sp), sq.totals(sp.before())))
        return Figures(
            period=p,
            before=b,
            totals=q.totals(p),
            totals_before=q.totals(b),
            per_day=q.checks_per_day(p),
            rules=q.findings_per_rule(p, codes),
            rules_before=q.findings_per_rule(b, codes),
            rule_days=q.findings_per_rule_per_day(p, codes),
            sent=q.sent_anyway_per_rule(p, codes),
            sent_before=q.sent_anyway_per_rule(b, codes),
            groups=q.by_staff_group(p),
            groups_before=q.by_staff_group(b),
            schools=schools,
        )


def _group_label(key: str) -> str:
    if not key:
        return "No staff group"
    return ", ".join(part.split(":", 1)[-1] for part in key.split(","))


def _view(f: Figures, reader: Reader) -> dict[str, Any]:
    """What the template shows: rows for the tables and the charts built from them."""
    days = f.period.days
    every = 1 if days <= 7 else (5 if days <= 30 else 14)
    day_rows = [(d, n, fl) for d, (n, fl) in f.per_day.items()]
    rule_rows: list[dict[str, Any]] = []
    for c in reader.codes:
        now, before = f.rules.get(c, 0), f.rules_before.get(c, 0)
        s_now, s_before = f.sent.get(c, 0), f.sent_before.get(c, 0)
        r_now, r_before = _rate(s_now, now), _rate(s_before, before)
        rule_rows.append(
            {
                "code": c,
                "title": RULE_TITLES[c],
                "now": now,
                "before": before,
                "change": _change(now, before),
                "sent_now": s_now,
                "sent_before": s_before,
                "rate_now": _pct(r_now),
                "rate_before": _pct(r_before),
                "rate_change": _rate_change(r_now, r_before),
                "rate_value": r_now or 0.0,
                "rate_before_value": r_before or 0.0,
            }
        )
    outcome_rows: list[dict[str, Any]] = [
        {
            "key": o,
            "label": OUTCOME_LABELS[o],
            "now": f.totals.outcomes.get(o, 0),
            "before": f.totals_before.outcomes.get(o, 0),
            "change": _change(f.totals.outcomes.get(o, 0), f.totals_before.outcomes.get(o, 0)),
        }
        for o in OUTCOMES
    ]
    before_groups = {g.group: g for g in f.groups_before}
    group_rows = [
        {
            "label": _group_label(g.group),
            "checks": g.checks,
            "checks_before": before_groups[g.group].checks if g.group in before_groups else 0,
            "flagged": g.flagged,
            "sent": g.sent_anyway,
            "rate": _pct(_rate(g.sent_anyway, g.flagged)),
        }
        for g in f.groups
    ]
    school_rows = [
        {
            "name": name,
            "checks": now.checks,
            "checks_before": before.checks,
            "change": _change(now.checks, before.checks),
            "flagged": now.flagged,
            "sent": now.outcomes.get("sent_anyway", 0),
            "rate": _pct(now.sent_anyway_rate),
            "rate_before": _pct(before.sent_anyway_rate),
        }
        for name, now, before in f.schools
    ]
    noun = "checks" if reader.only is None else "checks flagged by a pupil rule"
    t, tb = f.totals, f.totals_before
    return {
        "days": days,
        "f": f,
        "noun": noun,
        "totals": [
            (
                "Checks" if reader.only is None else "Checks flagged by a pupil rule",
                t.checks,
                tb.checks,
                _change(t.checks, tb.checks),
            ),
            ("Checks with a finding", t.flagged, tb.flagged, _change(t.flagged, tb.flagged)),
            (
                "Sent anyway",
                t.outcomes.get("sent_anyway", 0),
                tb.outcomes.get("sent_anyway", 0),
                _change(t.outcomes.get("sent_anyway", 0), tb.outcomes.get("sent_anyway", 0)),
            ),
        ],
        "override": (
            _pct(t.sent_anyway_rate),
            _pct(tb.sent_anyway_rate),
            _rate_change(t.sent_anyway_rate, tb.sent_anyway_rate),
        ),
        "day_rows": day_rows,
        "rule_rows": rule_rows,
        "outcome_rows": outcome_rows,
        "group_rows": group_rows,
        "school_rows": school_rows,
        "chart_days": charts.columns(
            f"{noun.capitalize()} per day, last {days} days",
            f"One bar per day from {f.period.first_day} to {f.period.last_day}; "
            f"{t.checks} in all, against {tb.checks} in the previous {days} days.",
            [charts.Bar(d.strftime("%d %b"), n, f"{n:,}") for d, n, _ in day_rows],
            every=every,
        ),
        "chart_rules": charts.compare(
            "Findings per rule, this period and the previous one",
            "For each rule, the checks it flagged in the last "
            f"{days} days (solid bar) and in the {days} days before (hatched bar).",
            [
                charts.Pair(r["code"], r["now"], r["before"], f"{r['now']:,}", f"{r['before']:,}")
                for r in rule_rows
            ],
        ),
        "chart_rule_days": charts.strips(
            "Findings per rule over time",
            f"For each rule, one small bar per day of the last {days} days, and its total.",
            [
                (
                    r["code"],
                    [f.rule_days[d].get(r["code"], 0) for d in f.period.day_list()],
                    f"{r['now']:,} in all",
                )
                for r in rule_rows
            ],
        ),
        "chart_outcomes": charts.compare(
            "What people did after a finding",
            "Outcomes the add-ins reported, this period (solid bar) and the previous one "
            "(hatched bar).",
            [
                charts.Pair(o["label"], o["now"], o["before"], f"{o['now']:,}", f"{o['before']:,}")
                for o in outcome_rows
            ],
            label_width=300,
        ),
        "chart_override": charts.compare(
            "Sent anyway, per rule (share of the checks it flagged)",
            "For each rule, the share of its flagged checks that were sent anyway, this "
            "period (solid bar) and the previous one (hatched bar).",
            [
                charts.Pair(
                    r["code"],
                    r["rate_value"],
                    r["rate_before_value"],
                    r["rate_now"],
                    r["rate_before"],
                )
                for r in rule_rows
            ],
        ),
    }


@router.get("/schools/{school}/dashboard")
async def dashboard(request: Request, reader: DashDep) -> Response:
    days = _days(request)
    f = await asyncio.to_thread(_figures, _runtime(request), reader, days)
    return render(
        request,
        "dashboard.html",
        here=reader.here,
        P=Permission,
        periods=PERIODS,
        restricted=reader.only is not None,
        zone_name=reader.here.school.policy.timezone,
        **_view(f, reader),
    )


def _csv(rows: Iterator[list[Any]]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def _dashboard_rows(f: Figures, reader: Reader) -> Iterator[list[Any]]:
    yield ["section", "item", "this_period", "previous_period", "change"]
    yield ["period", "days", f.period.days, f.before.days, ""]
    yield ["period", "from", f.period.first_day.isoformat(), f.before.first_day.isoformat(), ""]
    yield ["period", "to", f.period.last_day.isoformat(), f.before.last_day.isoformat(), ""]
    t, tb = f.totals, f.totals_before
    yield ["totals", "checks", t.checks, tb.checks, t.checks - tb.checks]
    yield ["totals", "checks_with_findings", t.flagged, tb.flagged, t.flagged - tb.flagged]
    for o in OUTCOMES:
        now, before = t.outcomes.get(o, 0), tb.outcomes.get(o, 0)
        yield ["outcomes", o, now, before, now - before]
    yield [
        "totals",
        "sent_anyway_rate",
        _ratio(t.sent_anyway_rate),
        _ratio(tb.sent_anyway_rate),
        "",
    ]
    for d, (n, fl) in f.per_day.items():
        yield ["checks_per_day", d.isoformat(), n, "", ""]
        yield ["checks_with_findings_per_day", d.isoformat(), fl, "", ""]
    for c in reader.codes:
        now, before = f.rules.get(c, 0), f.rules_before.get(c, 0)
        yield ["findings_per_rule", c, now, before, now - before]
    for c in reader.codes:
        now, before = f.sent.get(c, 0), f.sent_before.get(c, 0)
        yield ["sent_anyway_per_rule", c, now, before, now - before]
    for c in reader.codes:
        yield [
            "sent_anyway_rate_per_rule",
            c,
            _ratio(_rate(f.sent.get(c, 0), f.rules.get(c, 0))),
            _ratio(_rate(f.sent_before.get(c, 0), f.rules_before.get(c, 0))),
            "",
        ]
    for d, per in f.rule_days.items():
        for c, n in per.items():
            yield ["findings_per_rule_per_day", f"{d.isoformat()} {c}", n, "", ""]
    before_groups = {g.group: g for g in f.groups_before}
    for g in f.groups:
        gb = before_groups.get(g.group)
        label = g.group or "(none)"
        yield ["staff_group_checks", label, g.checks, gb.checks if gb else 0, ""]
        yield ["staff_group_checks_with_findings", label, g.flagged, gb.flagged if gb else 0, ""]
        yield ["staff_group_sent_anyway", label, g.sent_anyway, gb.sent_anyway if gb else 0, ""]
    for name, now_t, before_t in f.schools:
        yield ["school_checks", name, now_t.checks, before_t.checks, now_t.checks - before_t.checks]
        yield [
            "school_sent_anyway",
            name,
            now_t.outcomes.get("sent_anyway", 0),
            before_t.outcomes.get("sent_anyway", 0),
            "",
        ]


def _ratio(r: float | None) -> str:
    return "" if r is None else f"{r:.4f}"


def _attachment(name: str) -> dict[str, str]:
    return {
        "content-disposition": f'attachment; filename="{name}"',
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
    }


@router.get("/schools/{school}/dashboard.csv")
async def dashboard_csv(request: Request, reader: DashDep) -> Response:
    days = _days(request)
    f = await asyncio.to_thread(_figures, _runtime(request), reader, days)
    body = "".join(_csv(_dashboard_rows(f, reader)))
    name = f"etiquette-{reader.here.school.slug}-dashboard-{f.period.last_day}-{days}d.csv"
    return Response(body, media_type="text/csv; charset=utf-8", headers=_attachment(name))


# -- the audit list -------------------------------------------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILTER_KEYS = ("from", "to", "rule", "kind", "outcome", "host", "action")


def _day_param(raw: str, name: str) -> date | None:
    if not raw:
        return None
    if not _DAY.match(raw):
        raise _bad(f"“{name}” is a date like 2026-11-30.")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _bad(f"“{name}” is not a date.") from None


def _choice(raw: str, allowed: tuple[str, ...], name: str) -> str | None:
    if not raw:
        return None
    if raw not in allowed:
        raise _bad(f"“{name}” is one of: {', '.join(allowed)}.")
    return raw


def _audit_filter(request: Request, reader: Reader) -> tuple[AuditFilter, dict[str, str]]:
    q = request.query_params
    raw = {k: q.get(k, "").strip() for k in _FILTER_KEYS}
    if any(len(v) > 40 for v in raw.values()):
        raise _bad("A filter value is too long.")
    since = _day_param(raw["from"], "From")
    until = _day_param(raw["to"], "To")
    if since and until and until < since:
        raise _bad("“To” is before “From”.")
    # The school's local days: from midnight of "From" to midnight after "To".
    f = AuditFilter(
        since=local_midnight(since, reader.zone) if since else None,
        until=local_midnight(until + ONE_DAY, reader.zone) if until else None,
        code=_choice(raw["rule"], reader.codes, "Rule"),
        kind=_choice(raw["kind"], ("check", "outcome"), "Kind"),
        outcome=_choice(raw["outcome"], OUTCOMES, "Outcome"),
        host=_choice(raw["host"], tuple(h.value for h in Host), "Host"),
        action=_choice(raw["action"], tuple(a.value for a in Action), "Action"),
        only=reader.only,
    )
    return f, {k: v for k, v in raw.items() if v}


def _page(request: Request) -> int:
    page = whole_number(request.query_params.get("page", "1"), MAX_PAGE, least=1)
    if page is None:
        raise _bad(
            f"“page” is a number from 1 to {MAX_PAGE}. For older events, narrow the dates "
            "or download the CSV."
        )
    return page


def _list(runtime: Runtime, tenant_id: str, f: AuditFilter, page: int) -> tuple[list[Any], bool]:
    with runtime.store.db.session() as s:
        return audit_page(s, tenant_id, f, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)


@router.get("/schools/{school}/audit")
async def audit(request: Request, reader: AuditDep) -> Response:
    f, chosen = _audit_filter(request, reader)
    page = _page(request)
    rows, more = await asyncio.to_thread(_list, _runtime(request), reader.here.school.id, f, page)
    return render(
        request,
        "audit.html",
        here=reader.here,
        P=Permission,
        rows=rows,
        page_no=page,
        more=more,
        chosen=chosen,
        codes=reader.codes,
        titles=RULE_TITLES,
        outcomes=OUTCOME_LABELS,
        hosts=[h.value for h in Host],
        actions=[a.value for a in Action],
        restricted=reader.only is not None,
        page_size=PAGE_SIZE,
        zone=reader.zone,
        zone_name=reader.here.school.policy.timezone,
    )


def _stream(runtime: Runtime, tenant_id: str, f: AuditFilter) -> Iterator[str]:
    def rows() -> Iterator[list[Any]]:
        yield list(AUDIT_COLUMNS)
        with runtime.store.db.session() as s:
            for r in audit_rows(s, tenant_id, f):
                yield [
                    r[c].isoformat()
                    if isinstance(r[c], datetime)
                    else ("" if r[c] is None else r[c])
                    for c in AUDIT_COLUMNS
                ]

    return _csv(rows())


@router.get("/schools/{school}/audit.csv")
async def audit_csv(request: Request, reader: AuditDep) -> Response:
    f, _ = _audit_filter(request, reader)
    today = datetime.now(reader.zone).date()
    name = f"etiquette-{reader.here.school.slug}-audit-{today}.csv"
    # A sync iterator: Starlette reads it in a worker thread, one batch at a time.
    return StreamingResponse(
        _stream(_runtime(request), reader.here.school.id, f),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(name),
    )
