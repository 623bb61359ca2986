"""HTTP routes for the Outlook integration.

- ``/addin/...``: the add-in's files (``addin-ui/public``): the event handler
  bundle, the commands page and the task pane. The handler bundle is served
  with this deployment's settings written in (API origin, client id, scope),
  because the classic Windows runtime loads that one file and nothing else.
- ``/.well-known/microsoft-officeaddins-allowed.json``: lets the handler make
  cross-origin calls and use SSO from classic Outlook's JavaScript runtime.
- ``/addin/config.json``: the same settings, for the task pane and for checks.

The add-in cannot say which school it belongs to before its first check (the
bundle is fetched without sign-in), so the fail mode written in is the one
every school served here shares, else ``ETIQUETTE_OUTLOOK_FAIL_MODE``. After
each check the add-in keeps the fail mode the service returned for its school.

HTML pages get a Content-Security-Policy that allows framing only by
Outlook's own hosts, scripts only from us and Microsoft's Office.js CDN.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse

from app.api.deps import OptionalCallerDep, RuntimeDep
from app.integrations.outlook.graph import GraphError
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.state import OutlookState, outlook_state
from app.integrations.outlook.tokens import EntraIdentity
from app.tenant_state import TenantState

router = APIRouter(tags=["outlook"])

PLACEHOLDER = '"__ETIQUETTE_CONFIG__"'
OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com"
# Where Outlook on the web and new Outlook frame add-in pages.
OUTLOOK_FRAME_HOSTS = (
    "https://outlook.office.com",
    "https://outlook.office365.com",
    "https://outlook.cloud.microsoft",
    "https://*.outlook.com",
    "https://*.office.com",
    "https://*.office365.com",
    "https://*.cloud.microsoft",
)
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> bytes:
    return path.read_bytes()


def _origin(request: Request, settings: OutlookSettings) -> str:
    """This deployment's origin: ``ETIQUETTE_OUTLOOK_PUBLIC_HOST``; in demo mode
    without it, the address the server listens on. Never the request's ``Host``
    header, which the caller chooses and a shared cache could keep."""
    if settings.public_host:
        return settings.public_host
    runtime = getattr(request.app.state, "runtime", None)
    server = request.scope.get("server")
    if runtime is not None and runtime.settings.demo and server:
        host, port = str(server[0]), server[1]
        host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        host = f"[{host}]" if ":" in host else host
        scheme = request.url.scheme
        default = {"http": 80, "https": 443}.get(scheme)
        return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")
    raise HTTPException(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        detail="the add-in's origin is not configured: set ETIQUETTE_OUTLOOK_PUBLIC_HOST",
    )


def default_fail_mode(runtime: Any, settings: OutlookSettings) -> str:
    """The fail mode of every school this deployment serves, if they agree; else the setting."""
    schools: list[TenantState] = runtime.tenants() if runtime is not None else []
    modes = {str(t.policy.fail_mode.value) for t in schools}
    if len(modes) == 1:
        return modes.pop()
    return settings.fail_mode


def authority(runtime: Any, settings: OutlookSettings) -> str:
    """Where the add-in signs in: the registration's own tenant when it is single-tenant.

    ``ETIQUETTE_OUTLOOK_TENANT_ID`` if set; else the Entra tenant every school served
    here shares (a school or a trust with one registration); else ``/common``.
    """
    tenant = settings.tenant_id
    if tenant is None and runtime is not None:
        schools: list[TenantState] = runtime.tenants()
        ids = {t.settings.outlook.entra_tenant_id for t in schools}
        if len(ids) == 1:
            tenant = ids.pop()
    return f"{settings.authority_host.rstrip('/')}/{tenant or 'common'}"


def client_config(request: Request) -> dict[str, Any]:
    """What the add-in needs to know about this deployment (nothing secret)."""
    state = _state(request)
    settings = state.settings
    runtime = getattr(request.app.state, "runtime", None)
    demo = bool(runtime is not None and runtime.settings.demo)
    scope = ""
    if settings.client_id and settings.resolved_app_id_uri:
        scope = f"{settings.resolved_app_id_uri}/{settings.scope}"
    return {
        "apiBase": _origin(request, settings),
        "clientId": settings.client_id or "",
        "apiScope": scope,
        "authority": authority(runtime, settings),
        # The demo school's check key is public by design (README); it is handed out only
        # in demo mode without Entra ID sign-in, so pane outcomes can be recorded there.
        "apiKey": "etq_demo_check_key" if demo and not settings.client_id else "",
        "timeoutMs": settings.client_timeout_ms,
        # Microsoft Graph, for ATT001's "Share as a link instead" (the pane, the user's token).
        "graphBase": settings.graph_base,
        "failMode": default_fail_mode(runtime, settings),
    }


def _state(request: Request) -> OutlookState:
    state = outlook_state(request.app)
    if state is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Outlook add-in not mounted")
    return state


def _graph_origin(settings: OutlookSettings) -> str:
    """Graph's origin (uploads then go to the OneDrive host Graph names, *.sharepoint.com)."""
    scheme, _, rest = settings.graph_base.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def page_headers(request: Request) -> dict[str, str]:
    origin = _origin(request, _state(request).settings)
    csp = "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {OFFICE_JS_ORIGIN}",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' {origin} https://login.microsoftonline.com "
            f"{_graph_origin(_state(request).settings)} https://*.sharepoint.com",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self' " + " ".join(OUTLOOK_FRAME_HOSTS),
        )
    )
    return {
        "Content-Security-Policy": csp,
        "Strict-Transport-Security": "max-age=31536000",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    }


