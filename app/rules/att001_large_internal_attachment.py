"""ATT001 large-internal-attachment."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from app.domain import Evidence, Finding, Fix, FixKind, Severity
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase, severity_field

_MB = 1024 * 1024


class LargeInternalAttachmentOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN,
        "Warn: the policy says share via Teams/OneDrive; sometimes a file must be attached.",
    )
    max_file_bytes: int = Field(
        default=5 * _MB,
        ge=1,
        description="A single attachment at or above this size fires the rule (default 5 MB: a "
        "short video or a scanned pack; documents and photos are smaller).",
    )
    max_total_bytes: int = Field(
        default=10 * _MB,
        ge=1,
        description="Attachments together at or above this size fire the rule (default 10 MB).",
    )


def _mb(n: int) -> str:
    return f"{n / _MB:.1f} MB"


@dataclass(frozen=True, slots=True)
class AttachmentSize:
    name: str
    size: int  # bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class LargeAttachmentEvidence(Evidence):
    # The attachments at or above max_file_bytes; None when only the total is too large.
    attachments: tuple[AttachmentSize, ...] | None
    total_bytes: int


class LargeInternalAttachment(Rule[LargeInternalAttachmentOptions]):
    """A large file attached to mail that goes to colleagues.

    What it checks
        A non-inline attachment is at least ``max_file_bytes``, or all
        non-inline attachments together are at least ``max_total_bytes``,
        and at least one recipient is at the school's own domains. Mail only
        to outside addresses is left alone: they cannot reach the school's
        Teams or OneDrive.

    Why it matters
        School policy §4.5: "Large files are not included if sent internally
        - these could slow down the system so should be shared via Teams or
        OneDrive instead." Trust policy §7: internal attachments cause a
        "proliferation of duplicate information in mail folders".

    Example
        A 20 MB video to ``all-staff@``.

    Options
        ``max_file_bytes`` (default 5 MB), ``max_total_bytes`` (default
        10 MB), ``severity`` (default warn), ``allow``.

    Fix
        ``share_as_link``: "Share as a link instead" names the attachments
        to move (the large ones; all of them when only the total is too
        large). Outlook's task pane uploads each to the sender's OneDrive,
        makes an organisation-only link, puts the link in the body and then
        removes the attachment. Gmail cannot change attachments from an
        add-on, so there the user is told how to insert the file from Drive.
    """

    code = "ATT001"
    name = "large-internal-attachment"
    summary = "Large attachment sent to internal recipients."
    source = sources.LARGE_FILES
    reads = Reads.ATTACHMENTS | Reads.RECIPIENTS
    Options = LargeInternalAttachmentOptions
    evidence_type = LargeAttachmentEvidence

    def describe_threshold(self, opts: LargeInternalAttachmentOptions) -> ThresholdPhrase:
        return ThresholdPhrase(
            f"A file of {opts.max_file_bytes / _MB:g} MB or {opts.max_total_bytes / _MB:g} MB "
            "in all, to colleagues",
            opts.source_of("max_file_bytes", "max_total_bytes"),
        )

    def check(self, ctx: Context, opts: LargeInternalAttachmentOptions) -> Iterator[Finding]:
        files = [a for a in ctx.message.attachments if not a.inline]
        if not files:
            return
        if not any(
            internal and not opts.allows(r)
            for r, internal in zip(ctx.recipients, ctx.internal, strict=True)
        ):
            return
        big = [a for a in files if a.size >= opts.max_file_bytes]
        total = sum(a.size for a in files)
        if not big and total < opts.max_total_bytes:
            return
        if big:
            largest = max(big, key=lambda a: a.size)
            observed, threshold, option = largest.size, opts.max_file_bytes, "max_file_bytes"
            what = f"“{largest.name}” is {_mb(largest.size)}"
        else:
            observed, threshold, option = total, opts.max_total_bytes, "max_total_bytes"
            what = f"The attachments come to {_mb(total)}"
        moved = big or files
        yield self.finding(
            opts,
            title=f"Large attachment ({_mb(observed)})",
            fixes=(
                Fix(
                    FixKind.SHARE_AS_LINK,
                    "Share as a link instead",
                    {"attachments": [a.name for a in moved]},
                ),
            ),
            message=(
                f"{what}. Share it with colleagues as a OneDrive, Teams or Drive link instead. "
                f'Policy: "{self.source.text}"'
            ),
            evidence=LargeAttachmentEvidence(
                observed=observed,
                threshold=threshold,
                threshold_source=opts.source_of(option),
                attachments=tuple(AttachmentSize(a.name, a.size) for a in big) or None,
                total_bytes=total,
            ),
        )
