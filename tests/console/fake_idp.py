"""A local fake of Entra ID and Google: real RSA-signed ID tokens, served to
the app through ``httpx.MockTransport`` on the shared client.

Entra ID: the ``organizations`` OpenID configuration, an authorize step the
test performs (:meth:`FakeIdP.authorize`: remembers who signs in for a code),
a token endpoint that checks the PKCE verifier and answers a v2.0 ID token
(``tid``, ``oid``, ``preferred_username``, the nonce MSAL sent), and the
JWKS. Google: a token endpoint answering an ID token with ``hd``, ``email``,
``email_verified`` and the nonce, and the x509 certificates google-auth reads.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

ENTRA = "https://login.microsoftonline.com"
ENTRA_CLIENT = "11111111-2222-3333-4444-555555555555"
GOOGLE_CLIENT = "console-test.apps.googleusercontent.com"
GOOGLE_CERTS = "https://www.googleapis.com/oauth2/v1/certs"
KID = "test-key-1"


def _aadsts(status: int, error: str, code: int, text: str) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "error": error,
            "error_description": f"AADSTS{code}: {text}\r\nTrace ID: 0000\r\nCorrelation ID: 1111",
            "error_codes": [code],
        },
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(key: rsa.RSAPrivateKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-google")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


@dataclass
class FakeIdP:
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    # code -> (claims to sign, PKCE challenge or "")
    codes: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    # Tests spoil the answer with these.
    sign_with: rsa.RSAPrivateKey | None = None
    token_overrides: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    down: bool = False  # every endpoint answers 503
    unreachable: bool = False  # every request fails to connect
    # Client credentials (the Integrations page's test): tenants that exist and
    # apps (client id -> secret) registered in them.
    tenants: set[str] = field(default_factory=set)
    apps: dict[str, str] = field(default_factory=dict)
    # Google service accounts (email -> public key) and their domain-wide
    # delegation (email -> admin it may act as).
    service_accounts: dict[str, Any] = field(default_factory=dict)
    delegated: dict[str, str] = field(default_factory=dict)
    # Graph: group ids each user (oid) is a member of, for checkMemberGroups;
    # the access token an Entra sign-in gets is "graph:<oid>". graph_status: Graph
    # answers this status instead (403: the token lacks User.Read, say).
    member_of: dict[str, set[str]] = field(default_factory=dict)
    graph_status: int = 200
    graph_calls: list[list[str]] = field(default_factory=list)
    # Admin SDK: the groups (id, email) each user is a direct member of.
    google_groups: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def _sign(self, claims: dict[str, Any]) -> str:
        key = self.sign_with or self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})

    # -- what the browser does at the provider --------------------------------
    def authorize(self, auth_uri: str, **who: Any) -> str:
        """Sign ``who`` in at the provider; the callback query string to follow."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(auth_uri).query).items()}
        now = int(time.time())
        if auth_uri.startswith(ENTRA):
            tid = who.pop("tid")
            claims = {
                "iss": f"{ENTRA}/{tid}/v2.0",
                "aud": query["client_id"],
                "tid": tid,
                "oid": who.pop("oid", "00000000-0000-0000-0000-0000000000aa"),
                "sub": "entra-pairwise-subject",
                "ver": "2.0",
                "nonce": query.get("nonce", ""),
                "iat": now,
                "nbf": now,
                "exp": now + 3600,
                **who,
            }
        else:
            claims = {
                "iss": "https://accounts.google.com",
                "aud": query["client_id"],
                "azp": query["client_id"],
                "sub": "1234567890",
                "nonce": query.get("nonce", ""),
                "iat": now,
                "exp": now + 3600,
                **who,
            }
        claims.update(self.token_overrides)
        code = secrets.token_urlsafe(16)
        self.codes[code] = (claims, query.get("code_challenge", ""))
        return f"code={code}&state={query['state']}"

    # -- the provider's endpoints ------------------------------------------------
    def _entra_app_token(self, tid: str, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        client = form.get("client_id", "")
        if form.get("grant_type") != "client_credentials":
            return httpx.Response(400, json={"error": "unsupported_grant_type"})
        if client not in self.apps:
            return _aadsts(
                400,
                "unauthorized_client",
                700016,
                f"Application with identifier '{client}' was not found in the directory.",
            )
        if form.get("client_secret") != self.apps[client]:
            return _aadsts(
                401,
                "invalid_client",
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request "
                "is the client secret value, not the client secret ID.",
            )
        return httpx.Response(
            200, json={"token_type": "Bearer", "expires_in": 3599, "access_token": "app-token"}
        )

    def _tenant_config(self, tid: str) -> httpx.Response:
        if tid not in self.tenants:
            return _aadsts(400, "invalid_tenant", 90002, f"Tenant '{tid}' not found.")
        return httpx.Response(
            200,
            json={
                "issuer": f"{ENTRA}/{tid}/v2.0",
                "authorization_endpoint": f"{ENTRA}/{tid}/oauth2/v2.0/authorize",
                "token_endpoint": f"{ENTRA}/{tid}/oauth2/v2.0/token",
                "jwks_uri": f"{ENTRA}/{tid}/discovery/v2.0/keys",
            },
        )

    def _jwt_bearer(self, form: dict[str, str]) -> httpx.Response:
        assertion = form.get("assertion", "")
        unverified = jwt.decode(assertion, options={"verify_signature": False})
        key = self.service_accounts.get(str(unverified.get("iss")))
        try:
            claims = jwt.decode(
                assertion,
                key,
                algorithms=["RS256"],
                audience="https://oauth2.googleapis.com/token",
            )
        except (jwt.PyJWTError, TypeError, ValueError):
            return httpx.Response(
                400, json={"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
            )
        if self.delegated.get(str(claims["iss"])) != claims.get("sub"):
            return httpx.Response(
                401,
                json={
                    "error": "unauthorized_client",
                    "error_description": "Client is unauthorized to retrieve access tokens "
                    "using this method, or client not authorized for any of the scopes "
                    "requested.",
                },
            )
        return httpx.Response(
            200, json={"access_token": "sa-token", "expires_in": 3599, "token_type": "Bearer"}
        )

    def _check_member_groups(self, request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer graph:"):
            return httpx.Response(401, json={"error": {"code": "InvalidAuthenticationToken"}})
        if self.graph_status != 200:
            return httpx.Response(self.graph_status, json={"error": {"code": "Forbidden"}})
        oid = auth.removeprefix("Bearer graph:")
        wanted = json.loads(request.content).get("groupIds", [])
        self.graph_calls.append(wanted)
        if len(wanted) > 20:
            return httpx.Response(400, json={"error": {"code": "Request_BadRequest"}})
        mine = self.member_of.get(oid, set())
        return httpx.Response(200, json={"value": [g for g in wanted if g in mine]})

    def _token(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if form.get("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return self._jwt_bearer(form)
        hit = self.codes.pop(form.get("code", ""), None)
        if hit is None:
            return httpx.Response(400, json={"error": "invalid_grant"})
        claims, challenge = hit
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
            return httpx.Response(400, json={"error": "invalid_grant", "error_description": "pkce"})
        body = {
            "token_type": "Bearer",
            "access_token": f"graph:{claims['oid']}" if "tid" in claims else "not-a-real-token",
            "expires_in": 3600,
            "scope": "openid profile email",
            "id_token": self._sign(claims),
        }
        if "tid" in claims:  # Entra ID also says whose account it is (MSAL's cache key)
            info = json.dumps({"uid": claims["oid"], "utid": claims["tid"]}).encode()
            body["client_info"] = base64.urlsafe_b64encode(info).rstrip(b"=").decode()
        return httpx.Response(200, json=body)

    def _jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KID, "use": "sig", "alg": "RS256"}]}

    def handler(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url).split("?")[0]
        self.requests.append(url)
        if self.unreachable:
            raise httpx.ConnectError("fake: network down", request=request)
        if self.down:
            return httpx.Response(503, text="unavailable")
        parts = url.removeprefix(f"{ENTRA}/").split("/")
        if url.startswith(ENTRA) and parts[0] not in ("organizations", "common"):
            if parts[1:] == ["v2.0", ".well-known", "openid-configuration"]:
                return self._tenant_config(parts[0])
            if parts[1:] == ["oauth2", "v2.0", "token"]:
                return self._entra_app_token(parts[0], request)
        if url == "https://admin.googleapis.com/admin/directory/v1/groups":
            if request.headers.get("authorization") != "Bearer sa-token":
                return httpx.Response(401, json={"error": {"code": 401}})
            user = request.url.params.get("userKey", "")
            return httpx.Response(200, json={"groups": self.google_groups.get(user, [])})
        if url == "https://graph.microsoft.com/v1.0/me/checkMemberGroups":
            return self._check_member_groups(request)
        if url == f"{ENTRA}/organizations/v2.0/.well-known/openid-configuration":
            return httpx.Response(
                200,
                json={
                    "issuer": f"{ENTRA}/{{tenantid}}/v2.0",
                    "authorization_endpoint": f"{ENTRA}/organizations/oauth2/v2.0/authorize",
                    "token_endpoint": f"{ENTRA}/organizations/oauth2/v2.0/token",
                    "jwks_uri": f"{ENTRA}/organizations/discovery/v2.0/keys",
                },
            )
        if url == f"{ENTRA}/organizations/oauth2/v2.0/token":
            return self._token(request)
        if url == f"{ENTRA}/common/discovery/v2.0/keys":
            return httpx.Response(200, json=self._jwks())
        if url == "https://oauth2.googleapis.com/token":
            return self._token(request)
        if url == GOOGLE_CERTS:
            return httpx.Response(
                200,
                json={KID: _cert(self.key)},
                headers={"cache-control": "public, max-age=3600"},
            )
        return httpx.Response(404, json={"error": "fake idp: unknown url", "url": url})
