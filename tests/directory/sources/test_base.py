"""What every source shares: Retry-After, retries, safe errors, named secrets."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from app.directory.sources.base import (
    RetryPolicy,
    SourceConfigError,
    SourceError,
    request_json,
    retry_after_seconds,
    secret,
)

NOW = datetime(2026, 11, 30, 2, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        ("Mon, 30 Nov 2026 02:00:30 GMT", 30.0),  # an HTTP date
        ("Mon, 30 Nov 2026 01:59:00 GMT", 0.0),  # already past
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


def _call(responses: list[httpx.Response], policy: RetryPolicy) -> tuple[object, list[float]]:
    waits: list[float] = []
    queue = list(responses)

    async def sleep(s: float) -> None:
        waits.append(s)

    def handler(request: httpx.Request) -> httpx.Response:
        return queue.pop(0)

    async def go() -> object:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await request_json(
                http, "GET", "https://x.example/y", what="thing", policy=policy, sleep=sleep
            )

    return asyncio.run(go()), waits


def test_backs_off_exponentially_and_caps_the_wait() -> None:
    policy = RetryPolicy(attempts=5, base_seconds=1, max_wait_seconds=3)
    got, waits = _call(
        [
            httpx.Response(500),
            httpx.Response(502),
            httpx.Response(429, headers={"Retry-After": "600"}),
            httpx.Response(503),
            httpx.Response(200, json={"ok": True}),
        ],
        policy,
    )
    assert got == {"ok": True}
    assert waits == [1, 2, 3, 3]  # 2**n, Retry-After capped at the policy's longest wait


@pytest.mark.parametrize(
    ("resp", "message"),
    [
        (httpx.Response(404, json={"name": "Amir Khan"}), "thing: HTTP 404"),
        (httpx.Response(200, text="<html>Amir</html>"), "thing: the answer was not JSON"),
    ],
)
def test_errors_never_carry_the_body(resp: httpx.Response, message: str) -> None:
    with pytest.raises(SourceError) as exc:
        _call([resp], RetryPolicy(attempts=1))
    assert str(exc.value) == message


def test_secrets_come_only_from_named_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_OAK_TOKEN", "t0ken")
    assert secret({"token_env": "ETQ_OAK_TOKEN"}, "token") == "t0ken"
    with pytest.raises(SourceConfigError, match=r"config\.token_env must name"):
        secret({"token": "t0ken"}, "token")
    monkeypatch.delenv("ETQ_OAK_TOKEN")
    with pytest.raises(SourceConfigError, match="ETQ_OAK_TOKEN") as exc:
        secret({"token_env": "ETQ_OAK_TOKEN"}, "token")
    assert "t0ken" not in str(exc.value)
