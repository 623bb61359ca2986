"""HTTP routes for the Gmail add-on.

One endpoint serves every trigger and button, routed by ``?action=``:

- ``home``: the homepage card (what Etiquette checks, the school's thresholds)
- ``compose``: the compose trigger ("Check this email"): check, push a card
- ``check``: "Check again": re-check the draft as the event now describes it
- ``fix``: apply one fix (``updateDraftActionMarkup``) and re-render the card
- ``grant``: ask Gmail for the add-on's scopes (granular consent)
- ``anyway``: "I'm sending it as it is": record ``sent_anyway`` for the card's
  check, with the reason chosen on the card where the school asks for one

Gmail has no send hook, so the checks a user asks for (the compose card,
"Check again") are audited as ``review``; the check that redraws the card
after a fix button is ``background``, so the audit's per-rule figures count
each look at a draft once.

Every request is verified first (:mod:`.verify`); the sender is the verified
user, never an address from the body.
"""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from app.api.deps import RuntimeDep
from app.checker import CheckResult, Outcome, OutcomeRefused, Purpose
from app.domain import (
    Address,
    ComposeType,
    FixKind,
    Host,
    Message,
    OverrideReason,
    Recipient,
    RecipientField,
    Severity,
    Verdict,
)
from app.integrations.gmail import fixes, views
from app.integrations.gmail.cards import Render, request_scopes
from app.integrations.gmail.drafts import DRAFT_READ_SCOPE, DraftLookup, DraftStatus, find_draft
from app.integrations.gmail.events import MAX_PER_FIELD, EventObject
from app.integrations.gmail.settings import GmailSettings
from app.integrations.gmail.verify import (
    GoogleCerts,
    GoogleIdentity,
    VerificationError,
    verify_google_caller,
    verify_request,
)
from app.policy import Policy
from app.rules.base import Reads
from app.rules.registry import BY_CODE, RULES
from app.runtime import Runtime
from app.tenant_state import TenantState

log = logging.getLogger("etiquette.gmail")

router = APIRouter(prefix="/gmail", tags=["gmail"])

SCOPE_EXECUTE = "https://www.googleapis.com/auth/gmail.addons.execute"
SCOPE_COMPOSE = "https://www.googleapis.com/auth/gmail.addons.current.action.compose"
SCOPE_METADATA = "https://www.googleapis.com/auth/gmail.addons.current.message.metadata"
SCOPE_EMAIL = "https://www.googleapis.com/auth/userinfo.email"
SCOPE_LOCALE = "https://www.googleapis.com/auth/script.locale"
REQUIRED_SCOPES = (SCOPE_EXECUTE, SCOPE_COMPOSE, SCOPE_METADATA, SCOPE_EMAIL)

# Rules that read the subject (as each rule says): off when the subject is not
# known, so an unread subject is not reported as a missing one.
SUBJECT_RULES = tuple(r.code for r in RULES if Reads.SUBJECT in r.reads)


class AddonAction(StrEnum):
    HOME = "home"
    COMPOSE = "compose"
    CHECK = "check"
    FIX = "fix"
    GRANT = "grant"
    ANYWAY = "anyway"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class GmailAddon:
    """Per-app state: settings, the certificate cache and the clock."""

    settings: GmailSettings
    certs: GoogleCerts
    clock: Callable[[], datetime] = field(default=_now)
    # Each school's policy with the subject rules off, per tenant revision.
    reduced: dict[tuple[str, int], Policy] = field(default_factory=dict)

    @classmethod
    def from_settings(
        cls, settings: GmailSettings, clock: Callable[[], datetime] = _now
    ) -> GmailAddon:
        return cls(settings, GoogleCerts(settings), clock)


def get_addon(request: Request) -> GmailAddon:
    """The app's add-on state, installed by the adapter's mount (``app.state.gmail_addon``)."""
    addon: GmailAddon = request.app.state.gmail_addon
    return addon


def _without_subject_rules(addon: GmailAddon, tenant: TenantState) -> Policy:
    """The tenant's policy with the subject rules off (cached per tenant revision)."""
    key = (tenant.id, tenant.revision)
    cache = addon.reduced
    hit = cache.get(key)
    if hit is None:
        rules = dict(tenant.policy.rules)
        for code in SUBJECT_RULES:
            rules[code] = rules[code].model_copy(update={"severity": Severity.OFF})
        hit = tenant.policy.model_copy(update={"rules": rules})
        if len(cache) > 256:
            cache.clear()
        cache[key] = hit
    return hit


