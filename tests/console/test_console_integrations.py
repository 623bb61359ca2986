"""The Integrations page: this deployment's add-in files (the same bytes the CLI
writes) and a real test token exchange with Entra ID and Google, played by the
fake provider on the shared client: success, bad secret, unknown tenant,
missing settings, network down. Never a 500, never a secret on the page."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from app.console.integrations import DEMO_CLIENT_ID
from tests.console.conftest import TID, SignIn, csrf_of, entra_user, grant
from tests.console.fake_idp import FakeIdP

REPO = Path(__file__).resolve().parents[2]
HOST = "https://etiquette.example.org"
ADDIN_CLIENT = "00000000-0000-0000-0000-000000000000"  # the example manifests' client id
SECRET = "s3cr3t-value-never-shown~"
EMAIL = "it@stmarys.sch.uk"
SA_EMAIL = "etiquette-sync@stmarys-project.iam.gserviceaccount.com"
ADMIN = "it.admin@stmarys.sch.uk"
PAGE = "/console/schools/stmarys/integrations"


@pytest.fixture
def console_env(console_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETIQUETTE_OUTLOOK_PUBLIC_HOST", HOST)
    monkeypatch.setenv("ETIQUETTE_OUTLOOK_CLIENT_ID", ADDIN_CLIENT)
    monkeypatch.setenv("ETIQUETTE_OUTLOOK_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("ETIQUETTE_GMAIL_BASE_URL", HOST)


def _admin(c: TestClient, sign_in: SignIn, role: str = "admin") -> None:
    grant(c, EMAIL, role)
    assert sign_in("entra", **entra_user(EMAIL)).status_code == 303


def test_downloads_are_the_clis_files_for_this_deployment(
    app_client: TestClient, sign_in: SignIn
) -> None:
    _admin(app_client, sign_in, "helpdesk")
    page = app_client.get(PAGE)
    assert page.status_code == 200
    for link in ("outlook-manifest.xml", "outlook-app.zip", "gmail-deployment.json"):
        assert f'{PAGE}/{link}" download' in page.text
    xml = app_client.get(f"{PAGE}/outlook-manifest.xml")
    assert xml.status_code == 200
    assert xml.headers["content-disposition"] == 'attachment; filename="manifest.xml"'
    assert xml.text == (REPO / "manifest/example/manifest.xml").read_text()
    z = app_client.get(f"{PAGE}/outlook-app.zip")
    assert z.headers["content-disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(z.content)) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        unified = json.loads(archive.read("manifest.json"))
        example = json.loads((REPO / "manifest/example/manifest.json").read_text())
        assert unified == example
        assert archive.read("color.png") == (REPO / "manifest/example/color.png").read_bytes()
    gmail = app_client.get(f"{PAGE}/gmail-deployment.json")
    assert gmail.headers["content-disposition"] == 'attachment; filename="deployment.json"'
    assert gmail.json() == json.loads((REPO / "manifest/gmail-deployment.example.json").read_text())
    # A later version for an update; a bad one is a 400 page.
    v = app_client.get(f"{PAGE}/outlook-manifest.xml?version=1.0.1")
    assert "<Version>1.0.1.0</Version>" in v.text
    assert app_client.get(f"{PAGE}/outlook-manifest.xml?version=1.0;x").status_code == 400
    for r in (xml, z, gmail):
        assert SECRET not in r.text if r is not z else SECRET.encode() not in r.content


def _unset(c: TestClient, monkeypatch: pytest.MonkeyPatch, *, demo: bool) -> None:
    """No public host, add-in client id or Gmail base URL; demo mode on or off."""
    state = c.app.state  # type: ignore[attr-defined]
    monkeypatch.setattr(state.runtime.settings, "demo", demo)
    monkeypatch.setattr(state.outlook.settings, "public_host", None)
    monkeypatch.setattr(state.outlook.settings, "client_id", None)
    monkeypatch.setattr(state.gmail_addon.settings, "base_url", None)


def test_outside_demo_downloads_name_the_missing_setting(
    app_client: TestClient, sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin(app_client, sign_in)
    _unset(app_client, monkeypatch, demo=False)
    page = app_client.get(PAGE, headers={"host": "evil.example"})
    assert "ETIQUETTE_OUTLOOK_PUBLIC_HOST" in page.text and "outlook-manifest.xml" not in page.text
    assert "ETIQUETTE_OUTLOOK_CLIENT_ID" in page.text
    assert "ETIQUETTE_GMAIL_BASE_URL" in page.text and "gmail-deployment.json" not in page.text
    assert "not for production" not in page.text and "demo-" not in page.text
    assert "localhost" not in page.text and "evil.example" not in page.text
    for link, setting in (
        ("outlook-manifest.xml", "ETIQUETTE_OUTLOOK_PUBLIC_HOST"),
        ("outlook-app.zip", "ETIQUETTE_OUTLOOK_CLIENT_ID"),
        ("gmail-deployment.json", "ETIQUETTE_GMAIL_BASE_URL"),
    ):
        r = app_client.get(f"{PAGE}/{link}", headers={"host": "evil.example"})
        assert r.status_code == 409 and setting in r.text, link
        assert "evil.example" not in r.text


@pytest.mark.parametrize(
    ("base", "origin"),
    [(None, "https://localhost"), ("https://testserver:8000", "https://localhost:8000")],
)
def test_demo_fills_demo_values_and_says_so(
    app_client: TestClient,
    sign_in: SignIn,
    monkeypatch: pytest.MonkeyPatch,
    base: str | None,
    origin: str,
) -> None:
    """The demo's downloads work with nothing set: https://localhost:<the port it
    listens on> and the placeholder client id, never the caller's Host header,
    and the page and file names say they are demo files."""
    _admin(app_client, sign_in)
    _unset(app_client, monkeypatch, demo=True)
    c = app_client
    if base is not None:  # the same app on another port (the lifespan runs under app_client)
        c = TestClient(app_client.app, base_url=base, cookies=app_client.cookies)
    page = c.get(PAGE, headers={"host": "evil.example"})
    assert page.status_code == 200
    text = page.text
    assert "Demo files, not for production" in text and "Demo file, not for production" in text
    assert f"<code>ETIQUETTE_OUTLOOK_PUBLIC_HOST</code>: <code>{origin}</code>" in text
    assert (
        f"<code>ETIQUETTE_OUTLOOK_CLIENT_ID</code>: <code>{DEMO_CLIENT_ID}</code> (a placeholder"
        in text
    )
    assert f"<code>ETIQUETTE_GMAIL_BASE_URL</code>: <code>{origin}</code>" in text
    assert "evil.example" not in text
    xml = c.get(f"{PAGE}/outlook-manifest.xml", headers={"host": "evil.example"})
    assert xml.status_code == 200
    assert xml.headers["content-disposition"] == 'attachment; filename="demo-manifest.xml"'
    assert f'<SourceLocation DefaultValue="{origin}/addin/' in xml.text
    assert f"<Id>{DEMO_CLIENT_ID}</Id>" in xml.text and "evil.example" not in xml.text
    z = c.get(f"{PAGE}/outlook-app.zip")
    assert (
        z.headers["content-disposition"] == 'attachment; filename="demo-etiquette-outlook-app.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(z.content)) as archive:
        unified = json.loads(archive.read("manifest.json"))
    assert unified["webApplicationInfo"]["id"] == DEMO_CLIENT_ID
    assert unified["validDomains"] == [origin.removeprefix("https://")]
    gmail = c.get(f"{PAGE}/gmail-deployment.json", headers={"host": "evil.example"})
    assert gmail.headers["content-disposition"] == 'attachment; filename="demo-deployment.json"'
    assert json.dumps(gmail.json()).count(f"{origin}/gmail/addon") >= 1
    assert "evil.example" not in gmail.text


def test_demo_keeps_the_settings_it_has(
    app_client: TestClient, sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In demo mode a setting the operator gave is used as is and not called a demo value."""
    _admin(app_client, sign_in)
    state = app_client.app.state  # type: ignore[attr-defined]
    monkeypatch.setattr(state.outlook.settings, "client_id", None)
    text = app_client.get(PAGE).text
    assert f"<code>ETIQUETTE_OUTLOOK_CLIENT_ID</code>: <code>{DEMO_CLIENT_ID}</code>" in text
    assert "<code>ETIQUETTE_OUTLOOK_PUBLIC_HOST</code>" not in text
    assert "Demo file, not for production" not in text  # Gmail's base URL is set
    xml = app_client.get(f"{PAGE}/outlook-manifest.xml")
    assert f"{HOST}/addin/" in xml.text and "localhost" not in xml.text
    gmail = app_client.get(f"{PAGE}/gmail-deployment.json")
    assert gmail.headers["content-disposition"] == 'attachment; filename="deployment.json"'


