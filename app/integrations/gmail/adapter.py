"""The Gmail add-on as a host adapter (:class:`app.hosts.HostAdapter`).

Mounts the add-on's endpoint and its state (settings, Google's certificate
cache, the clock) built from ``ETIQUETTE_GMAIL_*``. Gmail verifies each of its
own requests (:mod:`.verify`), so it signs in no bearer token of the core API
and refines no check made there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, Request

from app.domain import Message
from app.hosts import Caller
from app.integrations.gmail.routes import GmailAddon, router
from app.integrations.gmail.settings import GmailSettings
from app.runtime import Runtime
from app.tenant_state import TenantState


class GmailHost:
    """``settings``: the operator's ``ETIQUETTE_GMAIL_*`` (read from the
    environment when not given); ``clock``: for tests."""

    name = "gmail"

    def __init__(
        self,
        settings: GmailSettings | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings if settings is not None else GmailSettings()
        self._clock = clock

    def mount(self, app: FastAPI) -> None:
        if self._clock is None:
            app.state.gmail_addon = GmailAddon.from_settings(self.settings)
        else:
            app.state.gmail_addon = GmailAddon.from_settings(self.settings, self._clock)
        app.include_router(router)

    def cors_origins(self) -> tuple[str, ...]:
        return ()  # Google calls the add-on server to server

    async def authenticate(
        self, request: Request, runtime: Runtime, credential: str
    ) -> Caller | None:
        return None

    async def refine(
        self,
        request: Request,
        runtime: Runtime,
        tenant: TenantState,
        caller: Caller,
        message: Message,
    ) -> TenantState:
        return tenant
