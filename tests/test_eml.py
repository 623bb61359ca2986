"""The Date header as RFC 5322 reads it: the moment the message was sent,
never the moment the audit runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.eml import EmlError, read_bytes

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)  # the audit's "now": must never be used below


def _message(date: str | None, to: str = "t.brown@stmarys.sch.uk") -> bytes:
    head = f"From: s.jones@stmarys.sch.uk\nTo: {to}\nSubject: Cover\n"
    if date is not None:
        head += f"Date: {date}\n"
    return (head + "\nThanks.\n").encode()


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Sun, 22 Nov 2026 22:40:00 +0000", datetime(2026, 11, 22, 22, 40, tzinfo=UTC)),
        # -0000: UTC, the sender's local zone unknown (RFC 5322 3.3)
        ("Sun, 22 Nov 2026 22:40:00 -0000", datetime(2026, 11, 22, 22, 40, tzinfo=UTC)),
        # no zone at all, and a military zone: read as UTC too (RFC 5322 4.3)
        ("Sun, 22 Nov 2026 22:40:00", datetime(2026, 11, 22, 22, 40, tzinfo=UTC)),
        ("Sun, 22 Nov 2026 22:40:00 GMT", datetime(2026, 11, 22, 22, 40, tzinfo=UTC)),
        (
            "Sun, 22 Nov 2026 17:40:00 EST",
            datetime(2026, 11, 22, 17, 40, tzinfo=timezone(timedelta(hours=-5))),
        ),
        (
            "Mon, 23 Nov 2026 00:40:00 +0200",
            datetime(2026, 11, 23, 0, 40, tzinfo=timezone(timedelta(hours=2))),
        ),
        # only a missing or unreadable date falls back to now
        (None, NOW),
        ("yesterday-ish", NOW),
        ("Sun, 22 Nov 1066 22:40:00 +0000", NOW),
        ("1 Jan 99999999999999999999 00:00 +0000", NOW),  # was an OverflowError
    ],
)
def test_the_date_header(date: str | None, expected: datetime) -> None:
    sent = read_bytes(_message(date), default_send_at=NOW).send_at
    assert sent == expected and sent.tzinfo is not None


@pytest.mark.parametrize(
    ("to", "ok"),
    [
        ("not-an-email", False),
        ("Amir <amir>", False),
        ("a@b", False),
        ("t.brown@stmarys.sch.uk", True),
        ('"Brown, T" <t.brown@stmarys.sch.uk>, a@b.org', True),
    ],
)
def test_recipients_must_be_addresses(to: str, ok: bool) -> None:
    if ok:
        read_bytes(_message("Sun, 22 Nov 2026 22:40:00 +0000", to), default_send_at=NOW)
        return
    with pytest.raises(EmlError, match="not an email address") as err:
        read_bytes(_message("Sun, 22 Nov 2026 22:40:00 +0000", to), default_send_at=NOW)
    assert "amir" not in str(err.value).lower() and to not in str(err.value)