@router.get("/addin/config.json", include_in_schema=False)
def addin_config(request: Request) -> JSONResponse:
    return JSONResponse(client_config(request), headers={"Cache-Control": "no-cache"})


@router.get("/addin/{path:path}", include_in_schema=False)
def addin_file(path: str, request: Request) -> Response:
    root = _state(request).settings.static_dir.resolve()
    try:  # a NUL byte or an over-long name is a ValueError / OSError, not a 500
        target = (root / path).resolve()
        found = target.is_relative_to(root) and target.is_file() and target.suffix in _TYPES
    except (ValueError, OSError):
        found = False
    if not found:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="not found")
    body = _read(target, target.stat().st_mtime)
    headers = {"Cache-Control": "no-cache"}
    if target.suffix == ".js" and PLACEHOLDER.encode() in body:
        config = json.dumps(client_config(request), separators=(",", ":"))
        body = body.replace(PLACEHOLDER.encode(), config.encode())
    if target.suffix == ".html":
        headers.update(page_headers(request))
    # no-cache means "revalidate": with an ETag an unchanged file (the event bundle is
    # ~390 KB with MSAL) costs Outlook a 304, not a download.
    etag = f'"{_digest(body)}"'
    headers["ETag"] = etag
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    if target.suffix in (".js", ".css", ".html", ".json", ".svg") and len(body) > 1024:
        # The event bundle carries MSAL (~380 KB): gzip cuts what Outlook's 5-second Send
        # budget spends on downloading it to ~100 KB.
        headers["Vary"] = "Accept-Encoding"
        if "gzip" in request.headers.get("accept-encoding", "").lower():
            body = _gzip(body)
            headers["Content-Encoding"] = "gzip"
    media = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
    return Response(body, media_type=media, headers=headers)


@lru_cache(maxsize=32)
def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


@lru_cache(maxsize=32)
def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=6, mtime=0)


@router.post(
    "/v1/outlook/graph-token",
    operation_id="outlook_graph_token",
    responses={
        401: {"description": "No Entra ID token for this service."},
        409: {"description": "The school has not set up Microsoft Graph (On-Behalf-Of)."},
        502: {"description": "Microsoft 365 refused the exchange."},
    },
)
async def graph_token(
    request: Request, runtime: RuntimeDep, caller: OptionalCallerDep
) -> JSONResponse:
    """The signed-in teacher's own Microsoft Graph token, On-Behalf-Of.

    For the task pane's "Share as a link instead" (upload to the teacher's OneDrive)
    in Outlook builds without nested app authentication: the pane signs in with the
    legacy Office SSO, whose token is for this API, and exchanges it here. The Graph
    token carries the delegated permissions the school consented to (Files.ReadWrite
    for this fix); it is the teacher's own and is not stored.
    """
    identity = caller.identity if caller is not None else None
    if caller is None or not isinstance(identity, EntraIdentity):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="an Entra ID token for this service is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    state = _state(request)
    if not state.graph.enabled_for(caller.tenant):
        raise HTTPException(
            status.HTTP_409_CONFLICT, detail="Microsoft Graph is not set up for this school"
        )
    try:
        token = await state.graph.graph_token(runtime.http, caller.tenant, identity)
    except GraphError:
        raise HTTPException(
            status.HTTP_502_BAD_GATEWAY, detail="Microsoft 365 refused the exchange"
        ) from None
    return JSONResponse(
        {"access_token": token}, headers={"Cache-Control": "no-store", "Pragma": "no-cache"}
    )


@router.get("/.well-known/microsoft-officeaddins-allowed.json", include_in_schema=False)
def officeaddins_allowed(request: Request) -> JSONResponse:
    origin = _origin(request, _state(request).settings)
    return JSONResponse({"allowed": [f"{origin}/addin/launchevent.js"]})
