"""The health of a school's Microsoft Entra ID and Google settings: a real test
token exchange, reported in words an IT admin can act on.

- **Entra ID**: MSAL's ``ConfidentialClientApplication.acquire_token_for_client``
  for Microsoft Graph (``/.default``) against the school's tenant
  (``outlook.entra_tenant_id``), with the app the service uses for Graph
  there (``outlook.graph_client_id``, else ``ETIQUETTE_OUTLOOK_CLIENT_ID``) and
  its client secret (the variable ``outlook.graph_client_secret_env`` names,
  else ``ETIQUETTE_OUTLOOK_CLIENT_SECRET``). A new application object each
  time, so no cached token answers instead of Entra ID.
- **Google**: the service account key of the school's Google Workspace
  directory source (``kind: google``), refreshed by google-auth with the
  source's own scopes and delegated admin, exactly as a sync would.

Both go through the shared ``httpx`` client (:mod:`app.http_bridge`), so tests
play Entra ID and Google with ``httpx.MockTransport``. A report names what is
missing, or the code the provider answered (``AADSTS7000215``,
``unauthorized_client``) with its first line of explanation, never a secret:
the secret's value is scrubbed from anything shown, and exception texts from
the libraries (which may quote a URL or a response body) are never shown.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import msal
from google.auth import exceptions as google_exceptions

from app.directory.sources.base import SourceConfigError
from app.directory.sources.google import SCOPES as GOOGLE_SCOPES
from app.directory.sources.google import GoogleSource
from app.http_bridge import Httplib2Http, MsalHttp
from app.integrations.outlook.settings import OutlookSettings
from app.store.sync import SourceRecord
from app.tenant_state import TenantState

_TIMEOUT = 15.0
_AADSTS = re.compile(r"AADSTS\d{4,8}")

# Entra ID's codes an admin meets when setting up, in plain words.
AADSTS_HINTS: dict[str, str] = {
    "AADSTS7000215": "the client secret is wrong: use the secret's Value, not its Secret ID",
    "AADSTS7000222": "the client secret has expired: make a new one and update the variable",
    "AADSTS90002": "Entra ID knows no such tenant: check the school's Entra tenant id",
    "AADSTS900023": "the tenant id is not a valid tenant name or id",
    "AADSTS700016": "the app (client id) is not in this tenant: check the client id, and that "
    "the app is single-tenant in this school's tenant or consented to there",
    "AADSTS700023": "the app is not allowed to use client credentials in this tenant",
    "AADSTS53003": "a Conditional Access policy blocked the app",
}

GOOGLE_HINTS: dict[str, str] = {
    "unauthorized_client": "domain-wide delegation is missing for this service account's "
    "client id and the directory scopes (Admin console > Security > API controls)",
    "invalid_grant": "Google refused the service account's grant: the key may be deleted or "
    "disabled, or the delegated admin address is wrong",
    "access_denied": "the delegated admin may not grant these scopes",
}


@dataclass(frozen=True, slots=True)
class Health:
    """One provider's report. ``ok`` only after a token was actually issued."""

    provider: str  # "entra" | "google"
    ok: bool
    summary: str  # one sentence
    missing: tuple[str, ...] = ()
    code: str = ""  # the provider's error code (AADSTS..., invalid_grant)
    detail: str = ""  # the provider's first line of explanation, scrubbed
    checked: tuple[tuple[str, str], ...] = field(default=())  # (setting, value shown)

    @property
    def label(self) -> str:
        return {"entra": "Microsoft Entra ID", "google": "Google Workspace"}[self.provider]


class _Unreachable(Exception):
    """The bridge's failure: ``str(exc)`` is its reason (no URL, no body)."""


