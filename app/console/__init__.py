"""The admin console (issue 12): server-rendered pages under ``/console``.

``mount(app)`` adds the pages, the self-hosted stylesheet and the handlers
that answer the console's errors as pages. Sign-in: :mod:`.auth`; sessions,
cookies and CSRF: :mod:`.sessions`; roles and permissions: :mod:`.roles`;
which schools a person reaches: :mod:`.access`; pages: :mod:`.routes`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from app.config import Settings
from app.console import dashboard, directory, integrations, notifications, rollout, trust_roles
from app.console.auth import EntraSignIn, GoogleSignIn
from app.console.policy import router as policy_router
from app.console.routes import Console, NotSignedIn, PageError, render, router
from app.console.sessions import Cookies
from app.console.settings import ConsoleSettings

__all__ = ["mount"]


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

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(_: Request, __: NotSignedIn) -> Response:
        return RedirectResponse("/console/sign-in", status_code=303)