@dataclass(frozen=True, slots=True)
class _Checked:
    lookup: DraftLookup
    result: CheckResult


def _message(
    identity: GoogleIdentity,
    event: EventObject,
    draft: fixes.Draft,
    lookup: DraftLookup,
    now: datetime,
) -> Message:
    zone = event.common.time_zone.zone() if event.common.time_zone else None
    send_at = now.astimezone(zone) if zone else now

    def recips(items: fixes.Listed, fld: RecipientField) -> tuple[Recipient, ...]:
        return tuple(Recipient(a.email, a.name, fld) for a in items)

    content = lookup.content
    return Message(
        sender=Address(identity.email),
        send_at=send_at,
        to=recips(draft.to, RecipientField.TO),
        cc=recips(draft.cc, RecipientField.CC),
        bcc=recips(draft.bcc, RecipientField.BCC),
        # The checked subject: the matched draft's, even where several drafts matched
        # (``draft.subject`` is only set when it is certainly this draft's).
        subject=content.subject if content else "",
        attachments=content.attachments if content else (),
        compose_type=ComposeType.NEW,
        host=Host.GMAIL,
    )


async def _lookup(
    runtime: Runtime,
    addon: GmailAddon,
    tenant: TenantState,
    event: EventObject,
    draft: fixes.Draft,
) -> DraftLookup:
    if not tenant.settings.gmail.read_drafts:
        return DraftLookup(DraftStatus.OFF)
    auth = event.auth
    granted = auth.authorized_scopes if auth else None
    if (
        not auth
        or not auth.user_oauth_token
        or (granted is not None and DRAFT_READ_SCOPE not in granted)
    ):
        return DraftLookup(DraftStatus.NO_SCOPE)
    return await find_draft(
        runtime.http,
        auth.user_oauth_token,
        [a.email for a in draft.recipients],
        timeout=addon.settings.draft_timeout_seconds,
        candidates=addon.settings.draft_candidates,
    )


def _prepare(
    addon: GmailAddon,
    identity: GoogleIdentity,
    event: EventObject,
    draft: fixes.Draft,
    lookup: DraftLookup,
    now: datetime,
) -> tuple[fixes.Draft, TenantState, Message]:
    """The draft (subject set only when certain), the tenant as checked, the message."""
    tenant = identity.tenant
    subject = lookup.content.subject if lookup.content is not None else None
    draft = replace(draft, subject=subject if lookup.status is DraftStatus.READ else None)
    if lookup.content is None:
        tenant = replace(tenant, policy=_without_subject_rules(addon, tenant))
    return draft, tenant, _message(identity, event, draft, lookup, now)


async def _check(
    runtime: Runtime,
    addon: GmailAddon,
    identity: GoogleIdentity,
    event: EventObject,
    draft: fixes.Draft,
    lookup: DraftLookup,
    now: datetime,
    purpose: Purpose,
) -> _Checked:
    _, tenant, message = _prepare(addon, identity, event, draft, lookup, now)
    result = await run_in_threadpool(runtime.checker.check, tenant, message, purpose=purpose)
    return _Checked(lookup, result)


def _verdict(
    runtime: Runtime,
    addon: GmailAddon,
    identity: GoogleIdentity,
    event: EventObject,
    draft: fixes.Draft,
    lookup: DraftLookup,
    now: datetime,
) -> tuple[fixes.Draft, Verdict]:
    """The verdict for the draft, not audited: only to find the fix a button stands for."""
    draft, tenant, message = _prepare(addon, identity, event, draft, lookup, now)
    result = runtime.checker.check(tenant, message, policy=tenant.policy, audit=False)
    return draft, result.verdict


def _compose_view(
    checked: _Checked,
    identity: GoogleIdentity,
    event: EventObject,
    addon: GmailAddon,
    secret: str,
    endpoint: str,
) -> views.ComposeView:
    tz = event.common.time_zone
    return views.ComposeView(
        verdict=checked.result.verdict,
        school=identity.tenant.policy.school_name or identity.tenant.name,
        draft_status=checked.lookup.status,
        platform=event.common.platform_kind,
        user_zone=tz.zone() if tz else None,
        school_zone=identity.tenant.policy.zone,
        links=views.Links(endpoint),
        secret=secret,
        check_id=checked.result.check_id,
    )


