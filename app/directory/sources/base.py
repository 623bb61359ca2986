"""The one small interface every directory source implements, and what they share.

A source turns a school's system (Microsoft Graph, Google Workspace, Wonde,
OneRoster, a CSV drop) into normalised :class:`~app.directory.model.Person`
and :class:`~app.directory.model.Group` values. It never writes anything: the
sync engine (``app.directory.sync``) decides what to apply.

``fetch(None)`` is a full read; ``fetch(cursor)`` continues from the cursor a
previous fetch returned (a Graph delta link, a Wonde ``updated_after`` time),
and returns only what changed plus the ids the source says are gone. A source
that cannot read incrementally ignores the cursor and reads in full.

Every HTTP call goes through the shared ``httpx.AsyncClient`` passed in, with
:func:`request_json`: 429 and 5xx answers and transport errors are retried
with back-off (``Retry-After`` honoured) by tenacity. Errors are
:class:`SourceError` and never carry names, addresses or response bodies.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
)

from app.directory.model import Group
from app.errors import Unavailable
from app.people import Person


class SourceError(Unavailable):
    """A source could not be read. The message is safe to store and show."""


class SourceConfigError(SourceError):
    """The source's settings are incomplete or a secret is missing."""


class SourceAuthError(SourceError):
    """The source refused our credentials (401/403, or no token)."""


@dataclass(frozen=True, slots=True)
class Skip:
    """A record the source gave that was not taken, and why (no names: ids only)."""

    id: str
    reason: str


@dataclass(slots=True)
class Fetched:
    """What one fetch found.

    ``full``: ``people`` is everyone this source knows. Otherwise ``people``
    are those added or changed since the cursor and ``removed`` the ids gone.
    ``groups`` is ``None`` when the source has no lists (or they were not read).
    """

    full: bool
    people: list[Person] = field(default_factory=list)
    groups: list[Group] | None = None
    removed: set[str] = field(default_factory=set)
    cursor: dict[str, Any] | None = None
    skipped: list[Skip] = field(default_factory=list)
    # Incremental reads that re-read some pupils' contact lists (Wonde): these pupils'
    # links are replaced by the ones in ``people``; other links are kept.
    relinked_pupils: set[str] = field(default_factory=set)


class DirectorySource(Protocol):
    """A directory source: read it in full, or from where the last read ended."""

    kind: ClassVar[str]
    name: str  # the school's name for this source; people synced carry it as ``source``

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched: ...


# -- secrets ---------------------------------------------------------------------


def secret(config: Mapping[str, Any], key: str) -> str:
    """A secret named by the source's config: ``{key}_env`` is an environment variable.

    Secrets are never stored in the database, returned by the API or logged.
    """
    env = config.get(f"{key}_env")
    if not isinstance(env, str) or not env:
        raise SourceConfigError(f"config.{key}_env must name the environment variable holding it")
    value = os.environ.get(env, "")
    if not value:
        raise SourceConfigError(f"environment variable {env} (config.{key}_env) is not set")
    return value


def required(config: Mapping[str, Any], key: str) -> str:
    value = config.get(key)
    if not isinstance(value, str) or not value:
        raise SourceConfigError(f"config.{key} is required")
    return value


# -- HTTP with retries -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try: attempts in all, exponential back-off, the longest wait."""

    attempts: int = 6
    base_seconds: float = 0.5
    max_wait_seconds: float = 120.0


class _Retryable(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # not "²": float() refuses it
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _wait(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return float(min(exc.retry_after, policy.max_wait_seconds))
        backoff: float = policy.base_seconds * 2 ** (state.attempt_number - 1)
        return min(backoff, policy.max_wait_seconds)

    return wait


Sleep = Callable[[float], Awaitable[None]]


async def request(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    what: str,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    data: Mapping[str, str] | None = None,
    policy: RetryPolicy = RetryPolicy(),
    sleep: Sleep = asyncio.sleep,
) -> httpx.Response:
    """One call, retried on 429/5xx/transport errors; ``what`` names it in errors."""
    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.attempts),
        wait=_wait(policy),
        retry=retry_if_exception_type((_Retryable, httpx.TransportError)),
        sleep=sleep,
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                resp = await http.request(method, url, headers=headers, params=params, data=data)
                if resp.status_code == 429 or resp.status_code >= 500:
                    raise _Retryable(
                        resp.status_code, retry_after_seconds(resp.headers.get("Retry-After"))
                    )
    except _Retryable as exc:
        raise SourceError(f"{what}: HTTP {exc.status} after {policy.attempts} attempts") from None
    except httpx.TransportError as exc:
        raise SourceError(
            f"{what}: {type(exc).__name__} after {policy.attempts} attempts"
        ) from None
    if resp.status_code in (401, 403):
        raise SourceAuthError(f"{what}: HTTP {resp.status_code} (check the app's permissions)")
    if resp.status_code >= 400:
        raise SourceError(f"{what}: HTTP {resp.status_code}")
    return resp


async def request_json(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    what: str,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, Any] | None = None,
    data: Mapping[str, str] | None = None,
    policy: RetryPolicy = RetryPolicy(),
    sleep: Sleep = asyncio.sleep,
) -> Any:
    resp = await request(
        http,
        method,
        url,
        what=what,
        headers=headers,
        params=params,
        data=data,
        policy=policy,
        sleep=sleep,
    )
    try:
        return resp.json()
    except ValueError:
        raise SourceError(f"{what}: the answer was not JSON") from None


def split_name(display: str) -> tuple[str, str]:
    """First and last name from a display name, when a source gives only that."""
    parts = display.split()
    if len(parts) < 2:
        return (parts[0] if parts else "", "")
    return parts[0], " ".join(parts[1:])
