"""The one shared outbound HTTP client.

Every outbound call (Entra JWKS, Microsoft Graph, Google certificates) goes
through the ``httpx.AsyncClient`` made here and held by the runtime; tests
pass ``transport=httpx.MockTransport(...)`` instead of patching internals.
"""

from __future__ import annotations

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(5.0, connect=3.0)


def make_client(transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=DEFAULT_TIMEOUT,
        transport=transport,
        headers={"User-Agent": "etiquette/1.0"},
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
    )
