"""Fixtures for the Gmail add-on: keys, the fake Google, the app, realistic events."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.integrations.gmail.routes import GmailAddon
from app.integrations.gmail.settings import GmailSettings
from app.main import create_app
from tests.conftest import ADMIN
from tests.integrations.gmail.addon_schema import validate
from tests.integrations.gmail.google_fake import (
    BASE,
    CLIENT_ID,
    DOMAIN,
    SA,
    FakeGoogle,
    Key,
    make_key,
    mint,
    system_claims,
    user_claims,
)

HERE = Path(__file__).parent
EVENTS = HERE / "events"
SNAPSHOTS = HERE / "snapshots"
LONDON = ZoneInfo("Europe/London")
# A Wednesday in term, mid-morning (inside working hours).
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=LONDON)
# A Sunday evening: out of hours.
SUNDAY_NIGHT = datetime(2026, 11, 22, 22, 40, tzinfo=LONDON)


@pytest.fixture(scope="session")
def google_key() -> Key:
    return make_key("k-2026-11-a")


@pytest.fixture(scope="session")
def other_key() -> Key:
    return make_key("k-2026-11-a")  # same key id, different key: a forgery


@pytest.fixture
def fake_google(google_key: Key) -> FakeGoogle:
    return FakeGoogle(keys=[google_key])


def load_event(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    return data


@dataclass
class Addon:
    """The real app with the Gmail add-on configured for the demo school."""

    client: TestClient
    google: FakeGoogle
    key: Key
    clock: list[datetime] = field(default_factory=lambda: [WEDNESDAY])

    def headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {mint(self.key, system_claims(**claims))}"}

    def event(self, name: str, **user: Any) -> dict[str, Any]:
        ev = copy.deepcopy(load_event(name))
        auth = ev.setdefault("authorizationEventObject", {})
        auth["userIdToken"] = mint(self.key, user_claims(**user))
        auth["systemIdToken"] = "(also sent in the Authorization header)"
        return ev

    def post(
        self,
        action: str,
        event: dict[str, Any],
        headers: dict[str, str] | None = None,
        *,
        check: bool = True,
    ) -> httpx.Response:
        resp: httpx.Response = self.client.post(
            f"/gmail/addon?action={action}",
            json=event,
            headers=self.headers() if headers is None else headers,
        )
        if check:
            assert resp.status_code == 200, resp.text
            validate(resp.json())
        return resp


@contextmanager
def addon_app(
    settings: Settings, google: FakeGoogle, key: Key, *, read_drafts: bool = False
) -> Iterator[Addon]:
    """The real app on ``settings`` with the Gmail add-on configured for the demo
    school (Google faked over the shared client's mock transport), started and
    stopped around the block."""
    app = create_app(settings, transport=httpx.MockTransport(google.handle))
    with TestClient(app) as client:
        addon = Addon(client, google, key)
        app.state.gmail_addon = GmailAddon.from_settings(
            GmailSettings(base_url=BASE), clock=lambda: addon.clock[0]
        )
        resp = client.patch(
            "/v1/admin/schools/stmarys/settings",
            headers=ADMIN,
            json={
                "gmail": {
                    "google_domain": DOMAIN,
                    "service_account_email": SA,
                    "oauth_client_id": CLIENT_ID,
                    "read_drafts": read_drafts,
                }
            },
        )
        assert resp.status_code == 200, resp.text
        yield addon


@pytest.fixture
def make_addon(
    settings: Settings, fake_google: FakeGoogle, google_key: Key
) -> Iterator[Callable[..., Addon]]:
    with ExitStack() as stack:

        def factory(*, read_drafts: bool = False) -> Addon:
            return stack.enter_context(
                addon_app(settings, fake_google, google_key, read_drafts=read_drafts)
            )

        yield factory


@pytest.fixture
def addon(make_addon: Callable[..., Addon]) -> Addon:
    return make_addon()


def _stable(data: Any) -> Any:
    """The card with each button's check id and digest (new for every check) blanked."""
    if isinstance(data, dict):
        if set(data) == {"key", "value"} and data["key"] in ("c", "h"):
            return {"key": data["key"], "value": f"({data['key']})"}
        return {k: _stable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_stable(v) for v in data]
    return data


def assert_snapshot(name: str, data: Any) -> None:
    """Compare with ``snapshots/NAME.json``; ``UPDATE_SNAPSHOTS=1`` rewrites it."""
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(_stable(data), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        if not path.exists() and os.environ.get("CI"):
            raise AssertionError(f"snapshot {path.name} is missing (run with UPDATE_SNAPSHOTS=1)")
        path.write_text(text, encoding="utf-8")
        return
    assert path.read_text(encoding="utf-8") == text, (
        f"card changed: compare with {path} (UPDATE_SNAPSHOTS=1 to accept)"
    )
