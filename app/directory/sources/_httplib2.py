"""An ``httplib2.Http`` look-alike served by the shared ``httpx.AsyncClient``.

google-api-python-client and google-auth-httplib2 speak httplib2 and run in a
worker thread; each request is scheduled on the event loop that owns the
shared client and waited for here, so Google calls (and the service account's
token refresh) go through the one injected client like every other call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import httplib2
import httpx

_TIMEOUT = 60.0


class HttpxHttplib2:
    def __init__(self, http: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> None:
        self._http = http
        self._loop = loop
        self.timeout = _TIMEOUT  # google-auth-httplib2 reads it

    def request(
        self,
        uri: str,
        method: str = "GET",
        body: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> tuple[httplib2.Response, bytes]:
        hdrs = {
            k: v
            for k, v in (headers or {}).items()
            if k.lower() not in ("content-length", "accept-encoding")
        }
        coro = self._http.request(method, uri, content=body, headers=hdrs, timeout=_TIMEOUT)
        fut = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            resp = fut.result(timeout=_TIMEOUT + 5)
        except FutureTimeout:
            fut.cancel()
            raise httplib2.HttpLib2Error("timed out") from None
        except httpx.HTTPError as exc:
            raise httplib2.HttpLib2Error(type(exc).__name__) from None
        info = {k.lower(): v for k, v in resp.headers.items()}
        info.pop("content-encoding", None)  # httpx has decoded the body already
        info["status"] = str(resp.status_code)
        return httplib2.Response(info), resp.content

    def close(self) -> None:  # the shared client is not ours to close
        return None
