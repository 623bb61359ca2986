"""The console's Dashboard and Audit pages: who may open them, what they show
(the numbers in the tables and the CSVs), the safeguarding lead's pupil-rules
view, another school's events never shown, and bad filter values (a 4xx page,
never a 500)."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from app.policy import Policy
from app.runtime import Runtime
from app.store.console import Scope
from app.store.dashboard import last_days
from app.store.trusts import TrustStore
from tests.console.conftest import SignIn, entra_user, grant, school_scope, store_of

EMAIL = "person@stmarys.sch.uk"
S = "/console/schools/stmarys"


def runtime_of(c: TestClient) -> Runtime:
    r: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return r


def as_role(c: TestClient, sign_in: SignIn, role: str) -> None:
    grant(c, EMAIL, role)
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303


def ev(days_ago: float, kind: str = "check", codes: str = "", **more: Any) -> dict[str, Any]:
    e: dict[str, Any] = {
        "event_id": str(uuid.uuid4()),
        "kind": kind,
        "at": datetime.now(UTC) - timedelta(days=days_ago),
        "codes": codes,
        **more,
    }
    if kind == "check":
        e.setdefault("action", "warn" if codes else "allow")
        e.setdefault("finding_count", len(codes.split(",")) if codes else 0)
        e.setdefault("sender_hash", "ab" * 32)
    return e


def seed(c: TestClient, events: list[dict[str, Any]], tenant_id: str | None = None) -> None:
    tid = tenant_id or school_scope(c).tenant_id
    runtime_of(c).store.write_audit([{**e, "tenant_id": tid} for e in events])


EVENTS = [
    ev(0.01),
    ev(0.01, codes="REC001"),
    ev(1, codes="PUP001,REC001"),
    ev(2, codes="SUB002", staff_group="school:Office"),
    ev(1, "outcome", "REC001", outcome="sent_anyway"),
    ev(1, "outcome", "PUP001", outcome="sent_anyway"),
    ev(1, "outcome", "SUB002", outcome="fixed"),
    ev(10, codes="REC001"),  # the previous 7 days
    ev(10, "outcome", "REC001", outcome="cancelled"),
]


def other_school(c: TestClient) -> str:
    tid = runtime_of(c).store.create_tenant(
        "elsewhere", "Elsewhere", ["elsewhere.sch.uk"], policy=Policy()
    )
    seed(c, [ev(0.01, codes="PUP001,REC001") for _ in range(50)], tid)
    seed(c, [ev(0.01, "outcome", "REC001", outcome="sent_anyway") for _ in range(50)], tid)
    return tid


ACCESS = [
    ("admin", "dashboard", 200),
    ("auditor", "dashboard", 200),
    ("safeguarding", "dashboard", 200),
    ("helpdesk", "dashboard", 403),
    ("admin", "dashboard.csv", 200),
    ("helpdesk", "dashboard.csv", 403),
    ("admin", "audit", 200),
    ("auditor", "audit", 200),
    ("safeguarding", "audit", 200),
    ("helpdesk", "audit", 403),
    ("auditor", "audit.csv", 200),
    ("helpdesk", "audit.csv", 403),
]


@pytest.mark.parametrize(("role", "page", "status"), ACCESS)
def test_who_may_open_the_pages(
    app_client: TestClient, sign_in: SignIn, role: str, page: str, status: int
) -> None:
    as_role(app_client, sign_in, role)
    assert app_client.get(f"{S}/{page}").status_code == status


def test_signed_out_and_other_schools(app_client: TestClient, sign_in: SignIn) -> None:
    r = app_client.get(f"{S}/dashboard", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in"
    as_role(app_client, sign_in, "admin")
    other_school(app_client)
    for page in ("dashboard", "dashboard.csv", "audit", "audit.csv"):
        assert app_client.get(f"/console/schools/elsewhere/{page}").status_code == 404


def _summary(html: str) -> dict[str, list[str]]:
    """The summary table: row label -> its cells."""
    table = html.split('id="summary"', 1)[1].split("</table>", 1)[0]
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        label = re.search(r'<th scope="row">(.*?)</th>', row)
        assert label
        out[label.group(1)] = re.findall(r'<td class="num">(.*?)</td>', row)
    return out


def test_the_dashboard_shows_this_schools_numbers(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    other_school(app_client)
    seed(app_client, EVENTS)
    html = app_client.get(f"{S}/dashboard?days=7").text
    rows = _summary(html)
    assert rows["Checks"] == ["4", "1", "+3 (+300%)"]
    assert rows["Checks with a finding"] == ["3", "1", "+2 (+200%)"]
    assert rows["Sent anyway"] == ["2", "0", "+2"]
    assert rows["Sent anyway, per check with a finding"][:2] == ["67%", "0%"]
    # Charts: inline SVG with a title and description, and no script anywhere.
    assert html.count('<svg class="chart" role="img"') == 5
    assert html.count("<title id=") == 5 and html.count("<desc id=") == 5
    assert "<script" not in html
    assert "Office" in html and "No staff group" in html
    assert "Elsewhere" not in html  # a school of no trust: no trust view


def test_the_dashboard_csv(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "auditor")
    other_school(app_client)
    seed(app_client, EVENTS)
    r = app_client.get(f"{S}/dashboard.csv?days=7")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["section", "item", "this_period", "previous_period", "change"]
    by = {(s, i): (now, before, ch) for s, i, now, before, ch in rows[1:]}
    assert by[("totals", "checks")] == ("4", "1", "3")
    assert by[("outcomes", "sent_anyway")] == ("2", "0", "2")
    assert by[("outcomes", "cancelled")] == ("0", "1", "-1")
    assert by[("findings_per_rule", "REC001")] == ("2", "1", "1")
    assert by[("sent_anyway_per_rule", "PUP001")] == ("1", "0", "1")
    assert by[("sent_anyway_rate_per_rule", "REC001")][0] == "0.5000"
    assert by[("staff_group_checks", "school:Office")][0] == "1"
    assert sum(int(n) for (s, _), (n, _, _) in by.items() if s == "checks_per_day") == 4
    assert len([k for k in by if k[0] == "checks_per_day"]) == 7


def test_the_safeguarding_lead_sees_pupil_rules_only(
    app_client: TestClient, sign_in: SignIn
) -> None:
    as_role(app_client, sign_in, "safeguarding")
    seed(app_client, EVENTS)
    html = app_client.get(f"{S}/dashboard?days=7").text
    assert "pupil rules only" in html
    assert "REC001" not in html and "SUB002" not in html
    assert _summary(html)["Checks flagged by a pupil rule"] == ["1", "0", "+1"]
    rows = list(csv.reader(io.StringIO(app_client.get(f"{S}/dashboard.csv?days=7").text)))
    assert not any("REC001" in cell or "SUB002" in cell for row in rows for cell in row)
    audit = list(csv.reader(io.StringIO(app_client.get(f"{S}/audit.csv").text)))
    assert len(audit) == 3  # the header, the PUP001 check and its outcome
    assert all("PUP001" in row[5] for row in audit[1:])
    # A filter on another rule is not theirs to use.
    assert app_client.get(f"{S}/audit?rule=REC001").status_code == 400


def test_the_audit_list_and_its_csv(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    other_school(app_client)
    seed(app_client, EVENTS)
    html = app_client.get(f"{S}/audit").text
    assert html.count("<tr>") == 1 + len(EVENTS)
    html = app_client.get(f"{S}/audit?kind=outcome&outcome=sent_anyway").text
    assert html.count("<tr>") == 1 + 2
    r = app_client.get(f"{S}/audit.csv?rule=REC001")
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 5
    assert all("REC001" in row["codes"].split(",") for row in rows)
    # Codes, counts, timings and keyed hashes: exactly these columns.
    assert list(rows[0]) == [
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
    ]
    frm = (datetime.now(UTC) - timedelta(days=5)).date().isoformat()
    rows = list(csv.DictReader(io.StringIO(app_client.get(f"{S}/audit.csv?from={frm}").text)))
    assert len(rows) == 7


def test_audit_paging(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    seed(app_client, [ev(i / 100) for i in range(60)])
    first = app_client.get(f"{S}/audit").text
    assert first.count("<tr>") == 51 and "Older events" in first and "Newer events" not in first
    second = app_client.get(f"{S}/audit?page=2").text
    assert second.count("<tr>") == 11 and "Older events" not in second and "Newer events" in second
    assert app_client.get(f"{S}/audit?page=999").status_code == 200


BAD = [
    "dashboard?days=-1",
    "dashboard?days=abc",
    "dashboard?days=31",
    "dashboard?days=",
    "dashboard.csv?days=0",
    "audit?page=0",
    "audit?page=-1",
    "audit?page=abc",
    "audit?page=99999999999999999999",
    "audit?from=yesterday",
    "audit?from=2026-02-30",
    "audit?from=2026-11-30&to=2026-11-01",
    "audit?rule=NOPE01",
    "audit?rule=PUP%25",
    "audit?kind=delete",
    "audit?outcome=maybe",
    "audit?host=fax",
    "audit?action=explode",
    "audit?kind=" + "x" * 500,
    "audit.csv?kind=delete",
]


@pytest.mark.parametrize("path", BAD)
def test_bad_filters_are_a_400_page(app_client: TestClient, sign_in: SignIn, path: str) -> None:
    as_role(app_client, sign_in, "admin")
    r = app_client.get(f"{S}/{path}")
    assert r.status_code == 400, (path, r.status_code)
    assert r.headers["content-type"].startswith("text/html")
    assert "Bad filter" in r.text


def trust_of(
    c: TestClient, sign_in: SignIn, slug: str, n: int, schools: dict[str, Policy | None]
) -> dict[str, str]:
    """A trust ``slug`` with these schools (slug: its policy, or the default), its
    auditor signed in; each school's tenant id by slug."""
    tid = f"7e57c0de-0000-4000-8000-{n:012d}"
    runtime = runtime_of(c)
    trusts = TrustStore(runtime.store.db)
    trust_id, _ = trusts.create_trust(
        slug, slug.title() + " Trust", [f"{slug}.org.uk"], entra_tenant_id=tid, by="test"
    )
    ids = {}
    for school, policy in schools.items():
        name = school.title() + (" Primary" if policy is None else " Academy")
        ids[school], _ = trusts.create_school(
            trust_id, school, name, [f"{school}.sch.uk"], policy=policy
        )
    runtime.refresh_sync()
    store_of(c).assign(
        Scope(trust_id=trust_id),
        principal_kind="email",
        principal=f"ceo@{slug}.org.uk",
        role="auditor",
        by="test",
    )
    assert sign_in("entra", **entra_user(f"ceo@{slug}.org.uk", tid)).status_code == 303
    return ids


