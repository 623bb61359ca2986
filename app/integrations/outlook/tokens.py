"""Entra ID access tokens for our API: verify, then say whose they are.

The add-in gets a token for our scope (``api://<host>/<client id>/access_as_user``)
by nested app authentication or Office SSO and sends it as
``Authorization: Bearer <jwt>``. :class:`EntraValidator` accepts it only if:

- the header names RS256 and a ``kid`` that Entra ID publishes (keys are read
  through the shared HTTP client, cached, and re-read on an unknown ``kid`` at
  most once a minute: never per request);
- the signature verifies, ``exp``/``nbf`` hold with a small leeway;
- ``aud`` is our client id (v2; v1 may also use the App ID URI);
- ``iss`` is exactly the issuer for the token's own ``tid``
  (``https://login.microsoftonline.com/{tid}/v2.0`` for v2,
  ``https://sts.windows.net/{tid}/`` for v1);
- ``scp`` contains our scope.

Which school the ``tid`` belongs to is the caller's question
(``Runtime.tenant_for_entra``). Every refusal is a :class:`TokenError` whose
message says why, for the 401 body; it never contains the token.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from app.errors import Unauthenticated
from app.integrations.outlook.settings import OutlookSettings

log = logging.getLogger("etiquette.outlook.tokens")

_ALGORITHMS = ("RS256",)


class TokenError(Unauthenticated):
    """A token was refused. ``str(exc)`` is the reason, safe to return to the client."""


@dataclass(frozen=True, slots=True)
class EntraIdentity:
    """A verified caller. ``token`` is kept only to be exchanged On-Behalf-Of."""

    tenant_id: str
    object_id: str
    scopes: frozenset[str]
    version: str
    token: str

    def __repr__(self) -> str:  # never print the token
        return f"EntraIdentity(tenant_id={self.tenant_id!r}, object_id={self.object_id!r})"


def looks_like_jwt(credential: str) -> bool:
    """A JWS compact serialisation: three base64url parts, the first a JSON header."""
    parts = credential.split(".")
    return len(parts) == 3 and credential.startswith("eyJ") and all(parts[:2])


class JwksCache:
    """Entra ID's signing keys, held in memory and read through ``runtime.http``."""

    def __init__(self, uri: str, *, max_age: float, min_refresh: float) -> None:
        self.uri = uri
        self.max_age = max_age
        self.min_refresh = min_refresh
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self.fetches = 0

    async def key(self, kid: str, http: httpx.AsyncClient) -> jwt.PyJWK:
        now = time.monotonic()
        if kid in self._keys and now - self._fetched_at < self.max_age:
            return self._keys[kid]
        async with self._lock:
            now = time.monotonic()
            stale = now - self._fetched_at >= self.max_age
            unknown = kid not in self._keys
            # An unknown kid may be a key Entra ID rotated in since our last read:
            # re-read, but no more than once per min_refresh (a forged kid must
            # not turn every request into a fetch).
            if stale or (unknown and now - self._fetched_at >= self.min_refresh):
                await self._fetch(http)
        found = self._keys.get(kid)
        if found is None:
            raise TokenError("token signed with an unknown key (kid)")
        return found

    async def _fetch(self, http: httpx.AsyncClient) -> None:
        try:
            resp = await http.get(self.uri)
            resp.raise_for_status()
            data = resp.json()
        except (httpx.HTTPError, json.JSONDecodeError) as exc:
            log.warning("JWKS fetch failed (%s)", type(exc).__name__)
            if not self._keys:
                raise TokenError("cannot verify tokens: signing keys unavailable") from None
            return  # keep serving the keys we have
        keys: dict[str, jwt.PyJWK] = {}
        for jwk in data.get("keys", []) if isinstance(data, dict) else []:
            kid = jwk.get("kid") if isinstance(jwk, dict) else None
            if not kid or jwk.get("kty") != "RSA" or jwk.get("use", "sig") != "sig":
                continue
            try:
                keys[kid] = jwt.PyJWK(jwk, algorithm="RS256")
            except jwt.PyJWTError:
                continue
        self._keys = keys
        self._fetched_at = time.monotonic()
        self.fetches += 1


class EntraValidator:
    def __init__(self, settings: OutlookSettings) -> None:
        self.settings = settings
        self.jwks = JwksCache(
            settings.jwks_uri,
            max_age=settings.jwks_max_age_seconds,
            min_refresh=settings.jwks_min_refresh_seconds,
        )

    @property
    def configured(self) -> bool:
        return bool(self.settings.client_id)

    async def validate(self, token: str, http: httpx.AsyncClient) -> EntraIdentity:
        if not self.configured:
            raise TokenError("Entra ID sign-in is not configured on this service")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenError("malformed token") from None
        alg = header.get("alg")
        if alg not in _ALGORITHMS:
            raise TokenError(f"token algorithm {str(alg)[:10]!r} is not accepted (RS256 only)")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise TokenError("token has no key id (kid)")
        key = await self.jwks.key(kid, http)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=list(_ALGORITHMS),
                audience=list(self.settings.audiences),
                leeway=self.settings.leeway_seconds,
                options={"require": ["exp", "iss", "aud", "tid"], "verify_iss": False},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("token has expired") from None
        except jwt.ImmatureSignatureError:
            raise TokenError("token is not valid yet") from None
        except jwt.InvalidAudienceError:
            raise TokenError("token is for another application (aud)") from None
        except jwt.InvalidSignatureError:
            raise TokenError("token signature does not verify") from None
        except jwt.MissingRequiredClaimError as exc:
            raise TokenError(f"token lacks the {exc.claim!r} claim") from None
        except jwt.PyJWTError:
            raise TokenError("token is invalid") from None
        return self._identity(claims, token)

    def _identity(self, claims: dict[str, Any], token: str) -> EntraIdentity:
        tid = str(claims.get("tid", "")).lower()
        version = str(claims.get("ver", "1.0"))
        authority = self.settings.authority_host.rstrip("/")
        if version == "2.0":
            expected_iss = f"{authority}/{tid}/v2.0"
            if claims.get("aud") != self.settings.client_id:
                raise TokenError("v2 token audience must be the client id")
        else:
            expected_iss = f"https://sts.windows.net/{tid}/"
        if claims.get("iss") != expected_iss:
            raise TokenError("token issuer does not match its tenant (iss/tid)")
        scopes = frozenset(str(claims.get("scp", "")).split())
        if self.settings.scope not in scopes:
            raise TokenError(f"token lacks the {self.settings.scope!r} scope")
        oid = str(claims.get("oid", ""))
        if not oid:
            raise TokenError("token has no user (oid): app-only tokens are not accepted")
        return EntraIdentity(tid, oid, scopes, version, token)