class _Recorder:
    """MSAL's ``http_client``: the shared client's bridge, keeping the last
    4xx/5xx answer, so an error MSAL raises as an exception (an unknown
    tenant fails in MSAL's tenant discovery with a ``ValueError`` carrying the
    whole body) is still reported by its code."""

    def __init__(self, inner: MsalHttp) -> None:
        self.inner = inner
        self.last_error: tuple[int, str] | None = None

    def _keep(self, resp: Any) -> Any:
        if resp.status_code >= 400:
            self.last_error = (resp.status_code, resp.text)
        return resp

    def post(self, url: str, **kw: Any) -> Any:
        return self._keep(self.inner.post(url, **kw))

    def get(self, url: str, **kw: Any) -> Any:
        return self._keep(self.inner.get(url, **kw))

    def close(self) -> None:
        return None


def _scrub(text: str, secrets: tuple[str, ...]) -> str:
    line = text.replace("\r", "\n").split("\n", 1)[0].strip()
    for s in secrets:
        if s and len(s) >= 4:
            line = line.replace(s, "[hidden]")
    return line[:300]


def _entra_error(body: Mapping[str, Any], secret: str) -> tuple[str, str, str]:
    """(error, AADSTS code, first line of the description) of an Entra answer."""
    error = str(body.get("error") or "")[:60]
    desc = str(body.get("error_description") or "")
    codes = body.get("error_codes")
    code = ""
    if isinstance(codes, list) and codes and isinstance(codes[0], int):
        code = f"AADSTS{codes[0]}"
    elif m := _AADSTS.search(desc):
        code = m.group(0)
    return error, code, _scrub(desc, (secret,))


def _entra_refused(error: str, code: str, detail: str) -> Health:
    hint = AADSTS_HINTS.get(code)
    what = f"{code} ({error})" if code and error else (code or error or "an error")
    summary = f"Entra ID refused the test token exchange: {what}"
    summary += f". {hint[0].upper()}{hint[1:]}." if hint else "."
    return Health("entra", False, summary, code=code or error, detail=detail)


def _graph_resource(outlook: OutlookSettings) -> str:
    parts = urlsplit(outlook.graph_base)
    return f"{parts.scheme}://{parts.netloc}/.default"


async def check_entra(
    http: httpx.AsyncClient, outlook: OutlookSettings, school: TenantState
) -> Health:
    cfg = school.settings.outlook
    client_id = cfg.graph_client_id or outlook.client_id
    secret = outlook.client_secret_for(cfg)
    secret_env = cfg.graph_client_secret_env or "ETIQUETTE_OUTLOOK_CLIENT_SECRET"
    missing = []
    if not cfg.entra_tenant_id:
        missing.append("the school's Entra tenant id (school settings: outlook.entra_tenant_id)")
    if not client_id:
        missing.append(
            "the app's client id (ETIQUETTE_OUTLOOK_CLIENT_ID, or the school's "
            "outlook.graph_client_id)"
        )
    if not secret:
        missing.append(f"the client secret (environment variable {secret_env} is not set)")
    checked = (
        ("Tenant", cfg.entra_tenant_id or "not set"),
        ("Client id", client_id or "not set"),
        ("Client secret", f"{secret_env}: " + ("set" if secret else "not set")),
    )
    if missing:
        return Health(
            "entra", False, "Not tested: a setting is missing.", tuple(missing), checked=checked
        )
    assert client_id and secret and cfg.entra_tenant_id
    loop = asyncio.get_running_loop()
    recorder = _Recorder(
        MsalHttp(http, loop, timeout=_TIMEOUT, error=lambda reason: _Unreachable(reason))
    )
    authority = f"{outlook.authority_host.rstrip('/')}/{cfg.entra_tenant_id}"

    def run() -> dict[str, Any]:
        app = msal.ConfidentialClientApplication(
            client_id,
            client_credential=secret,
            authority=authority,
            http_client=recorder,
            instance_discovery=False,
        )
        result: dict[str, Any] = app.acquire_token_for_client(scopes=[_graph_resource(outlook)])
        return result

    try:
        result = await asyncio.to_thread(run)
    except _Unreachable as exc:
        return _entra_unreachable(str(exc), checked)
    except (ValueError, RuntimeError, msal.exceptions.MsalError):
        # MSAL raises for a failed tenant discovery: the recorded answer says why.
        if recorder.last_error is not None:
            status, text = recorder.last_error
            try:
                body = json.loads(text)
            except ValueError:
                body = None
            if isinstance(body, dict):
                error, code, detail = _entra_error(body, secret)
                h = _entra_refused(error, code, detail)
                return Health(h.provider, False, h.summary, (), h.code, h.detail, checked)
            return Health(
                "entra",
                False,
                f"Entra ID answered HTTP {status} with no error code: it may be having a "
                "problem; test again later.",
                checked=checked,
            )
        return _entra_unreachable("its answer could not be read", checked)
    if "access_token" in result:
        return Health(
            "entra",
            True,
            "OK: Entra ID issued a token for Microsoft Graph to this app in the school's tenant.",
            checked=checked,
        )
    error, code, detail = _entra_error(result, secret)
    h = _entra_refused(error, code, detail)
    return Health(h.provider, False, h.summary, (), h.code, h.detail, checked)


