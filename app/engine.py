"""``evaluate(message, policy, directory) -> Verdict``: the pure core.

No network, no database, no clock: the send time is an input and the caller
times the call. Rules run in registry order; each sees the same pre-computed
:class:`~app.rules.base.Context`.
"""

from __future__ import annotations

from app.directory.model import Directory
from app.domain import Action, Finding, Message, Severity, Verdict, action_for
from app.policy import Policy
from app.rules.base import Context
from app.rules.registry import RULES

_EMPTY = Directory()


def evaluate(message: Message, policy: Policy, directory: Directory | None = None) -> Verdict:
    ctx = Context.build(message, policy, directory or _EMPTY)
    findings: list[Finding] = []
    silent: list[Finding] = []
    for rule in RULES:
        opts = policy.rules[rule.code]
        if opts.severity is Severity.OFF:
            continue
        # Silent roll-out: the same check, its findings kept apart (audited, never shown).
        (silent if opts.silent else findings).extend(rule.check(ctx, opts))
    found = tuple(findings)
    action = action_for(found)
    return Verdict(
        action=action,
        findings=found,
        policy_version=policy.version,
        evaluated_for=message.send_at,
        silent=tuple(silent),
        reason_required=action is Action.WARN
        and any(
            f.severity is Severity.WARN and policy.rules[f.code].reason_required for f in found
        ),
    )
