"""The database unreachable: the console answers a 503 page saying so (never a
traceback), checks still answer, and the console works again once it is back."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.api.test_faults import _break_database, _mend_database
from tests.console.conftest import csrf_of

S = "/console/schools/stmarys"


@pytest.mark.parametrize(
    ("method", "path", "form"),
    [
        ("GET", "/console/", None),
        ("GET", f"{S}/", None),
        ("GET", f"{S}/keys", None),
        ("GET", f"{S}/policy", None),
        ("GET", f"{S}/notifications", None),
        ("GET", f"{S}/integrations", None),
        ("POST", f"{S}/keys", {"role": "check", "label": "during the outage"}),
        ("POST", f"{S}/notifications/test", {}),
    ],
)
def test_the_console_answers_503_while_the_database_is_down(
    app_client: TestClient, method: str, path: str, form: dict[str, str] | None
) -> None:
    page = app_client.get("/console/sign-in")
    signed = app_client.post(
        "/console/sign-in/demo", data={"csrf": csrf_of(page.text)}, follow_redirects=False
    )
    assert signed.status_code == 303
    csrf = csrf_of(app_client.get(f"{S}/").text)
    runtime = app_client.app.state.runtime  # type: ignore[attr-defined]
    saved = _break_database(runtime)
    try:
        data = {"csrf": csrf, **form} if form is not None else None
        r = app_client.request(method, path, data=data, follow_redirects=False)
        assert r.status_code == 503, r.text[:300]
        assert r.headers["content-type"].startswith("text/html")
        assert "Service unavailable" in r.text and "cannot reach its database" in r.text
        assert "Traceback" not in r.text and "psycopg" not in r.text
        assert r.headers["retry-after"] == "60"
        # Checks carry on from memory meanwhile.
        assert app_client.post("/v1/check", json=GOOD).status_code == 200
    finally:
        _mend_database(runtime, saved)
    assert app_client.get(f"{S}/keys").status_code == 200
