"""The Integrations page (linked from Keys): this deployment's add-in files
and the health of the school's Entra ID and Google settings.

Downloads are the same files the CLI writes (``etiquette manifest outlook``,
``etiquette manifest gmail``), from the same generators
(:mod:`app.integrations.outlook.manifest`, :func:`app.integrations.gmail.cli.deployment`),
with this deployment's public host (``ETIQUETTE_OUTLOOK_PUBLIC_HOST``,
``ETIQUETTE_GMAIL_BASE_URL``) and app ids filled in. They hold no secret. The
"Test" buttons (:mod:`app.console.health`) make a real token exchange.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import zipfile
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


def _outlook(request: Request) -> OutlookSettings:
    state = outlook_state(request.app)
    return state.settings if state is not None else OutlookSettings()


def _gmail(request: Request) -> GmailSettings:
    addon = getattr(request.app.state, "gmail_addon", None)
    settings = getattr(addon, "settings", None)
    return settings if isinstance(settings, GmailSettings) else GmailSettings()


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


def _model(request: Request, version: str) -> AddinModel:
    settings = _outlook(request)
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
    return AddinModel.build(
        settings.public_host,
        settings.client_id,
        app_id_uri=settings.app_id_uri,
        version=version,
    )


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
    outlook, gmail = _outlook(request), _gmail(request)
    return render(
        request,
        "integrations.html",
        status,
        here=here,
        P=Permission,
        outlook=outlook,
        gmail=gmail,
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
    body = render_xml(_model(request, version)).encode()
    return _download(body, "manifest.xml", "application/xml")


@router.get("/schools/{school}/integrations/outlook-app.zip")
async def outlook_zip(request: Request, here: KeysRead, version: str = "1.0.0") -> Response:
    """The unified manifest's app package: manifest.json and its two icons."""
    model = _model(request, version)
    assets = _outlook(request).static_dir / "assets"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(render_unified(model), indent=2) + "\n")
        for name in ("color.png", "outline.png"):
            if (assets / name).is_file():
                z.write(assets / name, name)
    return _download(buf.getvalue(), "etiquette-outlook-app.zip", "application/zip")


@router.get("/schools/{school}/integrations/gmail-deployment.json")
async def gmail_json(request: Request, here: KeysRead) -> Response:
    settings = _gmail(request)
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
    return _download(body, "deployment.json", "application/json")


@router.post("/schools/{school}/integrations/test")
async def test_settings(request: Request, here: KeysWrite, form: FormDep) -> Response:
    """A real test token exchange with Entra ID or Google; the page shows the result."""
    provider = form.get("provider", "")
    runtime: Runtime = request.app.state.runtime
    if provider == "entra":
        result = await check_entra(runtime.http, _outlook(request), here.school)
    elif provider == "google":
        sources = await asyncio.to_thread(_sources, runtime, here.school.id)
        result = await check_google(runtime.http, sources)
    else:
        raise PageError(400, "Bad test", "Choose Entra ID or Google to test.")
    return _page(request, here, [result])
