"""The check as a service: evaluate, time, audit. Shared by every entry point
(``/v1/check``, the Outlook and Gmail integrations)."""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, replace
from enum import StrEnum

from app.audit import keyed_hash
from app.domain import Message, Verdict
from app.engine import evaluate
from app.observability import metrics
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


class RecentActions:
    """The action of each of the last ``size`` checks this instance answered,
    so an outcome can be checked against its verdict without a database read
    (the audit row may still be in the write-behind queue). Bounded: the
    oldest are forgotten first."""

    def __init__(self, size: int = 100_000) -> None:
        self._size = size
        self._items: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, check_id: str, tenant_id: str, action: str) -> None:
        with self._lock:
            self._items[check_id] = (tenant_id, action)
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, check_id: str, tenant_id: str) -> str | None:
        with self._lock:
            hit = self._items.get(check_id)
        return hit[1] if hit and hit[0] == tenant_id else None


RECENT = RecentActions()


class OutcomeRefused(ValueError):
    """The outcome contradicts the check's verdict (``sent_anyway`` after a block)."""


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
    metrics.observe_check(message.host.value, purpose.value, verdict, elapsed / 1000.0)
    check_id = str(uuid.uuid4())
    RECENT.add(check_id, state.id, verdict.action.value)
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
    metrics.observe_outcome(host, outcome.value)
    """Queue an outcome event. A block cannot be sent anyway: the add-ins offer no
    such button, so ``sent_anyway`` for a check whose verdict was ``block`` is
    refused. The verdict is looked up in this instance's memory of recent checks,
    then in the audit trail; an outcome for a check neither knows (another
    instance's, not yet written) is recorded as reported."""
    if check_id is not None and outcome is Outcome.SENT_ANYWAY:
        action = RECENT.get(check_id, state.id)
        if action is None:
            try:
                action = runtime.store.check_action(state.id, check_id)
            except Exception:  # the database is down: outcomes are recorded as reported
                action = None
        if action == "block":
            raise OutcomeRefused("outcome: sent_anyway is not possible after a block verdict")
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
