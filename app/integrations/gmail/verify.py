"""Who is calling: Google's system ID token, then the user's ID token.

Every request must carry, in ``Authorization: Bearer``, an ID token Google
minted for the add-on deployment's service account. We check it with
``google.oauth2.id_token`` (Google's signature, expiry, a Google issuer), then
its audience (our endpoint URL), ``email_verified`` and that ``email`` is the
school's configured service account. The user is who the ``userIdToken``
says, verified the same way with the deployment's OAuth client id as
audience; the school is the one whose Google domain is the token's ``hd``.
Addresses in the event body are never used for identity.

Certificates are fetched through the runtime's shared ``httpx`` client and
kept for as long as Google's ``Cache-Control`` allows, so a check does no
certificate I/O; the signature checks themselves run in the thread pool with
a google-auth transport that serves that cached document.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import httpx
from google.auth import exceptions as google_exceptions
from google.auth import transport as google_transport
from google.oauth2 import id_token

from app.domain import email_domain
from app.errors import Unauthenticated
from app.integrations.gmail.settings import GmailSettings
from app.runtime import Runtime
from app.tenant_state import TenantState

log = logging.getLogger("etiquette.gmail")

_MAX_AGE = re.compile(r"max-age=(\d+)")
_MAX_CACHE_SECONDS = 24 * 3600.0


class VerificationError(Unauthenticated):
    """The request is not a genuine add-on request for a known school (HTTP 401)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GoogleIdentity:
    """The verified user and their school."""

    email: str
    subject: str
    hosted_domain: str
    tenant: TenantState


class _CachedResponse(google_transport.Response):
    def __init__(self, body: bytes) -> None:
        self._body = body

    @property
    def status(self) -> int:
        return 200

    @property
    def headers(self) -> Mapping[str, str]:
        return {"content-type": "application/json"}

    @property
    def data(self) -> bytes:
        return self._body


class _CachedRequest(google_transport.Request):
    """A google-auth transport that answers from the certificate cache.

    google-auth asks its transport for the certificates on every verification;
    this one hands it the document fetched (asynchronously, through the shared
    client) before the thread-pool hop, so verification never blocks on I/O.
    """

    def __init__(self, body: bytes) -> None:
        self._body = body

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: Any = None,
        headers: Any = None,
        timeout: Any = None,
        **kwargs: Any,
    ) -> google_transport.Response:
        if method != "GET":  # only ever asked for the certificates
            raise google_exceptions.TransportError("unexpected request")  # type: ignore[no-untyped-call]
        return _CachedResponse(self._body)


class GoogleCerts:
    """Google's ID token certificates, cached per ``Cache-Control: max-age``."""

    def __init__(self, settings: GmailSettings) -> None:
        self.url = settings.certs_url
        self._default_age = settings.certs_default_max_age
        self._min_interval = settings.certs_refresh_min_interval
        self._body: bytes | None = None
        self._expires = 0.0
        self._fetched = 0.0
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def get(self, http: httpx.AsyncClient, *, refresh: bool = False) -> bytes:
        now = time.monotonic()
        if self._body is not None and now < self._expires and not refresh:
            return self._body
        async with self._lock:
            now = time.monotonic()
            fresh = self._body is not None and now < self._expires
            if fresh and not (refresh and now - self._fetched >= self._min_interval):
                assert self._body is not None
                return self._body
            try:
                resp = await http.get(self.url)
                resp.raise_for_status()
            except httpx.HTTPError as exc:
                if self._body is not None:  # stale beats nothing while Google is unreachable
                    log.warning("certificate refresh failed (%s); using cached", type(exc).__name__)
                    return self._body
                raise VerificationError("could not fetch Google's certificates") from None
            self.fetches += 1
            m = _MAX_AGE.search(resp.headers.get("cache-control", ""))
            age = float(m.group(1)) if m else self._default_age
            self._body = resp.content
            self._fetched = now
            self._expires = now + min(max(age, 60.0), _MAX_CACHE_SECONDS)
            return self._body


def _bearer(header: str | None) -> str:
    if not header:
        raise VerificationError("missing Authorization header")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise VerificationError("Authorization is not a bearer token")
    return token.strip()


