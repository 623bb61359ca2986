"""The one shared outbound HTTP client.

Every outbound call (Entra JWKS, Microsoft Graph, Google certificates) goes
through the ``httpx.AsyncClient`` made here and held by the runtime; tests
pass ``transport=httpx.MockTransport(...)`` instead of patching internals.
"""

from __future__ import annotations

import functools
import ssl

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(5.0, connect=3.0)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's own default verification (certifi's CA bundle, or ``SSL_CERT_FILE`` /
    ``SSL_CERT_DIR``), built once a process: reading the bundle takes tens of
    milliseconds of every start, and an ``SSLContext`` is safe to share."""
    return httpx.create_ssl_context()


def make_client(transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        verify=tls_context(),
        transport=transport,
        headers={"User-Agent": "etiquette/1.0"},
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
    )