def _test(c: TestClient, provider: str) -> str:
    csrf = csrf_of(c.get(PAGE).text)
    r = c.post(f"{PAGE}/test", data={"csrf": csrf, "provider": provider})
    assert r.status_code == 200, r.text
    assert SECRET not in r.text
    return r.text


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("ok", ["Microsoft Entra ID: OK", "issued a token for Microsoft Graph"]),
        ("bad-secret", ["not working", "AADSTS7000215", "Value, not its Secret ID"]),
        ("unknown-tenant", ["not working", "AADSTS90002", "no such tenant"]),
        ("unknown-app", ["AADSTS700016", "not in this tenant"]),
        ("network-down", ["could not be reached (token endpoint: ConnectError)"]),
        ("entra-5xx", ["Entra ID answered HTTP 503 with no error code"]),
    ],
)
def test_entra_test_token_exchange(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP, setup: str, expected: list[str]
) -> None:
    _admin(app_client, sign_in)
    idp.tenants.add(TID)
    idp.apps[ADDIN_CLIENT] = SECRET
    if setup == "bad-secret":
        idp.apps[ADDIN_CLIENT] = "another-secret"
    elif setup == "unknown-tenant":
        idp.tenants.clear()
    elif setup == "unknown-app":
        idp.apps.clear()
    elif setup == "network-down":
        idp.unreachable = True
    elif setup == "entra-5xx":
        idp.down = True
    text = _test(app_client, "entra")
    for e in expected:
        assert e in text, e
    if setup == "ok":
        assert f"https://login.microsoftonline.com/{TID}/oauth2/v2.0/token" in idp.requests
    assert "Trace ID" not in text  # the provider's first line only


