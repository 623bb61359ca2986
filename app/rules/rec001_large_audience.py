"""REC001 large-audience."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from app.domain import Evidence, Finding, RecipientKind, Severity
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase, severity_field


class LargeAudienceOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN,
        "Warn: a large audience is often intended (a year-group letter), so the sender decides.",
    )
    max_recipients: int = Field(
        default=25,
        ge=1,
        le=100_000,
        description="Most recipients (To+Cc+Bcc, lists at their known size) before the rule fires. "
        "25 is roughly one class or one department: beyond it, 'does everyone need to receive "
        "the message?' (§4.5) rarely has the answer yes.",
    )
    unknown_list_size: int = Field(
        default=1,
        ge=1,
        le=100_000,
        description="Size assumed for a distribution list the directory does not know.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class LargeAudienceEvidence(Evidence):
    lists: int  # distribution lists and groups among the recipients


class LargeAudience(Rule[LargeAudienceOptions]):
    """A message going to more people than the school thinks one email should.

    What it checks
        The total number of recipients in To, Cc and Bcc, counting a
        distribution list or group at its member count where the directory
        knows it, is above ``max_recipients``.

    Why it matters
        School policy §4.5: "If sending or replying to a group email, does
        everyone need to receive the message?" Unneeded recipients add to
        workload (§4.4) and widen the harm of any mistake in the message.

    Example
        A message to ``all-staff@school`` (120 members) and two colleagues:
        122 recipients against a threshold of 25.

    Options
        ``max_recipients`` (default 25), ``unknown_list_size`` (default 1),
        ``severity`` (default warn), ``allow`` (lists or addresses that do not
        count, e.g. a staff bulletin list).

    Fix
        None automatic: the sender narrows the audience.
    """

    code = "REC001"
    name = "large-audience"
    summary = "More recipients than the policy's threshold."
    source = sources.GROUP_EMAIL
    reads = Reads.RECIPIENTS
    Options = LargeAudienceOptions
    evidence_type = LargeAudienceEvidence

    def describe_threshold(self, opts: LargeAudienceOptions) -> ThresholdPhrase:
        return ThresholdPhrase(
            f"More than {opts.max_recipients} recipients", opts.source_of("max_recipients")
        )

    def check(self, ctx: Context, opts: LargeAudienceOptions) -> Iterator[Finding]:
        total = 0
        lists = 0
        counted = opts.counted(ctx.recipients)
        if counted is ctx.recipients and not ctx.lists:
            # No allow-list and no directory group: count the host's lists only.
            for r in counted:
                if r.kind is RecipientKind.DISTRIBUTION_LIST:
                    lists += 1
                    total += opts.unknown_list_size
                else:
                    total += 1
            counted = ()
        for r in counted:
            group = ctx.directory.group(r.key)
            if group is not None:
                lists += 1
                total += group.member_count or opts.unknown_list_size
            elif r.kind is RecipientKind.DISTRIBUTION_LIST:
                lists += 1
                total += opts.unknown_list_size
            else:
                total += 1
        if total <= opts.max_recipients:
            return
        yield self.finding(
            opts,
            title=f"{total} recipients",
            message=(
                f"This email goes to {total} people (the school's limit is "
                f'{opts.max_recipients}). Policy: "{self.source.text}"'
            ),
            evidence=LargeAudienceEvidence(
                observed=total,
                threshold=opts.max_recipients,
                threshold_source=opts.source_of("max_recipients"),
                lists=lists,
            ),
        )
