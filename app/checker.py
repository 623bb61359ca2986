"""The one way a message is checked: :class:`Checker`.

Every entry point goes through :meth:`Checker.check`: ``/v1/check``, the
Gmail add-on's compose, check and fix actions, the admin dry-run and the CLI
(``check`` and ``audit``). It evaluates, times the evaluation, counts it in the
metrics and queues the audit event, once, here. Outcomes reported after a
check (:meth:`Checker.record_outcome`) go through the same object, which
remembers the recent verdicts they are checked against.

One checker per running instance is built with the :class:`~app.runtime.Runtime`
(``runtime.checker``); the CLI builds one with no audit sink.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol

from app.audit import keyed_hash, time_ordered_id
from app.directory.model import Directory
from app.domain import (
    Address,
    Attachment,
    Message,
    OverrideReason,
    RecipientField,
    RecipientKind,
    Verdict,
    recipients_of,
)
from app.engine import evaluate
from app.errors import Invalid
from app.observability import metrics
from app.policy import Policy

# The sender's keyed hash, once per sender rather than once per check (an
# HMAC is a few microseconds; a school has a few hundred senders). Bounded.
_sender_hash = lru_cache(maxsize=16_384)(keyed_hash)


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
        self._items: OrderedDict[str, tuple[str, str, bool]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, check_id: str, tenant_id: str, action: str, needs_reason: bool = False) -> None:
        with self._lock:
            self._items[check_id] = (tenant_id, action, needs_reason)
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, check_id: str, tenant_id: str) -> str | None:
        with self._lock:
            hit = self._items.get(check_id)
        return hit[1] if hit and hit[0] == tenant_id else None

    def needs_reason(self, check_id: str, tenant_id: str) -> bool:
        """Whether that check's verdict asked for a reason to send anyway."""
        return bool(self.asked(check_id, tenant_id))

    def asked(self, check_id: str, tenant_id: str) -> bool | None:
        """Whether that check's verdict asked for a reason; None for a check
        this instance does not remember (or another school's)."""
        with self._lock:
            hit = self._items.get(check_id)
        return hit[2] if hit and hit[0] == tenant_id else None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class OutcomeRefused(Invalid):
    """The outcome contradicts the check's verdict (``sent_anyway`` after a block,
    or without the reason the school's policy asks for). ``field`` names the
    request field at fault."""

    def __init__(self, message: str, field: str = "outcome") -> None:
        super().__init__(message)
        self.field = field


class Target(Protocol):
    """What a message is checked against: a school as the runtime holds it
    (:class:`~app.runtime.TenantState`), or the CLI's policy and roster files."""

    @property
    def id(self) -> str: ...

    @property
    def directory(self) -> Directory: ...

    def policy_for(self, sender: str) -> Policy: ...

    def staff_group(self, sender: str) -> str:
        """The sender's staff group keys for the audit (``""`` for none)."""
        ...


