"""A console app (demo school, its Entra tenant and Google domain set) on each
database, the fake identity provider on the shared client, and helpers that
sign people in through it. ``shared_app_client`` is one such app for all of a
module's tests on a backend, for cases that only read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.store.console import ConsoleStore, Scope
from tests.console.fake_idp import ENTRA_CLIENT, GOOGLE_CLIENT, FakeIdP

TID = "9a8b7c6d-0000-4000-8000-00000000c0de"
OTHER_TID = "9a8b7c6d-0000-4000-8000-0000000bad00"
HD = "stmarys.sch.uk"
BASE = "https://testserver"


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


@pytest.fixture
def idp() -> FakeIdP:
    return FakeIdP()


@pytest.fixture
def console_env(monkeypatch: pytest.MonkeyPatch) -> None:
    _console_env(monkeypatch)


def _console_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETIQUETTE_CONSOLE_ENTRA_CLIENT_ID", ENTRA_CLIENT)
    monkeypatch.setenv("ETIQUETTE_CONSOLE_ENTRA_SECRET", "entra-test-secret")
    monkeypatch.setenv("ETIQUETTE_CONSOLE_GOOGLE_CLIENT_ID", GOOGLE_CLIENT)
    monkeypatch.setenv("ETIQUETTE_CONSOLE_GOOGLE_SECRET", "google-test-secret")


def _settings(url: str, tmp_path: Path, *, demo: bool) -> Settings:
    return Settings(
        database_url=url,
        data_dir=tmp_path,
        demo=demo,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=0.05,
    )


@pytest.fixture
def app_client(
    db_url: str,
    tmp_path: Path,
    idp: FakeIdP,
    console_env: None,
) -> Iterator[TestClient]:
    """The demo school with Entra tenant TID and Google domain HD set."""
    with console_client(db_url, tmp_path, idp) as c:
        yield c


@pytest.fixture
def new_app_client(
    new_db_url: Callable[[], str], tmp_path: Path, idp: FakeIdP, console_env: None
) -> Iterator[Callable[[], TestClient]]:
    """Makes an ``app_client`` on a new database (``backend``), for a case that writes
    in a module whose other cases share ``shared_app_client``."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(console_client(new_db_url(), tmp_path, idp))


@pytest.fixture(scope="module")
def shared_app_client(
    shared_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """``app_client`` for all of a module's tests on ``backend``: for cases that
    only read (each test clears its cookies first, as on a new client)."""
    with pytest.MonkeyPatch.context() as mp:
        _console_env(mp)
        with console_client(shared_db_url, tmp_path_factory.mktemp("console"), FakeIdP()) as c:
            yield c


@contextmanager
def console_client(db_url: str, data_dir: Path, idp: FakeIdP) -> Iterator[TestClient]:
    """The demo school with Entra tenant TID and Google domain HD set."""
    app = create_app(
        _settings(db_url, data_dir, demo=True), transport=httpx.MockTransport(idp.handler)
    )
    with TestClient(app, base_url=BASE) as c:
        runtime: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
        school = next(s for s in runtime.tenants() if s.slug == "stmarys")
        r = c.patch(
            "/v1/admin/schools/stmarys/settings",
            json={"outlook": {"entra_tenant_id": TID}, "gmail": {"google_domain": HD}},
            headers={"X-API-Key": "etq_demo_admin_key"},
        )
        assert r.status_code == 200, r.text
        runtime.reload_tenant(school.id)
        yield c


def store_of(c: TestClient) -> ConsoleStore:
    runtime: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return ConsoleStore(runtime.store.db)


def school_scope(c: TestClient, slug: str = "stmarys") -> Scope:
    runtime: Runtime = c.app.state.runtime  # type: ignore[attr-defined]
    return Scope(tenant_id=next(s.id for s in runtime.tenants() if s.slug == slug))


def grant(c: TestClient, principal: str, role: str, *, kind: str = "email") -> None:
    store_of(c).assign(
        school_scope(c), principal_kind=kind, principal=principal, role=role, by="test"
    )


SignIn = Callable[..., httpx.Response]


@pytest.fixture
def sign_in(app_client: TestClient, idp: FakeIdP) -> SignIn:
    """Sign in through the fake provider; returns the callback's answer."""

    def go(provider: str = "entra", **who: Any) -> httpx.Response:
        start = app_client.get(f"/console/sign-in/{provider}", follow_redirects=False)
        assert start.status_code == 303, start.text
        answer = idp.authorize(start.headers["location"], **who)
        return app_client.get(f"/console/auth/{provider}/callback?{answer}", follow_redirects=False)

    return go


def entra_user(email: str, tid: str = TID, **more: Any) -> dict[str, Any]:
    return {"tid": tid, "preferred_username": email, **more}


def google_user(email: str, hd: str | None = HD, **more: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {"email": email, "email_verified": True, **more}
    if hd is not None:
        claims["hd"] = hd
    return claims
