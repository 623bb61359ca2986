"""Who signed in: Microsoft Entra ID through MSAL (authorization code + PKCE).

MSAL builds the authorization request (state, nonce, PKCE verifier) and
redeems the code, checking the state, the nonce and the ID token's audience
and expiry; the ID token's signature is then checked against Entra ID's
published keys (:class:`~app.integrations.outlook.tokens.JwksCache`, PyJWT),
with the issuer that belongs to the token's own tenant. MSAL is synchronous:
it runs in a worker thread and its HTTP goes through the shared client
(:class:`~app.directory.sources._msal_http.MsalHttp`), so tests fake Entra ID
with the same ``httpx.MockTransport`` as everything else.

The identity is (provider, email, organisation, group ids); which schools it
reaches is :mod:`app.console.access`'s question.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import msal

from app.console.settings import ConsoleSettings
from app.directory.sources._msal_http import MsalHttp
from app.directory.sources.base import SourceError
from app.integrations.outlook.tokens import JwksCache, TokenError

_SCOPES: list[str] = []  # openid, profile and offline_access are added by MSAL


class SignInError(Exception):
    """Sign-in did not complete. ``str(exc)`` is safe to show: never a token."""


@dataclass(frozen=True, slots=True)
class Identity:
    provider: str  # entra | demo
    email: str
    org: str  # Entra tenant id; "demo" for the demo's local sign-in
    groups: tuple[str, ...] = ()


class EntraSignIn:
    def __init__(self, settings: ConsoleSettings) -> None:
        self.settings = settings
        self.jwks = JwksCache(settings.entra_jwks_uri, max_age=3600.0, min_refresh=60.0)

    async def start(self, http: httpx.AsyncClient, redirect_uri: str) -> dict[str, Any]:
        """MSAL's flow (kept by the caller until the callback) with ``auth_uri``."""
        loop = asyncio.get_running_loop()

        def run() -> dict[str, Any]:
            app = self._app_in(http, loop)
            flow: dict[str, Any] = app.initiate_auth_code_flow(
                _SCOPES, redirect_uri=redirect_uri, prompt="select_account"
            )
            return flow

        try:
            return await asyncio.to_thread(run)
        except (SourceError, ValueError) as exc:
            raise SignInError(f"Entra ID could not be reached ({exc})") from None

    def _app_in(
        self, http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop
    ) -> msal.ConfidentialClientApplication:
        return msal.ConfidentialClientApplication(
            self.settings.entra_client_id,
            client_credential=self.settings.entra_secret(),
            authority=f"{self.settings.entra_authority_host.rstrip('/')}/organizations",
            http_client=MsalHttp(http, loop),
            instance_discovery=False,
        )

    async def finish(
        self, http: httpx.AsyncClient, flow: dict[str, Any], params: Mapping[str, str]
    ) -> Identity:
        loop = asyncio.get_running_loop()

        def run() -> dict[str, Any]:
            app = self._app_in(http, loop)
            result: dict[str, Any] = app.acquire_token_by_auth_code_flow(
                flow, dict(params), scopes=_SCOPES
            )
            return result

        try:
            result = await asyncio.to_thread(run)
        except (SourceError, ValueError) as exc:
            # MSAL raises ValueError for a state or nonce mismatch.
            raise SignInError(f"Entra ID sign-in failed ({type(exc).__name__})") from None
        if "error" in result:
            raise SignInError(f"Entra ID refused the sign-in ({str(result['error'])[:60]})")
        token = result.get("id_token")
        if not isinstance(token, str):
            raise SignInError("Entra ID returned no ID token")
        claims = await self._verify(token, http)
        email = str(claims.get("preferred_username") or claims.get("email") or "").lower()
        if "@" not in email:
            raise SignInError("the Entra ID account has no email address (preferred_username)")
        groups = claims.get("groups")
        group_ids = tuple(str(g).lower() for g in groups) if isinstance(groups, list) else ()
        return Identity("entra", email, str(claims["tid"]).lower(), group_ids)

    async def _verify(self, token: str, http: httpx.AsyncClient) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            kid = header.get("kid")
            if header.get("alg") != "RS256" or not isinstance(kid, str):
                raise SignInError("the ID token is not RS256 with a key id")
            key = await self.jwks.key(kid, http)
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=["RS256"],
                audience=self.settings.entra_client_id,
                leeway=60,
                options={"require": ["exp", "iss", "aud", "tid", "oid"], "verify_iss": False},
            )
        except TokenError as exc:
            raise SignInError(str(exc)) from None
        except jwt.PyJWTError as exc:
            raise SignInError(f"the ID token does not verify ({type(exc).__name__})") from None
        tid = str(claims["tid"]).lower()
        expected = f"{self.settings.entra_authority_host.rstrip('/')}/{tid}/v2.0"
        if claims.get("iss") != expected:
            raise SignInError("the ID token's issuer does not match its tenant")
        return claims
