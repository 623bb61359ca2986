"""Host integrations as adapters: what the core API asks of a mail client's
integration (Outlook, Gmail, the next one) without importing it.

An adapter is one package under ``app/integrations/`` exposing an object that
implements :class:`HostAdapter`. ``create_app`` mounts each (routes, state
built from the adapter's own settings) and keeps the list on
``app.state.hosts``; the check path then asks them, in order, to authenticate
a credential (:meth:`HostAdapter.authenticate`) and to refine a check
(:meth:`HostAdapter.refine`). Adding a mail client is one package plus one
entry in ``app.main.HOSTS``.

The check flow: host adapter -> authenticate -> resolve tenant -> refine ->
``Checker.check`` -> one serializer -> audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fastapi import FastAPI, Request

from app.domain import Message
from app.runtime import Runtime
from app.tenant_state import TenantState


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is calling: a static key's school and role, or a user signed in
    through a host (``identity`` is then that host's own identity object,
    which only its adapter reads; such a caller is never an admin)."""

    tenant: TenantState
    role: str  # check | admin | trust-admin
    label: str
    identity: object | None = None  # set by a host adapter's sign-in
    trust_id: str | None = None  # set for a trust admin key (role "trust-admin")


class HostAdapter(Protocol):
    """One mail client's integration, as the core sees it."""

    @property
    def name(self) -> str: ...

    def mount(self, app: FastAPI) -> None:
        """Include the host's routes and install its state on ``app.state``."""

    def cors_origins(self) -> tuple[str, ...]:
        """Browser origins the host's client calls the API from (may be empty)."""

    async def authenticate(
        self, request: Request, runtime: Runtime, credential: str
    ) -> Caller | None:
        """The caller for a bearer credential this host issues; ``None`` if the
        credential is not this host's kind. Raise 401 for one that is but fails."""

    async def refine(
        self,
        request: Request,
        runtime: Runtime,
        tenant: TenantState,
        caller: Caller,
        message: Message,
    ) -> TenantState:
        """The tenant as this caller's check should see it (e.g. the sender's own
        working hours from their mailbox); ``tenant`` unchanged when not this
        host's caller."""


def mounted_hosts(app: FastAPI) -> tuple[HostAdapter, ...]:
    hosts: tuple[HostAdapter, ...] = getattr(app.state, "hosts", ())
    return hosts
