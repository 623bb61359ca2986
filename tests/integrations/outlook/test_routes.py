"""The add-in's files, the well-known file for classic Outlook, CORS and page headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.integrations.outlook.settings import OutlookSettings
from app.main import create_app
from tests.conftest import ADMIN, make_policy
from tests.integrations.outlook.conftest import CLIENT_ID, HOST


@pytest.fixture
def hosted(
    settings: Settings, outlook_settings: OutlookSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    # CORS is set when the app is made, from ETIQUETTE_OUTLOOK_PUBLIC_HOST.
    app = create_app(settings, hosts=(OutlookHost(outlook_settings), GmailHost()))
    with TestClient(app) as c:
        yield c


def test_well_known_allows_the_handler_bundle(hosted: TestClient) -> None:
    res = hosted.get("/.well-known/microsoft-officeaddins-allowed.json")
    assert res.status_code == 200
    assert res.json() == {"allowed": [f"{HOST}/addin/launchevent.js"]}


def test_bundle_is_served_with_this_deployments_settings(hosted: TestClient) -> None:
    res = hosted.get("/addin/launchevent.js")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/javascript")
    assert '"__ETIQUETTE_CONFIG__"' not in res.text
    assert f'"apiBase":"{HOST}"' in res.text
    assert f'"clientId":"{CLIENT_ID}"' in res.text
    assert f'"apiScope":"api://etiquette.example.org/{CLIENT_ID}/access_as_user"' in res.text
    assert '"apiKey":""' in res.text  # this deployment uses Entra ID, even in demo mode
    assert hosted.get("/addin/config.json").json()["timeoutMs"] == 3000


def test_demo_without_entra_gets_the_public_demo_key(client: TestClient) -> None:
    config = client.get("/addin/config.json").json()
    assert config["apiKey"] == "etq_demo_check_key"
    assert config["apiBase"] == "http://testserver"


PAGES = ["taskpane.html", "commands.html", "help.html"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_carry_security_headers(hosted: TestClient, page: str) -> None:
    res = hosted.get(f"/addin/{page}")
    assert res.status_code == 200
    csp = res.headers["content-security-policy"]
    assert "script-src 'self' https://appsforoffice.microsoft.com" in csp
    assert "frame-ancestors 'self' https://outlook.office.com" in csp
    assert "object-src 'none'" in csp
    # The pane's share-as-link fix talks to Graph and OneDrive's upload host, nothing else.
    assert "https://graph.microsoft.com https://*.sharepoint.com" in csp
    assert "unsafe-inline" not in csp
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["referrer-policy"] == "no-referrer"
    assert "x-frame-options" not in res.headers  # Outlook frames the pane


@pytest.mark.parametrize(
    "path",
    [
        "/addin/../../pyproject.toml",
        "/addin/%2e%2e/%2e%2e/pyproject.toml",
        "/addin/nope.html",
        "/addin/",
        "/addin/../../app/config.py",
    ],
)
def test_nothing_outside_the_public_folder(hosted: TestClient, path: str) -> None:
    assert hosted.get(path).status_code == 404


CORS = [
    # (origin, headers asked for, allowed)
    (HOST, "authorization,content-type", True),
    ("https://evil.example", "authorization,content-type", False),
    (HOST, "x-api-key", False),
]


@pytest.mark.parametrize(("origin", "asked", "allowed"), CORS)
def test_cors_only_the_addin_origin_and_two_headers(
    hosted: TestClient, origin: str, asked: str, allowed: bool
) -> None:
    res = hosted.options(
        "/v1/check",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": asked,
        },
    )
    assert (res.status_code == 200) is allowed
    if allowed:
        assert res.headers["access-control-allow-origin"] == HOST


def _set_fail_mode(client: TestClient, mode: str) -> None:
    policy = client.get("/v1/admin/schools/stmarys/policy", headers=ADMIN).json()["set_by_school"]
    res = client.put(
        "/v1/admin/schools/stmarys/policy",
        headers=ADMIN,
        json={"policy": {**policy, "fail_mode": mode}},
    )
    assert res.status_code == 200, res.text


FAIL_MODES = [
    # (the demo school's fail mode, a second school's (None: no second school),
    #  ETIQUETTE_OUTLOOK_FAIL_MODE, what the bundle is given before any check)
    ("open", None, "closed", "open"),  # one school: its policy, whatever the setting says
    ("closed", None, "open", "closed"),
    ("closed", "closed", "open", "closed"),  # every school agrees
    ("closed", "open", "open", "open"),  # they disagree: the setting
    ("closed", "open", "closed", "closed"),
]


@pytest.mark.parametrize(("mode", "second", "setting", "served"), FAIL_MODES)
def test_the_first_outage_follows_the_schools_fail_mode(
    settings: Settings, mode: str, second: str | None, setting: str, served: str
) -> None:
    outlook = OutlookSettings(_env_file=None, fail_mode=setting)  # type: ignore[call-arg]
    app = create_app(settings, hosts=(OutlookHost(outlook), GmailHost()))
    with TestClient(app) as c:
        _set_fail_mode(c, mode)
        if second is not None:
            runtime = c.app.state.runtime  # type: ignore[attr-defined]
            policy = make_policy(internal_domains=["second.sch.uk"], fail_mode=second)
            runtime.store.create_tenant("second", "Second", ["second.sch.uk"], policy=policy)
            runtime.refresh_sync()
        assert c.get("/addin/config.json").json()["failMode"] == served
        assert f'"failMode":"{served}"' in c.get("/addin/launchevent.js").text
