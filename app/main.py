"""``create_app()``: routers, middleware, and the lifespan that owns the
store, the runtime cache, the audit writer and the shared HTTP client."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline

from app import console
from app.api import admin, check, directory_sync, health, lifecycle, openapi, rules, trusts
from app.api.errors import install_error_handlers
from app.audit import AuditSink
from app.config import Settings
from app.directory.sync.scheduler import run_scheduler
from app.hosts import HostAdapter
from app.http import make_client
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.middleware import Edge, JsonTooLarge
from app.notifications.service import Notifier, run_notifier
from app.observability import metrics
from app.observability import routes as metrics_routes
from app.runtime import Runtime
from app.store import Database, Store
from app.store.audit_process import ProcessWriter

log = logging.getLogger("etiquette")

# The mail clients served: one adapter each (app.hosts.HostAdapter), built from
# its own ETIQUETTE_<HOST>_* settings. A new host is a package under
# app/integrations/ and one entry here.
HOSTS: tuple[Callable[[], HostAdapter], ...] = (OutlookHost, GmailHost)


def create_app(
    settings: Settings | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    hosts: Sequence[HostAdapter] | None = None,
) -> FastAPI:
    """The service. ``hosts``: the host adapters to mount (default: one of each
    in :data:`HOSTS`, from the environment)."""
    settings = settings or Settings()
    adapters = tuple(hosts) if hosts is not None else tuple(make() for make in HOSTS)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings.store_url)
        if settings.migrate_on_start:
            await asyncio.to_thread(db.migrate)
        store = Store(db)
        from app.demo import check_isolation

        # The demo's public keys never meet a real school's data (raises DemoIsolationError).
        await asyncio.to_thread(check_isolation, store, demo=settings.demo)
        # The inserts run in a child process (app/store/audit_process.py): the
        # write-ahead log append stays in the check, the database work leaves
        # the interpreter that serves requests.
        writer = ProcessWriter(settings.store_url)
        audit = AuditSink(writer, settings.audit_spool, max_queue=settings.audit_queue_max)
        restored = audit.load_spool()
        if restored:
            log.info("audit: %d spooled events queued for writing", restored)
        if settings.demo:
            from app.demo import ensure_demo

            # Synthetic audit history for the dashboard, except under test.
            await asyncio.to_thread(ensure_demo, store, history=settings.environment != "test")
        async with make_client(transport) as http:
            runtime = Runtime(settings, store, audit, http)
            await asyncio.to_thread(runtime.refresh_sync)
            # The first check's lazy loads (word lists, holiday tables) happen here.
            await asyncio.to_thread(runtime.checker.warm, runtime.tenants())
            app.state.runtime = runtime
            # Notices for the safeguarding lead, derived from audit events as they are written.
            notifier = Notifier(runtime)
            audit.add_observer(notifier.observe)
            app.state.notifier = notifier
            metrics.RUNTIMES.attach(runtime)
            # What startup built (directories, name indexes, word lists: some
            # 300,000 objects) lives as long as the process; leave it out of the
            # cyclic collector, whose full passes over it paused every request
            # in flight for a third of a second under load. (A young collection
            # first, which is quick, so that startup's own litter is not frozen;
            # a full one would cost every test's app a third of a second too.)
            gc.collect(1)
            gc.freeze()
            tasks = [
                asyncio.create_task(runtime.run_refresh()),
                asyncio.create_task(audit.run(settings.audit_flush_seconds)),
                asyncio.create_task(runtime.listen()),
                asyncio.create_task(run_scheduler(runtime)),
                asyncio.create_task(run_notifier(notifier)),
            ]
            try:
                yield
            finally:
                for t in tasks:
                    t.cancel()
                for t in tasks:
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await t
                # A console sync still running uses the pool disposed below.
                await runtime.background.drain()
                metrics.RUNTIMES.detach(runtime)
                gc.unfreeze()
                await asyncio.to_thread(runtime.close)
                await asyncio.to_thread(audit.flush)
                await asyncio.to_thread(writer.close)
                audit.spool_remaining()
                db.dispose()

    # Swagger UI and ReDoc from assets packaged with fastapi-offline: no CDN.
    app = FastAPIOffline(
        title="Etiquette",
        version="1.0.0",
        summary="Checks a school email against the school's own policy before it is sent.",
        lifespan=lifespan,
        # Streaming limit (413): a chunked body is cut off as it arrives, not read whole.
        # Admin uploads raise it per route.
        max_body_size=settings.max_body_bytes,
        # FastAPI's native OpenTelemetry is off: the service exports its own
        # Prometheus metrics (/metrics) and structured logs, and asking for the
        # global OpenTelemetry providers on every request was 2 % of a check.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    openapi.install(app)  # one error shape, documented per operation
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: JsonTooLarge(build_stack())  # type: ignore[method-assign]

    # Inner to outer: the check's direct path (app/api/check.py, CheckLane: it
    # must be the innermost, next to Starlette's exception middleware); the
    # request id, metrics, security headers and a 500 for any unhandled error
    # (app/middleware.py); CORS outside them.
    app.add_middleware(check.CheckLane)
    app.add_middleware(Edge)

    # Browsers may call the API only from the hosts' origins (ETIQUETTE_OUTLOOK_PUBLIC_HOST)
    # and any origins set in ETIQUETTE_CORS_ORIGINS.
    host_origins = (o for h in adapters for o in h.cors_origins())
    origins = list(dict.fromkeys((*settings.cors_origins, *host_origins)))
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Name the field and the problem; never echo the input back (it may be a name).
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    install_error_handlers(app)

    for r in (health.router, check.router, rules.router, admin.router):
        app.include_router(r)
    app.include_router(lifecycle.router)
    app.include_router(directory_sync.router)
    app.include_router(trusts.router)
    app.include_router(trusts.school_router)
    # Host integrations: routes and state; the core asks them to sign in and refine.
    for host in adapters:
        host.mount(app)
    app.state.hosts = adapters
    app.include_router(metrics_routes.router)
    console.mount(app, settings)  # the admin console's pages (issue 12)
    return app
