"""A trust's default notification settings: its schools whose own section is all
defaults use it; a school with its own settings keeps them; the route is the
trust admin's only (404 for anyone else)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.notifications.service import Notifier, effective
from app.runtime import Runtime
from app.store.notifications import NotificationStore
from app.store.trusts import TrustStore
from tests.notifications.conftest import ADMIN, SLACK_URL, FakeServices, runtime_of

DEFAULT = {
    "enabled": True,
    "channel": "slack",
    "webhook_url_env": "ETQ_SLACK_URL",
    "mode": "instant",
    "repeat_threshold": 2,
}


def _trust(runtime: Runtime) -> tuple[str, str, str, str]:
    ts = TrustStore(runtime.store.db)
    oak, oak_key = ts.create_trust("oak", "Oak Trust", ["oak.org.uk"])
    _, elm_key = ts.create_trust("elm", "Elm Trust", ["elm.org.uk"])
    north, _ = ts.create_school(oak, "north", "Oak North", ["north.sch.uk"])
    ts.create_school(oak, "south", "Oak South", ["south.sch.uk"])
    runtime.refresh_sync()
    return oak_key, elm_key, north, oak


def test_trust_default_applies_to_schools_without_their_own(
    client: TestClient, services: FakeServices
) -> None:
    runtime = runtime_of(client)
    oak_key, elm_key, north, _ = _trust(runtime)
    url = "/v1/admin/trusts/oak/notifications"
    got = client.get(url, headers={"X-API-Key": oak_key})
    assert got.status_code == 200 and got.json()["enabled"] is False
    assert client.put(url, json=DEFAULT, headers={"X-API-Key": elm_key}).status_code == 404
    assert client.put(url, json=DEFAULT, headers=ADMIN).status_code in (401, 403, 404)
    r = client.put(url, json=DEFAULT, headers={"X-API-Key": oak_key})
    assert r.status_code == 200 and r.json()["channel"] == "slack"
    assert (
        client.put(url, json={"channel": "fax"}, headers={"X-API-Key": oak_key}).status_code == 422
    )
    runtime.refresh_sync()
    state = runtime.tenant(north)
    assert state is not None and effective(runtime, state).channel == "slack"

    # two fires for one sender at Oak North: a repeat, sent at once by the trust's channel
    events = [
        {
            "event_id": f"e{i}",
            "tenant_id": north,
            "kind": "check",
            "check_id": f"e{i}",
            "purpose": "send",
            "codes": "PUP001",
            "sender_hash": "h1",
        }
        for i in range(2)
    ]
    runtime.audit.submit(events[0])
    runtime.audit.submit(events[1])
    runtime.audit.flush()
    [n] = NotificationStore(runtime.store.db).recent(north)
    assert (n.trigger, n.rule, n.count) == ("repeat", "PUP001", 2)
    sent = client.portal.call(Notifier(runtime).tick)  # type: ignore[union-attr]
    assert [s for _, s in sent] == ["sent"]
    assert [u for u, _ in services.sent] == [SLACK_URL]

    # the school's own settings win
    with runtime.store.db.session() as s:
        repo = runtime.store.scoped(s, north)
        cur = repo.settings()
        repo.update_settings(
            cur.model_copy(
                update={
                    "notifications": cur.notifications.model_copy(
                        update={"enabled": False, "channel": "teams"}
                    )
                }
            )
        )
    runtime.refresh_sync()
    state = runtime.tenant(north)
    assert state is not None and effective(runtime, state).channel == "teams"

    # all defaults removes the trust's default
    assert client.put(url, json={}, headers={"X-API-Key": oak_key}).status_code == 200
    assert client.get(url, headers={"X-API-Key": oak_key}).json()["enabled"] is False
