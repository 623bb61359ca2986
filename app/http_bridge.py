"""The one bridge from synchronous SDKs to the shared async ``httpx`` client.

MSAL and google-api-python-client (with google-auth-httplib2) are synchronous
and run in a worker thread. They are handed an HTTP object from here whose
every request is scheduled on the event loop that owns the shared
``httpx.AsyncClient`` (:mod:`app.http`) and waited for in the thread. So every
outbound call, token requests included, goes through the one injected client,
and tests fake any service with the same ``httpx.MockTransport``.

- :class:`MsalHttp`: MSAL's minimal ``http_client`` (``post``, ``get``).
- :class:`Httplib2Http`: enough of ``httplib2.Http`` for googleapiclient.

Build either in the event loop (``asyncio.get_running_loop()``) and use it
only from a worker thread: waiting on the loop from the loop would deadlock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any
from urllib.parse import urlencode

import httplib2
import httpx

from app.errors import Unavailable

# The loop is given this long beyond the request's own timeout before the
# thread stops waiting for it.
_GRACE = 5.0


class BridgeTimeout(Unavailable):
    """The request did not finish within its time."""


def request_on_loop(
    http: httpx.AsyncClient,
    loop: asyncio.AbstractEventLoop,
    method: str,
    url: str,
    *,
    wait: float,
    **kw: Any,
) -> httpx.Response:
    """From a worker thread: run ``http.request`` on ``loop``; wait at most
    ``wait`` seconds (then cancel it there and raise :class:`BridgeTimeout`).
    httpx's own errors propagate."""
    fut = asyncio.run_coroutine_threadsafe(http.request(method, url, **kw), loop)
    try:
        return fut.result(timeout=wait)
    except FutureTimeout:
        fut.cancel()  # do not leave the request running on the loop
        raise BridgeTimeout from None


class _MsalResponse:
    def __init__(self, resp: httpx.Response, error: Callable[[str], Exception]) -> None:
        self.status_code = resp.status_code
        self.text = resp.text
        self.headers = resp.headers
        self._error = error

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise self._error(f"token endpoint answered {self.status_code}")


class MsalHttp:
    """MSAL's ``http_client``. Failures are raised as ``error(reason)``, the
    caller's own exception type (a timeout, a transport error, a 4xx/5xx on
    ``raise_for_status``)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        loop: asyncio.AbstractEventLoop,
        *,
        timeout: float,
        error: Callable[[str], Exception],
    ) -> None:
        self._http = http
        self._loop = loop
        self._timeout = timeout
        self._error = error

    def _run(self, method: str, url: str, **kw: Any) -> _MsalResponse:
        try:
            resp = request_on_loop(self._http, self._loop, method, url, wait=self._timeout, **kw)
        except BridgeTimeout:
            raise self._error("token endpoint did not answer in time") from None
        except httpx.HTTPError as exc:
            raise self._error(f"token endpoint: {type(exc).__name__}") from None
        return _MsalResponse(resp, self._error)

    def post(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> _MsalResponse:
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
    ) -> _MsalResponse:
        return self._run("GET", url, params=params, headers=headers)

    def close(self) -> None:  # MSAL may call it; the shared client is not ours to close
        return None


class Httplib2Timeout(httplib2.HttpLib2Error, Unavailable):  # type: ignore[misc]  # untyped base
    """A request ran out of time (its own, or the whole look-up's deadline)."""


class Httplib2Http:
    """An ``httplib2.Http`` look-alike. Each request has ``timeout`` seconds,
    or what is left before ``deadline`` (a ``time.monotonic()`` value) if one
    is given; ``token`` is sent as a bearer token (a user's OAuth token; a
    service account's is added by google-auth-httplib2 instead). Timeouts
    raise :class:`Httplib2Timeout`, other transport errors
    ``httplib2.HttpLib2Error``, as httplib2 would."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        loop: asyncio.AbstractEventLoop,
        *,
        timeout: float,
        deadline: float | None = None,
        token: str | None = None,
    ) -> None:
        self._http = http
        self._loop = loop
        self._deadline = deadline
        self._token = token
        self.timeout = timeout  # google-auth-httplib2 reads it

    def request(
        self,
        uri: str,
        method: str = "GET",
        body: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        **_: Any,
    ) -> tuple[httplib2.Response, bytes]:
        remaining = self.timeout
        if self._deadline is not None:
            remaining = min(remaining, self._deadline - time.monotonic())
            if remaining <= 0:
                raise Httplib2Timeout("deadline passed")
        hdrs = {
            k: v
            for k, v in (headers or {}).items()
            if k.lower() not in ("content-length", "accept-encoding")
        }
        if self._token is not None:
            hdrs["authorization"] = f"Bearer {self._token}"
        try:
            resp = request_on_loop(
                self._http,
                self._loop,
                method,
                uri,
                wait=remaining + _GRACE,
                content=body,
                headers=hdrs,
                timeout=remaining,
            )
        except (BridgeTimeout, httpx.TimeoutException):
            raise Httplib2Timeout("timed out") from None
        except httpx.HTTPError as exc:
            raise httplib2.HttpLib2Error(type(exc).__name__) from None
        info = {k.lower(): v for k, v in resp.headers.items()}
        info.pop("content-encoding", None)  # httpx has decoded the body already
        info["status"] = str(resp.status_code)
        return httplib2.Response(info), resp.content

    def close(self) -> None:  # the shared client is not ours to close
        return None
