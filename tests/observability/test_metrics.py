"""/metrics: behind a token, the figures an operator needs, and no personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app.config import Settings
from app.main import create_app
from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN, CHECKER

TOKEN = "metrics-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def mclient(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"metrics_token": TOKEN}))) as c:
        yield c


def scrape(c: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    res = c.get("/metrics", headers=AUTH)
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/plain")
    out = {}
    for fam in text_string_to_metric_families(res.text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.parametrize(
    ("token", "headers", "status"),
    [
        # Not configured: nothing is exposed, even with a header.
        (None, AUTH, 404),
        # Configured: the right bearer token only.
        (TOKEN, {}, 401),
        (TOKEN, {"Authorization": "Bearer wrong"}, 401),
        (TOKEN, {"Authorization": f"Basic {TOKEN}"}, 401),
        (TOKEN, {"X-API-Key": "etq_demo_admin_key"}, 401),
        (TOKEN, AUTH, 200),
    ],
)
def test_metrics_need_the_token(
    settings: Settings, token: str | None, headers: dict[str, str], status: int
) -> None:
    with TestClient(create_app(settings.model_copy(update={"metrics_token": token}))) as c:
        assert c.get("/metrics", headers=headers).status_code == status


def test_scrape_counts_checks_findings_outcomes_and_requests(mclient: TestClient) -> None:
    before = scrape(mclient)
    for _ in range(3):
        res = mclient.post("/v1/check", json=GOOD)
        assert res.status_code == 200
    check_id = res.json()["check_id"]
    assert (
        mclient.post(
            "/v1/outcome",
            json={"check_id": check_id, "outcome": "sent_anyway", "host": "outlook", "codes": []},
            headers=CHECKER,
        ).status_code
        == 202
    )
    assert mclient.get("/v1/admin/schools/stmarys", headers=ADMIN).status_code == 200
    after = scrape(mclient)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("etiquette_check_duration_seconds_count", host="api") == 3
    assert delta("etiquette_checks_total", host="api", purpose="send", action="warn") == 3
    assert delta("etiquette_findings_total", code="REC003", action="warn") == 3
    assert delta("etiquette_outcomes_total", host="outlook", outcome="sent_anyway") == 1
    assert (
        delta(
            "etiquette_http_request_duration_seconds_count",
            method="POST",
            route="/v1/check",
            status="2xx",
        )
        == 3
    )
    # The admin path is labelled by its template, never the school's slug.
    admin_routes = {
        dict(labels)["route"]
        for (name, labels) in after
        if name == "etiquette_http_request_duration_seconds_count"
        and dict(labels).get("method") == "GET"
    }
    assert any(re.fullmatch(r"/v1/admin/schools/\{\w+\}", r) for r in admin_routes)
    assert value(after, "etiquette_schools_loaded") >= 1
    assert ("etiquette_audit_queue_depth", ()) in after
    assert ("etiquette_audit_events_spooled_total", ()) in after
    assert ("etiquette_audit_spool_waiting", ()) in after
    assert ("etiquette_audit_write_failures_total", ()) in after


def test_audit_queue_and_written_events_are_exposed(mclient: TestClient) -> None:
    runtime = mclient.app.state.runtime  # type: ignore[attr-defined]
    runtime.audit.flush()
    before = scrape(mclient)
    assert mclient.post("/v1/check", json=GOOD).status_code == 200
    runtime.audit.flush()
    after = scrape(mclient)
    assert (
        value(after, "etiquette_audit_events_written_total")
        - value(before, "etiquette_audit_events_written_total")
        >= 1
    )
    assert value(after, "etiquette_audit_queue_depth") == runtime.audit.pending


def test_directory_uploads_are_counted_by_result(mclient: TestClient) -> None:
    csv_ok = "id,kind,first_name,last_name,email\nS1,staff,Sarah,Jones,s.jones@stmarys.sch.uk\n"
    before = scrape(mclient)
    hdr = {**ADMIN, "Content-Type": "text/csv"}
    path = "/v1/admin/schools/stmarys/directory/people"
    # One person replaces the demo roster: a removal past the share, so confirmed.
    ok_res = mclient.put(path, content=csv_ok, headers=hdr, params={"confirm_removals": "true"})
    assert ok_res.status_code == 200, ok_res.text
    assert mclient.put(path, content="id,kind\nX,alien\n", headers=hdr).status_code == 422
    after = scrape(mclient)
    ok = "etiquette_directory_sync_total"
    assert value(after, ok, result="ok") - value(before, ok, result="ok") == 1
    assert value(after, ok, result="rejected") - value(before, ok, result="rejected") == 1
    assert value(after, "etiquette_directory_sync_last_success_timestamp_seconds") > 0


# What a check carries that must never reach a label: addresses, names, subject words,
# the school's slug, name and domain. ("gmail" and "outlook" alone are client hosts.)
PERSONAL = ("@", "parent1", "gmail.com", "outlook.com", "jones", "sarah", "year 9", "consent")
SCHOOL = ("stmarys", "st mary")


def test_no_personal_or_school_data_in_any_label(mclient: TestClient) -> None:
    mclient.post("/v1/check", json=GOOD)
    mclient.post("/v1/check", json={**GOOD, "subject": "Amir Khan - behaviour incident"})
    mclient.get("/v1/admin/schools/stmarys/audit", headers=ADMIN)
    mclient.get("/addin/amir.khan@gmail.com")
    res = mclient.get("/metrics", headers=AUTH)
    labels = []
    for fam in text_string_to_metric_families(res.text):
        for s in fam.samples:
            labels.extend(s.labels.values())
    assert labels
    text = " ".join(labels).lower()
    for word in (*PERSONAL, *SCHOOL, "amir", "khan", "behaviour"):
        assert word not in text, word
    # Every label value is a short token from a closed set or a route template.
    assert all(re.fullmatch(r"[A-Za-z0-9_./{}:+-]*", v) for v in labels)
