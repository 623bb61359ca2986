"""Gmail API draft look-up (google-api-python-client over a mocked transport)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import anyio
import httpx
import pytest

from app.domain import Attachment
from app.integrations.gmail.drafts import DraftLookup, DraftStatus, find_draft
from tests.integrations.gmail.google_fake import FakeGoogle, draft

TOKEN = "ya29.user-oauth-token"
HEAD, OFFICE = "head@stmarys.sch.uk", "office@stmarys.sch.uk"


def lookup(google: FakeGoogle, recipients: list[str], *, candidates: int = 5) -> DraftLookup:
    async def go() -> DraftLookup:
        async with httpx.AsyncClient(transport=httpx.MockTransport(google.handle)) as client:
            return await find_draft(client, TOKEN, recipients, timeout=2.0, candidates=candidates)

    return anyio.run(go)


MINUTES = (("Minutes.pdf", 120_000),)


@pytest.mark.parametrize(
    ("drafts", "status", "subject"),
    [
        # One draft to these recipients (names and case in the headers do not matter).
        (
            [
                draft("d1", to=HEAD, subject="Other recipients", updated_ms=4_000),
                draft(
                    "d2",
                    to=f"Office <{OFFICE}>",
                    cc=f"The Head <{HEAD.upper()}>",
                    subject="Newest",
                    updated_ms=3_000,
                    attachments=MINUTES,
                ),
            ],
            DraftStatus.READ,
            "Newest",
        ),
        # Two drafts to them, the same subject and files: it does not matter which is this one.
        (
            [
                draft("d2", to=OFFICE, cc=HEAD, subject="Newest", attachments=MINUTES),
                draft("d3", to=HEAD, cc=OFFICE, subject="Newest", attachments=MINUTES),
            ],
            DraftStatus.READ,
            "Newest",
        ),
        # Two drafts to them that differ: the newest is checked, but it may not be this one.
        (
            [
                draft(
                    "d2",
                    to=OFFICE,
                    cc=HEAD,
                    subject="Newest",
                    updated_ms=3_000,
                    attachments=MINUTES,
                ),
                draft("d3", to=HEAD, cc=OFFICE, subject="Middle", updated_ms=2_000),
            ],
            DraftStatus.AMBIGUOUS,
            "Newest",
        ),
        # ...also when only the attachments differ.
        (
            [
                draft(
                    "d2",
                    to=OFFICE,
                    cc=HEAD,
                    subject="Newest",
                    updated_ms=3_000,
                    attachments=MINUTES,
                ),
                draft("d3", to=HEAD, cc=OFFICE, subject="Newest", updated_ms=2_000),
            ],
            DraftStatus.AMBIGUOUS,
            "Newest",
        ),
    ],
)
def test_the_newest_matching_draft_is_read_and_several_are_flagged(
    fake_google: FakeGoogle, drafts: list[dict[str, Any]], status: DraftStatus, subject: str
) -> None:
    fake_google.drafts = drafts
    got = lookup(fake_google, [HEAD, OFFICE])
    assert got.status is status and got.content is not None
    assert got.content.subject == subject
    assert got.content.attachments == (
        Attachment("Minutes.pdf", 120_000, False, "application/pdf"),
    )


def test_only_metadata_is_requested_with_the_users_token(fake_google: FakeGoogle) -> None:
    fake_google.drafts = [draft("d1", to=HEAD, subject="x")]
    lookup(fake_google, [HEAD])
    listing, get = fake_google.gmail_calls
    assert all(c.headers["authorization"] == f"Bearer {TOKEN}" for c in fake_google.gmail_calls)
    assert parse_qs(urlparse(str(listing.url)).query)["maxResults"] == ["5"]
    q = parse_qs(urlparse(str(get.url)).query)
    assert q["format"] == ["full"]
    assert "body/size" in q["fields"][0] and "body/data" not in q["fields"][0]


def test_inline_images_are_marked_inline(fake_google: FakeGoogle) -> None:
    d = draft("d1", to=HEAD, subject="Newsletter", attachments=(("report.pdf", 10),))
    d["message"]["payload"]["parts"][0]["parts"].append(
        {
            "mimeType": "image/png",
            "filename": "logo.png",
            "body": {"size": 2048},
            "headers": [{"name": "Content-ID", "value": "<logo>"}],
        }
    )
    fake_google.drafts = [d]
    got = lookup(fake_google, [HEAD])
    assert got.content is not None
    assert {(a.name, a.inline) for a in got.content.attachments} == {
        ("report.pdf", False),
        ("logo.png", True),
    }


@pytest.mark.parametrize(
    ("drafts", "recipients", "candidates"),
    [
        # Recipients differ (one extra in the event).
        ([draft("d1", to=HEAD)], [HEAD, OFFICE], 5),
        # Recipients differ (one fewer).
        ([draft("d1", to=HEAD, cc=OFFICE)], [HEAD], 5),
        # The match is older than the candidates we look at.
        (
            [draft(f"d{i}", to=f"x{i}@stmarys.sch.uk") for i in range(3)] + [draft("m", to=HEAD)],
            [HEAD],
            3,
        ),
        # No drafts at all.
        ([], [HEAD], 5),
    ],
)
def test_no_match(
    fake_google: FakeGoogle, drafts: list[dict[str, Any]], recipients: list[str], candidates: int
) -> None:
    fake_google.drafts = drafts
    assert lookup(fake_google, recipients, candidates=candidates).status is DraftStatus.NO_MATCH


@pytest.mark.parametrize(
    ("error", "status"),
    [(403, DraftStatus.ERROR), (500, DraftStatus.ERROR), (401, DraftStatus.ERROR)],
)
def test_api_errors_degrade(fake_google: FakeGoogle, error: int, status: DraftStatus) -> None:
    fake_google.gmail_error = error
    assert lookup(fake_google, [HEAD]) == DraftLookup(status)


def test_timeouts_degrade(fake_google: FakeGoogle) -> None:
    fake_google.gmail_timeout = True
    assert lookup(fake_google, [HEAD]) == DraftLookup(DraftStatus.TIMEOUT)


def test_a_draft_is_read_within_the_check_apis_limits(fake_google: FakeGoogle) -> None:
    """A saved draft can hold anything; what reaches the check is what /v1/check
    would take: the subject's first MAX_SUBJECT characters, MAX_ATTACHMENTS files."""
    from app.domain import MAX_ATTACHMENTS, MAX_SUBJECT

    files = tuple((f"f{i}.pdf", 10) for i in range(MAX_ATTACHMENTS + 5))
    fake_google.drafts = [draft("d1", to=HEAD, subject="x" * 1_000_000, attachments=files)]
    got = lookup(fake_google, [HEAD])
    assert got.content is not None
    assert got.content.subject == "x" * MAX_SUBJECT
    assert len(got.content.attachments) == MAX_ATTACHMENTS
