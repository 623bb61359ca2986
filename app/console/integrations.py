"""The Integrations page (linked from Keys): this deployment's add-in files
and the health of the school's Entra ID and Google settings.

Downloads are the same files the CLI writes (``etiquette manifest outlook``,
``etiquette manifest gmail``), from the same generators
(:mod:`app.integrations.outlook.manifest`, :func:`app.integrations.gmail.cli.deployment`),
with this deployment's public host (``ETIQUETTE_OUTLOOK_PUBLIC_HOST``,
``ETIQUETTE_GMAIL_BASE_URL``) and app ids filled in. They hold no secret. The
"Test" buttons (:mod:`app.console.health`) make a real token exchange.

In demo mode only, a setting the operator has not given is filled with a demo
value so the downloads work out of the box: the public host is
``https://localhost:<the port the demo listens on>`` (the listening socket's
port, as the Outlook routes' demo origin; never the request's ``Host``
header) and the add-in's client id is the all-zero placeholder
:data:`DEMO_CLIENT_ID`. The page and the files' names say they are demo files,
not for production. Outside demo mode nothing is filled in: the page names the
missing settings and the downloads answer 409.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app.console.health import Health, check_entra, check_google
from app.console.roles import Permission
from app.console.routes import FormDep, Here, PageError, render, require
from app.integrations.gmail.cli import deployment
from app.integrations.gmail.settings import GmailSettings
from app.integrations.outlook.manifest import AddinModel, render_unified, render_xml
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.state import outlook_state
from app.runtime import Runtime
from app.store.sync import SourceRecord, SyncRepo

router = APIRouter(prefix="/console", include_in_schema=False)

KeysRead = Annotated[Here, Depends(require(Permission.KEYS_READ))]
KeysWrite = Annotated[Here, Depends(require(Permission.KEYS_WRITE))]

_VERSION = re.compile(r"^\d{1,4}\.\d{1,4}\.\d{1,4}(\.\d{1,4})?$")


# A placeholder, not a registration: no Entra tenant has an app with this id.
DEMO_CLIENT_ID = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True, slots=True)
class DemoValues:
    """The settings the demo filled in (empty: none, the files are this deployment's own)."""

    filled: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.filled)


def _demo(request: Request) -> bool:
    runtime = getattr(request.app.state, "runtime", None)
    return bool(runtime is not None and runtime.settings.demo)


def demo_host(request: Request) -> str:
    """``https://localhost:<port>``: the port the demo server listens on (the
    socket's, from the ASGI scope), never the caller's ``Host`` header."""
    server = request.scope.get("server")
    port = server[1] if server and server[1] else None
    return "https://localhost" + (f":{port}" if port and port != 443 else "")


def _outlook_configured(request: Request) -> OutlookSettings:
    state = outlook_state(request.app)
    return state.settings if state is not None else OutlookSettings()


def _gmail_configured(request: Request) -> GmailSettings:
    addon = getattr(request.app.state, "gmail_addon", None)
    settings = getattr(addon, "settings", None)
    return settings if isinstance(settings, GmailSettings) else GmailSettings()


def _outlook(request: Request) -> tuple[OutlookSettings, DemoValues]:
    """The Outlook settings the manifests are written from; in demo mode the
    missing public host and client id are demo values (named in the result)."""
    settings = _outlook_configured(request)
    if not _demo(request):
        return settings, DemoValues()
    update: dict[str, str] = {}
    if not settings.public_host or not settings.public_host.startswith("https://"):
        update["public_host"] = demo_host(request)
    if not settings.client_id:
        update["client_id"] = DEMO_CLIENT_ID
    if not update:
        return settings, DemoValues()
    names = {
        "public_host": "ETIQUETTE_OUTLOOK_PUBLIC_HOST",
        "client_id": "ETIQUETTE_OUTLOOK_CLIENT_ID",
    }
    filled = tuple((names[k], v) for k, v in update.items())
    return settings.model_copy(update=update), DemoValues(filled)


def _gmail(request: Request) -> tuple[GmailSettings, DemoValues]:
    settings = _gmail_configured(request)
    if not _demo(request) or (settings.base_url and settings.base_url.startswith("https://")):
        return settings, DemoValues()
    host = demo_host(request)
    filled = (("ETIQUETTE_GMAIL_BASE_URL", host),)
    return settings.model_copy(update={"base_url": host}), DemoValues(filled)


def outlook_missing(settings: OutlookSettings) -> list[str]:
    """What the Outlook manifests still need from the operator (empty: ready)."""
    out = []
    if not settings.public_host or not settings.public_host.startswith("https://"):
        out.append(
            "ETIQUETTE_OUTLOOK_PUBLIC_HOST: this service's https:// address (Outlook loads "
            "add-ins over HTTPS only)"
        )
    if not settings.client_id:
        out.append("ETIQUETTE_OUTLOOK_CLIENT_ID: the add-in's Entra app (client) id")
    return out