class EventSink(Protocol):
    """Where audit events go (:class:`~app.audit.AuditSink`)."""

    def submit(self, event: dict[str, Any]) -> None: ...


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A verdict and the id it was audited under (``""`` when not audited)."""

    verdict: Verdict
    check_id: str


class Checker:
    """Evaluate, time, meter and audit a check; vet the outcomes reported after.

    ``audit`` is the event sink; ``None`` is the null sink (the CLI's): checks
    are evaluated and timed, nothing is recorded. ``check_action`` finds a
    check's verdict in the audit trail when this instance does not remember it.
    """

    def __init__(
        self,
        audit: EventSink | None,
        *,
        secret_key: str = "",
        check_action: Callable[[str, str], str | None] | None = None,
        recent: RecentActions | None = None,
    ) -> None:
        self._audit = audit
        self._secret_key = secret_key
        self._check_action = check_action
        self.recent = recent if recent is not None else RecentActions()

    def check(
        self,
        target: Target,
        message: Message,
        *,
        purpose: Purpose = Purpose.SEND,
        audit: bool = True,
        policy: Policy | None = None,
    ) -> CheckResult:
        """Check ``message`` under the target's policy for its sender (or
        ``policy``, for a dry-run of a draft). With ``audit=False`` (a dry-run,
        the look-up behind a Gmail fix button) nothing is recorded: no audit
        event, no metrics, no check id."""
        pol = policy if policy is not None else target.policy_for(message.sender.key)
        t0 = time.perf_counter()
        verdict = evaluate(message, pol, target.directory)
        elapsed = time.perf_counter() - t0
        # The verdict was made just now and nothing else holds it: its duration
        # is set in place rather than copied with ``dataclasses.replace``.
        object.__setattr__(verdict, "duration_ms", round(elapsed * 1000.0, 3))
        if not audit or self._audit is None:
            return CheckResult(verdict, "")
        metrics.observe_check(message.host.value, purpose.value, verdict, elapsed)
        check_id = time_ordered_id()
        self.recent.add(check_id, target.id, verdict.action.value, verdict.reason_required)
        self._audit.submit(
            {
                "event_id": check_id,
                "tenant_id": target.id,
                "kind": "check",
                "purpose": purpose.value,
                "check_id": check_id,
                "host": message.host.value,
                "action": verdict.action.value,
                "codes": ",".join(dict.fromkeys(verdict.codes)),
                # Rules in silent roll-out: counted apart, never part of the action.
                "silent_codes": ",".join(dict.fromkeys(verdict.silent_codes)),
                "finding_count": len(verdict.findings),
                "recipient_count": len(message.recipients),
                "attachment_count": len(message.attachments),
                "duration_ms": verdict.duration_ms,
                "policy_version": verdict.policy_version,
                "sender_hash": _sender_hash(self._secret_key, message.sender.key),
                "staff_group": target.staff_group(message.sender.key),
            }
        )
        return CheckResult(verdict, check_id)

    def warm(self, targets: Iterable[Target], *, now: datetime | None = None) -> int:
        """Check a made-up draft against each target, unaudited, and return how
        many were checked. What the rules load on first use (the name lists,
        a nation's bank holidays, the holiday library's modules) is then loaded
        at start, not in the first teacher's check, which took a tenth to a
        fifth of a second longer than the rest. Called before the start-up's
        ``gc.freeze`` so what it loads is left out of the cyclic collector too.
        A target whose check fails is skipped: warming must not stop a start."""
        when = now or datetime.now(UTC)
        # A Saturday night as well as now: the out-of-hours rule then looks for
        # the next working moment past a weekend, through the holiday tables.
        saturday = (when + timedelta(days=(5 - when.weekday()) % 7)).replace(hour=22)
        n = 0
        for target in targets:
            domain = next(iter(sorted(target.directory.internal_domains)), "example.org")
            for send_at in (when, saturday):
                message = Message(
                    sender=Address(f"warm-up@{domain}"),
                    send_at=send_at,
                    to=recipients_of(
                        [
                            (f"office@{domain}", "", RecipientKind.UNKNOWN),
                            ("parent.one@gmail.com", "", RecipientKind.UNKNOWN),
                            ("parent.two@outlook.com", "", RecipientKind.UNKNOWN),
                        ],
                        RecipientField.TO,
                    ),
                    subject="RE: Hope Smith and OLEK - Y9 trip to Stanley Park, 1st May",
                    attachments=(Attachment("kit-list.pdf", 24_000_000),),
                )
                try:
                    self.check(target, message, audit=False)
                except Exception:  # a broken policy is the check's own error to report
                    break
            else:
                n += 1
        return n

    def record_outcome(
        self,
        tenant_id: str,
        policy_version: int,
        check_id: str | None,
        outcome: Outcome,
        *,
        host: str,
        codes: tuple[str, ...] = (),
        reason: OverrideReason | None = None,
        needs_reason: bool = False,
    ) -> None:
        """Queue an outcome event. A block cannot be sent anyway: the add-ins offer
        no such button, so ``sent_anyway`` for a check whose verdict was ``block``
        is refused. The verdict is looked up in this checker's memory of recent
        checks, then in the audit trail; an outcome for a check neither knows
        (another instance's, not yet written) is recorded as reported.

        ``reason`` (a code, ``sent_anyway`` only) is required when the check,
        as this instance remembers it, asked for one (its verdict came from the
        policy that applied to the sender, a staff group's included); for a
        check it does not remember, when ``needs_reason`` (the caller found a
        reported code whose rule, in the school's policy, asks for one):
        refused otherwise."""
        if reason is not None and outcome is not Outcome.SENT_ANYWAY:
            raise OutcomeRefused("a reason is recorded with sent_anyway only", field="reason")
        remembered = self.recent.asked(check_id, tenant_id) if check_id is not None else None
        asked = needs_reason if remembered is None else remembered
        if outcome is Outcome.SENT_ANYWAY and reason is None and asked:
            raise OutcomeRefused(
                "the school's policy asks for a reason to send anyway "
                f"(one of {', '.join(r.value for r in OverrideReason)})",
                field="reason",
            )
        metrics.observe_outcome(host, outcome.value)
        if check_id is not None and outcome is Outcome.SENT_ANYWAY:
            action = self.recent.get(check_id, tenant_id)
            if action is None and self._check_action is not None:
                try:
                    action = self._check_action(tenant_id, check_id)
                except Exception:  # the database is down: outcomes are recorded as reported
                    action = None
            if action == "block":
                raise OutcomeRefused("outcome: sent_anyway is not possible after a block verdict")
        if self._audit is None:
            return
        self._audit.submit(
            {
                "tenant_id": tenant_id,
                "kind": "outcome",
                "check_id": check_id,
                "host": host,
                "codes": ",".join(codes),
                "outcome": outcome.value,
                "reason": reason.value if reason is not None else None,
                "policy_version": policy_version,
            }
        )