def test_entra_test_names_missing_settings(
    app_client: TestClient, sign_in: SignIn, monkeypatch: pytest.MonkeyPatch, idp: FakeIdP
) -> None:
    _admin(app_client, sign_in)
    monkeypatch.delenv("ETIQUETTE_OUTLOOK_CLIENT_SECRET")
    state = app_client.app.state  # type: ignore[attr-defined]
    monkeypatch.setattr(state.outlook.settings, "client_secret", None)
    text = _test(app_client, "entra")
    assert "Not tested: a setting is missing" in text
    assert "ETIQUETTE_OUTLOOK_CLIENT_SECRET is not set" in text
    assert not [u for u in idp.requests if TID in u]  # nothing was sent


def _service_account(c: TestClient, env: str = "ETQ_STMARYS_GOOGLE") -> rsa.RSAPrivateKey:
    """A new service account key, named by the school's Google Workspace directory source."""
    r = c.put(
        "/v1/admin/schools/stmarys/directory/sources/workspace",
        json={"kind": "google", "config": {"service_account_env": env, "admin_email": ADMIN}},
        headers={"X-API-Key": "etq_demo_admin_key"},
    )
    assert r.status_code in (200, 201), r.text
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _key_json(key: rsa.RSAPrivateKey) -> str:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return json.dumps(
        {
            "type": "service_account",
            "project_id": "stmarys-project",
            "private_key_id": "k1",
            "private_key": pem,
            "client_email": SA_EMAIL,
            "client_id": "1234",
            "token_uri": "https://oauth2.googleapis.com/token",
        }
    )


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("ok", ["Google Workspace: OK", "as the delegated admin", "admin.directory.user.readonly"]),
        ("no-delegation", ["unauthorized_client", "Domain-wide delegation is missing"]),
        ("revoked-key", ["invalid_grant", "Invalid JWT Signature."]),
        ("network-down", ["Google could not be reached"]),
        ("env-unset", ["Not tested", "ETQ_STMARYS_GOOGLE (config.service_account_env) is not set"]),
        ("not-a-key", ["Not tested", "not a service account key"]),
        ("no-source", ["Not tested", "no Google Workspace directory source"]),
    ],
)
def test_google_test_token_exchange(
    app_client: TestClient,
    sign_in: SignIn,
    idp: FakeIdP,
    monkeypatch: pytest.MonkeyPatch,
    setup: str,
    expected: list[str],
) -> None:
    _admin(app_client, sign_in)
    if setup != "no-source":
        key = _service_account(app_client)
        idp.service_accounts[SA_EMAIL] = key.public_key()
        idp.delegated[SA_EMAIL] = ADMIN
        if setup != "env-unset":
            monkeypatch.setenv("ETQ_STMARYS_GOOGLE", _key_json(key))
        if setup == "not-a-key":
            monkeypatch.setenv("ETQ_STMARYS_GOOGLE", "{}")
        elif setup == "no-delegation":
            idp.delegated.clear()
        elif setup == "revoked-key":
            idp.service_accounts[SA_EMAIL] = rsa.generate_private_key(
                public_exponent=65537, key_size=2048
            ).public_key()
        elif setup == "network-down":
            idp.unreachable = True
    text = _test(app_client, "google")
    for e in expected:
        assert e in text, e
    assert "PRIVATE KEY" not in text


def test_who_may_test_and_csrf(app_client: TestClient, sign_in: SignIn) -> None:
    _admin(app_client, sign_in, "auditor")
    page = app_client.get(PAGE)
    assert page.status_code == 200 and "Test Microsoft Entra ID" not in page.text
    r = app_client.post(f"{PAGE}/test", data={"csrf": csrf_of(page.text), "provider": "entra"})
    assert r.status_code == 403
    assert app_client.get(f"{PAGE}/outlook-manifest.xml").status_code == 200  # read is allowed


def test_bad_test_requests_are_4xx(app_client: TestClient, sign_in: SignIn) -> None:
    _admin(app_client, sign_in)
    csrf = csrf_of(app_client.get(PAGE).text)
    assert app_client.post(f"{PAGE}/test", data={"provider": "entra"}).status_code == 403
    r = app_client.post(f"{PAGE}/test", data={"csrf": csrf, "provider": "okta"})
    assert r.status_code == 400
    assert app_client.get("/console/schools/nowhere/integrations").status_code == 404


def test_safeguarding_lead_has_no_integrations(app_client: TestClient, sign_in: SignIn) -> None:
    _admin(app_client, sign_in, "safeguarding")
    assert app_client.get(PAGE).status_code == 403
    assert app_client.get(f"{PAGE}/gmail-deployment.json").status_code == 403