def _entra_unreachable(reason: str, checked: tuple[tuple[str, str], ...]) -> Health:
    return Health(
        "entra",
        False,
        f"Entra ID could not be reached ({reason}): check the service's outbound network "
        "access to login.microsoftonline.com, then test again.",
        checked=checked,
    )


def _google_error(exc: google_exceptions.RefreshError) -> tuple[str, str]:
    body = exc.args[1] if len(exc.args) > 1 else None
    if isinstance(body, Mapping):
        error = str(body.get("error") or "")[:60]
        return error, _scrub(str(body.get("error_description") or ""), ())
    return "", ""


async def check_google(http: httpx.AsyncClient, sources: list[SourceRecord]) -> Health:
    google = [s for s in sources if s.kind == "google"]
    if not google:
        return Health(
            "google",
            False,
            "Not tested: this school has no Google Workspace directory source.",
            (
                "a directory source of kind google (Directory page, or "
                "PUT /v1/admin/schools/<school>/directory/sources/<name>) with "
                "service_account_env and admin_email",
            ),
        )
    source = google[0]
    env = str(source.config.get("service_account_env") or "not set")
    checked = (
        ("Directory source", source.name),
        ("Service account key", env),
        ("Delegated admin", str(source.config.get("admin_email") or "not set")),
    )
    loop = asyncio.get_running_loop()
    gs = GoogleSource(source.name, source.config)
    try:
        creds = gs._credentials()
    except SourceConfigError as exc:
        return Health(
            "google", False, "Not tested: a setting is missing.", (str(exc),), checked=checked
        )
    bridge = Httplib2Http(http, loop, timeout=_TIMEOUT)

    def run() -> None:
        import google_auth_httplib2

        creds.refresh(google_auth_httplib2.Request(bridge))

    try:
        await asyncio.to_thread(run)
    except google_exceptions.RefreshError as exc:
        error, detail = _google_error(exc)
        hint = GOOGLE_HINTS.get(error)
        summary = f"Google refused the service account's token: {error or 'an error'}"
        summary += f". {hint[0].upper()}{hint[1:]}." if hint else "."
        return Health("google", False, summary, (), error, detail, checked)
    except google_exceptions.TransportError:
        return Health(
            "google",
            False,
            "Google could not be reached: check the service's outbound network access to "
            "oauth2.googleapis.com, then test again.",
            checked=checked,
        )
    except google_exceptions.GoogleAuthError as exc:
        return Health(
            "google",
            False,
            f"The service account key could not be used ({type(exc).__name__}).",
            checked=checked,
        )
    scopes = ", ".join(s.rsplit("/", 1)[-1] for s in GOOGLE_SCOPES)
    return Health(
        "google",
        True,
        f"OK: Google issued the service account a token for the delegated admin ({scopes}).",
        checked=checked,
    )
