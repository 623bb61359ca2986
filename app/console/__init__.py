"""The admin console (issue 12): server-rendered pages under ``/console``.

``mount(app)`` adds the pages, the self-hosted stylesheet and the handlers
that answer the console's errors as pages. Sign-in: :mod:`.auth`; sessions,
cookies and CSRF: :mod:`.sessions`; roles and permissions: :mod:`.roles`;
which schools a person reaches: :mod:`.access`; pages: :mod:`.routes`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from app.api.errors import database_unreachable
from app.config import Settings
from app.console import dashboard, directory, integrations, notifications, rollout, trust_roles
from app.console.auth import EntraSignIn, GoogleSignIn
from app.console.policy import router as policy_router
from app.console.routes import Console, NotSignedIn, PageError, render, router
from app.console.sessions import Cookies
from app.console.settings import ConsoleSettings

__all__ = ["mount"]

_PAGES = {
    404: ("Page not found", "There is no such page, or it is not yours to see."),
    405: ("Not allowed here", "This page does not take that kind of request: use its form."),
}


def mount(app: FastAPI, settings: Settings, console: ConsoleSettings | None = None) -> None:
    console = console or ConsoleSettings()
    if not console.cookie_secure and not settings.demo and settings.environment == "production":
        raise ValueError(
            "ETIQUETTE_CONSOLE_COOKIE_SECURE=false is for trying the demo on http://127.0.0.1 only"
        )
    app.state.console = Console(
        console, Cookies(settings.secret_key, console), EntraSignIn(console), GoogleSignIn(console)
    )
    app.include_router(router)
    app.include_router(policy_router)
    app.include_router(integrations.router)
    app.include_router(trust_roles.router)
    app.include_router(notifications.router)
    app.include_router(rollout.router)
    app.include_router(dashboard.router)
    app.include_router(directory.router)
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app.mount("/console/static", static, name="console-static")

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return render(request, "error.html", exc.status, title=exc.title, message=exc.message)

    @app.exception_handler(HTTPException)
    async def no_such_page(request: Request, exc: HTTPException) -> Response:
        # A console address no route matches (an unknown page, or a school slug with
        # an encoded '/' in it): the console's page, not the API's JSON.
        if request.url.path.startswith("/console/") and exc.status_code in _PAGES:
            title, message = _PAGES[exc.status_code]
            return render(request, "error.html", exc.status_code, title=title, message=message)
        return await http_exception_handler(request, exc)

    @app.exception_handler(OperationalError)
    async def database_down(request: Request, exc: OperationalError) -> Response:
        # The database unreachable (or refusing connections): say so, and that it
        # passes; checks keep answering from memory meanwhile. The API: its JSON 503.
        if not request.url.path.startswith("/console"):
            return await database_unreachable(request, exc)
        response = render(
            request,
            "error.html",
            503,
            title="Service unavailable",
            message="The console cannot reach its database just now. Email checks carry on "
            "as before; try the console again in a minute.",
        )
        response.headers["retry-after"] = "60"
        return response

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(_: Request, __: NotSignedIn) -> Response:
        return RedirectResponse("/console/sign-in", status_code=303)
