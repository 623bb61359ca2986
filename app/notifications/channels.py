"""The channels a notice goes by: Microsoft Graph ``sendMail``, SMTP, and Teams
or Slack incoming webhooks.

Every HTTP call goes through the one shared ``httpx`` client (MSAL's token
request too, through :mod:`app.http_bridge`), so tests fake Graph and the
webhooks with ``httpx.MockTransport``. SMTP uses the standard library's
``smtplib`` in a worker thread, STARTTLS by default. Secrets (the Graph
client secret, SMTP credentials, the webhook URL) are read from the
environment variables the settings *name*; none is stored.

A failed attempt is retried a few times at once (tenacity: transient faults
only, a short back-off); what still fails raises :class:`DeliveryError`, and
the outbox tries again later.
"""

from __future__ import annotations

import asyncio
import os
import smtplib
import ssl
from collections.abc import Awaitable, Callable, Mapping
from email.message import EmailMessage
from typing import Any

import httpx
import msal
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from app.errors import Unavailable
from app.http_bridge import MsalHttp
from app.notifications.render import Notice
from app.tenants import NotificationSettings

GRAPH = "https://graph.microsoft.com/v1.0"
LOGIN = "https://login.microsoftonline.com"
SCOPES = ["https://graph.microsoft.com/.default"]
_TIMEOUT = 15.0


class DeliveryError(Unavailable):
    """A notice could not be delivered (the reason names no secret and no content)."""


class _Transient(DeliveryError):
    """Worth another attempt now: a timeout, a connection error, a 429 or 5xx."""


def _env(env: Mapping[str, str], name: str | None, what: str) -> str:
    if not name:
        raise DeliveryError(f"{what} is not configured")
    value = env.get(name, "")
    if not value:
        raise DeliveryError(f"{what}: environment variable {name} is not set")
    return value


async def _post(http: httpx.AsyncClient, url: str, what: str, **kw: Any) -> httpx.Response:
    try:
        resp = await http.post(url, timeout=_TIMEOUT, **kw)
    except httpx.HTTPError as exc:
        raise _Transient(f"{what}: {type(exc).__name__}") from None
    if resp.status_code == 429 or resp.status_code >= 500:
        raise _Transient(f"{what}: HTTP {resp.status_code}")
    if resp.status_code >= 400:
        raise DeliveryError(f"{what}: HTTP {resp.status_code}")
    return resp


# -- Microsoft Graph -----------------------------------------------------------------


async def graph_token(
    http: httpx.AsyncClient, tenant: str, client_id: str, client_secret: str
) -> str:
    """An app-only token for Graph (client credentials) from the school's tenant."""
    adapter = MsalHttp(http, asyncio.get_running_loop(), timeout=_TIMEOUT, error=_Transient)

    def acquire() -> dict[str, Any]:
        app = msal.ConfidentialClientApplication(
            client_id,
            client_credential=client_secret,
            authority=f"{LOGIN}/{tenant}",
            http_client=adapter,
        )
        result: dict[str, Any] = app.acquire_token_for_client(scopes=SCOPES)
        return result

    try:
        result = await asyncio.to_thread(acquire)
    except (ValueError, msal.exceptions.MsalError) as exc:
        raise DeliveryError(f"graph token: {type(exc).__name__}") from None
    token = result.get("access_token")
    if not isinstance(token, str):
        raise DeliveryError(f"graph token: {result.get('error', 'no token')}")
    return token


def graph_message(notice: Notice, recipients: list[str]) -> dict[str, Any]:
    """The ``sendMail`` body (Graph v1.0 ``user: sendMail``)."""
    return {
        "message": {
            "subject": notice.subject,
            "body": {"contentType": "Text", "content": notice.text},
            "toRecipients": [{"emailAddress": {"address": a}} for a in recipients],
        },
        "saveToSentItems": False,
    }


