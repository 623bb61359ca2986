"""Dependencies as ``Annotated`` aliases: ``RuntimeDep``, ``AdminDep``, ``TenantRepoDep``..."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from app.errors import NotFound
from app.hosts import Caller, mounted_hosts
from app.runtime import Runtime
from app.store import TenantRepo

# The dependencies on the check path are ``async def``: FastAPI runs a plain
# ``def`` dependency in the thread pool, a hop that costs more than the work.


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


_bearer = HTTPBearer(
    auto_error=False,
    description="A school's API key (etq_...) or an Entra ID access token from the Outlook add-in.",
)
_header = APIKeyHeader(name="X-API-Key", auto_error=False)


async def api_key(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> str | None:
    if header:
        return header
    return bearer.credentials if bearer else None


ApiKeyDep = Annotated[str | None, Depends(api_key)]


def unauthorized(reason: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=reason, headers={"WWW-Authenticate": "Bearer"}
    )


async def optional_caller(request: Request, runtime: RuntimeDep, key: ApiKeyDep) -> Caller | None:
    return await _caller_for_key(request, runtime, key)


async def check_caller(request: Request) -> Caller | None:
    """``optional_caller`` as one dependency with none of its own: the check
    path's hot loop, where FastAPI solving the runtime, both security schemes
    and the key as four sub-dependencies cost more than the lookup. The route
    declares the schemes in its OpenAPI ``security`` (``CHECK_SECURITY``)."""
    headers = request.headers
    return await caller_from(request, headers.get("X-API-Key"), headers.get("Authorization"))


async def caller_from(
    request: Request, api_key_header: str | None, authorization: str | None
) -> Caller | None:
    """:func:`check_caller` from the two headers' values, already read (the
    check lane reads them with the others it needs, in one pass)."""
    key = api_key_header  # what ``_header`` reads
    if not key:
        # What ``_bearer`` reads, without building its credentials model.
        scheme, credentials = get_authorization_scheme_param(authorization)
        key = credentials if scheme.lower() == "bearer" and credentials else None
    return await _caller_for_key(request, request.app.state.runtime, key)


CheckCallerDep = Annotated[Caller | None, Depends(check_caller)]

# What ``check_caller`` reads, said as ``optional_caller``'s dependencies say it.
CHECK_SECURITY: list[dict[str, list[str]]] = [{"HTTPBearer": []}, {"APIKeyHeader": []}]


async def _caller_for_key(request: Request, runtime: Runtime, key: str | None) -> Caller | None:
    if not key:
        return None
    for host in mounted_hosts(request.app):
        signed_in = await host.authenticate(request, runtime, key)
        if signed_in is not None:
            return signed_in
    hit = runtime.tenant_for_key(key)
    if hit is None:
        trust_hit = runtime.trust_for_key(key)
        if trust_hit is None:
            raise unauthorized("unknown or revoked API key")
        from app.trusts.routing import placeholder

        trust, trust_label = trust_hit
        return Caller(placeholder(trust), TRUST_ADMIN, f"trust-key:{trust_label}", None, trust.id)
    state, role, label = hit
    return Caller(state, role, f"key:{label or role}")


OptionalCallerDep = Annotated[Caller | None, Depends(optional_caller)]


TRUST_ADMIN = "trust-admin"


def admin_for_school(
    school: Annotated[str, Path(description="The school's slug.", max_length=64)],
    caller: OptionalCallerDep,
    runtime: RuntimeDep,
) -> Caller:
    if caller is None:
        raise unauthorized("an admin API key is required")
    if caller.role == TRUST_ADMIN and caller.trust_id is not None:
        # A trust admin administers every school of its trust, and no other.
        state = runtime.school_of_trust(caller.trust_id, school)
        if state is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="school not found")
        return Caller(state, "admin", caller.label, None, caller.trust_id)
    # Another school's slug answers 404, not 403: its existence is not ours to tell.
    if caller.tenant.slug != school:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="school not found")
    if caller.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="this key cannot administer")
    return caller


AdminDep = Annotated[Caller, Depends(admin_for_school)]


def tenant_session(runtime: RuntimeDep, admin: AdminDep) -> Iterator[TenantRepo]:
    """A tenant-scoped repository for the admin's school (one transaction)."""
    with runtime.store.db.session() as session:
        try:
            yield runtime.store.scoped(session, admin.tenant.id)
        except NotFound:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="school not found") from None


# scope="function": the transaction commits before the answer is sent, so an answer
# never says "saved" for a write whose commit then failed, and the client's next
# request sees it (the default, "request", commits after the answer is sent).
TenantRepoDep = Annotated[TenantRepo, Depends(tenant_session, scope="function")]
