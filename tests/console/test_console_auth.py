"""Sign-in end to end through the fake Entra ID and Google: who gets a session,
who gets the 403 page, and why."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from tests.console.conftest import (
    HD,
    OTHER_TID,
    SignIn,
    entra_user,
    google_user,
    grant,
)
from tests.console.fake_idp import FakeIdP


def test_entra_sign_in_opens_a_session_and_lands_on_the_school(
    app_client: TestClient, sign_in: SignIn
) -> None:
    grant(app_client, "head@stmarys.sch.uk", "admin")
    r = sign_in("entra", **entra_user("Head@StMarys.sch.uk"))
    assert r.status_code == 303 and r.headers["location"] == "/console/"
    page = app_client.get("/console/")
    assert page.status_code == 200
    assert str(page.url).endswith("/console/schools/stmarys/")
    assert "Signed in as <strong>head@stmarys.sch.uk</strong>" in page.text


def test_google_sign_in_opens_a_session(app_client: TestClient, sign_in: SignIn) -> None:
    grant(app_client, "dpo@stmarys.sch.uk", "auditor")
    r = sign_in("google", **google_user("dpo@stmarys.sch.uk"))
    assert r.status_code == 303
    page = app_client.get("/console/schools/stmarys/")
    assert page.status_code == 200 and "Auditor (DPO)" in page.text


def test_group_assignment_reaches_its_members(app_client: TestClient, sign_in: SignIn) -> None:
    grant(app_client, "f00dcafe-0000-4000-8000-000000000001", "helpdesk", kind="group")
    r = sign_in(
        "entra",
        **entra_user("tech@stmarys.sch.uk", groups=["F00DCAFE-0000-4000-8000-000000000001"]),
    )
    assert r.status_code == 303
    assert app_client.get("/console/schools/stmarys/keys").status_code == 200


def _refused(r: Any, text: str) -> None:
    assert r.status_code == 403, r.text
    assert text in r.text
    assert "etq_console=" not in r.headers.get("set-cookie", "")


# Who is refused, and the reason the page gives.
REFUSED: list[tuple[str, str, dict[str, Any], str]] = [
    # A person with no role anywhere.
    ("unknown person", "entra", entra_user("someone@stmarys.sch.uk"), "hold no Etiquette role"),
    # The right address from another Entra tenant: not the school's organisation.
    (
        "other tenant",
        "entra",
        entra_user("head@stmarys.sch.uk", OTHER_TID),
        "hold no Etiquette role",
    ),
    # Google: another Workspace domain, a consumer account, an unverified address.
    ("other domain", "google", google_user("head@stmarys.sch.uk", hd="evil.example"), "hold no"),
    ("consumer account", "google", google_user("head@stmarys.sch.uk", hd=None), "Workspace"),
    (
        "unverified",
        "google",
        google_user("head@stmarys.sch.uk", email_verified=False),
        "not verified",
    ),
]


@pytest.mark.parametrize(("case", "provider", "who", "text"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refusals(
    app_client: TestClient,
    sign_in: SignIn,
    case: str,
    provider: str,
    who: dict[str, Any],
    text: str,
) -> None:
    grant(app_client, "head@stmarys.sch.uk", "admin")
    _refused(sign_in(provider, **who), text)


@pytest.mark.parametrize("provider", ["entra", "google"])
def test_a_token_signed_by_another_key_is_refused(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP, provider: str
) -> None:
    grant(app_client, "head@stmarys.sch.uk", "admin")
    idp.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    who = (
        entra_user("head@stmarys.sch.uk")
        if provider == "entra"
        else google_user("head@stmarys.sch.uk")
    )
    _refused(sign_in(provider, **who), "does not verify")


@pytest.mark.parametrize("provider", ["entra", "google"])
def test_a_token_for_another_sign_in_is_refused(
    app_client: TestClient, sign_in: SignIn, idp: FakeIdP, provider: str
) -> None:
    grant(app_client, "head@stmarys.sch.uk", "admin")
    idp.token_overrides = {"nonce": "someone-elses-nonce"}
    who = (
        entra_user("head@stmarys.sch.uk")
        if provider == "entra"
        else google_user("head@stmarys.sch.uk")
    )
    r = sign_in(provider, **who)
    assert r.status_code == 403 and "etq_console=" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize("provider", ["entra", "google"])
def test_a_callback_without_its_sign_in_is_refused(
    app_client: TestClient, idp: FakeIdP, provider: str
) -> None:
    # Started in one browser, answered in another (no flow cookie): nothing is exchanged.
    start = app_client.get(f"/console/sign-in/{provider}", follow_redirects=False)
    who = (
        entra_user("head@stmarys.sch.uk") if provider == "entra" else google_user(HD and "a@" + HD)
    )
    answer = idp.authorize(start.headers["location"], **who)
    app_client.cookies.clear()
    r = app_client.get(f"/console/auth/{provider}/callback?{answer}")
    assert r.status_code == 400 and "Sign-in expired" in r.text


def test_a_forged_state_is_refused(app_client: TestClient, idp: FakeIdP) -> None:
    grant(app_client, "head@stmarys.sch.uk", "admin")
    start = app_client.get("/console/sign-in/google", follow_redirects=False)
    answer = idp.authorize(start.headers["location"], **google_user("head@stmarys.sch.uk"))
    code = answer.split("&")[0]
    r = app_client.get(f"/console/auth/google/callback?{code}&state=forged")
    _refused(r, "state")


def test_the_provider_saying_no_is_a_page(app_client: TestClient) -> None:
    app_client.get("/console/sign-in/entra", follow_redirects=False)
    r = app_client.get("/console/auth/entra/callback?error=access_denied&state=x")
    assert r.status_code == 403 and "Sign-in cancelled" in r.text


def test_an_unreachable_provider_is_a_page(app_client: TestClient, idp: FakeIdP) -> None:
    idp.down = True
    r = app_client.get("/console/sign-in/entra", follow_redirects=False)
    assert r.status_code == 502 and "Sign-in failed" in r.text
    idp.down = False
    start = app_client.get("/console/sign-in/google", follow_redirects=False)
    answer = idp.authorize(start.headers["location"], **google_user("head@stmarys.sch.uk"))
    idp.down = True
    r = app_client.get(f"/console/auth/google/callback?{answer}")
    assert r.status_code == 403 and "refused the code exchange" in r.text


@pytest.mark.parametrize(
    ("host", "stored"),
    [
        ("https://login.microsoftonline.com", "https://login.microsoftonline.com"),
        ("https://login.microsoftonline.us/", "https://login.microsoftonline.us"),
        ("https://127.0.0.1:8443", "https://127.0.0.1:8443"),
        ("http://login.microsoftonline.com", None),  # MSAL takes only https
        ("https://login.microsoftonline.com/organizations", None),  # a host, not an authority
        ("login.microsoftonline.com", None),
        ("https://", None),
    ],
)
def test_the_entra_authority_host_setting(host: str, stored: str | None) -> None:
    from pydantic import ValidationError

    from app.console.settings import ConsoleSettings

    if stored is None:
        with pytest.raises(ValidationError, match="https address with no path"):
            ConsoleSettings(entra_authority_host=host)
    else:
        assert ConsoleSettings(entra_authority_host=host).entra_authority_host == stored
