"""Who signed in: Microsoft Entra ID through MSAL, or Google through OpenID
Connect (both: authorization code + PKCE).

MSAL builds the authorization request (state, nonce, PKCE verifier) and
redeems the code, checking the state, the nonce and the ID token's audience
and expiry; the ID token's signature is then checked against Entra ID's
published keys (:class:`~app.integrations.outlook.tokens.JwksCache`, PyJWT),
with the issuer that belongs to the token's own tenant. MSAL is synchronous:
it runs in a worker thread and its HTTP goes through the shared client
(:class:`~app.http_bridge.MsalHttp`), so tests fake Entra ID
with the same ``httpx.MockTransport`` as everything else.

Google: the authorization request carries state, nonce and a PKCE challenge
(kept in the signed flow cookie); the code is exchanged through the shared
client, and the ID token is checked by google-auth
(``id_token.verify_oauth2_token``: Google's signature, expiry, issuer and our
client id as audience) against Google's certificates, cached as the Gmail
add-on caches them (:class:`~app.integrations.gmail.verify.GoogleCerts`).
Then the nonce, ``email_verified``, and a Workspace domain (``hd``): a
consumer Google account reaches nothing.

The identity is (provider, email, organisation, group ids); which schools it
reaches is :mod:`app.console.access`'s question.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import re
import secrets
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import msal
from google.auth import exceptions as google_exceptions
from google.oauth2 import id_token

from app.console.settings import ConsoleSettings
from app.errors import Unauthenticated
from app.http_bridge import MsalHttp
from app.integrations.gmail.settings import GmailSettings
from app.integrations.gmail.verify import GoogleCerts, VerificationError, _CachedRequest
from app.integrations.outlook.tokens import JwksCache, TokenError

# openid, profile and offline_access are added by MSAL. User.Read (every app
# registration has it by default) lets the sign-in's access token ask Graph
# which of the assigned groups the person is in when the ID token has too
# many groups to list (the groups overage).
_SCOPES: list[str] = ["User.Read"]
_GRAPH = "https://graph.microsoft.com/v1.0"
_CHECK_BATCH = 20  # checkMemberGroups takes at most 20 group ids per request
_MAX_CHECKED = 200  # candidate groups checked at most (10 requests)
_GUID = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$")
_TIMEOUT = 30.0
_MSAL_ERRORS: tuple[type[Exception], ...] = (ValueError, RuntimeError, msal.exceptions.MsalError)


class SignInError(Unauthenticated):
    """Sign-in did not complete. ``str(exc)`` is safe to show: never a token."""


def _unreachable(reason: str) -> SignInError:
    return SignInError(f"Entra ID could not be used ({reason})")


@dataclass(frozen=True, slots=True)
class Identity:
    provider: str  # entra | google | demo
    email: str
    org: str  # Entra tenant id, Google Workspace domain (hd), or "demo"
    groups: tuple[str, ...] = ()
    # The sign-in could not tell the person's groups (Entra ID's groups overage
    # that Graph could not resolve): roles given to groups do not apply.
    groups_unknown: bool = False


class EntraSignIn:
    def __init__(self, settings: ConsoleSettings) -> None:
        self.settings = settings
        self.jwks = JwksCache(settings.entra_jwks_uri, max_age=3600.0, min_refresh=60.0)

    async def start(self, http: httpx.AsyncClient, redirect_uri: str) -> dict[str, Any]:
        """MSAL's flow (kept by the caller until the callback) with ``auth_uri``."""
        loop = asyncio.get_running_loop()

        def run() -> dict[str, Any]:
            app = self._app_in(http, loop)
            # The answer comes back in the query string, not as a form POST (which
            # MSAL suggests): a cross-site POST does not carry the SameSite=Lax flow
            # cookie. The code is bound to this browser by PKCE, state and nonce, and
            # the callback page sends no Referer.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "response_mode='form_post'")
                flow: dict[str, Any] = app.initiate_auth_code_flow(
                    _SCOPES,
                    redirect_uri=redirect_uri,
                    prompt="select_account",
                    response_mode="query",
                )
            return flow

        try:
            return await asyncio.to_thread(run)
        except _MSAL_ERRORS as exc:  # MSAL: no usable OpenID configuration
            raise SignInError(f"Entra ID could not be used ({type(exc).__name__})") from None

    def _app_in(
        self, http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop
    ) -> msal.ConfidentialClientApplication:
        return msal.ConfidentialClientApplication(
            self.settings.entra_client_id,
            client_credential=self.settings.entra_secret(),
            authority=f"{self.settings.entra_authority_host.rstrip('/')}/organizations",
            http_client=MsalHttp(http, loop, timeout=_TIMEOUT, error=_unreachable),
            instance_discovery=False,
        )

    async def finish(
        self,
        http: httpx.AsyncClient,
        flow: dict[str, Any],
        params: Mapping[str, str],
        group_candidates: Callable[[], list[str]] = list,
    ) -> Identity:
        """The signed-in identity. ``group_candidates`` (run in a thread, only on a
        groups overage) lists the group ids roles are assigned to anywhere."""
        loop = asyncio.get_running_loop()

        def run() -> dict[str, Any]:
            app = self._app_in(http, loop)
            result: dict[str, Any] = app.acquire_token_by_auth_code_flow(
                flow, dict(params), scopes=_SCOPES
            )
            return result

        try:
            result = await asyncio.to_thread(run)
        except _MSAL_ERRORS as exc:
            # MSAL raises ValueError for a state mismatch, RuntimeError for a nonce's.
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
        tid = str(claims["tid"]).lower()
        if isinstance(groups, list):
            return Identity("entra", email, tid, tuple(str(g).lower() for g in groups))
        names = claims.get("_claim_names")
        if isinstance(names, dict) and "groups" in names:
            access = result.get("access_token")
            found = await self._overage_groups(
                http, access if isinstance(access, str) else None, group_candidates
            )
            if found is None:
                return Identity("entra", email, tid, (), groups_unknown=True)
            return Identity("entra", email, tid, found)
        return Identity("entra", email, tid)

    async def _overage_groups(
        self,
        http: httpx.AsyncClient,
        access_token: str | None,
        group_candidates: Callable[[], list[str]],
    ) -> tuple[str, ...] | None:
        """Entra ID's groups overage: the ID token names a claim source instead of
        listing the groups (more than 200). As Microsoft documents, ask Microsoft
        Graph with the sign-in's own access token (User.Read): ``POST
        /me/checkMemberGroups`` with the group ids that hold a role anywhere (20
        per request; transitive). ``None``: could not tell (no token, Graph
        refused or failed, too many candidates), so the session is marked
        "groups unknown" rather than guessed."""
        if not access_token:
            return None
        candidates = sorted(
            {g.lower() for g in await asyncio.to_thread(group_candidates) if _GUID.match(g.lower())}
        )
        if len(candidates) > _MAX_CHECKED:
            return None
        found: list[str] = []
        for i in range(0, len(candidates), _CHECK_BATCH):
            batch = candidates[i : i + _CHECK_BATCH]
            try:
                resp = await http.post(
                    f"{self.settings.entra_graph_base.rstrip('/')}/me/checkMemberGroups",
                    json={"groupIds": batch},
                    headers={"authorization": f"Bearer {access_token}"},
                    timeout=10.0,
                )
                value = resp.json().get("value") if resp.status_code == 200 else None
            except (httpx.HTTPError, ValueError, AttributeError):
                return None
            if not isinstance(value, list):
                return None
            found += [str(g).lower() for g in value if str(g).lower() in batch]
        return tuple(found)

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


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class GoogleSignIn:
    def __init__(self, settings: ConsoleSettings) -> None:
        self.settings = settings
        self.certs = GoogleCerts(GmailSettings())

    def start(self, redirect_uri: str) -> dict[str, Any]:
        """The flow to keep until the callback, with ``auth_uri``."""
        verifier, challenge = _pkce()
        flow = {
            "provider": "google",
            "state": secrets.token_urlsafe(24),
            "nonce": secrets.token_urlsafe(24),
            "verifier": verifier,
            "redirect_uri": redirect_uri,
        }
        query = httpx.QueryParams(
            client_id=self.settings.google_client_id or "",
            redirect_uri=redirect_uri,
            response_type="code",
            scope="openid email profile",
            state=flow["state"],
            nonce=flow["nonce"],
            code_challenge=challenge,
            code_challenge_method="S256",
            prompt="select_account",
        )
        flow["auth_uri"] = f"{self.settings.google_auth_uri}?{query}"
        return flow

    async def finish(
        self, http: httpx.AsyncClient, flow: dict[str, Any], params: Mapping[str, str]
    ) -> Identity:
        if flow.get("provider") != "google" or not hmac.compare_digest(
            str(flow.get("state", "")).encode(), params.get("state", "").encode()
        ):
            raise SignInError("the sign-in answer does not belong to this sign-in (state)")
        code = params.get("code", "")
        if not code:
            raise SignInError("Google returned no authorization code")
        try:
            resp = await http.post(
                self.settings.google_token_uri,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "client_id": self.settings.google_client_id or "",
                    "client_secret": self.settings.google_secret() or "",
                    "redirect_uri": str(flow.get("redirect_uri", "")),
                    "code_verifier": str(flow.get("verifier", "")),
                },
            )
            token = resp.json().get("id_token") if resp.status_code == 200 else None
        except (httpx.HTTPError, ValueError, AttributeError):
            raise SignInError("Google's token endpoint could not be used") from None
        if not isinstance(token, str):
            raise SignInError(f"Google refused the code exchange ({resp.status_code})")
        try:
            certs = await self.certs.get(http)
        except VerificationError as exc:
            raise SignInError(exc.reason) from None

        def verify() -> dict[str, Any]:
            claims: dict[str, Any] = id_token.verify_oauth2_token(  # type: ignore[no-untyped-call]
                token,
                _CachedRequest(certs),
                audience=self.settings.google_client_id,
                clock_skew_in_seconds=60,
            )
            return claims

        try:
            claims = await asyncio.to_thread(verify)
        except (ValueError, google_exceptions.GoogleAuthError) as exc:
            raise SignInError(f"the ID token does not verify ({type(exc).__name__})") from None
        if claims.get("nonce") != flow.get("nonce"):
            raise SignInError("the ID token does not belong to this sign-in (nonce)")
        verified = claims.get("email_verified")
        email = str(claims.get("email", "")).lower()
        if (verified is not True and verified != "true") or "@" not in email:
            raise SignInError("the Google account's email address is not verified")
        hd = str(claims.get("hd", "")).lower()
        if not hd:
            raise SignInError("a Google Workspace (school) account is needed, not a personal one")
        return Identity("google", email, hd)
