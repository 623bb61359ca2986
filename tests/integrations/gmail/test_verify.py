"""Request verification: Google's system ID token and the user's ID token.

Tokens are signed with locally generated RSA keys; the certificate endpoint
is the fake Google behind the app's shared ``httpx`` client.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.integrations.gmail.conftest import Addon
from tests.integrations.gmail.google_fake import (
    BASE,
    CLIENT_ID,
    ENDPOINT,
    Key,
    make_key,
    mint,
    system_claims,
    user_claims,
)

_NOW = int(time.time())


def test_a_genuine_request_is_accepted(addon: Addon) -> None:
    resp = addon.post("home", addon.event("homepage"))
    assert resp.status_code == 200


def test_the_audience_may_carry_the_trigger_query(addon: Addon) -> None:
    headers = addon.headers(aud=f"{ENDPOINT}?action=compose")
    assert addon.post("home", addon.event("homepage"), headers).status_code == 200


SYSTEM_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("wrong audience", {"aud": "https://attacker.example/gmail/addon"}, "wrong audience"),
    (
        "another add-on's audience",
        {"aud": "https://etiquette.example.org.evil/gmail/addon"},
        "wrong audience",
    ),
    (
        "wrong service account",
        {"email": "service-999@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"},
        "not the add-on's service account",
    ),
    ("expired", {"iat": _NOW - 7200, "exp": _NOW - 3600}, "token expired"),
    ("unverified email", {"email_verified": False}, "email not verified"),
    ("not Google's issuer", {"iss": "https://evil.example"}, "wrong issuer"),
]


@pytest.mark.parametrize(
    ("case", "claims", "reason"), SYSTEM_CASES, ids=[c[0] for c in SYSTEM_CASES]
)
def test_bad_system_tokens_are_rejected(
    addon: Addon, case: str, claims: dict[str, Any], reason: str
) -> None:
    resp = addon.post("home", addon.event("homepage"), addon.headers(**claims), check=False)
    assert resp.status_code == 401
    assert resp.headers["www-authenticate"] == "Bearer"
    assert resp.json()["detail"].startswith("system token:")
    assert reason in resp.json()["detail"]


def _forged(other: Key) -> dict[str, str]:
    # Same key id as Google's, signed with a key Google never published.
    return {"Authorization": f"Bearer {mint(other, system_claims())}"}


@pytest.mark.parametrize(
    ("case", "headers", "reason"),
    [
        ("missing header", lambda a, o: {}, "missing Authorization header"),
        ("not bearer", lambda a, o: {"Authorization": "Basic dXNlcjpwYXNz"}, "not a bearer token"),
        ("garbage", lambda a, o: {"Authorization": "Bearer not.a.jwt"}, "malformed token"),
        ("forged signature", lambda a, o: _forged(o), "invalid signature"),
    ],
)
def test_missing_or_forged_headers_are_rejected(
    addon: Addon,
    other_key: Key,
    case: str,
    headers: Callable[[Addon, Key], dict[str, str]],
    reason: str,
) -> None:
    resp = addon.post("home", addon.event("homepage"), headers(addon, other_key), check=False)
    assert resp.status_code == 401
    assert reason in resp.json()["detail"]


USER_CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "wrong client id",
        {"aud": "999-other.apps.googleusercontent.com"},
        "user token: wrong audience",
    ),
    ("consumer account", {"hd": None}, "not a Google Workspace account"),
    (
        "unknown school",
        {"hd": "otherschool.sch.uk", "email": "x@otherschool.sch.uk"},
        "no school is configured",
    ),
    ("unverified email", {"email_verified": False}, "user token: email not verified"),
    ("expired", {"iat": _NOW - 7200, "exp": _NOW - 3600}, "user token: token expired"),
]


@pytest.mark.parametrize(("case", "claims", "reason"), USER_CASES, ids=[c[0] for c in USER_CASES])
def test_bad_user_tokens_are_rejected(
    addon: Addon, case: str, claims: dict[str, Any], reason: str
) -> None:
    clean = {k: v for k, v in claims.items() if v is not None}
    event = addon.event("homepage", **clean)
    if claims.get("hd", "") is None:
        c = user_claims(**clean)
        del c["hd"]
        event["authorizationEventObject"]["userIdToken"] = mint(addon.key, c)
    resp = addon.post("home", event, check=False)
    assert resp.status_code == 401
    assert reason in resp.json()["detail"]


def test_a_missing_user_token_is_rejected(addon: Addon) -> None:
    event = addon.event("homepage")
    del event["authorizationEventObject"]["userIdToken"]
    resp = addon.post("home", event, check=False)
    assert resp.status_code == 401 and "userIdToken" in resp.json()["detail"]


def test_a_forged_user_token_is_rejected(addon: Addon, other_key: Key) -> None:
    event = addon.event("homepage")
    event["authorizationEventObject"]["userIdToken"] = mint(other_key, user_claims())
    resp = addon.post("home", event, check=False)
    assert resp.status_code == 401 and resp.json()["detail"] == "user token: invalid signature"


def test_body_addresses_never_identify_the_sender(addon: Addon) -> None:
    """The sender is the verified token's email, whatever the body says."""
    teacher = "a.teacher@stmarys.sch.uk"
    event = addon.event("compose_parents_visible", email=teacher)
    event["gmail"]["fromAddress"] = "head@stmarys.sch.uk"  # not a Google field: ignored
    card = addon.post("compose", event).json()["renderActions"]["action"]["navigations"][0]
    button = card["pushCard"]["sections"][1]["widgets"][2]["buttonList"]["buttons"][0]
    params = button["onClick"]["action"]["parameters"]
    event["commonEventObject"]["parameters"] = {p["key"]: p["value"] for p in params}
    body = addon.post("fix", event).json()
    markup = body["renderActions"]["hostAppAction"]["gmailAction"]["updateDraftActionMarkup"]
    # Moving every parent out of To leaves the (verified) sender there.
    assert markup["updateToRecipients"] == {"toRecipients": [{"email": teacher}]}


