"""Notifications for the safeguarding lead: events in, notices out.

Triggers are derived from audit events as the writer stores them; notices go
through the outbox by Graph sendMail, Teams and Slack webhooks (faked with
httpx.MockTransport) or SMTP (a real local aiosmtpd server). SQLite always,
PostgreSQL with TEST_DATABASE_URL.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.audit import keyed_hash
from app.notifications import render
from app.notifications.service import Notifier, digest_period, retry_delay
from app.store.notifications import NotificationStore
from app.tenants import NotificationSettings
from tests.notifications.conftest import (
    CHECKER,
    SLACK_URL,
    TEAMS_URL,
    FakeServices,
    configure,
    runtime_of,
)

T0 = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
STAFF = "umaiza.patel@stmarys.sch.uk"


async def _no_wait(_: float) -> None:
    return None


def notifier(client: TestClient, now: datetime | None = None) -> Notifier:
    """A notifier whose clock stands at ``now`` (default: the real time)."""
    if now is None:
        return Notifier(runtime_of(client), wait=_no_wait)
    return Notifier(runtime_of(client), now=lambda: now, wait=_no_wait)


def check(
    sender: str, codes: str, minutes: float = 0, purpose: str = "send", check_id: str = ""
) -> dict[str, Any]:
    cid = check_id or str(uuid.uuid4())
    return {
        "event_id": cid,
        "kind": "check",
        "check_id": cid,
        "purpose": purpose,
        "action": "warn",
        "codes": codes,
        "sender_hash": sender,
        "at": T0 + timedelta(minutes=minutes),
    }


def outcome(
    check_id: str, codes: str, what: str = "sent_anyway", minutes: float = 1
) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "kind": "outcome",
        "check_id": check_id,
        "codes": codes,
        "outcome": what,
        "at": T0 + timedelta(minutes=minutes),
    }


@dataclass(frozen=True)
class Case:
    name: str
    events: list[dict[str, Any]]
    expected: list[tuple[str, str, int, str]]  # (trigger, rule, count, sender)
    settings: dict[str, Any] | None = None


CASES = [
    Case(
        "override of PUP003",
        [check("h1", "PUP003,SUB001", check_id="c1"), outcome("c1", "PUP003,SUB001")],
        [("override", "PUP003", 1, "h1")],
    ),
    Case(
        "override with two pupil rules: one each",
        [check("h1", "PUP001,PUP003", check_id="c1"), outcome("c1", "PUP001,PUP003")],
        [("override", "PUP001", 1, "h1"), ("override", "PUP003", 1, "h1")],
    ),
    Case(
        "override of another rule: nothing",
        [check("h1", "REC001", check_id="c1"), outcome("c1", "REC001")],
        [],
    ),
    Case(
        "fixed, not sent anyway: nothing",
        [check("h1", "PUP003", check_id="c1"), outcome("c1", "PUP003", what="fixed")],
        [],
    ),
    Case(
        "override whose check is not known: sender not known",
        [outcome("c-unknown", "PUP002")],
        [("override", "PUP002", 1, "")],
    ),
    Case(
        "overrides switched off",
        [check("h1", "PUP003", check_id="c1"), outcome("c1", "PUP003")],
        [],
        {"notify_overrides": False},
    ),
    Case(
        "three fires in the window: a repeat",
        [check("h1", "PUP002", m) for m in (0, 10, 20)],
        [("repeat", "PUP002", 3, "h1")],
    ),
    Case(
        "two fires: under the threshold",
        [check("h1", "PUP002", m) for m in (0, 10)],
        [],
    ),
    Case(
        "two fires with threshold 2",
        [check("h1", "PUP002", m) for m in (0, 10)],
        [("repeat", "PUP002", 2, "h1")],
        {"repeat_threshold": 2},
    ),
    Case(
        "background re-checks do not count",
        [
            check("h1", "PUP002", 0),
            check("h1", "PUP002", 5, "background"),
            check("h1", "PUP002", 9),
        ],
        [],
    ),
    Case(
        "three senders, one fire each: nothing",
        [check(h, "PUP002", 0) for h in ("h1", "h2", "h3")],
        [],
    ),
    Case(
        "spread beyond the window: nothing",
        [check("h1", "PUP002", m) for m in (0, 70, 140)],
        [],
    ),
    Case(
        "a longer window catches them",
        [check("h1", "PUP002", m) for m in (0, 70, 140)],
        [("repeat", "PUP002", 3, "h1")],
        {"repeat_window_minutes": 180},
    ),
    Case(
        "repeats off (threshold 0)",
        [check("h1", "PUP002", m) for m in (0, 1, 2, 3)],
        [],
        {"repeat_threshold": 0},
    ),
    Case(
        "not a pupil rule: nothing",
        [check("h1", "SUB001", m) for m in (0, 1, 2, 3)],
        [],
    ),
    Case(
        "notifications off for the school",
        [check("h1", "PUP002", m) for m in (0, 1, 2)],
        [],
        {"enabled": False},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_triggers(client: TestClient, case: Case) -> None:
    configure(client, channel="slack", webhook_url_env="ETQ_SLACK_URL", **(case.settings or {}))
    runtime = runtime_of(client)
    tid = runtime.store.tenant_id_for_slug("stmarys")
    events = [{**e, "tenant_id": tid} for e in case.events]
    runtime.store.write_audit(events)
    n = notifier(client, T0)
    n.observe(events)
    got = sorted(
        (x.trigger, x.rule, x.count, x.sender_hash)
        for x in NotificationStore(runtime.store.db).recent(tid)
    )
    assert got == sorted(case.expected)
    # the same batch again (the write-ahead log replayed after a crash): nothing new
    assert n.observe(events) == 0


def test_repeat_once_per_window(client: TestClient) -> None:
    configure(client, channel="slack", webhook_url_env="ETQ_SLACK_URL")
    runtime = runtime_of(client)
    tid = runtime.store.tenant_id_for_slug("stmarys")
    n = notifier(client, T0)
    total = 0
    for m in (0, 5, 10, 15, 20):  # batch by batch, as the writer sees them
        e = [{**check("h1", "PUP002", m), "tenant_id": tid}]
        runtime.store.write_audit(e)
        total += n.observe(e)
    assert total == 1


def _end_to_end_override(client: TestClient) -> tuple[str, str]:
    """A real check (a pupil and a personal address), sent anyway; the audit
    writer's flush feeds the notifier. Returns (subject, recipient address)."""
    subject = "Kiyan Hargrove detention letter"
    to = "kiyan.family8@gmail.com"
    r = client.post(
        "/v1/check",
        headers=CHECKER,
        json={
            "sender": {"email": STAFF},
            "to": [{"email": "kiyan.hargrove@pupils.stmarys.sch.uk"}, {"email": to}],
            "subject": subject,
            "send_at": "2026-11-18T10:00:00+00:00",
        },
    )
    assert r.status_code == 200
    verdict = r.json()
    assert "PUP003" in [f["code"] for f in verdict["findings"]]
    r = client.post(
        "/v1/outcome",
        headers=CHECKER,
        json={
            "check_id": verdict["check_id"],
            "outcome": "sent_anyway",
            "host": "outlook",
            "codes": [f["code"] for f in verdict["findings"]],
        },
    )
    assert r.status_code in (200, 202, 204), r.text
    runtime_of(client).audit.flush()  # the writer: events stored, then observed
    return subject, to


