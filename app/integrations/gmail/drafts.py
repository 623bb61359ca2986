"""Optional: read the user's saved draft for its subject and attachments.

The compose event carries recipients only. Where a school turns on
``read_drafts`` (and the deployment asks for :data:`DRAFT_READ_SCOPE`), we
call the Gmail API with the user's OAuth token, compare the few most recent
drafts with the event's recipients, and take the newest draft whose
recipients match: its Subject and attachment names and sizes. No body is
requested (``fields`` limits the answer to headers and part metadata).

The compose event documents no draft id (``gmail.messageId`` is documented
for an opened message, not a draft), so the match is by recipients. When
several recent drafts to the same recipients differ in subject or
attachments, the newest is still checked but the look-up says it is
:attr:`DraftStatus.AMBIGUOUS`: the card says so and nothing is written from
that subject (another draft's subject must never overwrite this one's).

google-api-python-client is synchronous, so the look-up runs in the thread
pool; its HTTP goes through the runtime's shared ``httpx`` client
(:class:`app.http_bridge.Httplib2Http`), so tests mock Gmail with ``httpx.MockTransport``
like every other outside service. The whole look-up has a short deadline;
whatever goes wrong, the caller gets a status instead of an exception and
the card falls back to recipient and timing checks.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import getaddresses
from enum import StrEnum
from functools import lru_cache
from typing import Any

import anyio.to_thread
import httplib2
import httpx
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from app.domain import MAX_ATTACHMENTS, MAX_SUBJECT, Attachment, normalise_address
from app.http_bridge import Httplib2Http, Httplib2Timeout

log = logging.getLogger("etiquette.gmail")

DRAFT_READ_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"

_PART = "filename,mimeType,body/size,headers"
_FIELDS = (
    f"id,message(id,internalDate,payload(headers,parts({_PART},parts({_PART},parts({_PART})))))"
)


class DraftStatus(StrEnum):
    """What happened to the look-up; the card tells the user which checks ran."""

    READ = "read"  # matched: subject and attachments were checked
    AMBIGUOUS = "ambiguous"  # several differing drafts matched: the newest was checked
    OFF = "off"  # the school has not turned draft reading on
    NO_SCOPE = "no_scope"  # on, but the user has not granted the read scope
    NO_MATCH = "no_match"  # no saved draft has these recipients (yet)
    ERROR = "error"  # Gmail answered with an error
    TIMEOUT = "timeout"


@dataclass(frozen=True, slots=True)
class DraftContent:
    subject: str
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True, slots=True)
class DraftLookup:
    status: DraftStatus
    content: DraftContent | None = None


class _NoHttp:
    """The discovery client's own ``http``: never used (each request passes
    ``http=`` to ``execute()``), so a forgotten one fails instead of reaching
    the network outside the shared client."""

    def request(self, *_: Any, **__: Any) -> Any:
        raise RuntimeError("no HTTP client: pass http= to execute()")


@lru_cache(maxsize=1)
def _gmail() -> Any:
    # The discovery document ships with google-api-python-client: no network.
    return build(
        "gmail",
        "v1",
        http=_NoHttp(),
        static_discovery=True,
        cache_discovery=False,
    )


def _header(headers: Iterable[Mapping[str, str]], name: str) -> str | None:
    for h in headers:
        if h.get("name", "").lower() == name.lower():
            return h.get("value", "")
    return None


def _addresses(headers: list[Mapping[str, str]]) -> frozenset[str]:
    values = [v for n in ("To", "Cc", "Bcc") if (v := _header(headers, n))]
    return frozenset(normalise_address(a) for _, a in getaddresses(values) if "@" in a)


def _parts(part: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for p in part.get("parts") or ():
        yield p
        yield from _parts(p)


def _attachments(payload: Mapping[str, Any]) -> tuple[Attachment, ...]:
    out = []
    for p in _parts(payload):
        name = p.get("filename") or ""
        if not name:
            continue
        headers = p.get("headers") or []
        disposition = (_header(headers, "Content-Disposition") or "").lower()
        inline = disposition.startswith("inline") or _header(headers, "Content-ID") is not None
        size = int((p.get("body") or {}).get("size") or 0)
        out.append(Attachment(name, size, inline, p.get("mimeType") or "application/octet-stream"))
    return tuple(out)


def _lookup_sync(http: Httplib2Http, wanted: frozenset[str], candidates: int) -> DraftLookup:
    gmail = _gmail()
    listed = gmail.users().drafts().list(userId="me", maxResults=candidates).execute(http=http)
    matches: list[tuple[int, DraftContent]] = []
    for item in (listed.get("drafts") or [])[:candidates]:
        draft = (
            gmail.users()
            .drafts()
            .get(userId="me", id=item["id"], format="full", fields=_FIELDS)
            .execute(http=http)
        )
        message = draft.get("message") or {}
        payload = message.get("payload") or {}
        headers = payload.get("headers") or []
        if _addresses(headers) != wanted:
            continue
        # Within the check API's limits, whatever the draft holds: the name
        # finder's time grows faster than linearly with a very long word, and
        # a subject past RFC 5322's line limit is not valid mail anyway.
        content = DraftContent(
            (_header(headers, "Subject") or "")[:MAX_SUBJECT],
            _attachments(payload)[:MAX_ATTACHMENTS],
        )
        matches.append((int(message.get("internalDate") or 0), content))
    if not matches:
        return DraftLookup(DraftStatus.NO_MATCH)
    newest = max(matches, key=lambda m: m[0])[1]
    if any(content != newest for _, content in matches):
        return DraftLookup(DraftStatus.AMBIGUOUS, newest)
    return DraftLookup(DraftStatus.READ, newest)


async def find_draft(
    client: httpx.AsyncClient,
    user_oauth_token: str,
    recipients: Iterable[str],
    *,
    timeout: float,
    candidates: int = 5,
) -> DraftLookup:
    """The newest saved draft addressed to exactly these recipients, or why not.

    ``READ`` when every matching recent draft has the same subject and
    attachments (usually: there is one); ``AMBIGUOUS`` when they differ.
    """
    wanted = frozenset(normalise_address(r) for r in recipients)
    if not wanted:
        return DraftLookup(DraftStatus.NO_MATCH)
    http = Httplib2Http(
        client,
        asyncio.get_running_loop(),
        timeout=timeout,
        deadline=time.monotonic() + timeout,
        token=user_oauth_token,
    )
    try:
        return await anyio.to_thread.run_sync(_lookup_sync, http, wanted, candidates)
    except Httplib2Timeout:
        log.info("gmail draft look-up: timed out after %.1fs", timeout)
        return DraftLookup(DraftStatus.TIMEOUT)
    except HttpError as exc:
        log.info("gmail draft look-up: HTTP %s", exc.resp.status)
        return DraftLookup(DraftStatus.ERROR)
    except (httpx.HTTPError, httplib2.HttpLib2Error, ValueError, KeyError) as exc:
        log.info("gmail draft look-up failed (%s)", type(exc).__name__)
        return DraftLookup(DraftStatus.ERROR)