def test_a_trust_role_compares_the_trusts_schools(app_client: TestClient, sign_in: SignIn) -> None:
    """Someone whose role is at a trust sees its schools side by side (and no
    school outside it); the figures are each school's own."""
    ids = trust_of(app_client, sign_in, "elm", 7125, {"ash": None, "birch": None})
    seed(app_client, [ev(0.01, codes="REC001") for _ in range(3)], ids["ash"])
    seed(app_client, [ev(0.01) for _ in range(5)], ids["birch"])
    seed(app_client, [ev(0.01) for _ in range(40)])  # the demo school: not in the trust
    html = app_client.get("/console/schools/ash/dashboard?days=7").text
    table = html.split('id="schools"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="num">(\d+)</td>', table)
    assert rows == [("Ash Primary", "3"), ("Birch Primary", "5")]
    assert "St Mary" not in table
    csv_rows = list(
        csv.reader(io.StringIO(app_client.get("/console/schools/birch/dashboard.csv?days=7").text))
    )
    assert ["school_checks", "Ash Primary", "3", "0", "3"] in csv_rows
    assert ["totals", "checks", "5", "0", "5"] in csv_rows


# -- the school's own days ------------------------------------------------------------

# Zones far from UTC, so that for much of each day their date is not UTC's.
ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"]