@pytest.mark.parametrize("identity", [False, True])
def test_instant_teams_notice_end_to_end(
    client: TestClient, services: FakeServices, identity: bool
) -> None:
    configure(
        client,
        channel="teams",
        webhook_url_env="ETQ_TEAMS_URL",
        mode="instant",
        include_sender_identity=identity,
    )
    subject, to = _end_to_end_override(client)
    n = notifier(client)
    sent = client.portal.call(n.tick)  # type: ignore[union-attr]
    assert [s for _, s in sent] == ["sent"]
    [(url, payload)] = services.sent
    assert url == TEAMS_URL
    assert payload["type"] == "message"
    card = payload["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    text = "\n".join(b["text"] for b in card["content"]["body"])
    assert "PUP003" in text and "sent anyway" in text
    for secret in (subject, "Kiyan", "Hargrove", to, "kiyan.hargrove@", "gmail.com", STAFF):
        assert secret not in text
    assert ("Umaiza Patel" in text) is identity
    # nothing left to send
    assert client.portal.call(n.tick) == []  # type: ignore[union-attr]


def test_graph_sendmail_digest_sent_once_by_two_workers(
    client: TestClient, services: FakeServices
) -> None:
    configure(
        client,
        channel="graph",
        recipients=["dsl@stmarys.sch.uk"],
        graph_client_id="0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
        graph_client_secret_env="ETQ_NOTIFY_GRAPH_SECRET",
        graph_sender="etiquette@stmarys.sch.uk",
        mode="digest",
        # the digest is due an hour from now (UK time)
        digest_time=(datetime.now(UTC) + timedelta(hours=1))
        .astimezone(render.LONDON)
        .strftime("%H:%M"),
    )
    subject, to = _end_to_end_override(client)
    runtime = runtime_of(client)
    tid = runtime.store.tenant_id_for_slug("stmarys")
    # extra triggers, as the writer would see them: a repeat of PUP002
    now = datetime.now(UTC)
    events = [
        {**check("h9", "PUP002"), "at": now - timedelta(minutes=m), "tenant_id": tid}
        for m in (1, 2, 3)
    ]
    runtime.store.write_audit(events)
    notifier(client).observe(events)
    # two hours on, two instances tick at once
    later = now + timedelta(hours=2)
    a, b = notifier(client, later), notifier(client, later)

    async def both() -> list[Any]:
        return list(await asyncio.gather(a.tick(), b.tick()))

    ra, rb = client.portal.call(both)  # type: ignore[union-attr]
    assert sorted(s for _, s in ra + rb) == ["sent"]
    [(url, body)] = services.sent
    assert url == "https://graph.microsoft.com/v1.0/users/etiquette@stmarys.sch.uk/sendMail"
    msg = body["message"]
    assert msg["toRecipients"] == [{"emailAddress": {"address": "dsl@stmarys.sch.uk"}}]
    text = msg["body"]["content"]
    assert "PUP003 (pupil copied with personal addresses): 1" in text
    assert "PUP002 (pupil emailed from a non-school account): 1" in text
    assert "sent anyway: 1" in text and "fired repeatedly for one sender: 1" in text
    for secret in (subject, "Kiyan", to, "kiyan.hargrove@", "gmail.com", STAFF, "Umaiza"):
        assert secret not in text and secret not in msg["subject"]
    # later the same morning: the day's digest is not made again
    assert client.portal.call(a.tick) == []  # type: ignore[union-attr]
    assert len(services.sent) == 1


def test_outbox_retries_after_a_failure(client: TestClient, services: FakeServices) -> None:
    configure(client, channel="slack", webhook_url_env="ETQ_SLACK_URL", mode="instant")
    runtime = runtime_of(client)
    tid = runtime.store.tenant_id_for_slug("stmarys")
    events = [{**check("h1", "PUP003", check_id="c1"), "tenant_id": tid}]
    events.append({**outcome("c1", "PUP003"), "tenant_id": tid})
    runtime.store.write_audit(events)
    notifier(client).observe(events)
    services.fail = 3  # Slack answers 503 to all three attempts of the first try
    sent = client.portal.call(notifier(client).tick)  # type: ignore[union-attr]
    assert [s for _, s in sent] == ["pending"]
    [item] = NotificationStore(runtime.store.db).outbox(tid)
    assert (item.status, item.attempts, item.error) == ("pending", 1, "slack webhook: HTTP 503")
    assert services.sent == []
    # not due yet a moment later; due after the back-off
    soon = datetime.now(UTC) + timedelta(seconds=10)
    assert client.portal.call(notifier(client, soon).tick) == []  # type: ignore[union-attr]
    later = notifier(client, item.next_attempt_at + timedelta(seconds=1))
    assert [s for _, s in client.portal.call(later.tick)] == ["sent"]  # type: ignore[union-attr]
    [(url, payload)] = services.sent
    assert url == SLACK_URL and "PUP003" in payload["text"]
    [item] = NotificationStore(runtime.store.db).outbox(tid)
    assert (item.status, item.attempts) == ("sent", 2)


def test_a_transient_fault_is_retried_at_once(client: TestClient, services: FakeServices) -> None:
    configure(client, channel="slack", webhook_url_env="ETQ_SLACK_URL")
    services.fail = 2
    tid = runtime_of(client).store.tenant_id_for_slug("stmarys")
    _, status = client.portal.call(notifier(client).send_test, tid)  # type: ignore[union-attr]
    assert status == "sent" and len(services.sent) == 1


def test_missing_secret_is_a_failure_named_without_the_secret(
    client: TestClient, services: FakeServices
) -> None:
    configure(client, channel="teams", webhook_url_env="ETQ_NOT_SET")
    tid = runtime_of(client).store.tenant_id_for_slug("stmarys")
    _, status = client.portal.call(notifier(client).send_test, tid)  # type: ignore[union-attr]
    assert status == "failed"
    [item] = NotificationStore(runtime_of(client).store.db).outbox(tid)
    assert item.error == "teams webhook URL: environment variable ETQ_NOT_SET is not set"


def test_smtp_with_a_real_local_server(client: TestClient, smtp_server: Any) -> None:
    configure(
        client,
        channel="smtp",
        recipients=["dsl@stmarys.sch.uk"],
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_starttls=False,
        smtp_from="etiquette@stmarys.sch.uk",
        mode="instant",
    )
    subject, to = _end_to_end_override(client)
    sent = client.portal.call(notifier(client).tick)  # type: ignore[union-attr]
    assert [s for _, s in sent] == ["sent"]
    [(mail_from, rcpts, data)] = smtp_server.received
    assert mail_from == "etiquette@stmarys.sch.uk" and rcpts == ["dsl@stmarys.sch.uk"]
    text = data.decode()
    assert "PUP003" in text
    for secret in (subject, "Kiyan", to, "kiyan.hargrove@", STAFF):
        assert secret not in text


def test_smtp_credentials_never_go_in_clear(client: TestClient, smtp_server: Any) -> None:
    configure(
        client,
        channel="smtp",
        recipients=["dsl@stmarys.sch.uk"],
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_starttls=False,
        smtp_from="etiquette@stmarys.sch.uk",
        smtp_username_env="ETQ_SMTP_USER",
        smtp_password_env="ETQ_SMTP_PASS",
    )
    tid = runtime_of(client).store.tenant_id_for_slug("stmarys")
    _, status = client.portal.call(notifier(client).send_test, tid)  # type: ignore[union-attr]
    assert status == "failed" and smtp_server.received == []
    [item] = NotificationStore(runtime_of(client).store.db).outbox(tid)
    assert item.error == "smtp: refusing to send credentials without STARTTLS"


def test_smtp_starttls_and_login(
    client: TestClient, smtp_tls_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ETQ_SMTP_USER", "etq")
    monkeypatch.setenv("ETQ_SMTP_PASS", "smtp-pass")
    configure(
        client,
        channel="smtp",
        recipients=["dsl@stmarys.sch.uk"],
        smtp_host="localhost",
        smtp_port=smtp_tls_server.port,
        smtp_from="etiquette@stmarys.sch.uk",
        smtp_username_env="ETQ_SMTP_USER",
        smtp_password_env="ETQ_SMTP_PASS",
    )
    tid = runtime_of(client).store.tenant_id_for_slug("stmarys")
    _, status = client.portal.call(notifier(client).send_test, tid)  # type: ignore[union-attr]
    assert status == "sent"
    [(_, rcpts, data)] = smtp_tls_server.received
    assert rcpts == ["dsl@stmarys.sch.uk"] and b"test notification" in data
    assert smtp_tls_server.logins == [("etq", "smtp-pass")]


# -- pure parts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "last_end", "expected"),
    [
        # 07:31 UK (GMT in November): today's 07:30 is due, from a day before
        (datetime(2026, 11, 18, 7, 31, tzinfo=UTC), None, ("2026-11-17T07:30", "2026-11-18T07:30")),
        # 07:29: yesterday's is the latest due
        (datetime(2026, 11, 18, 7, 29, tzinfo=UTC), None, ("2026-11-16T07:30", "2026-11-17T07:30")),
        # already sent today
        (datetime(2026, 11, 18, 9, 0, tzinfo=UTC), datetime(2026, 11, 18, 7, 30, tzinfo=UTC), None),
        # down for two days: one digest covers both
        (
            datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
            datetime(2026, 11, 16, 7, 30, tzinfo=UTC),
            ("2026-11-16T07:30", "2026-11-18T07:30"),
        ),
        # summer time: 07:30 BST is 06:30 UTC
        (datetime(2026, 6, 18, 6, 31, tzinfo=UTC), None, ("2026-06-17T06:30", "2026-06-18T06:30")),
    ],
)
def test_digest_period(now: datetime, last_end: datetime | None, expected: Any) -> None:
    got = digest_period(NotificationSettings(digest_time="07:30"), now, last_end)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert (got[0].strftime("%Y-%m-%dT%H:%M"), got[1].strftime("%Y-%m-%dT%H:%M")) == expected


def test_retry_delay_grows_and_stops_growing() -> None:
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert retry_delay(30) == timedelta(hours=6)


def test_keyed_hash_matches_the_checkers() -> None:
    # the identity look-up hashes staff addresses the way the checker hashes senders
    assert keyed_hash("k", " Umaiza.Patel@stmarys.sch.uk ") == keyed_hash("k", STAFF)


def test_a_claimed_item_is_not_claimed_again(client: TestClient) -> None:
    store = NotificationStore(runtime_of(client).store.db)
    tid = runtime_of(client).store.tenant_id_for_slug("stmarys")
    now = datetime.now(UTC)
    item = store.enqueue_test(tid, "slack", now, "t1")
    ttl = timedelta(minutes=5)
    assert store.claim(item, "a", now, ttl) is True
    assert store.claim(item, "b", now, ttl) is False
    # the holder stopped mid-send: once its claim runs out another takes it
    assert store.claim(item, "b", now + ttl + timedelta(seconds=1), ttl) is True
    assert store.finish(item, "a", now, status="sent") == "lost"
    assert store.finish(item, "b", now, status="sent") == "sent"
    assert store.claim(item, "c", now + timedelta(hours=1), ttl) is False
