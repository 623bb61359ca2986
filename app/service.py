"""The check as a service: evaluate, time, audit. Shared by every entry point
(``/v1/check``, the Outlook and Gmail integrations)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, replace
from enum import StrEnum

from app.audit import keyed_hash
from app.domain import Message, Verdict
from app.engine import evaluate
from app.runtime import Runtime, TenantState


class Outcome(StrEnum):
    """What the user did after seeing findings (reported by the add-in)."""

    SENT_ANYWAY = "sent_anyway"
    FIXED = "fixed"
    CANCELLED = "cancelled"
    FAILED_OPEN = "failed_open"  # the add-in could not reach us and let the send go


class Purpose(StrEnum):
    """Why a check ran, so the audit counts each message once.

    ``send``: the message is being sent (Outlook's OnMessageSend, an API
    client). ``review``: the user asked to see the verdict (the Gmail card,
    "Check again"). ``background``: anything else (a pre-check as recipients
    change, the task pane re-reading a verdict, a re-check behind a fix).
    Per-rule audit figures count ``send`` and ``review`` only.
    """

    SEND = "send"
    REVIEW = "review"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True)
class CheckResult:
    verdict: Verdict
    check_id: str


def run_check(
    runtime: Runtime, state: TenantState, message: Message, purpose: Purpose = Purpose.SEND
) -> CheckResult:
    """Evaluate against the tenant's cached policy and directory; queue an audit event."""
    t0 = time.perf_counter()
    verdict = evaluate(message, state.policy_for(message.sender.key), state.directory)
    elapsed = (time.perf_counter() - t0) * 1000.0
    verdict = replace(verdict, duration_ms=round(elapsed, 3))
    check_id = str(uuid.uuid4())
    runtime.audit.submit(
        {
            "event_id": check_id,
            "tenant_id": state.id,
            "kind": "check",
            "purpose": purpose.value,
            "check_id": check_id,
            "host": message.host.value,
            "action": verdict.action.value,
            "codes": ",".join(dict.fromkeys(verdict.codes)),
            "finding_count": len(verdict.findings),
            "recipient_count": len(message.recipients),
            "attachment_count": len(message.attachments),
            "duration_ms": verdict.duration_ms,
            "policy_version": verdict.policy_version,
            "sender_hash": keyed_hash(runtime.settings.secret_key, message.sender.key),
        }
    )
    return CheckResult(verdict, check_id)


def record_outcome(
    runtime: Runtime,
    state: TenantState,
    check_id: str | None,
    outcome: Outcome,
    *,
    host: str,
    codes: tuple[str, ...] = (),
) -> None:
    runtime.audit.submit(
        {
            "tenant_id": state.id,
            "kind": "outcome",
            "check_id": check_id,
            "host": host,
            "codes": ",".join(codes),
            "outcome": outcome.value,
            "policy_version": state.policy.version,
        }
    )
