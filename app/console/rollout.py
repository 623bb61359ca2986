"""The Roll-out page: each rule's mode (off, silent, advise, warn, block) and
whether sending anyway needs a reason, with the last week's silent figures.

A rule's *mode* is its ``severity`` and its ``silent`` flag read together:
``silent`` shows while the flag is set (the severity stays, as what the rule
will do once live). Saving is a JSON Merge Patch over the policy as the school
set it, of the rules that changed only, validated and stored as a new policy
version by ``write_policy`` (as ``PATCH /policy`` stores it), then logged in the
change log.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ValidationError

from app.api.admin import write_policy
from app.api.merge_patch import merge_patch
from app.console.roles import Permission
from app.console.routes import (
    Here,
    PageError,
    UserDep,
    _changed,
    _csrf_refused,
    _go,
    render,
    require,
)
from app.console.sessions import same_token
from app.domain import OverrideReason, Severity
from app.policy import Policy
from app.rules.base import RuleOptions
from app.rules.registry import RULES
from app.runtime import Runtime

router = APIRouter(prefix="/console", include_in_schema=False)

MODES = ("off", "silent", "advise", "warn", "block")
WEEK = timedelta(days=7)
_MAX_FORM = 8_000
_MAX_FIELDS = 2 * len(RULES) + 4  # a mode and a checkbox per rule, the token, the comment

PolicyRead = Annotated[Here, Depends(require(Permission.POLICY_READ))]
PolicyWrite = Annotated[Here, Depends(require(Permission.POLICY_WRITE))]


def mode_of(opts: RuleOptions) -> str:
    if opts.severity is Severity.OFF:
        return "off"
    return "silent" if opts.silent else opts.severity.value


@dataclass(frozen=True, slots=True)
class Row:
    code: str
    name: str
    summary: str
    mode: str
    would: str  # a silent rule's severity once live
    reason_required: bool
    silent_week: int
    shown_week: int


def _rows(policy: Policy, summary: dict[str, Any]) -> list[Row]:
    silent, shown = summary["silent_by_rule"], summary["by_rule"]
    return [
        Row(
            code=r.code,
            name=r.name,
            summary=r.summary,
            mode=mode_of(policy.rules[r.code]),
            would=policy.rules[r.code].severity.value,
            reason_required=policy.rules[r.code].reason_required,
            silent_week=int(silent.get(r.code, 0)),
            shown_week=int(shown.get(r.code, 0)),
        )
        for r in RULES
    ]


def _read(runtime: Runtime, tenant_id: str) -> tuple[Policy, dict[str, Any]]:
    with runtime.store.db.session() as session:
        repo = runtime.store.scoped(session, tenant_id)
        return repo.policy(), repo.audit_summary(datetime.now(UTC) - WEEK)


@router.get("/schools/{school}/rollout")
async def rollout_page(request: Request, here: PolicyRead, done: str = "") -> Response:
    runtime: Runtime = request.app.state.runtime
    policy, summary = await asyncio.to_thread(_read, runtime, here.school.id)
    notice = {
        "saved": f"Saved as policy version {policy.version}.",
        "same": "Nothing changed: no new policy version.",
    }.get(done, "")
    return render(
        request,
        "rollout.html",
        here=here,
        rows=_rows(policy, summary),
        modes=MODES,
        version=policy.version,
        reasons=list(OverrideReason),
        notice=notice,
        P=Permission,
    )


async def _rollout_form(request: Request, user: UserDep) -> dict[str, str]:
    """The form's fields (more than the shared reader's 20), once its CSRF token matches."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise PageError(415, "Unsupported form", "Send the form from the page.")
    body = await request.body()
    if len(body) > _MAX_FORM:
        raise PageError(413, "Form too large", "The form is larger than the page sends.")
    try:
        pairs = parse_qsl(body.decode(), max_num_fields=_MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise PageError(400, "Bad form", "The form could not be read.") from None
    fields: dict[str, str] = {}
    for k, v in pairs:
        fields.setdefault(k, v)
    if not same_token(user.csrf, fields.get("csrf")):
        raise _csrf_refused()
    return fields


RolloutForm = Annotated[dict[str, str], Depends(_rollout_form)]


def rules_patch(policy: Policy, form: dict[str, str]) -> dict[str, Any]:
    """The merge patch of ``rules`` the form asks for: changed rules only.

    A mode missing from the form leaves its rule as it is; an unknown mode is a
    400 naming the rule. ``silent`` on a rule that is off turns it on at its
    default severity (a silent rule that is off would check nothing)."""
    patch: dict[str, Any] = {}
    for rule in RULES:
        opts = policy.rules[rule.code]
        mode = form.get(f"mode-{rule.code}", mode_of(opts))
        if mode not in MODES:
            raise PageError(
                400, "Bad mode", f"{rule.code}: choose one of {', '.join(MODES)} as its mode."
            )
        reason = form.get(f"reason-{rule.code}") == "on"
        change: dict[str, Any] = {}
        if mode != mode_of(opts):
            if mode == "silent":
                change["silent"] = True
                if opts.severity is Severity.OFF:
                    change["severity"] = rule.Options().severity.value
            else:
                change["severity"] = mode
                change["silent"] = None  # back to the default: live
        if reason != opts.reason_required:
            change["reason_required"] = True if reason else None
        if change:
            patch[rule.code] = change
    return patch


@router.post("/schools/{school}/rollout")
async def save_rollout(request: Request, here: PolicyWrite, form: RolloutForm) -> Response:
    runtime: Runtime = request.app.state.runtime
    comment = form.get("comment", "").strip()
    if len(comment) > 500 or any(ord(c) < 32 for c in comment):
        raise PageError(400, "Bad comment", "A comment is one line of at most 500 characters.")

    def write() -> int | None:
        with runtime.store.db.session() as session:
            repo = runtime.store.scoped(session, here.school.id)
            current = repo.policy()
            patch = rules_patch(current, form)
            if not patch:
                return None
            merged = merge_patch(current.content_dict(), {"rules": patch})
            try:
                policy = Policy.model_validate(merged)
            except ValidationError as exc:
                raise PageError(400, "Not saved", f"The policy would not be valid: {exc}") from None
            info, changed = write_policy(
                repo,
                policy,
                by=here.user.identity.email,
                comment=comment or "Roll-out: " + ", ".join(sorted(patch)),
            )
            return info.version if changed else None

    version = await asyncio.to_thread(write)
    if version is None:
        return _go(f"/console/schools/{here.school.slug}/rollout?done=same")
    await _changed(request, here, "policy.rollout", f"v{version}")
    return _go(f"/console/schools/{here.school.slug}/rollout?done=saved")
