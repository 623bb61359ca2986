"""The Notifications page: who may see and change it, the settings form (the
same ``notifications`` section PATCH .../settings sets), the test button (a real
local SMTP server), and what the page shows (codes, counts, times; never a
subject or an address)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.store.console import Scope
from tests.console.conftest import SignIn, csrf_of, entra_user, grant, school_scope, store_of
from tests.notifications.conftest import SmtpServer, smtp_server

__all__ = ["smtp_server"]

S = "/console/schools/stmarys"
N = f"{S}/notifications"
EMAIL = "person@stmarys.sch.uk"
ADMIN_KEY = {"X-API-Key": "etq_demo_admin_key"}


def as_role(c: TestClient, sign_in: SignIn, role: str) -> str:
    grant(c, EMAIL, role)
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303
    return csrf_of(c.get(f"{S}/").text)


GOOD = {
    "enabled": "on",
    "channel": "smtp",
    "recipients": "dsl@stmarys.sch.uk\nDeputy.DSL@stmarys.sch.uk",
    "mode": "instant",
    "digest_time": "07:45",
    "notify_overrides": "on",
    "repeat_threshold": "4",
    "repeat_window_minutes": "30",
    "smtp_host": "127.0.0.1",
    "smtp_port": "2525",
    "smtp_from": "etiquette@stmarys.sch.uk",
}


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    [
        ("admin", "GET", N, 200),
        ("safeguarding", "GET", N, 200),
        ("auditor", "GET", N, 200),
        ("helpdesk", "GET", N, 403),
        ("admin", "POST", N, 303),
        ("safeguarding", "POST", N, 403),
        ("auditor", "POST", N, 403),
        ("helpdesk", "POST", N, 403),
        ("safeguarding", "POST", f"{N}/test", 403),
        ("auditor", "POST", f"{N}/test", 403),
    ],
)
def test_permissions(
    app_client: TestClient, sign_in: SignIn, role: str, method: str, path: str, status: int
) -> None:
    csrf = as_role(app_client, sign_in, role)
    if method == "GET":
        r = app_client.get(path, follow_redirects=False)
    else:
        r = app_client.post(path, data={**GOOD, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == status, r.text[:300]


@pytest.mark.parametrize(("role", "shown"), [("safeguarding", True), ("helpdesk", False)])
def test_the_nav_link(app_client: TestClient, sign_in: SignIn, role: str, shown: bool) -> None:
    as_role(app_client, sign_in, role)
    assert (f'href="{N}"' in app_client.get(f"{S}/").text) is shown


def test_the_safeguarding_lead_sees_no_form(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "safeguarding")
    page = app_client.get(N).text
    assert "Outbox" in page and "Recent notices" in page
    assert "Save notification settings" not in page and "Send a test" not in page


def test_the_form_saves_the_settings_section(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(N, data={**GOOD, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"{N}?done=saved"
    got = app_client.get("/v1/admin/schools/stmarys/settings", headers=ADMIN_KEY).json()
    n = got["notifications"]
    assert n["enabled"] is True and n["channel"] == "smtp" and n["mode"] == "instant"
    assert n["recipients"] == ["dsl@stmarys.sch.uk", "deputy.dsl@stmarys.sch.uk"]
    assert (n["repeat_threshold"], n["repeat_window_minutes"], n["digest_time"]) == (4, 30, "07:45")
    assert n["include_sender_identity"] is False and n["smtp_starttls"] is False
    # the other sections are kept
    assert got["outlook"]["entra_tenant_id"]
    page = app_client.get(f"{N}?done=saved").text
    assert "The notification settings were saved." in page
    assert next(c.code for c in store_of(app_client).changes(school_scope(app_client))) == (
        "notifications.update"
    )


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("recipients", "not-an-address", "recipients"),
        ("digest_time", "25:00", "digest_time"),
        ("channel", "fax", "channel"),
        ("repeat_window_minutes", "1", "repeat_window_minutes"),
        ("repeat_threshold", "many", "repeat_threshold"),
        ("webhook_url_env", "https://hooks.slack.com/services/x", "webhook_url_env"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(
    app_client: TestClient, sign_in: SignIn, field: str, value: str, named: str
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(N, data={**GOOD, field: value, "csrf": csrf})
    assert r.status_code == 400 and named in r.text


def test_the_test_button_sends_by_smtp(
    app_client: TestClient, sign_in: SignIn, smtp_server: SmtpServer
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    form = {**GOOD, "smtp_port": str(smtp_server.port), "csrf": csrf}
    assert app_client.post(N, data=form, follow_redirects=False).status_code == 303
    r = app_client.post(f"{N}/test", data={"csrf": csrf}, follow_redirects=False)
    assert r.headers["location"] == f"{N}?done=test-sent"
    [(_, rcpts, data)] = smtp_server.received
    assert rcpts == ["dsl@stmarys.sch.uk", "deputy.dsl@stmarys.sch.uk"]
    assert b"test notification" in data
    page = app_client.get(r.headers["location"]).text
    assert "The test notification was sent." in page
    assert "<td>test</td><td>smtp</td><td>sent</td>" in page


def test_a_failed_test_shows_in_the_outbox(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    form = {**GOOD, "channel": "slack", "webhook_url_env": "ETQ_NO_SUCH_VAR", "csrf": csrf}
    assert app_client.post(N, data=form, follow_redirects=False).status_code == 303
    r = app_client.post(f"{N}/test", data={"csrf": csrf})
    assert r.status_code == 200
    assert "could not be sent" in r.text
    assert "slack webhook URL: environment variable ETQ_NO_SUCH_VAR is not set" in r.text


def test_a_post_without_csrf_is_refused(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    assert app_client.post(N, data=GOOD).status_code == 403
    assert app_client.post(f"{N}/test", data={"csrf": "not-this-one"}).status_code == 403


def test_another_schools_page_is_404(app_client: TestClient, sign_in: SignIn) -> None:
    runtime = app_client.app.state.runtime  # type: ignore[attr-defined]
    other, _ = runtime.store.create_school("oakfield", "Oakfield", ["oakfield.sch.uk"])
    runtime.reload_tenant(other)
    csrf = as_role(app_client, sign_in, "admin")
    assert app_client.get("/console/schools/oakfield/notifications").status_code == 404
    r = app_client.post("/console/schools/oakfield/notifications", data={**GOOD, "csrf": csrf})
    assert r.status_code == 404
    assert Scope(tenant_id=other)  # the other school's settings were not touched
    got = runtime.store.load(other, None).settings.notifications
    assert got.enabled is False


def test_the_page_lists_notices_without_content(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    assert app_client.post(N, data={**GOOD, "csrf": csrf}).status_code == 200
    subject, to = "Kiyan Hargrove detention letter", "kiyan.family8@gmail.com"
    check = app_client.post(
        "/v1/check",
        headers={"X-API-Key": "etq_demo_check_key"},
        json={
            "sender": {"email": "umaiza.patel@stmarys.sch.uk"},
            "to": [{"email": "kiyan.hargrove@pupils.stmarys.sch.uk"}, {"email": to}],
            "subject": subject,
            "send_at": "2026-11-18T10:00:00+00:00",
        },
    ).json()
    r = app_client.post(
        "/v1/outcome",
        headers={"X-API-Key": "etq_demo_check_key"},
        json={
            "check_id": check["check_id"],
            "outcome": "sent_anyway",
            "host": "outlook",
            "codes": [f["code"] for f in check["findings"]],
        },
    )
    assert r.status_code < 300
    app_client.app.state.runtime.audit.flush()  # type: ignore[attr-defined]
    page = app_client.get(N).text
    assert "PUP003 (pupil copied with personal addresses)" in page and "sent anyway" in page
    for secret in (subject, "Kiyan", to, "kiyan.hargrove@", "umaiza"):
        assert secret not in page
