"""The outside world for the Gmail tests: Google's certificate endpoint, its
ID tokens (signed with locally generated RSA keys) and the Gmail API drafts
resource, all behind one ``httpx.MockTransport``."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from app.integrations.gmail.settings import GOOGLE_CERTS_URL

BASE = "https://etiquette.example.org"
ENDPOINT = f"{BASE}/gmail/addon"
SA = "service-123456789012@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
CLIENT_ID = "123456789012-etiquette.apps.googleusercontent.com"
USER = "s.jones@stmarys.sch.uk"
DOMAIN = "stmarys.sch.uk"
GMAIL_API = "https://gmail.googleapis.com/gmail/v1/users/me/drafts"


@dataclass(frozen=True)
class Key:
    kid: str
    private: rsa.RSAPrivateKey
    cert_pem: str


def make_key(kid: str) -> Key:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, "securetoken.system.gserviceaccount.com")]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=14))
        .sign(private, hashes.SHA256())
    )
    return Key(kid, private, cert.public_bytes(serialization.Encoding.PEM).decode())


def mint(key: Key, claims: dict[str, Any], *, kid: str | None = None) -> str:
    # the key object itself: PyJWT would parse a PEM again on every call (RSA
    # key loading checks the key, half of the hostile-event test's time)
    return jwt.encode(claims, key.private, algorithm="RS256", headers={"kid": kid or key.kid})


def system_claims(**over: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": ENDPOINT,
        "azp": "104567890123456789012",
        "sub": "104567890123456789012",
        "email": SA,
        "email_verified": True,
        "iat": now,
        "exp": now + 3600,
    }
    claims.update(over)
    return claims


def user_claims(**over: Any) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "azp": CLIENT_ID,
        "sub": "110169484474386276334",
        "email": USER,
        "email_verified": True,
        "hd": DOMAIN,
        "iat": now,
        "exp": now + 3600,
    }
    claims.update(over)
    return claims


@dataclass
class FakeGoogle:
    """Serves certificates and a user's drafts; records what was asked."""

    keys: list[Key]
    drafts: list[dict[str, Any]] = field(default_factory=list)
    gmail_error: int | None = None
    gmail_timeout: bool = False
    cert_fetches: int = 0
    gmail_calls: list[httpx.Request] = field(default_factory=list)

    def certs(self) -> dict[str, str]:
        return {k.kid: k.cert_pem for k in self.keys}

    def handle(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url == GOOGLE_CERTS_URL:
            self.cert_fetches += 1
            return httpx.Response(
                200,
                json=self.certs(),
                headers={"Cache-Control": "public, max-age=20000, must-revalidate, no-transform"},
            )
        if url.startswith(GMAIL_API):
            self.gmail_calls.append(request)
            if self.gmail_timeout:
                raise httpx.ReadTimeout("slow", request=request)
            if self.gmail_error:
                return httpx.Response(
                    self.gmail_error,
                    json={
                        "error": {
                            "code": self.gmail_error,
                            "message": "Request had insufficient authentication scopes.",
                            "status": "PERMISSION_DENIED",
                        }
                    },
                )
            return self._drafts(request)
        return httpx.Response(404, json={"error": "not mocked"})

    def _drafts(self, request: httpx.Request) -> httpx.Response:
        path = urlparse(str(request.url)).path
        query = parse_qs(urlparse(str(request.url)).query)
        if path.endswith("/drafts"):
            limit = int(query.get("maxResults", ["100"])[0])
            items = [{"id": d["id"], "message": {"id": d["message"]["id"]}} for d in self.drafts]
            return httpx.Response(
                200, json={"drafts": items[:limit], "resultSizeEstimate": len(items)}
            )
        draft_id = path.rsplit("/", 1)[-1]
        for d in self.drafts:
            if d["id"] == draft_id:
                return httpx.Response(200, content=json.dumps(d).encode())
        return httpx.Response(404, json={"error": {"code": 404, "message": "Not Found"}})


def draft(
    draft_id: str,
    *,
    to: str = "",
    cc: str = "",
    bcc: str = "",
    subject: str = "",
    updated_ms: int = 1_763_460_000_000,
    attachments: tuple[tuple[str, int], ...] = (),
) -> dict[str, Any]:
    """A Gmail API draft as ``drafts.get(format=full)`` returns it (no body data)."""
    headers = [
        {"name": "From", "value": f"Sarah Jones <{USER}>"},
        {"name": "Subject", "value": subject},
    ]
    for name, value in (("To", to), ("Cc", cc), ("Bcc", bcc)):
        if value:
            headers.append({"name": name, "value": value})
    parts: list[dict[str, Any]] = [
        {
            "mimeType": "multipart/alternative",
            "filename": "",
            "body": {"size": 0},
            "parts": [
                {"mimeType": "text/plain", "filename": "", "body": {"size": 120}},
                {"mimeType": "text/html", "filename": "", "body": {"size": 410}},
            ],
        }
    ]
    for name, size in attachments:
        parts.append(
            {
                "mimeType": "application/pdf",
                "filename": name,
                "headers": [
                    {"name": "Content-Disposition", "value": f'attachment; filename="{name}"'}
                ],
                "body": {"attachmentId": "ANGjdJ8", "size": size},
            }
        )
    return {
        "id": draft_id,
        "message": {
            "id": f"m-{draft_id}",
            "internalDate": str(updated_ms),
            "payload": {"mimeType": "multipart/mixed", "headers": headers, "parts": parts},
        },
    }
