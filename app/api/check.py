"""``POST /v1/check`` and ``POST /v1/outcome``."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import ValidationError

from app.api.deps import (
    CHECK_SECURITY,
    CheckCallerDep,
    OptionalCallerDep,
    RuntimeDep,
    check_caller,
    get_runtime,
    unauthorized,
)
from app.api.schemas import CheckRequest, CheckResponse, OutcomeIn
from app.checker import Outcome, OutcomeRefused, Purpose
from app.hosts import Caller, mounted_hosts
from app.runtime import Runtime
from app.tenant_state import TenantState

router = APIRouter(prefix="/v1", tags=["check"])


def resolve_tenant(runtime: Runtime, caller_tenant: TenantState | None, sender: str) -> TenantState:
    """The school is the sender's domain's; a key must belong to that school.

    A sender at a domain no school owns (a personal account added to Outlook)
    is checked under the key's school: that is exactly the case PUP002 exists
    for. At a trust's shared domain the sender's school is the one whose
    roster holds them (``app.trusts.routing``): a trust identity (Entra
    tenant, Google domain) moves to it, and a school's key must be its key; a
    sender no roster holds is checked under the key's school, or under the
    trust's fallback view for a trust identity.
    """
    if caller_tenant is not None and caller_tenant.trust_view:
        if caller_tenant.id == "":  # a trust admin key: administers, never checks
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, detail="a trust admin key cannot check mail"
            )
        # A trust identity: the one routing path the hosts' sign-ins use too.
        return runtime.school_for(caller_tenant, sender)
    by_domain = runtime.tenant_for_sender(sender)
    if caller_tenant is not None:
        if (
            by_domain is not None
            and by_domain.trust_view
            and by_domain.trust_id is not None
            and by_domain.trust_id == caller_tenant.trust_id
        ):
            return caller_tenant  # a shared domain, and no roster claims the sender
        if by_domain is not None and by_domain.id != caller_tenant.id:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, detail="sender's domain belongs to another school"
            )
        return caller_tenant
    if not runtime.settings.demo:
        raise unauthorized("an API key is required")
    if by_domain is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {
                    "loc": ["body", "sender", "email"],
                    "msg": "the address's domain matches no configured school",
                    "type": "value_error",
                }
            ],
        )
    return by_domain


_JSON = ("application/json", "application/json; charset=utf-8", "application/json;charset=utf-8")


class CheckRoute(APIRoute):
    """``/v1/check`` as FastAPI declares it (the same OpenAPI operation, the
    same answers), with a direct path for the request every client sends: a
    JSON body that validates. That path reads the body, validates it once
    with pydantic's JSON parser (no ``json.loads`` then a second pass over the
    Python objects), reads the caller as the dependency would, and calls the
    same :func:`run_check`, skipping FastAPI's per-request dependency solving
    and content-type parsing. Anything else (another content type, no or an
    over-limit ``Content-Length``, a body that does not validate) goes through
    FastAPI's own handler, so every error answers exactly as before, in the
    same order (a bad body's 422 before a bad key's 401 only when the JSON
    itself is broken, as FastAPI reads the JSON before the dependencies)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        declared = super().get_route_handler()

        async def handler(request: Request) -> Response:
            headers = request.headers
            length = headers.get("content-length")
            if (
                headers.get("content-type") not in _JSON
                or length is None
                or not length.isdigit()
                or int(length) > request.app.state.settings.max_body_bytes
            ):
                return await declared(request)
            raw = await request.body()
            try:
                body = CheckRequest.model_validate_json(raw)
            except ValidationError:
                return await declared(request)  # FastAPI's error answer (the body is cached)
            return await run_check(request, body, await check_caller(request))

        return handler


async def check(body: CheckRequest, request: Request, caller: CheckCallerDep) -> Response:
    """Check a draft against its school's policy and return the verdict."""
    return await run_check(request, body, caller)


router.add_api_route(
    "/check",
    check,
    methods=["POST"],
    operation_id="check_message",
    response_model=CheckResponse,
    openapi_extra={"security": CHECK_SECURITY},
    route_class_override=CheckRoute,
)


async def run_check(request: Request, body: CheckRequest, caller: Caller | None) -> Response:
    """The check itself, once the body is valid and the caller known."""
    runtime = await get_runtime(request)
    tenant = resolve_tenant(runtime, caller.tenant if caller else None, body.sender.email)
    message = body.to_message(datetime.now(UTC))
    if caller is not None and caller.identity is not None:
        # A user signed in through a host (Outlook: Graph, where the school set it up).
        for host in mounted_hosts(request.app):
            tenant = await host.refine(request, runtime, tenant, caller, message)
    # Inline, not in the thread pool: the rules take well under a millisecond and
    # the audit append is one small write; a thread hop costs more than both
    # and, under load, makes the event loop queue for the interpreter lock.
    result = runtime.checker.check(tenant, message, purpose=Purpose(body.purpose))
    # The payload is built from the typed Verdict, so it is not validated again
    # against ``response_model`` (which stays for the OpenAPI schema).
    content = CheckResponse.encode(result.verdict, result.check_id, tenant.policy.fail_mode.value)
    return Response(content, media_type="application/json")


@router.post(
    "/outcome",
    operation_id="record_outcome",
    status_code=status.HTTP_202_ACCEPTED,
    responses={202: {"description": "Recorded (codes and outcome only)."}},
)
def outcome(body: OutcomeIn, runtime: RuntimeDep, caller: OptionalCallerDep) -> dict[str, str]:
    """Record what the user did after a check (sent anyway, fixed, cancelled)."""
    if caller is None:
        raise unauthorized("an API key is required")
    if caller.tenant.id == "":
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="a trust admin key cannot check mail")
    rules = caller.tenant.policy.rules
    needs_reason = any(rules[c].reason_required and not rules[c].silent for c in body.codes)
    try:
        for _ in range(body.count):
            runtime.checker.record_outcome(
                caller.tenant.id,
                caller.tenant.policy.version,
                str(body.check_id) if body.check_id else None,
                Outcome(body.outcome),
                host=body.host,
                codes=tuple(body.codes),
                reason=body.reason,
                needs_reason=needs_reason,
            )
    except OutcomeRefused as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=[
                {
                    "loc": ["body", exc.field],
                    "msg": str(exc),
                    "type": "value_error",
                }
            ],
        ) from None
    return {"status": "accepted"}
