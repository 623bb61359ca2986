"""REC002 reply-all-to-many."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from app.domain import ComposeType, Evidence, Finding, Severity
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase, severity_field


class ReplyAllToManyOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.ADVISE,
        "Advise: new and opinionated; schools raise it once they have seen its audit figures.",
    )
    max_recipients: int = Field(
        default=10,
        ge=1,
        le=100_000,
        description="Most recipients of a reply-all before the rule fires. The trust policy: "
        "'It is unlikely that everyone included in the original message will need to know your "
        "reply'; ten is a small team.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyAllEvidence(Evidence):
    compose_type: ComposeType


class ReplyAllToMany(Rule[ReplyAllToManyOptions]):
    """A reply-all that reaches more people than it probably needs to.

    What it checks
        The message is a reply-all (``compose_type`` ``reply_all``), or a
        ``reply`` with more than one recipient (Outlook reports reply-all as
        "reply"), and it has more than ``max_recipients`` recipients.

    Why it matters
        Trust policy §7 Addressing messages: 'Use the "reply all" function
        with care. It is unlikely that everyone included in the original
        message will need to know your reply.'

    Example
        "Thanks!" as reply-all to a 40-person thread.

    Options
        ``max_recipients`` (default 10), ``severity`` (default advise: a
        new, opinionated rule), ``allow``.

    Fix
        None automatic: the sender removes those who do not need the reply.
    """

    code = "REC002"
    name = "reply-all-to-many"
    summary = "A reply-all going to many people."
    source = sources.REPLY_ALL
    reads = Reads.RECIPIENTS | Reads.COMPOSE_TYPE
    Options = ReplyAllToManyOptions
    evidence_type = ReplyAllEvidence

    def describe_threshold(self, opts: ReplyAllToManyOptions) -> ThresholdPhrase:
        return ThresholdPhrase(
            f"Reply-all to more than {opts.max_recipients}", opts.source_of("max_recipients")
        )

    def check(self, ctx: Context, opts: ReplyAllToManyOptions) -> Iterator[Finding]:
        compose = ctx.message.compose_type
        n = len(opts.counted(ctx.recipients))
        is_reply_all = compose is ComposeType.REPLY_ALL or (compose is ComposeType.REPLY and n > 1)
        if not is_reply_all or n <= opts.max_recipients:
            return
        yield self.finding(
            opts,
            title=f"Reply to all {n} recipients",
            message=(
                f"You are replying to {n} people. Policy: \"Use the 'reply all' function with "
                "care. It is unlikely that everyone included in the original message will need to "
                'know your reply."'
            ),
            evidence=ReplyAllEvidence(
                observed=n,
                threshold=opts.max_recipients,
                threshold_source=opts.source_of("max_recipients"),
                compose_type=compose,
            ),
        )
