"""Entra ID access tokens: the valid one is accepted, every forgery refused with a reason."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.tokens import EntraValidator, TokenError, looks_like_jwt
from tests.integrations.outlook.conftest import (
    APP_ID_URI,
    CLIENT_ID,
    LOGIN,
    OTHER_TID,
    TID,
    Key,
    Microsoft,
)

CHECK = {
    "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Sarah Jones"},
    "to": [{"email": "bursar@catering-supplier.co.uk"}],
    "subject": "Invoice 4471 for October catering",
    "send_at": "2026-11-18T10:00:00+00:00",
    "host": "outlook",
}


def validate(ms: Microsoft, settings: OutlookSettings, token: str) -> Any:
    async def go() -> Any:
        async with httpx.AsyncClient(transport=ms.transport) as http:
            return await EntraValidator(settings).validate(token, http)

    return asyncio.run(go())


# -- accepted -------------------------------------------------------------------

ACCEPTED: list[tuple[str, Callable[[Microsoft], str]]] = [
    ("v2 token for our client id", lambda ms: ms.token()),
    (
        "v1 token for our App ID URI",
        lambda ms: ms.token(ver="1.0", iss=f"https://sts.windows.net/{TID}/", aud=APP_ID_URI),
    ),
    (
        "v1 token for our client id",
        lambda ms: ms.token(ver="1.0", iss=f"https://sts.windows.net/{TID}/", aud=CLIENT_ID),
    ),
    ("expired 30 s ago, inside the leeway", lambda ms: ms.token(exp=int(time.time()) - 30)),
    ("scope among others", lambda ms: ms.token(scp="User.Read access_as_user")),
]


@pytest.mark.parametrize(("name", "make"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted(
    name: str,
    make: Callable[[Microsoft], str],
    microsoft: Microsoft,
    outlook_settings: OutlookSettings,
) -> None:
    identity = validate(microsoft, outlook_settings, make(microsoft))
    assert (identity.tenant_id, identity.object_id) == (TID, "00000000-0000-0000-0000-00000000a11c")
    assert "access_as_user" in identity.scopes
    assert "eyJ" not in repr(identity)  # the token never prints


# -- refused (validator level) -----------------------------------------------------

STRANGER = Key("key-1")  # same kid, another key pair: a forged signature
REFUSED: list[tuple[str, Callable[[Microsoft], str], str]] = [
    ("wrong audience", lambda ms: ms.token(aud="00000003-0000-0000-c000-000000000000"), "aud"),
    ("v2 with the App ID URI", lambda ms: ms.token(aud=APP_ID_URI), "client id"),
    ("wrong issuer", lambda ms: ms.token(iss="https://evil.example/v2.0"), "issuer"),
    ("issuer of another tenant", lambda ms: ms.token(iss=f"{LOGIN}/{OTHER_TID}/v2.0"), "issuer"),
    (
        "v1 issuer on a v2 token",
        lambda ms: ms.token(iss=f"https://sts.windows.net/{TID}/"),
        "issuer",
    ),
    ("expired", lambda ms: ms.token(exp=int(time.time()) - 3600), "expired"),
    ("not yet valid", lambda ms: ms.token(nbf=int(time.time()) + 3600), "not valid yet"),
    ("unknown kid", lambda ms: ms.token(kid="rotated-away"), "unknown key"),
    ("forged signature", lambda ms: ms.token(key=STRANGER), "signature"),
    ("alg none", lambda ms: ms.unsigned("none"), "algorithm"),
    (
        "HS256 keyed with the public key",
        lambda ms: ms.unsigned("HS256", ms.keys[0].public_pem()),
        "algorithm",
    ),
    ("missing scope", lambda ms: ms.token(scp="User.Read"), "access_as_user"),
    ("no scope claim (app-only)", lambda ms: ms.token(scp=None, roles=["x"]), "access_as_user"),
    ("no tid", lambda ms: ms.token(tid=None), "tid"),
    ("no expiry", lambda ms: ms.token(exp=None), "exp"),
    ("not a JWT", lambda ms: "eyJhbGciOi.garbage.x", "malformed"),
]


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused(
    name: str,
    make: Callable[[Microsoft], str],
    reason: str,
    microsoft: Microsoft,
    outlook_settings: OutlookSettings,
) -> None:
    with pytest.raises(TokenError, match=reason):
        validate(microsoft, outlook_settings, make(microsoft))


def test_not_configured_refuses_every_token(microsoft: Microsoft) -> None:
    with pytest.raises(TokenError, match="not configured"):
        validate(microsoft, OutlookSettings(_env_file=None), microsoft.token())  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("credential", "jwt_like"),
    [("etq_demo_check_key", False), ("eyJa.eyJb.c", True), ("eyJa..", False), ("a.b.c", False)],
)
def test_looks_like_jwt(credential: str, jwt_like: bool) -> None:
    assert looks_like_jwt(credential) is jwt_like


# -- keys: cached, refreshed on an unknown kid, never per request ---------------------


def test_keys_are_fetched_once_and_refreshed_on_rotation(
    microsoft: Microsoft, outlook_settings: OutlookSettings
) -> None:
    async def go() -> None:
        validator = EntraValidator(outlook_settings)
        async with httpx.AsyncClient(transport=microsoft.transport) as http:
            for _ in range(5):
                await validator.validate(microsoft.token(), http)
            assert validator.jwks.fetches == 1
            # Entra ID rotates in a new key: the first token signed with it triggers one re-read.
            validator.jwks._fetched_at -= outlook_settings.jwks_min_refresh_seconds
            microsoft.keys.append(Key("key-2"))
            await validator.validate(microsoft.token(key=microsoft.keys[1], kid="key-2"), http)
            assert validator.jwks.fetches == 2
            # A flood of forged kids inside the refresh interval costs no fetch.
            for i in range(5):
                with pytest.raises(TokenError, match="unknown key"):
                    await validator.validate(microsoft.token(kid=f"forged-{i}"), http)
            assert validator.jwks.fetches == 2

    asyncio.run(go())


# -- through the API ----------------------------------------------------------------


def test_check_and_outcome_accept_a_valid_token(
    entra_client: TestClient, microsoft: Microsoft
) -> None:
    auth = {"Authorization": f"Bearer {microsoft.token()}"}
    res = entra_client.post("/v1/check", json=CHECK, headers=auth)
    assert res.status_code == 200, res.text
    out = entra_client.post(
        "/v1/outcome",
        json={"check_id": res.json()["check_id"], "outcome": "sent_anyway", "host": "outlook"},
        headers=auth,
    )
    assert out.status_code == 202
    assert microsoft.count(f"{LOGIN}/common/discovery") == 1


API_REFUSED: list[tuple[str, Callable[[Microsoft], str], str]] = [
    ("wrong audience", lambda ms: ms.token(aud="someone-else"), "another application"),
    ("expired", lambda ms: ms.token(exp=int(time.time()) - 3600), "expired"),
    ("alg none", lambda ms: ms.unsigned("none"), "algorithm"),
    ("missing scope", lambda ms: ms.token(scp="Mail.Read"), "scope"),
    (
        "a tenant no school has",
        lambda ms: ms.token(tid=OTHER_TID, iss=f"{LOGIN}/{OTHER_TID}/v2.0"),
        "not set up for any school",
    ),
]


@pytest.mark.parametrize(("name", "make", "reason"), API_REFUSED, ids=[r[0] for r in API_REFUSED])
@pytest.mark.parametrize("path", ["/v1/check", "/v1/outcome"])
def test_api_refuses_with_401_and_reason(
    name: str,
    make: Callable[[Microsoft], str],
    reason: str,
    path: str,
    entra_client: TestClient,
    microsoft: Microsoft,
) -> None:
    body = CHECK if path == "/v1/check" else {"outcome": "cancelled", "host": "outlook"}
    res = entra_client.post(path, json=body, headers={"Authorization": f"Bearer {make(microsoft)}"})
    assert res.status_code == 401
    assert reason in res.json()["detail"]
    assert res.headers["WWW-Authenticate"] == "Bearer"


def test_a_personal_sender_is_checked_under_the_tokens_school(
    entra_client: TestClient, microsoft: Microsoft
) -> None:
    # A personal account added to Outlook: no school owns gmail.com, so the token's
    # school (by tid) checks it; that is the case PUP002 exists for.
    res = entra_client.post(
        "/v1/check",
        json={**CHECK, "sender": {"email": "someone@gmail.com"}},
        headers={"Authorization": f"Bearer {microsoft.token()}"},
    )
    assert res.status_code == 200


def test_api_keys_still_work(entra_client: TestClient) -> None:
    res = entra_client.post(
        "/v1/check", json=CHECK, headers={"Authorization": "Bearer etq_demo_check_key"}
    )
    assert res.status_code == 200
    res = entra_client.post("/v1/check", json=CHECK, headers={"Authorization": "Bearer etq_nope"})
    assert res.status_code == 401
