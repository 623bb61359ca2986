"""REC003 external-addresses-visible."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from app.domain import (
    Evidence,
    EvidenceRecipients,
    Finding,
    Fix,
    FixKind,
    RecipientField,
    RecipientKind,
    Severity,
)
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase, severity_field


class ExternalAddressesVisibleOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN,
        "Warn: the most common reportable breach, but the sender may have a reason (a "
        "parents' working group who agreed to share).",
    )
    min_visible: int = Field(
        default=2,
        ge=2,
        le=10_000,
        description="How many external addresses in To/Cc make a disclosure. Two is the least "
        "that can see each other.",
    )


class ExternalAddressesVisible(Rule[ExternalAddressesVisibleOptions]):
    """Outside addresses (parents, say) that can see each other in To or Cc.

    What it checks
        Two or more recipients outside the school's domains are in To or Cc,
        where every recipient can read every other's address. Distribution
        lists do not count (their members are not disclosed).

    Why it matters
        Sending to a group of parents without Bcc discloses each family's
        email address to the others: with misdirected email, the most common
        data breach English schools report to the ICO. School policy §4.2:
        staff "must not include information that may in any way breach data
        protection legislation"; §4.5: "double check that the email has been
        addressed to the correct recipient(s)".

    Example
        To: ``parent1@gmail.com``, ``parent2@outlook.com``, ``parent3@sky.com``.

    Options
        ``min_visible`` (default 2), ``severity`` (default warn), ``allow``
        (e.g. a partner school's domain whose staff may see each other).

    Fix
        ``move_to_bcc`` with the visible external addresses.
    """

    code = "REC003"
    name = "external-addresses-visible"
    summary = "External recipients can see each other's addresses."
    source = sources.CHECK_RECIPIENTS
    reads = Reads.RECIPIENTS
    Options = ExternalAddressesVisibleOptions

    def describe_threshold(self, opts: ExternalAddressesVisibleOptions) -> ThresholdPhrase:
        return ThresholdPhrase(
            f"{opts.min_visible} or more outside addresses in To/Cc", opts.source_of("min_visible")
        )

    def check(self, ctx: Context, opts: ExternalAddressesVisibleOptions) -> Iterator[Finding]:
        lists = ctx.lists
        exempt = opts.allows if opts.allow else None
        bcc, dl = RecipientField.BCC, RecipientKind.DISTRIBUTION_LIST
        visible = [
            r
            for i, (r, internal) in enumerate(zip(ctx.recipients, ctx.internal, strict=True))
            if not internal
            and r.field is not bcc
            and r.kind is not dl
            and (not lists or i not in lists)
            and (exempt is None or not exempt(r))
        ]
        if len(visible) < opts.min_visible:
            return
        addresses = list(dict.fromkeys(r.email for r in visible))
        n = len(addresses)
        yield self.finding(
            opts,
            title=f"{n} external addresses visible to each other",
            message=(
                f"{n} people outside the school are in To/Cc and will see each other's email "
                "addresses. Put them in Bcc. Sharing families' addresses is a data breach "
                "(policy §4.2)."
            ),
            evidence=Evidence(
                observed=n,
                threshold=opts.min_visible,
                threshold_source=opts.source_of("min_visible"),
                recipients=EvidenceRecipients(tuple(addresses)),
            ),
            fixes=(
                Fix(
                    FixKind.MOVE_TO_BCC,
                    f"Move {n} external recipients to Bcc",
                    {"addresses": addresses},
                ),
            ),
        )
