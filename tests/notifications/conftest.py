"""The demo school on SQLite (and PostgreSQL with TEST_DATABASE_URL), with a fake
Graph tenant and fake Teams/Slack webhooks behind the shared httpx client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime

LOGIN = "https://login.microsoftonline.com"
GRAPH = "https://graph.microsoft.com/v1.0"
TENANT = "8a3c2a40-17c6-4b53-9c4e-0f0d2f4a6b11"
CLIENT_ID = "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f"
TEAMS_URL = "https://stmarys.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi"
SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXX"
ADMIN = {"X-API-Key": "etq_demo_admin_key"}
CHECKER = {"X-API-Key": "etq_demo_check_key"}
ENV = {
    "ETQ_NOTIFY_GRAPH_SECRET": "s3cret",
    "ETQ_TEAMS_URL": TEAMS_URL,
    "ETQ_SLACK_URL": SLACK_URL,
}


@dataclass
class FakeServices:
    """Graph (token and sendMail) and the two webhooks; ``fail`` answers that
    many requests to a delivery endpoint with 503 first."""

    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail: int = 0
    tokens: int = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url.endswith("/v2.0/.well-known/openid-configuration"):
            tenant = url.split("/")[3]
            return httpx.Response(
                200,
                json={
                    "issuer": f"{LOGIN}/{tenant}/v2.0",
                    "authorization_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/authorize",
                    "token_endpoint": f"{LOGIN}/{tenant}/oauth2/v2.0/token",
                },
            )
        if url.endswith("/oauth2/v2.0/token"):
            form = parse_qs(request.content.decode())
            assert form["grant_type"] == ["client_credentials"]
            assert form["scope"] == ["https://graph.microsoft.com/.default"]
            assert url.startswith(f"{LOGIN}/{TENANT}/")
            if form.get("client_secret") != ["s3cret"]:
                return httpx.Response(401, json={"error": "invalid_client"})
            self.tokens += 1
            return httpx.Response(
                200, json={"token_type": "Bearer", "expires_in": 3599, "access_token": "tok"}
            )
        if self.fail > 0:
            self.fail -= 1
            return httpx.Response(503)
        if url.startswith(f"{GRAPH}/users/") and url.endswith("/sendMail"):
            assert request.headers["Authorization"] == "Bearer tok"
            self.sent.append((url, json.loads(request.content)))
            return httpx.Response(202)
        if url in (TEAMS_URL, SLACK_URL):
            self.sent.append((url, json.loads(request.content)))
            return httpx.Response(200, text="1" if url == TEAMS_URL else "ok")
        return httpx.Response(404)


@pytest.fixture
def services() -> FakeServices:
    return FakeServices()


@pytest.fixture
def client(
    db_url: str,
    tmp_path: Path,
    services: FakeServices,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("ETIQUETTE_NOTIFY_ENABLED", "false")  # the tests tick by hand
    settings = Settings(
        database_url=db_url,
        data_dir=tmp_path,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=30,  # the tests flush by hand
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(services.handler))) as c:
        yield c


def runtime_of(client: TestClient) -> Runtime:
    r: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    return r


def configure(client: TestClient, **notifications: Any) -> None:
    body: dict[str, Any] = {"notifications": {"enabled": True, **notifications}}
    if notifications.get("channel") == "graph":
        body["outlook"] = {"entra_tenant_id": TENANT}
    r = client.patch("/v1/admin/schools/stmarys/settings", json=body, headers=ADMIN)
    assert r.status_code == 200, r.text


# -- a real SMTP server (aiosmtpd), plain and with STARTTLS + AUTH ----------------------


@dataclass
class SmtpServer:
    port: int
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == ("etq", "smtp-pass"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    server = SmtpServer(_free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for ``localhost`` and its key (the client is told to trust it)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "smtp-cert.pem", tmp_path / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def smtp_tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    import ssl

    from aiosmtpd.controller import Controller

    cert, key = _self_signed(tmp_path)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this one certificate
    server = SmtpServer(_free_port())
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        tls_context=ctx,
        require_starttls=True,
        authenticator=server.authenticate,
        auth_require_tls=True,
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
