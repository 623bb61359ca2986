"""Two small ASGI middlewares: security headers, and containing errors.

Both are plain ASGI (no ``BaseHTTPMiddleware``) because they sit on the
send-time path of every check.
"""

from __future__ import annotations

import logging
import traceback

from starlette.middleware import body_limit
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("etiquette")

_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in _HEADERS if k not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


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


class ContainErrors:
    """Answer any unhandled exception with a 500 here, so it never reaches the
    server. Starlette's outermost error middleware re-raises after responding
    and uvicorn would then log the exception *with its message*, which can
    carry a name or an address from the request. We log where it failed and
    its type, never its text.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except _BODY_LIMIT:
            # A client's over-size body: the limiter answers 413. One line, no traceback.
            log.info("request body over the limit: 413 %s %s", scope["method"], scope["path"])
            raise
        except Exception as exc:
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("unhandled %s\n%s", type(exc).__name__, frames)
            if not started:
                response = JSONResponse({"detail": "internal error"}, status_code=500)
                await response(scope, receive, send)


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
