"""MSAL's minimal ``http_client`` interface, served by the shared async client.

MSAL is synchronous and runs in a worker thread; each of its calls is
scheduled on the event loop that owns the shared ``httpx.AsyncClient`` and
waited for here, so the token request goes through the one injected client
(and tests fake the token endpoint with the same transport as everything else).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any
from urllib.parse import urlencode

import httpx

from app.directory.sources.base import SourceError

_TIMEOUT = 30.0


class _Response:
    def __init__(self, resp: httpx.Response) -> None:
        self.status_code = resp.status_code
        self.text = resp.text
        self.headers = resp.headers

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise SourceError(f"token endpoint answered {self.status_code}")


class MsalHttp:
    def __init__(self, http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> None:
        self._http = http
        self._loop = loop

    def _run(self, method: str, url: str, **kw: Any) -> _Response:
        fut = asyncio.run_coroutine_threadsafe(self._http.request(method, url, **kw), self._loop)
        try:
            return _Response(fut.result(timeout=_TIMEOUT))
        except FutureTimeout:
            fut.cancel()
            raise SourceError("token endpoint did not answer in time") from None
        except httpx.HTTPError as exc:
            raise SourceError(f"token endpoint: {type(exc).__name__}") from None

    def post(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> _Response:
        content = urlencode(data) if isinstance(data, dict) else data
        hdrs = dict(headers or {})
        if isinstance(data, dict):
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        return self._run("POST", url, params=params, content=content, headers=hdrs)

    def get(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> _Response:
        return self._run("GET", url, params=params, headers=headers)

    def close(self) -> None:  # the shared client is not ours to close
        return None
