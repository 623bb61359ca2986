"""app.http_bridge: sync SDK HTTP objects served by the shared async client,
faked at the transport like every other outbound call."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httplib2
import httpx
import pytest

from app.http_bridge import Httplib2Http, Httplib2Timeout, MsalHttp


class Refused(Exception):
    pass


def in_thread(handler: Callable[[httpx.Request], httpx.Response], work: Callable[..., Any]) -> Any:
    """Run ``work(client, loop)`` in a worker thread while the loop serves the client."""

    async def main() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            loop = asyncio.get_running_loop()
            return await asyncio.to_thread(work, client, loop)

    return asyncio.run(main())


def test_msal_posts_a_form_and_reads_the_answer() -> None:
    seen: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        return httpx.Response(200, json={"access_token": "t"})

    def work(client: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> Any:
        msal_http = MsalHttp(client, loop, timeout=5, error=Refused)
        return msal_http.post("https://login.example/token", data={"grant_type": "x y"})

    resp = in_thread(handler, work)
    assert resp.status_code == 200 and '"access_token"' in resp.text
    assert seen[0].content == b"grant_type=x+y"
    assert seen[0].headers["content-type"] == "application/x-www-form-urlencoded"


def _refuse(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(req: httpx.Request) -> httpx.Response:
        raise exc

    return handler


# (what the token endpoint does, the reason raised in the caller's own type)
MSAL_FAILURES = [
    ("a 400", lambda r: httpx.Response(400, json={}), "answered 400"),
    ("connection refused", _refuse(httpx.ConnectError("no")), "token endpoint: ConnectError"),
]


@pytest.mark.parametrize(("name", "handler", "reason"), MSAL_FAILURES)
def test_msal_failures_are_the_callers_error(name: str, handler: Any, reason: str) -> None:
    def work(client: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> None:
        MsalHttp(client, loop, timeout=5, error=Refused).get("https://x.example").raise_for_status()

    with pytest.raises(Refused, match=reason):
        in_thread(handler, work)


def test_msal_stops_waiting_for_a_slow_loop() -> None:
    async def slow(req: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1)
        return httpx.Response(200)

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(slow)) as client:
            bridge = MsalHttp(client, asyncio.get_running_loop(), timeout=0.05, error=Refused)
            await asyncio.to_thread(bridge.get, "https://x.example")

    with pytest.raises(Refused, match="did not answer in time"):
        asyncio.run(main())


def test_httplib2_sends_the_token_and_answers_as_httplib2() -> None:
    seen: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        return httpx.Response(200, json={"ok": True}, headers={"X-Thing": "1"})

    def work(client: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> Any:
        http = Httplib2Http(client, loop, timeout=5, token="user-token")
        headers = {"Content-Length": "99", "Accept-Encoding": "gzip", "X-Mine": "a"}
        return http.request("https://gmail.example/x", "POST", body=b"{}", headers=headers)

    info, body = in_thread(handler, work)
    assert isinstance(info, httplib2.Response) and info.status == 200
    assert info["x-thing"] == "1" and body == b'{"ok":true}'
    sent = seen[0].headers
    assert sent["authorization"] == "Bearer user-token" and sent["x-mine"] == "a"
    assert sent["content-length"] == "2"  # httpx's own, not the caller's


# (handler, deadline offset) -> the httplib2 error raised
HTTPLIB2_FAILURES = [
    ("deadline already passed", lambda r: httpx.Response(200), -1.0, Httplib2Timeout),
    ("transport timeout", _refuse(httpx.ReadTimeout("slow")), 5.0, Httplib2Timeout),
    ("connection refused", _refuse(httpx.ConnectError("no")), 5.0, httplib2.HttpLib2Error),
]


@pytest.mark.parametrize(("name", "handler", "offset", "raised"), HTTPLIB2_FAILURES)
def test_httplib2_failures_are_httplib2_errors(
    name: str, handler: Any, offset: float, raised: type[Exception]
) -> None:
    def work(client: httpx.AsyncClient, loop: asyncio.AbstractEventLoop) -> Any:
        http = Httplib2Http(client, loop, timeout=5, deadline=time.monotonic() + offset)
        return http.request("https://x.example")

    with pytest.raises(raised):
        in_thread(handler, work)
