"""``evaluate(message, policy, directory) -> Verdict``: the pure core.

No network, no database, no clock: the send time is an input and the caller
times the call. Rules run in registry order; each sees the same pre-computed
:class:`~app.rules.base.Context`.
"""

from __future__ import annotations

from app.directory.model import Directory
from app.domain import Finding, Message, Severity, Verdict, action_for
from app.policy import Policy
from app.rules.base import Context
from app.rules.registry import RULES

_EMPTY = Directory()


def evaluate(message: Message, policy: Policy, directory: Directory | None = None) -> Verdict:
    ctx = Context.build(message, policy, directory or _EMPTY)
    findings: list[Finding] = []
    for rule in RULES:
        opts = policy.rules[rule.code]
        if opts.severity is Severity.OFF:
            continue
        findings.extend(rule.check(ctx, opts))
    found = tuple(findings)
    return Verdict(
        action=action_for(found),
        findings=found,
        policy_version=policy.version,
        evaluated_for=message.send_at,
    )
