"""The dashboard's figures (app.store.dashboard), on SQLite and PostgreSQL:
events in, numbers out. Table-driven; the previous period, an empty period,
the safeguarding restriction, staff groups, the audit list's filters and
paging, and another school's events never counted; days are the school's
local days (British Summer Time, the clock changes, a half-hour zone)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.policy import Policy
from app.store import Store
from app.store.dashboard import (
    AuditFilter,
    DashboardQueries,
    Period,
    audit_page,
    audit_rows,
    last_days,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # GMT: local days are UTC days
LONDON = ZoneInfo("Europe/London")
CODES = ("PUP001", "PUP002", "REC001", "SUB002")
_ids = itertools.count()


def at(days_ago: int, hour: int = 9) -> datetime:
    d = NOW - timedelta(days=days_ago)
    return datetime(d.year, d.month, d.day, hour, tzinfo=UTC)


def check(days_ago: int, codes: str = "", **more: Any) -> dict[str, Any]:
    cid = more.pop("check_id", str(uuid.uuid4()))
    return {
        "event_id": cid,
        "kind": "check",
        "check_id": cid,
        "at": at(days_ago, more.pop("hour", 9)),
        "action": "warn" if codes else "allow",
        "codes": codes,
        "finding_count": len(codes.split(",")) if codes else 0,
        **more,
    }


def outcome(days_ago: int, what: str, codes: str = "", **more: Any) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "outcome",
        "at": at(days_ago),
        "outcome": what,
        "codes": codes,
        **more,
    }


@pytest.fixture
def schools(store: Store) -> tuple[str, str]:
    a = store.create_tenant("a", "A", ["a.sch.uk"], policy=Policy(school_name="A"))
    b = store.create_tenant("b", "B", ["b.sch.uk"], policy=Policy(school_name="B"))
    return a, b


def put(store: Store, tenant_id: str, events: list[dict[str, Any]]) -> None:
    store.write_audit([{**e, "tenant_id": tenant_id} for e in events])


def figures(store: Store, tenant_id: str, days: int = 7, only: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    p = last_days(days, LONDON, NOW)
    with store.db.session() as s:
        q = DashboardQueries(s, tenant_id, only=only)
        return {
            "totals": q.totals(p),
            "prev": q.totals(p.before()),
            "per_day": q.checks_per_day(p),
            "rules": q.findings_per_rule(p, CODES),
            "prev_rules": q.findings_per_rule(p.before(), CODES),
            "rule_days": q.findings_per_rule_per_day(p, CODES),
            "sent": q.sent_anyway_per_rule(p, CODES),
            "groups": q.by_staff_group(p),
        }


def test_period_is_whole_days_and_the_previous_one_is_as_long() -> None:
    p = last_days(7, LONDON, NOW)
    assert p.since == datetime(2026, 11, 24, tzinfo=UTC)
    assert p.until == datetime(2026, 12, 1, tzinfo=UTC)
    assert p.days == 7 and len(p.day_list()) == 7
    assert p.day_list()[0] == date(2026, 11, 24) and p.day_list()[-1] == date(2026, 11, 30)
    assert p.before() == Period(date(2026, 11, 17), 7, LONDON)
    assert p.before().until == p.since


# -- local days ---------------------------------------------------------------------


def _utc(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


# (zone, now, the last 7 days' first local day, their length in hours, slot seconds)
PERIODS: list[tuple[str, datetime, date, float, int]] = [
    # British Summer Time: "today" starts at 23:00 UTC the day before.
    ("Europe/London", _utc(2026, 6, 10, 12), date(2026, 6, 4), 168, 86_400),
    ("Europe/London", _utc(2026, 6, 9, 23, 30), date(2026, 6, 4), 168, 86_400),
    ("Europe/London", _utc(2026, 6, 9, 22, 59), date(2026, 6, 3), 168, 86_400),
    # The last Sunday of March (29 March 2026) is 23 hours; of October (25th), 25.
    ("Europe/London", _utc(2026, 3, 31, 12), date(2026, 3, 25), 167, 3_600),
    ("Europe/London", _utc(2026, 10, 27, 12), date(2026, 10, 21), 169, 3_600),
    # Near misses: the weeks before and after a change are whole days.
    ("Europe/London", _utc(2026, 3, 28, 12), date(2026, 3, 22), 168, 86_400),
    ("Europe/London", _utc(2026, 4, 5, 12), date(2026, 3, 30), 168, 86_400),
    # Half-hour zones, with and without clock changes (Lord Howe's is half an hour).
    ("Asia/Kolkata", _utc(2026, 6, 9, 18, 30), date(2026, 6, 4), 168, 86_400),
    ("Australia/Adelaide", _utc(2026, 4, 6, 3), date(2026, 3, 31), 169, 3_600),
    ("Australia/Lord_Howe", _utc(2026, 4, 6, 3), date(2026, 3, 31), 168.5, 1_800),
]


@pytest.mark.parametrize(("zone", "now", "first", "hours", "step"), PERIODS)
def test_a_period_is_local_days(
    zone: str, now: datetime, first: date, hours: float, step: int
) -> None:
    p = last_days(7, ZoneInfo(zone), now)
    assert (p.first_day, p.last_day, p.days) == (first, first + timedelta(days=6), 7)
    assert p.last_day == now.astimezone(ZoneInfo(zone)).date()  # today included
    assert p.since.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == datetime(
        first.year, first.month, first.day
    )
    assert (p.until - p.since) == timedelta(hours=hours)
    assert p.step() == step
    assert p.before().until == p.since and p.before().days == 7


def test_a_clock_change_day_is_23_or_25_hours() -> None:
    spring, autumn = Period(date(2026, 3, 29), 1, LONDON), Period(date(2026, 10, 25), 1, LONDON)
    assert (spring.since, spring.until) == (
        datetime(2026, 3, 29, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 23, tzinfo=UTC),
    )
    assert (autumn.since, autumn.until) == (
        datetime(2026, 10, 24, 23, tzinfo=UTC),
        datetime(2026, 10, 26, 0, tzinfo=UTC),
    )


# (zone, now, events' times (UTC) -> the local day each is counted on, None: outside)
LOCAL_DAYS: list[tuple[str, str, datetime, list[tuple[datetime, date | None]]]] = [
    (
        "BST: 23:30 UTC is 00:30 the next day; 22:59 UTC is still the day",
        "Europe/London",
        _utc(2026, 6, 10, 12),
        [
            (_utc(2026, 6, 9, 23, 30), date(2026, 6, 10)),
            (_utc(2026, 6, 10, 0, 30), date(2026, 6, 10)),
            (_utc(2026, 6, 9, 22, 59), date(2026, 6, 9)),
            (_utc(2026, 6, 3, 23, 30), date(2026, 6, 4)),  # 00:30 on the first day
            (_utc(2026, 6, 3, 22, 30), None),  # 23:30 the day before it
            (_utc(2026, 6, 10, 23, 30), None),  # 00:30 tomorrow
        ],
    ),
    (
        "GMT: local days are UTC days",
        "Europe/London",
        _utc(2026, 11, 30, 12),
        [
            (_utc(2026, 11, 29, 23, 30), date(2026, 11, 29)),
            (_utc(2026, 11, 30, 0, 30), date(2026, 11, 30)),
            (_utc(2026, 11, 23, 23, 30), None),
        ],
    ),
    (
        "across the spring change: GMT before, BST after",
        "Europe/London",
        _utc(2026, 3, 31, 12),
        [
            (_utc(2026, 3, 28, 23, 30), date(2026, 3, 28)),
            (_utc(2026, 3, 29, 0, 30), date(2026, 3, 29)),
            (_utc(2026, 3, 29, 22, 59), date(2026, 3, 29)),
            (_utc(2026, 3, 29, 23, 30), date(2026, 3, 30)),
        ],
    ),
    (
        "across the autumn change: BST before, GMT after",
        "Europe/London",
        _utc(2026, 10, 27, 12),
        [
            (_utc(2026, 10, 24, 22, 59), date(2026, 10, 24)),
            (_utc(2026, 10, 24, 23, 30), date(2026, 10, 25)),
            (_utc(2026, 10, 25, 23, 30), date(2026, 10, 25)),
            (_utc(2026, 10, 26, 0, 30), date(2026, 10, 26)),
        ],
    ),
    (
        "a half-hour zone is exact to the minute",
        "Asia/Kolkata",
        _utc(2026, 6, 10, 12),
        [
            (_utc(2026, 6, 9, 18, 29), date(2026, 6, 9)),
            (_utc(2026, 6, 9, 18, 30), date(2026, 6, 10)),
            (_utc(2026, 6, 10, 0, 30), date(2026, 6, 10)),
        ],
    ),
]


@pytest.mark.parametrize(("name", "zone", "now", "events"), LOCAL_DAYS)
def test_events_are_counted_on_the_schools_local_day(
    store: Store,
    schools: tuple[str, str],
    name: str,
    zone: str,
    now: datetime,
    events: list[tuple[datetime, date | None]],
) -> None:
    a, _ = schools
    put(store, a, [{**check(0, "REC001"), "at": when} for when, _ in events])
    p = last_days(7, ZoneInfo(zone), now)
    expected = dict.fromkeys(p.day_list(), 0)
    for _, day in events:
        if day is not None:
            expected[day] += 1
    with store.db.session() as s:
        q = DashboardQueries(s, a)
        per_day = q.checks_per_day(p)
        rule_days = q.findings_per_rule_per_day(p, ("REC001",))
        totals = q.totals(p)
    assert {d: n for d, (n, _) in per_day.items()} == expected, name
    assert {d: r["REC001"] for d, r in rule_days.items()} == expected, name
    assert totals.checks == sum(expected.values()), name


def test_last_7_days_include_00_30_local_today(store: Store, schools: tuple[str, str]) -> None:
    a, _ = schools
    now = _utc(2026, 6, 10, 7)  # 08:00 BST
    put(store, a, [{**check(0), "at": _utc(2026, 6, 9, 23, 30)}])  # 00:30 BST today
    put(store, a, [outcome(0, "sent_anyway"), {**outcome(0, "fixed"), "at": now}])
    with store.db.session() as s:
        q = DashboardQueries(s, a)
        p = last_days(7, LONDON, now)
        assert q.totals(p).checks == 1
        assert q.checks_per_day(p)[date(2026, 6, 10)] == (1, 0)
        assert q.totals(Period(date(2026, 6, 10), 1, LONDON)).checks == 1
        assert q.totals(p.before()).checks == 0


# (events, expected totals (checks, flagged), expected per-rule, expected outcomes)
CASES: list[tuple[str, list[dict[str, Any]], tuple[int, int], dict[str, int], dict[str, int]]] = [
    ("empty", [], (0, 0), dict.fromkeys(CODES, 0), {}),
    (
        "clean and flagged checks",
        [check(0), check(1), check(1, "PUP001"), check(2, "PUP001,REC001")],
        (4, 2),
        {"PUP001": 2, "PUP002": 0, "REC001": 1, "SUB002": 0},
        {},
    ),
    (
        "background checks and old ones are not counted",
        [check(0, "SUB002", purpose="background"), check(7, "SUB002"), check(0, "SUB002")],
        (1, 1),
        {"PUP001": 0, "PUP002": 0, "REC001": 0, "SUB002": 1},
        {},
    ),
    (
        "review checks count; a code is matched whole, not as a prefix",
        [check(3, "REC001", purpose="review"), check(3, "PUP0011")],
        (2, 2),
        {"PUP001": 0, "PUP002": 0, "REC001": 1, "SUB002": 0},
        {},
    ),
    (
        "outcomes",
        [
            outcome(0, "fixed", "PUP001"),
            outcome(1, "sent_anyway", "REC001"),
            outcome(1, "sent_anyway", "REC001,SUB002"),
            outcome(2, "cancelled"),
            outcome(6, "failed_open"),
            outcome(8, "sent_anyway", "REC001"),  # the previous period
        ],
        (0, 0),
        dict.fromkeys(CODES, 0),
        {"fixed": 1, "sent_anyway": 2, "cancelled": 1, "failed_open": 1},
    ),
]


@pytest.mark.parametrize(("name", "events", "totals", "rules", "outcomes"), CASES)
def test_figures(
    store: Store,
    schools: tuple[str, str],
    name: str,
    events: list[dict[str, Any]],
    totals: tuple[int, int],
    rules: dict[str, int],
    outcomes: dict[str, int],
) -> None:
    a, b = schools
    put(store, a, events)
    # The other school has plenty: none of it may show in A's figures.
    put(store, b, [check(0, "PUP001,REC001"), check(1), outcome(0, "sent_anyway", "REC001")])
    f = figures(store, a)
    assert (f["totals"].checks, f["totals"].flagged) == totals, name
    assert f["rules"] == rules, name
    assert f["totals"].outcomes == {
        "fixed": 0,
        "sent_anyway": 0,
        "cancelled": 0,
        "failed_open": 0,
        **outcomes,
    }
    assert sum(n for n, _ in f["per_day"].values()) == totals[0]
    assert len(f["per_day"]) == 7
    for code in CODES:
        assert sum(d[code] for d in f["rule_days"].values()) == rules[code]


def test_per_day_and_the_previous_period(store: Store, schools: tuple[str, str]) -> None:
    a, _ = schools
    put(
        store,
        a,
        [
            check(0, hour=0),
            check(0, "REC001", hour=23),
            check(2, "REC001"),
            check(7, "REC001"),  # previous period: 7..13 days ago
            check(13, "PUP001"),
            check(14, "PUP001"),  # before both
            outcome(9, "sent_anyway", "REC001"),
        ],
    )
    f = figures(store, a)
    assert f["per_day"][date(2026, 11, 30)] == (2, 1)
    assert f["per_day"][date(2026, 11, 28)] == (1, 1)
    assert f["per_day"][date(2026, 11, 29)] == (0, 0)
    assert (f["prev"].checks, f["prev"].flagged) == (2, 2)
    assert f["prev"].outcomes["sent_anyway"] == 1
    assert f["prev_rules"]["REC001"] == 1 and f["prev_rules"]["PUP001"] == 1
    assert f["rule_days"][date(2026, 11, 30)]["REC001"] == 1


def test_override_rate_per_rule(store: Store, schools: tuple[str, str]) -> None:
    a, _ = schools
    put(
        store,
        a,
        [
            *[check(1, "REC001") for _ in range(4)],
            check(1, "SUB002"),
            outcome(1, "sent_anyway", "REC001"),
            outcome(1, "fixed", "REC001"),
            outcome(1, "sent_anyway", "REC001,SUB002"),
        ],
    )
    f = figures(store, a)
    assert f["sent"] == {"PUP001": 0, "PUP002": 0, "REC001": 2, "SUB002": 1}
    assert f["rules"]["REC001"] == 4
    assert f["totals"].sent_anyway_rate == pytest.approx(2 / 5)


def test_the_safeguarding_view_counts_pupil_rule_events_only(
    store: Store, schools: tuple[str, str]
) -> None:
    a, _ = schools
    put(
        store,
        a,
        [
            check(0),
            check(0, "REC001"),
            check(0, "PUP001,REC001"),
            check(1, "PUP002"),
            outcome(0, "sent_anyway", "REC001"),
            outcome(0, "sent_anyway", "PUP002"),
        ],
    )
    f = figures(store, a, only=("PUP001", "PUP002", "PUP003"))
    assert (f["totals"].checks, f["totals"].flagged) == (2, 2)
    assert f["rules"] == {"PUP001": 1, "PUP002": 1}  # no other rule's figure at all
    assert f["sent"] == {"PUP001": 0, "PUP002": 1}
    assert f["totals"].outcomes["sent_anyway"] == 1
    assert [g.checks for g in f["groups"]] == [2]


def test_by_staff_group(store: Store, schools: tuple[str, str]) -> None:
    a, b = schools
    put(
        store,
        a,
        [
            check(0, "REC001", staff_group="school:Office", check_id="c-office"),
            check(0, staff_group="school:Office"),
            check(0, "REC001", check_id="c-none"),
            outcome(0, "sent_anyway", "REC001", check_id="c-office"),
            outcome(0, "sent_anyway", "REC001", check_id="c-none"),
            outcome(0, "sent_anyway", "REC001", check_id="c-unknown"),  # no check row: no group
        ],
    )
    # B's check with the same check id must not join A's outcome.
    b_check = check(0, "REC001", staff_group="school:Elsewhere", check_id="c-none")
    put(store, b, [{**b_check, "event_id": "b-c-none"}])
    put(store, b, [outcome(0, "sent_anyway", "REC001", check_id="c-office")])
    rows = figures(store, a)["groups"]
    assert [(r.group, r.checks, r.flagged, r.sent_anyway) for r in rows] == [
        ("school:Office", 2, 1, 1),
        ("", 1, 1, 1),
    ]


def test_a_bad_rule_code_is_refused(store: Store, schools: tuple[str, str]) -> None:
    with store.db.session() as s, pytest.raises(ValueError):
        DashboardQueries(s, schools[0], only=("PUP%",))


# -- the audit list ------------------------------------------------------------------

FILTERS: list[tuple[AuditFilter, int]] = [
    (AuditFilter(), 6),
    (AuditFilter(kind="check"), 4),
    (AuditFilter(kind="outcome"), 2),
    (AuditFilter(code="REC001"), 4),
    (AuditFilter(outcome="sent_anyway"), 1),
    (AuditFilter(host="outlook"), 1),
    (AuditFilter(action="warn"), 3),
    (AuditFilter(since=at(1, 0)), 4),
    (AuditFilter(until=at(1, 0)), 2),
    (AuditFilter(only=("PUP001",)), 1),
    (AuditFilter(kind="check", code="PUP001", only=("PUP001",)), 1),
]


@pytest.mark.parametrize(("f", "expected"), FILTERS)
def test_audit_filters(
    store: Store, schools: tuple[str, str], f: AuditFilter, expected: int
) -> None:
    a, b = schools
    put(
        store,
        a,
        [
            check(0),
            check(0, "REC001", host="outlook"),
            check(3, "REC001,PUP001"),
            check(5, "SUB002"),
            outcome(0, "sent_anyway", "REC001"),
            outcome(0, "fixed", "REC001"),
        ],
    )
    put(store, b, [check(0, "REC001"), outcome(0, "sent_anyway", "REC001")])
    with store.db.session() as s:
        rows = list(audit_rows(s, a, f, batch=2))
        page, more = audit_page(s, a, f, offset=0, limit=100)
    assert len(rows) == expected
    assert len(page) == expected and not more
    assert {r["event_id"] for r in rows} == {r["event_id"] for r in page}


def test_audit_pages(store: Store, schools: tuple[str, str]) -> None:
    a, _ = schools
    put(store, a, [check(d % 7, hour=d % 24) for d in range(25)])
    with store.db.session() as s:
        first, more1 = audit_page(s, a, AuditFilter(), offset=0, limit=10)
        third, more3 = audit_page(s, a, AuditFilter(), offset=20, limit=10)
        beyond, more9 = audit_page(s, a, AuditFilter(), offset=10_000, limit=10)
    assert len(first) == 10 and more1
    assert len(third) == 5 and not more3
    assert beyond == [] and not more9
    assert first[0]["at"] >= first[-1]["at"]  # newest first
