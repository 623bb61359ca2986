"""Microsoft's side, faked at the HTTP boundary: an Entra ID tenant that signs
tokens with locally generated RSA keys and publishes them as a JWKS, its token
endpoint (for On-Behalf-Of) and Microsoft Graph. Everything goes through
``httpx.MockTransport``; the product code under test is real."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from app.config import Settings
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.integrations.outlook.settings import OutlookSettings
from app.main import create_app
from tests.conftest import ADMIN

TID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
OTHER_TID = "0b1e7a5c-1111-4222-8333-444455556666"
CLIENT_ID = "6c1a2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
HOST = "https://etiquette.example.org"
APP_ID_URI = f"api://etiquette.example.org/{CLIENT_ID}"
OID = "00000000-0000-0000-0000-00000000a11c"
PUPILS_GROUP = "9a9a9a9a-0000-4000-8000-000000000001"
LOGIN = "https://login.microsoftonline.com"
JWKS_URL = f"{LOGIN}/common/discovery/v2.0/keys"
GRAPH = "https://graph.microsoft.com/v1.0"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class Key:
    kid: str
    private: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def jwk(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(
            jwt.algorithms.RSAAlgorithm.to_jwk(self.private.public_key())
        )
        return {**data, "kid": self.kid, "use": "sig", "kty": "RSA"}

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@dataclass
class Microsoft:
    """The fake tenant, its token endpoint and Graph; counts what was asked."""

    keys: list[Key] = field(default_factory=lambda: [Key("key-1")])
    requests: list[httpx.Request] = field(default_factory=list)
    working_hours: dict[str, Any] = field(
        default_factory=lambda: {
            "daysOfWeek": ["monday", "tuesday", "wednesday"],
            "startTime": "08:30:00.0000000",
            "endTime": "15:30:00.0000000",
            "timeZone": {"name": "GMT Standard Time"},
        }
    )
    pupils: set[str] = field(default_factory=set)
    obo_error: str | None = None
    # Graph answers to stage by URL ending: (status, raw body), e.g. a proxy's HTML page.
    raw: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    def count(self, prefix: str) -> int:
        return sum(1 for r in self.requests if str(r.url).startswith(prefix))

    def token(self, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "aud": CLIENT_ID,
            "iss": f"{LOGIN}/{TID}/v2.0",
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "tid": TID,
            "oid": OID,
            "scp": "access_as_user",
            "ver": "2.0",
            "azp": "ea5a67f6-b6f3-4338-b240-c655ddc3cc8e",
        }
        headers = {"kid": overrides.pop("kid", self.keys[0].kid)}
        key = overrides.pop("key", self.keys[0])
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key.private, algorithm="RS256", headers=headers)

    def unsigned(self, alg: str, secret: bytes = b"") -> str:
        """A token whose header names ``alg``: 'none' (no signature) or HS256 with ``secret``."""
        header = b64url(json.dumps({"alg": alg, "typ": "JWT", "kid": self.keys[0].kid}).encode())
        body = json.loads(jwt.api_jws.base64url_decode(self.token().split(".")[1]))
        payload = b64url(json.dumps(body).encode())
        signing = f"{header}.{payload}".encode()
        sig = b"" if alg == "none" else hmac.new(secret, signing, hashlib.sha256).digest()
        return f"{header}.{payload}.{b64url(sig)}"

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url == JWKS_URL:
            return httpx.Response(200, json={"keys": [k.jwk() for k in self.keys]})
        if url.endswith("/v2.0/.well-known/openid-configuration"):
            tenant = url.split("/")[3]
            return httpx.Response(
                200,
                json={
                    "issuer": f"{LOGIN}/{tenant}/v2.0",
                    "authorization_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/authorize",
                    "token_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/token",
                    "jwks_uri": JWKS_URL,
                },
            )
        if url.endswith("/oauth2/v2.0/token"):
            form = parse_qs(request.content.decode())
            assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
            assert form["requested_token_use"] == ["on_behalf_of"]
            if self.obo_error:
                return httpx.Response(400, json={"error": self.obo_error, "error_description": "x"})
            return httpx.Response(
                200,
                json={"token_type": "Bearer", "access_token": "graph-token", "expires_in": 3600},
            )
        if url.startswith(GRAPH):
            assert request.headers["Authorization"] == "Bearer graph-token"
            for ending, (status, content) in self.raw.items():
                if url.endswith(ending):
                    return httpx.Response(status, content=content)
            if url.endswith("/me/mailboxSettings/workingHours"):
                return httpx.Response(200, json=self.working_hours)
            if url.endswith("/checkMemberGroups"):
                address = url.split("/users/")[1].split("/")[0].replace("%40", "@")
                asked = json.loads(request.content)["groupIds"]
                hit = [g for g in asked if address in self.pupils and g == PUPILS_GROUP]
                return httpx.Response(200, json={"value": hit})
        return httpx.Response(404, json={"error": "not faked"})

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


@pytest.fixture
def microsoft() -> Microsoft:
    return Microsoft()


@pytest.fixture
def outlook_settings() -> OutlookSettings:
    return make_outlook_settings()


def make_outlook_settings() -> OutlookSettings:
    return OutlookSettings(
        _env_file=None,  # type: ignore[call-arg]
        client_id=CLIENT_ID,
        public_host=HOST,
        client_secret="obo-secret",
        jwks_min_refresh_seconds=60,
    )


@pytest.fixture
def entra_client(
    settings: Settings, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> Iterator[TestClient]:
    """The demo service, signed-in Outlook users enabled, the demo school mapped to TID."""
    app = create_app(
        settings,
        transport=microsoft.transport,
        hosts=(OutlookHost(outlook_settings), GmailHost()),
    )
    with TestClient(app) as c:
        res = c.patch(
            "/v1/admin/schools/stmarys/settings",
            headers=ADMIN,
            json={"outlook": {"entra_tenant_id": TID}},
        )
        assert res.status_code == 200, res.text
        yield c
