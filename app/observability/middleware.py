"""Request context: a request id for logs and the response, and the HTTP metrics.

Plain ASGI (it sits on the send-time path of every check). The id comes from
the caller's ``X-Request-ID`` when it is a short token (a proxy's or the
add-in's), otherwise a new one; it is returned in ``X-Request-ID``.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.observability import metrics
from app.observability.logs import request_id

log = logging.getLogger("etiquette.access")

_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_HEADER = b"x-request-id"


def _incoming_id(scope: Scope) -> str:
    for key, value in scope.get("headers", ()):
        if key == _HEADER:
            text = bytes(value).decode("latin-1")
            if _VALID_ID.fullmatch(text):
                return text
            break
    return uuid.uuid4().hex


def route_template(scope: Scope) -> str:
    """The matched route's path template, never the path itself (it holds slugs)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "unmatched"


class RequestContext:
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

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((_HEADER, rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - t0
            route = route_template(scope)
            method = str(scope.get("method", "GET"))
            if route != "/metrics":
                metrics.observe_request(method, route, status, elapsed)
            if log.isEnabledFor(logging.INFO):  # opt-in: ETIQUETTE_ACCESS_LOG
                log.info(
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
