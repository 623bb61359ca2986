"""The Notifications page: what the safeguarding lead is told, and how.

Everyone with ``notifications:read`` (admin, safeguarding lead, auditor) sees
the recent notices (rule, trigger, counts, times, a short sender reference)
and the outbox (status, attempts, the last error's kind). Admins
(``notifications:write``) set the channel, recipients, mode and thresholds
(the ``notifications`` section of the school's settings, as PATCH .../settings
sets it) and send a test notification.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.console.roles import Permission
from app.console.routes import FormDep, Here, PageError, _changed, render, require
from app.notifications.render import LONDON, RULE_TITLES, TRIGGERS
from app.notifications.service import Notifier, effective
from app.runtime import Runtime
from app.store.notifications import NotificationStore
from app.tenants import NotificationSettings, TenantSettings

router = APIRouter(prefix="/console", include_in_schema=False)

NotesRead = Annotated[Here, Depends(require(Permission.NOTIFICATIONS_READ))]
NotesWrite = Annotated[Here, Depends(require(Permission.NOTIFICATIONS_WRITE))]

_CHECKBOXES = ("enabled", "notify_overrides", "include_sender_identity", "smtp_starttls")
_TEXT = (
    "channel",
    "mode",
    "digest_time",
    "repeat_threshold",
    "repeat_window_minutes",
    "graph_client_id",
    "graph_client_secret_env",
    "graph_sender",
    "smtp_host",
    "smtp_port",
    "smtp_from",
    "smtp_username_env",
    "smtp_password_env",
    "webhook_url_env",
)
NOTICES = {
    "saved": "The notification settings were saved.",
    "test-sent": "The test notification was sent.",
    "test-failed": "The test notification could not be sent: see the outbox below.",
    "test-pending": "The test notification is queued.",
}


def _runtime(request: Request) -> Runtime:
    r: Runtime = request.app.state.runtime
    return r


def _notifier(request: Request) -> Notifier:
    n: Notifier = request.app.state.notifier
    return n


def _from_form(form: dict[str, str]) -> NotificationSettings:
    data: dict[str, Any] = {k: form.get(k) == "on" for k in _CHECKBOXES}
    for k in _TEXT:
        v = form.get(k, "").strip()
        if v:
            data[k] = v
    recipients = form.get("recipients", "").replace(",", "\n").split()
    data["recipients"] = recipients
    return NotificationSettings.model_validate(data)


def _problems(exc: ValidationError) -> str:
    out = []
    for e in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(x) for x in e["loc"]) or "form"
        out.append(f"{field}: {e['msg']}")
    return "; ".join(out)


@router.get("/schools/{school}/notifications")
async def notifications_page(request: Request, here: NotesRead, done: str = "") -> Response:
    runtime = _runtime(request)
    store = NotificationStore(runtime.store.db)
    recent = await asyncio.to_thread(store.recent, here.school.id, 50)
    outbox = await asyncio.to_thread(store.outbox, here.school.id, 50)
    return render(
        request,
        "notifications.html",
        here=here,
        P=Permission,
        cfg=effective(runtime, here.school),
        inherited=effective(runtime, here.school) is not here.school.settings.notifications,
        recent=recent,
        outbox=outbox,
        rules=RULE_TITLES,
        triggers=TRIGGERS,
        london=LONDON,
        notice=NOTICES.get(done, ""),
    )


@router.post("/schools/{school}/notifications")
async def save_notifications(request: Request, here: NotesWrite, form: FormDep) -> Response:
    try:
        cfg = _from_form(form)
    except ValidationError as exc:
        raise PageError(400, "Settings not saved", _problems(exc)) from None
    runtime = _runtime(request)

    def write() -> None:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            current = repo.settings()
            repo.update_settings(
                TenantSettings(outlook=current.outlook, gmail=current.gmail, notifications=cfg)
            )

    await asyncio.to_thread(write)
    await _changed(request, here, "notifications.update", "settings")
    return RedirectResponse(
        f"/console/schools/{here.school.slug}/notifications?done=saved", status_code=303
    )


@router.post("/schools/{school}/notifications/test")
async def send_test(request: Request, here: NotesWrite, form: FormDep) -> Response:
    item_id, status = await _notifier(request).send_test(here.school.id)
    await _changed(request, here, "notifications.test", str(item_id))
    done = {"sent": "test-sent", "pending": "test-pending"}.get(status, "test-failed")
    return RedirectResponse(
        f"/console/schools/{here.school.slug}/notifications?done={done}", status_code=303
    )
