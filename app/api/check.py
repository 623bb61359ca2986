"""``POST /v1/check`` and ``POST /v1/outcome``."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette._exception_handler import wrap_app_handling_exceptions
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.deps import (
    CHECK_SECURITY,
    CheckCallerDep,
    OptionalCallerDep,
    RuntimeDep,
    caller_from,
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
_JSON_BYTES = tuple(t.encode() for t in _JSON)
_PATH = "/v1/check"


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
)
_ROUTE = next(r for r in router.routes if isinstance(r, APIRoute) and r.path == _PATH)


class CheckLane:
    """ASGI, just inside :class:`app.middleware.Edge`: the request every client
    sends (``POST /v1/check``, a JSON body with a ``Content-Length`` within the
    limit, that validates) goes straight to :func:`run_check`, past Starlette's
    and FastAPI's per-request layers (exception middleware, exit stacks, the
    router's match, the route's body limits, ``request_response``, dependency
    solving), which were a fifth of a check's CPU. The body is validated once,
    by pydantic's JSON parser.

    Everything else goes to the app as usual: another path, method or content
    type, no or an over-limit ``Content-Length``, a body that does not
    validate (replayed to the app, so FastAPI's own handler answers its 422 in
    its own order: a broken JSON's 422 before a bad key's 401). On the direct
    path the app's exception handlers answer what ``run_check`` raises
    (a 401, 403 or 422), looked up as Starlette's exception middleware looks
    them up, and the scope names the route, as the router would, for the
    metrics. ``tests/api/test_check_api.py`` compares both paths' answers on
    good, lax and bad bodies with a good, a bad and no key.

    Installed as the innermost user middleware, so the app it wraps is
    Starlette's exception middleware; were it anything else, every request
    takes the usual path.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._handlers = (
            (app._exception_handlers, app._status_handlers)
            if isinstance(app, ExceptionMiddleware)
            else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self._handlers is None
            or scope["type"] != "http"
            or scope["path"] != _PATH
            or scope["method"] != "POST"
            or scope.get("root_path")
        ):
            await self.app(scope, receive, send)
            return
        # The four headers this path reads, in one pass over the raw list (the
        # first of each, as Starlette's ``Headers.get`` answers).
        ctype = length = api_key = authorization = None
        for name, value in scope["headers"]:
            if name == b"content-type":
                if ctype is None:
                    ctype = value
            elif name == b"content-length":
                if length is None:
                    length = value
            elif name == b"x-api-key":
                if api_key is None:
                    api_key = value
            elif name == b"authorization" and authorization is None:
                authorization = value
        request = Request(scope, receive, send)
        if (
            ctype not in _JSON_BYTES
            or length is None
            or not length.isdigit()
            or int(length) > request.app.state.settings.max_body_bytes
        ):
            await self.app(scope, receive, send)
            return
        raw = await request.body()
        try:
            body = CheckRequest.model_validate_json(raw)
        except ValidationError:
            await self.app(scope, _replay(raw, receive), send)  # FastAPI's error answer
            return
        scope.setdefault("router", request.app.router)
        scope["route"] = _ROUTE
        scope["endpoint"] = check
        scope["path_params"] = {}
        scope["starlette.exception_handlers"] = self._handlers

        async def answer(scope: Scope, receive: Receive, send: Send) -> None:
            caller = await caller_from(
                request,
                None if api_key is None else api_key.decode("latin-1"),
                None if authorization is None else authorization.decode("latin-1"),
            )
            response = await run_check(request, body, caller)
            await response(scope, receive, send)

        await wrap_app_handling_exceptions(answer, request)(scope, receive, send)


def _replay(raw: bytes, receive: Receive) -> Receive:
    """``receive`` with the body already read handed out again first."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}
        return await receive()

    return replay


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
