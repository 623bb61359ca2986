"""The service's own ASGI layers: :class:`Edge` around every request, and
:class:`JsonTooLarge` outermost.

Plain ASGI (no ``BaseHTTPMiddleware``) because they sit on the send-time path
of every check, and one layer rather than three: each layer is an await and a
wrapped ``send`` per message.
"""

from __future__ import annotations

import logging
import os
import re
import time
import traceback

from starlette.middleware import body_limit
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.observability import metrics
from app.observability.logs import request_id

log = logging.getLogger("etiquette")
access_log = logging.getLogger("etiquette.access")

_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_SECURITY_NAMES = frozenset(k for k, _ in _SECURITY_HEADERS)
_REQUEST_ID = b"x-request-id"
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

# Starlette's body limiter signals "413 already sent" and "too large" with private
# exceptions that pass through this middleware on their way to the limiter.
_BODY_LIMIT: tuple[type[BaseException], ...] = tuple(
    e
    for e in (
        getattr(body_limit, "_RequestBodyLimitResponseSent", None),
        getattr(body_limit, "_RequestBodyTooLarge", None),
    )
    if isinstance(e, type) and issubclass(e, BaseException)
)


def _incoming_id(scope: Scope) -> str:
    """The caller's ``X-Request-ID`` when it is a short token (a proxy's or the
    add-in's), otherwise a new random one (32 hex digits)."""
    for key, value in scope["headers"]:
        if key == _REQUEST_ID:
            text = bytes(value).decode("latin-1")
            if _VALID_ID.fullmatch(text):
                return text
            break
    return os.urandom(16).hex()


def route_template(scope: Scope) -> str:
    """The matched route's path template, never the path itself (it holds slugs)."""
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else "unmatched"


class Edge:
    """Around every HTTP request, in this order from the outside in:

    1. **Request context**: a request id for the logs (``request_id``) and the
       response (``X-Request-ID``); the HTTP metrics by route template; the
       opt-in access line (``ETIQUETTE_ACCESS_LOG``).
    2. **Security headers** (``X-Content-Type-Options``, ``Referrer-Policy``)
       on every response, the 500s below included, unless the app set them.
    3. **Containing errors**: any unhandled exception is answered with a 500
       here, so it never reaches the server. Starlette's outermost error
       middleware re-raises after responding and uvicorn would then log the
       exception *with its message*, which can carry a name or an address
       from the request. We log where it failed and its type, never its text.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope)
        token = request_id.set(rid)
        t0 = time.perf_counter()
        status = 500
        started = False

        async def edge_send(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = int(message["status"])
                headers = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                if _SECURITY_NAMES.isdisjoint(present):
                    headers.extend(_SECURITY_HEADERS)
                else:
                    headers.extend((k, v) for k, v in _SECURITY_HEADERS if k not in present)
                headers.append((_REQUEST_ID, rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            try:
                await self.app(scope, receive, edge_send)
            except _BODY_LIMIT:
                # A client's over-size body: the limiter answers 413. One line, no traceback.
                log.info("request body over the limit: 413 %s %s", scope["method"], scope["path"])
                raise
            except Exception as exc:
                frames = "".join(traceback.format_tb(exc.__traceback__))
                log.error("unhandled %s\n%s", type(exc).__name__, frames)
                if not started:
                    response = JSONResponse({"detail": "internal error"}, status_code=500)
                    await response(scope, receive, edge_send)
        finally:
            elapsed = time.perf_counter() - t0
            route = route_template(scope)
            method = str(scope.get("method", "GET"))
            if route != "/metrics":
                metrics.observe_request(method, route, status, elapsed)
            if access_log.isEnabledFor(logging.INFO):  # opt-in: ETIQUETTE_ACCESS_LOG
                access_log.info(
                    "%s %s %d",
                    method,
                    route,
                    status,
                    extra={
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 3),
                    },
                )
            request_id.reset(token)


class JsonTooLarge:
    """Starlette's body limiter answers 413 in plain text, from outside every
    other middleware; this outermost wrapper rewrites that one answer into the
    API's error shape (``{"detail": ...}``, app/api/openapi.py)."""

    BODY = b'{"detail":"the request body is over the limit"}'

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rewriting = False

        async def json_send(message: Message) -> None:
            nonlocal rewriting
            if message["type"] == "http.response.start" and message["status"] == 413:
                headers = dict(message.get("headers", []))
                if headers.get(b"content-type", b"").startswith(b"text/plain"):
                    rewriting = True
                    headers[b"content-type"] = b"application/json"
                    headers[b"content-length"] = str(len(self.BODY)).encode()
                    message = {**message, "headers": list(headers.items())}
            elif message["type"] == "http.response.body" and rewriting:
                if message.get("more_body", False):
                    return  # the plain text's remainder; ours goes in one piece
                message = {**message, "body": self.BODY}
            await send(message)

        await self.app(scope, receive, json_send)
