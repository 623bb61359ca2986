"""The shared outbound client: verification as httpx's default, its context built once."""

from __future__ import annotations

import ssl

import httpx
import pytest

from app.http import make_client, tls_context


def test_the_tls_context_verifies_certificates_and_names_and_is_built_once() -> None:
    ctx = tls_context()
    assert ctx.verify_mode is ssl.CERT_REQUIRED
    assert ctx.check_hostname
    assert ctx.cert_store_stats()["x509_ca"] > 0  # the CA bundle is loaded
    assert tls_context() is ctx


@pytest.mark.anyio
async def test_clients_share_it_and_a_mock_transport_still_answers() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ua": request.headers["user-agent"]})

    async with make_client() as a, make_client(httpx.MockTransport(handler)) as b:
        pool = a._transport._pool  # type: ignore[attr-defined]
        assert pool._ssl_context is tls_context()
        r = await b.get("https://graph.example/v1.0/me")
        assert r.json() == {"ua": "etiquette/1.0"}