async def send_graph(
    cfg: NotificationSettings,
    notice: Notice,
    *,
    http: httpx.AsyncClient,
    entra_tenant_id: str | None,
    env: Mapping[str, str],
) -> None:
    if not entra_tenant_id:
        raise DeliveryError("graph: the school has no Entra tenant id (outlook.entra_tenant_id)")
    if not cfg.graph_client_id or not cfg.graph_sender:
        raise DeliveryError("graph: graph_client_id and graph_sender are required")
    if not cfg.recipients:
        raise DeliveryError("graph: no recipients")
    secret = _env(env, cfg.graph_client_secret_env, "graph client secret")
    token = await graph_token(http, entra_tenant_id, cfg.graph_client_id, secret)
    await _post(
        http,
        f"{GRAPH}/users/{cfg.graph_sender}/sendMail",
        "graph sendMail",
        json=graph_message(notice, cfg.recipients),
        headers={"Authorization": f"Bearer {token}"},
    )


# -- SMTP ------------------------------------------------------------------------------


def _smtp_send(cfg: NotificationSettings, notice: Notice, env: Mapping[str, str]) -> None:
    if not cfg.smtp_host or not cfg.smtp_from or not cfg.recipients:
        raise DeliveryError("smtp: smtp_host, smtp_from and recipients are required")
    if cfg.smtp_username_env and not cfg.smtp_starttls:
        raise DeliveryError("smtp: refusing to send credentials without STARTTLS")
    msg = EmailMessage()
    msg["Subject"] = notice.subject
    msg["From"] = cfg.smtp_from
    msg["To"] = ", ".join(cfg.recipients)
    msg.set_content(notice.text)
    try:
        with smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=_TIMEOUT) as smtp:
            if cfg.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if cfg.smtp_username_env:
                smtp.login(
                    _env(env, cfg.smtp_username_env, "smtp user name"),
                    _env(env, cfg.smtp_password_env, "smtp password"),
                )
            smtp.send_message(msg)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
        raise _Transient(f"smtp: {type(exc).__name__}") from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"smtp: {type(exc).__name__}") from None


async def send_smtp(cfg: NotificationSettings, notice: Notice, *, env: Mapping[str, str]) -> None:
    await asyncio.to_thread(_smtp_send, cfg, notice, env)


# -- webhooks ----------------------------------------------------------------------------


def teams_payload(notice: Notice) -> dict[str, Any]:
    """An Adaptive Card in a ``message``, as Teams incoming webhooks (and the
    Workflows webhook that replaces them) take it."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": notice.subject, "weight": "Bolder", "wrap": True}
    ]
    body += [{"type": "TextBlock", "text": line, "wrap": True} for line in notice.lines if line]
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": body,
                },
            }
        ],
    }


def slack_payload(notice: Notice) -> dict[str, Any]:
    """Slack incoming webhook: ``text`` (mrkdwn)."""
    return {"text": f"*{notice.subject}*\n{notice.text}"}


async def send_webhook(
    cfg: NotificationSettings, notice: Notice, *, http: httpx.AsyncClient, env: Mapping[str, str]
) -> None:
    url = _env(env, cfg.webhook_url_env, f"{cfg.channel} webhook URL")
    if not url.startswith("https://"):
        raise DeliveryError(f"{cfg.channel}: the webhook URL must be https")
    payload = teams_payload(notice) if cfg.channel == "teams" else slack_payload(notice)
    await _post(http, url, f"{cfg.channel} webhook", json=payload)


# -- one entry ---------------------------------------------------------------------------


async def deliver(
    cfg: NotificationSettings,
    notice: Notice,
    *,
    http: httpx.AsyncClient,
    entra_tenant_id: str | None,
    env: Mapping[str, str] | None = None,
    attempts: int = 3,
    wait: Callable[[float], Awaitable[None]] | None = None,
) -> None:
    """Send ``notice`` by the school's channel; transient faults are retried
    ``attempts`` times in all. Raises :class:`DeliveryError`."""
    environ = os.environ if env is None else env

    async def once() -> None:
        if cfg.channel == "graph":
            await send_graph(cfg, notice, http=http, entra_tenant_id=entra_tenant_id, env=environ)
        elif cfg.channel == "smtp":
            await send_smtp(cfg, notice, env=environ)
        else:
            await send_webhook(cfg, notice, http=http, env=environ)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=0.5, max=5),
        retry=retry_if_exception_type(_Transient),
        reraise=True,
        sleep=wait if wait is not None else asyncio.sleep,
    )
    async for attempt in retrying:
        with attempt:
            await once()