@router.post(
    "/addon",
    operation_id="gmail_addon",
    summary="Google Workspace add-on endpoint (homepage, compose trigger, buttons)",
    responses={401: {"description": "Not a verified request from the school's add-on."}},
)
async def addon_endpoint(
    request: Request,
    event: EventObject,
    runtime: RuntimeDep,
    action: Annotated[AddonAction, Query()] = AddonAction.HOME,
) -> JSONResponse:
    addon = get_addon(request)
    endpoint = addon.settings.endpoint
    if endpoint is None:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="Gmail add-on not configured: set ETIQUETTE_GMAIL_BASE_URL",
        )
    granted = event.auth.authorized_scopes if event.auth else None
    missing = granted is not None and any(sc not in granted for sc in REQUIRED_SCOPES)
    if not (event.auth and event.auth.user_id_token) and (missing or action is AddonAction.GRANT):
        # Google sends userIdToken only once userinfo.email is granted: ask for the scopes
        # first (granular consent), from a verified Google request, rather than a 401.
        try:
            await verify_google_caller(
                request.headers.get("authorization"), runtime, addon.settings, addon.certs
            )
        except VerificationError as exc:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                detail=exc.reason,
                headers={"WWW-Authenticate": "Bearer"},
            ) from None
        return JSONResponse(request_scopes())
    try:
        identity = await verify_request(
            request.headers.get("authorization"),
            event.auth.user_id_token if event.auth else None,
            runtime,
            addon.settings,
            addon.certs,
        )
    except VerificationError as exc:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, detail=exc.reason, headers={"WWW-Authenticate": "Bearer"}
        ) from None

    if action is AddonAction.GRANT or missing:
        return JSONResponse(request_scopes())

    tenant = identity.tenant
    school = tenant.policy.school_name or tenant.name
    links = views.Links(endpoint)
    if action is AddonAction.ANYWAY:
        return JSONResponse(_sent_anyway(runtime, identity, event))
    if action is AddonAction.HOME:
        card = views.home_card(tenant.policy, school, tenant.settings.gmail.read_drafts, links)
        return JSONResponse(Render(card, bare=True).to_json())

    if event.gmail is not None and event.gmail.oversize:
        card = views.oversize_card(links, school, event.gmail.oversize, MAX_PER_FIELD)
        return JSONResponse(Render(card, update=action is not AddonAction.COMPOSE).to_json())

    draft = fixes.Draft.from_event(event.gmail)
    if not (draft.to or draft.cc or draft.bcc):
        card = views.empty_card(links, school)
        return JSONResponse(Render(card, update=action is not AddonAction.COMPOSE).to_json())

    now = addon.clock()
    secret = runtime.settings.secret_key
    lookup = await _lookup(runtime, addon, tenant, event, draft)
    if action is AddonAction.FIX:
        return JSONResponse(
            await _apply_fix(runtime, identity, event, addon, draft, lookup, now, secret, endpoint)
        )
    checked = await _check(runtime, addon, identity, event, draft, lookup, now, Purpose.REVIEW)
    card = views.compose_card(_compose_view(checked, identity, event, addon, secret, endpoint))
    return JSONResponse(Render(card, update=action is AddonAction.CHECK).to_json())


_CHANGED = "The draft has changed: here is the latest check."
_SUBJECT_UNCERTAIN = (
    "More than one saved draft goes to these recipients, so the subject was not changed: "
    "edit it yourself."
)


