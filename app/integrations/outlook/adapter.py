"""The Outlook add-in as a host adapter (:class:`app.hosts.HostAdapter`).

Mounts the add-in's routes and its state (the Entra token validator, the
Graph refiner) built from ``ETIQUETTE_OUTLOOK_*``; signs in Entra ID bearer
tokens; refines a signed-in teacher's check with Microsoft Graph.
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request, status

from app.domain import Message
from app.hosts import Caller
from app.integrations.outlook.routes import router
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.state import OutlookState, outlook_state
from app.integrations.outlook.tokens import EntraIdentity, TokenError, looks_like_jwt
from app.runtime import Runtime
from app.tenant_state import TenantState


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=reason, headers={"WWW-Authenticate": "Bearer"}
    )


class OutlookHost:
    """``settings``: the operator's ``ETIQUETTE_OUTLOOK_*`` (read from the
    environment when not given)."""

    name = "outlook"

    def __init__(self, settings: OutlookSettings | None = None) -> None:
        self.settings = settings if settings is not None else OutlookSettings()

    def mount(self, app: FastAPI) -> None:
        app.state.outlook = OutlookState.create(self.settings)
        app.include_router(router)

    def cors_origins(self) -> tuple[str, ...]:
        """The add-in's origin (``ETIQUETTE_OUTLOOK_PUBLIC_HOST``), if set."""
        return (self.settings.public_host,) if self.settings.public_host else ()

    async def authenticate(
        self, request: Request, runtime: Runtime, credential: str
    ) -> Caller | None:
        """A JWT bearer: verify it as an Entra ID token, then find the school by its ``tid``."""
        if not looks_like_jwt(credential):
            return None
        state = outlook_state(request.app)
        if state is None:
            raise _unauthorized("Entra ID sign-in is not configured on this service")
        try:
            identity = await state.validator.validate(credential, runtime.http)
        except TokenError as exc:
            raise _unauthorized(str(exc)) from None
        tenant = runtime.tenant_for_entra(identity.tenant_id)
        if tenant is None:
            raise _unauthorized("your organisation's Entra ID tenant is not set up for any school")
        return Caller(tenant, "check", "entra", identity)

    async def refine(
        self,
        request: Request,
        runtime: Runtime,
        tenant: TenantState,
        caller: Caller,
        message: Message,
    ) -> TenantState:
        """A signed-in Outlook user: refine with Graph where the school set it up."""
        state = outlook_state(request.app)
        if state is None or not isinstance(caller.identity, EntraIdentity):
            return tenant
        return await state.graph.refine(runtime.http, tenant, caller.identity, message)