def _verify(token: str, request: _CachedRequest, skew: int, what: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = id_token.verify_oauth2_token(  # type: ignore[no-untyped-call]
            token, request, audience=None, clock_skew_in_seconds=skew
        )
    except (ValueError, google_exceptions.GoogleAuthError) as exc:
        raise VerificationError(f"{what}: {_reason(exc)}") from None
    return claims


def _reason(exc: Exception) -> str:
    text = str(exc)
    for needle, reason in (
        ("too late", "token expired"),
        ("Token expired", "token expired"),
        ("too early", "token not yet valid"),
        ("signature", "invalid signature"),
        ("Certificate for key id", "signed with an unknown key"),
        ("issuer", "wrong issuer"),
        ("segment", "malformed token"),
        ("Wrong number", "malformed token"),
    ):
        if needle in text:
            return reason
    return "invalid token"


def _audience_ok(aud: Any, accepted: frozenset[str]) -> bool:
    # Google may address the token to the exact trigger URL (with ?action=...);
    # a query string does not change which endpoint the token is for.
    auds = aud if isinstance(aud, list) else [aud]
    return any(isinstance(a, str) and (a in accepted or a.split("?")[0] in accepted) for a in auds)


def _verified(claims: Mapping[str, Any]) -> bool:
    v = claims.get("email_verified")
    return v is True or v == "true"


def _check_both(
    system: str, user: str, certs: bytes, skew: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    request = _CachedRequest(certs)
    return (
        _verify(system, request, skew, "system token"),
        _verify(user, request, skew, "user token"),
    )


async def verify_google_caller(
    authorization: str | None,
    runtime: Runtime,
    settings: GmailSettings,
    certs: GoogleCerts,
) -> None:
    """Verify the system token alone: Google, for one of the add-on service accounts here.

    For the one answer given before the user is known (a request for scopes, since
    Google sends ``userIdToken`` only once ``userinfo.email`` is granted). Raises
    :class:`VerificationError`.
    """
    system = _bearer(authorization)
    accepted = settings.accepted_audiences
    if not accepted:
        raise VerificationError("the add-on endpoint audience is not configured")
    body = await certs.get(runtime.http)
    skew = settings.clock_skew_seconds
    try:
        claims = await anyio.to_thread.run_sync(
            _verify, system, _CachedRequest(body), skew, "system token"
        )
    except VerificationError as exc:
        if "unknown key" not in exc.reason:
            raise
        body = await certs.get(runtime.http, refresh=True)
        claims = await anyio.to_thread.run_sync(
            _verify, system, _CachedRequest(body), skew, "system token"
        )
    if not _audience_ok(claims.get("aud"), accepted):
        raise VerificationError("system token: wrong audience")
    if not _verified(claims):
        raise VerificationError("system token: email not verified")
    accounts = {
        (t.settings.gmail.service_account_email or "").lower() for t in runtime.tenants()
    } | {(settings.service_account_email or "").lower()}
    accounts.discard("")
    if str(claims.get("email") or "").lower() not in accounts:
        raise VerificationError("system token: not the add-on's service account")


async def verify_request(
    authorization: str | None,
    user_id_token: str | None,
    runtime: Runtime,
    settings: GmailSettings,
    certs: GoogleCerts,
) -> GoogleIdentity:
    """Verify both tokens and resolve the school. Raises :class:`VerificationError`."""
    system = _bearer(authorization)
    if not user_id_token:
        raise VerificationError("no userIdToken in the event (is userinfo.email in oauthScopes?)")
    accepted = settings.accepted_audiences
    if not accepted:
        raise VerificationError("the add-on endpoint audience is not configured")
    body = await certs.get(runtime.http)
    skew = settings.clock_skew_seconds
    try:
        sys_claims, user_claims = await anyio.to_thread.run_sync(
            _check_both, system, user_id_token, body, skew
        )
    except VerificationError as exc:
        if "unknown key" not in exc.reason:
            raise
        # Google rotated its keys since we cached them: refetch (rate-limited) once.
        body = await certs.get(runtime.http, refresh=True)
        sys_claims, user_claims = await anyio.to_thread.run_sync(
            _check_both, system, user_id_token, body, skew
        )

    if not _audience_ok(sys_claims.get("aud"), accepted):
        log.info("system token audience %r is not one we accept", sys_claims.get("aud"))
        raise VerificationError("system token: wrong audience")
    if not _verified(sys_claims):
        raise VerificationError("system token: email not verified")

    hd = str(user_claims.get("hd") or "").lower()
    if not hd:
        raise VerificationError("user token: not a Google Workspace account (no hd claim)")
    if not _verified(user_claims) or not user_claims.get("email"):
        raise VerificationError("user token: email not verified")
    tenant = runtime.tenant_for_google_domain(hd)
    if tenant is None:
        raise VerificationError("user token: no school is configured for this Google domain")

    gmail = tenant.settings.gmail
    sa = (gmail.service_account_email or settings.service_account_email or "").lower()
    client_id = gmail.oauth_client_id or settings.oauth_client_id
    if not sa or not client_id:
        raise VerificationError("the school's add-on service account or client id is not set")
    if str(sys_claims.get("email") or "").lower() != sa:
        raise VerificationError("system token: not the add-on's service account")
    if not _audience_ok(user_claims.get("aud"), frozenset({client_id})):
        raise VerificationError("user token: wrong audience")
    email = str(user_claims["email"])
    # A trust's Google domain: the sender's own school (by roster or domain), as Outlook does.
    tenant = runtime.school_for(tenant, email)
    # A secondary domain of the same Workspace is fine; another school's is not.
    other = runtime.tenant_for_domain(email_domain(email))
    if other is not None and other.id != tenant.id:
        raise VerificationError("user token: address belongs to another school")
    return GoogleIdentity(
        email=email, subject=str(user_claims.get("sub", "")), hosted_domain=hd, tenant=tenant
    )