@pytest.mark.parametrize("zone", ZONES)
def test_days_are_the_schools_local_days(
    app_client: TestClient, sign_in: SignIn, zone: str
) -> None:
    runtime = runtime_of(app_client)
    tid = school_scope(app_client).tenant_id or ""
    with runtime.store.db.session() as s:
        repo = runtime.store.scoped(s, tid)
        repo.put_policy(repo.policy().model_copy(update={"timezone": zone}), by="test")
    runtime.reload_tenant(tid)
    as_role(app_client, sign_in, "admin")
    at = datetime.now(UTC) - timedelta(minutes=1)
    seed(app_client, [ev(0, "check", "REC001") | {"at": at}])
    local = at.astimezone(ZoneInfo(zone))
    today = datetime.now(ZoneInfo(zone)).date()
    rows = list(csv.reader(io.StringIO(app_client.get(f"{S}/dashboard.csv?days=7").text)))
    by = {(s, i): now for s, i, now, _, _ in rows[1:]}
    assert by[("period", "to")] == today.isoformat()
    assert by[("checks_per_day", local.date().isoformat())] == "1"
    html = app_client.get(f"{S}/dashboard?days=7").text
    assert f"days in {zone} time" in html
    audit = app_client.get(f"{S}/audit?from={local.date()}&to={local.date()}").text
    assert local.strftime("%Y-%m-%d %H:%M:%S") in audit and f"({zone})" in audit
    r = app_client.get(f"{S}/audit.csv")
    assert f"-audit-{today}.csv" in r.headers["content-disposition"]


def test_a_trust_compares_each_school_over_its_own_local_days(
    app_client: TestClient, sign_in: SignIn
) -> None:
    """Two schools of one trust far apart in time: the trust's comparison counts
    each school's checks over that school's own last 7 local days, so a check
    made between the two windows' starts is this week's at one school and last
    week's at the other."""
    zones = {"east": "Pacific/Kiritimati", "west": "Pacific/Pago_Pago"}  # UTC+14, UTC-11
    policies: dict[str, Policy | None] = {k: Policy(timezone=z) for k, z in zones.items()}
    now = datetime.now(UTC)
    starts = {slug: last_days(7, ZoneInfo(zone), now).since for slug, zone in zones.items()}
    early, late = sorted(starts, key=starts.__getitem__)
    at = starts[late] - timedelta(minutes=1)  # after the early window's start only
    assert starts[early] < at < now
    ids = trust_of(app_client, sign_in, "oak", 7126, policies)
    for slug in zones:
        seed(app_client, [ev(0, "check", "REC001") | {"at": at}], ids[slug])
    rows = list(
        csv.reader(
            io.StringIO(app_client.get(f"/console/schools/{early}/dashboard.csv?days=7").text)
        )
    )
    got = {r[1]: (r[2], r[3]) for r in rows if r[0] == "school_checks"}
    # (this period, the one before)
    assert got == {f"{early.title()} Academy": ("1", "0"), f"{late.title()} Academy": ("0", "1")}