def test_certificates_are_cached_not_fetched_per_request(addon: Addon) -> None:
    for _ in range(3):
        addon.post("home", addon.event("homepage"))
    assert addon.google.cert_fetches == 1


@pytest.mark.parametrize(("min_interval", "fetches", "status"), [(0.0, 2, 200), (60.0, 1, 401)])
def test_a_rotated_key_triggers_one_rate_limited_refetch(
    addon: Addon, min_interval: float, fetches: int, status: int
) -> None:
    from app.integrations.gmail.routes import GmailAddon
    from app.integrations.gmail.settings import GmailSettings

    state = addon.client.app.state  # type: ignore[attr-defined]
    state.gmail_addon = GmailAddon.from_settings(
        GmailSettings(base_url=BASE, certs_refresh_min_interval=min_interval)
    )
    addon.post("home", addon.event("homepage"))
    new = make_key("k-2026-12-b")
    addon.google.keys.append(new)  # Google publishes a new key and signs with it at once
    event = addon.event("homepage")
    event["authorizationEventObject"]["userIdToken"] = mint(new, user_claims())
    headers = {"Authorization": f"Bearer {mint(new, system_claims())}"}
    # Within the interval an unknown key id cannot force a refetch (no amplification).
    assert addon.post("home", event, headers, check=False).status_code == status
    assert addon.google.cert_fetches == fetches


def test_unconfigured_endpoint_answers_503(addon: Addon) -> None:
    from app.integrations.gmail.routes import GmailAddon
    from app.integrations.gmail.settings import GmailSettings

    addon.client.app.state.gmail_addon = GmailAddon.from_settings(GmailSettings(base_url=None))  # type: ignore[attr-defined]
    resp = addon.post("home", addon.event("homepage"), check=False)
    assert resp.status_code == 503


def test_client_id_comes_from_the_school(addon: Addon) -> None:
    """The school's configured client id is the user token's audience."""
    event = addon.event("homepage", aud=CLIENT_ID)
    assert addon.post("home", event).status_code == 200