async def _apply_fix(
    runtime: Runtime,
    identity: GoogleIdentity,
    event: EventObject,
    addon: GmailAddon,
    draft: fixes.Draft,
    lookup: DraftLookup,
    now: datetime,
    secret: str,
    endpoint: str,
) -> dict[str, Any]:
    """Apply the fix a button stands for, then redraw the card for the draft as it will be.

    Two evaluations, one audited check: the draft as it is now is evaluated
    (not audited) only to find the fix the button was drawn for and confirm it
    still applies; the card is then redrawn from one ``background`` check of
    the draft as it will be (or as it is, if the fix no longer applies). The
    outcome is recorded against the check that drew the card the user pressed.
    """
    current, verdict = await run_in_threadpool(
        _verdict, runtime, addon, identity, event, draft, lookup, now
    )
    card_check = event.parameter("c")
    hit = fixes.find(verdict, event.parameter("fix"), card_check, event.parameter("h"), secret)
    applied = fixes.apply(hit[1], current, identity.email) if hit else None
    if hit is None or applied is None:
        uncertain = (
            hit is not None
            and hit[1].kind is FixKind.REPLACE_SUBJECT
            and lookup.status is DraftStatus.AMBIGUOUS
        )
        checked = await _check(
            runtime, addon, identity, event, draft, lookup, now, Purpose.BACKGROUND
        )
        card = views.compose_card(_compose_view(checked, identity, event, addon, secret, endpoint))
        note = _SUBJECT_UNCERTAIN if uncertain else _CHANGED
        return Render(card, update=True, notification=note).to_json()
    finding, fix = hit
    new_draft, update = applied
    runtime.checker.record_outcome(
        identity.tenant.id,
        identity.tenant.policy.version,
        card_check,
        Outcome.FIXED,
        host=Host.GMAIL.value,
        codes=(finding.code,),
    )
    # Re-check the draft as it will be once Gmail applies the update.
    after = lookup
    if after.content is not None and new_draft.subject is not None:
        after = DraftLookup(after.status, replace(after.content, subject=new_draft.subject))
    rechecked = await _check(
        runtime, addon, identity, event, new_draft, after, now, Purpose.BACKGROUND
    )
    card = views.compose_card(_compose_view(rechecked, identity, event, addon, secret, endpoint))
    return Render(card, update=True, draft=update, notification=f"Done: {fix.title}.").to_json()


_REASON_FIRST = "Choose a reason first: your school asks for one to send this as it is."
_STALE_CARD = "This card is out of date: check the email again, then choose."


def _sent_anyway(runtime: Runtime, identity: GoogleIdentity, event: EventObject) -> dict[str, Any]:
    """Record ``sent_anyway`` for the card's check (its id and codes come back as the
    button's parameters; the reason from the card's drop-down). Gmail cannot tell us
    when the email is sent: this records the user's word, as the button says. The
    parameters are signed when the card is drawn (:func:`fixes.anyway_parameters`);
    a request whose check or codes are not the card's records nothing."""
    tenant = identity.tenant
    raw_codes = event.parameter("codes")
    check_id = event.parameter("c") or None
    if not fixes.anyway_signed(
        runtime.settings.secret_key, check_id, raw_codes, event.parameter("h")
    ):
        return Render(notification=_STALE_CARD).to_json()
    codes = tuple(c for c in dict.fromkeys((raw_codes or "").split(",")) if c in BY_CODE)[:20]
    if check_id is not None:
        try:
            check_id = str(UUID(check_id))
        except ValueError:
            check_id = None
    picked = event.common.form_inputs.get("reason")
    values = picked.string_inputs.value if picked and picked.string_inputs else []
    try:
        reason = OverrideReason(values[0]) if values else None
    except ValueError:
        reason = None
    rules = tenant.policy.rules
    needs = any(rules[c].reason_required and not rules[c].silent for c in codes)
    try:
        runtime.checker.record_outcome(
            tenant.id,
            tenant.policy.version,
            check_id,
            Outcome.SENT_ANYWAY,
            host=Host.GMAIL.value,
            codes=codes,
            reason=reason,
            needs_reason=needs,
        )
    except OutcomeRefused as exc:
        text = _REASON_FIRST if exc.field == "reason" else "This email cannot be sent as it is."
        return Render(notification=text).to_json()
    return Render(notification="Noted. Press Send when you are ready.").to_json()


@router.get("/logo.png", include_in_schema=False)
def logo() -> Response:
    """The add-on's toolbar logo (Google requires a PNG or JPEG, not SVG)."""
    return Response(
        _logo_png(), media_type="image/png", headers={"Cache-Control": "public, max-age=86400"}
    )


def _near_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return float(((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2) ** 0.5)


@lru_cache(maxsize=1)
def _logo_png() -> bytes:
    """A 96x96 blue disc with a white tick, drawn once (no image files to ship)."""
    size, blue, white = 96, b"\x1a\x73\xe8", b"\xff\xff\xff"
    tick = ((26.0, 50.0), (41.0, 65.0), (70.0, 34.0))
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter: none
        for x in range(size):
            if (x - 47.5) ** 2 + (y - 47.5) ** 2 > 46**2 or (
                min(_near_segment(x, y, tick[0], tick[1]), _near_segment(x, y, tick[1], tick[2]))
                < 5
            ):
                row += white
            else:
                row += blue
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    idat = zlib.compress(b"".join(rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