def gmail_missing(settings: GmailSettings) -> list[str]:
    if not settings.base_url or not settings.base_url.startswith("https://"):
        return [
            "ETIQUETTE_GMAIL_BASE_URL: this service's https:// address (Google calls add-ons "
            "over HTTPS only)"
        ]
    return []


def _model(request: Request, version: str) -> tuple[AddinModel, DemoValues]:
    settings, demo = _outlook(request)
    missing = outlook_missing(settings)
    if missing:
        raise PageError(
            409,
            "Outlook manifests not available yet",
            "This deployment is missing: " + "; ".join(missing) + ".",
        )
    if not _VERSION.match(version):
        raise PageError(
            400, "Bad version", "The add-in version is numbers and dots, such as 1.0.1."
        )
    assert settings.public_host and settings.client_id
    model = AddinModel.build(
        settings.public_host,
        settings.client_id,
        app_id_uri=settings.app_id_uri,
        version=version,
    )
    return model, demo


def _name(filename: str, demo: DemoValues) -> str:
    """``demo-`` before a demo file's name, so it is not mistaken for the real one."""
    return f"demo-{filename}" if demo else filename


def _download(body: bytes, filename: str, media_type: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "content-disposition": f'attachment; filename="{filename}"',
            "cache-control": "no-store",
            "x-content-type-options": "nosniff",
        },
    )


def _sources(runtime: Runtime, tenant_id: str) -> list[SourceRecord]:
    with runtime.store.db.session() as session:
        return SyncRepo(session, tenant_id).sources()


def _page(request: Request, here: Here, results: list[Health], status: int = 200) -> Response:
    (outlook, outlook_demo), (gmail, gmail_demo) = _outlook(request), _gmail(request)
    return render(
        request,
        "integrations.html",
        status,
        here=here,
        P=Permission,
        outlook=outlook,
        gmail=gmail,
        outlook_demo=outlook_demo,
        demo_client_id=DEMO_CLIENT_ID,
        gmail_demo=gmail_demo,
        outlook_missing=outlook_missing(outlook),
        gmail_missing=gmail_missing(gmail),
        read_drafts=here.school.settings.gmail.read_drafts,
        results=results,
    )


@router.get("/schools/{school}/integrations")
async def integrations_page(request: Request, here: KeysRead) -> Response:
    return _page(request, here, [])


@router.get("/schools/{school}/integrations/outlook-manifest.xml")
async def outlook_xml(request: Request, here: KeysRead, version: str = "1.0.0") -> Response:
    model, demo = _model(request, version)
    body = render_xml(model).encode()
    return _download(body, _name("manifest.xml", demo), "application/xml")


@router.get("/schools/{school}/integrations/outlook-app.zip")
async def outlook_zip(request: Request, here: KeysRead, version: str = "1.0.0") -> Response:
    """The unified manifest's app package: manifest.json and its two icons."""
    model, demo = _model(request, version)
    assets = _outlook_configured(request).static_dir / "assets"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(render_unified(model), indent=2) + "\n")
        for name in ("color.png", "outline.png"):
            if (assets / name).is_file():
                z.write(assets / name, name)
    filename = _name("etiquette-outlook-app.zip", demo)
    return _download(buf.getvalue(), filename, "application/zip")


@router.get("/schools/{school}/integrations/gmail-deployment.json")
async def gmail_json(request: Request, here: KeysRead) -> Response:
    settings, demo = _gmail(request)
    missing = gmail_missing(settings)
    if missing:
        raise PageError(
            409,
            "Gmail deployment descriptor not available yet",
            "This deployment is missing: " + "; ".join(missing) + ".",
        )
    assert settings.base_url
    data = deployment(
        settings.base_url,
        name=settings.addon_name,
        read_drafts=here.school.settings.gmail.read_drafts,
    )
    body = (json.dumps(data, indent=2) + "\n").encode()
    return _download(body, _name("deployment.json", demo), "application/json")


@router.post("/schools/{school}/integrations/test")
async def test_settings(request: Request, here: KeysWrite, form: FormDep) -> Response:
    """A real test token exchange with Entra ID or Google; the page shows the result."""
    provider = form.get("provider", "")
    runtime: Runtime = request.app.state.runtime
    if provider == "entra":
        result = await check_entra(runtime.http, _outlook_configured(request), here.school)
    elif provider == "google":
        sources = await asyncio.to_thread(_sources, runtime, here.school.id)
        result = await check_google(runtime.http, sources)
    else:
        raise PageError(400, "Bad test", "Choose Entra ID or Google to test.")
    return _page(request, here, [result])
