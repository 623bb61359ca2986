"""app.hosts: a mail client is an adapter that create_app mounts and the core
asks to sign in and to refine a check, without knowing which host it is."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.testclient import TestClient

from app.config import Settings
from app.domain import Message, Severity
from app.hosts import Caller, HostAdapter
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.main import HOSTS, create_app
from app.runtime import Runtime
from app.tenant_state import TenantState
from tests.api.test_check_api import GOOD
from tests.conftest import CHECKER


class FakeHost:
    """A third mail client: one route, its own sign-in, a refinement."""

    name = "fake"

    def __init__(self) -> None:
        self.refined: list[str] = []

    def mount(self, app: FastAPI) -> None:
        router = APIRouter(prefix="/fake")

        @router.get("/ping", include_in_schema=False)
        def ping(request: Request) -> dict[str, Any]:
            return {"state": request.app.state.fake}

        app.state.fake = "mounted"
        app.include_router(router)

    def cors_origins(self) -> tuple[str, ...]:
        return ("https://fake-mail.example",)

    async def authenticate(
        self, request: Request, runtime: Runtime, credential: str
    ) -> Caller | None:
        if not credential.startswith("fake:"):
            return None
        if credential != "fake:good":
            raise HTTPException(401, detail="bad fake sign-in")
        (tenant,) = runtime.tenants()
        return Caller(tenant, "check", "fake", identity="a fake user")

    async def refine(
        self,
        request: Request,
        runtime: Runtime,
        tenant: TenantState,
        caller: Caller,
        message: Message,
    ) -> TenantState:
        if caller.identity != "a fake user":
            return tenant
        self.refined.append(caller.label)
        rules = dict(tenant.policy.rules)
        rules["REC003"] = rules["REC003"].model_copy(update={"severity": Severity.OFF})
        return replace(tenant, policy=tenant.policy.model_copy(update={"rules": rules}))


def test_by_default_every_host_in_hosts_is_mounted(settings: Settings) -> None:
    app = create_app(settings)
    assert [type(h) for h in app.state.hosts] == [OutlookHost, GmailHost] == list(HOSTS)


def test_a_registered_adapter_is_mounted_signs_in_and_refines(settings: Settings) -> None:
    fake = FakeHost()
    adapter: HostAdapter = fake  # the protocol, checked by mypy
    with TestClient(create_app(settings, hosts=(adapter,))) as c:
        assert c.get("/fake/ping").json() == {"state": "mounted"}
        # Only the adapters given are mounted.
        assert c.get("/addin/config.json").status_code == 404
        assert c.post("/gmail/addon?action=home", json={}).status_code == 404
        cors = {"Origin": "https://fake-mail.example", "Access-Control-Request-Method": "POST"}
        allowed = c.options("/v1/check", headers=cors).headers
        assert allowed.get("access-control-allow-origin") == "https://fake-mail.example"

        signed_in = {"Authorization": "Bearer fake:good"}
        by_key = c.post("/v1/check", headers=CHECKER, json=GOOD).json()
        by_host = c.post("/v1/check", headers=signed_in, json=GOOD).json()
        assert (by_key["action"], by_host["action"]) == ("warn", "allow")
        assert fake.refined == ["fake"]  # a key's check is not refined by a host
        bad = c.post("/v1/check", headers={"Authorization": "Bearer fake:bad"}, json=GOOD)
        assert bad.status_code == 401
