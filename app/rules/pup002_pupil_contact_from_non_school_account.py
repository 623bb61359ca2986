"""PUP002 pupil-contact-from-non-school-account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.domain import Evidence, Finding, Severity
from app.rules import sources
from app.rules._pupils import pupil_recipients
from app.rules.base import Context, Reads, Rule, RuleOptions, severity_field


class PupilContactFromNonSchoolAccountOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.BLOCK,
        "Block: a safeguarding rule; contact must be through monitorable school accounts.",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class PupilContactEvidence(Evidence):
    """``observed`` is the sender's domain."""

    pupil_recipients: int


class PupilContactFromNonSchoolAccount(Rule[PupilContactFromNonSchoolAccountOptions]):
    """A pupil emailed from an account that is not the school's.

    What it checks
        At least one recipient is a pupil (school address, an address at the
        pupil domain, or a pupil's personal address) and the sender's
        address is not at one of the school's internal domains.

    Why it matters
        School policy §4.3: "Employee to pupil email communication must only
        take place via a school email account". Trust social media policy:
        emailing pupils from non-school accounts "is not acceptable"; contact
        must be monitorable.

    Example
        From ``mr.jones@gmail.com`` (a shared mailbox added to Outlook) to
        ``a.khan@pupils.school.sch.uk``.

    Options
        ``severity`` (default block), ``allow`` (recipient addresses or
        domains the rule ignores).

    Fix
        None automatic: send from the school account.
    """

    code = "PUP002"
    name = "pupil-contact-from-non-school-account"
    summary = "A pupil emailed from a non-school account."
    source = sources.PUPIL_SCHOOL_ACCOUNT
    reads = Reads.SENDER | Reads.RECIPIENTS
    Options = PupilContactFromNonSchoolAccountOptions
    evidence_type = PupilContactEvidence

    def check(
        self, ctx: Context, opts: PupilContactFromNonSchoolAccountOptions
    ) -> Iterator[Finding]:
        sender_domain = ctx.message.sender.domain
        if sender_domain in ctx.policy.internal_domains or sender_domain in (
            ctx.directory.internal_domains
        ):
            return
        hits = [p for p in pupil_recipients(ctx) if not opts.allows(p.recipient)]
        if not hits:
            return
        yield self.finding(
            opts,
            title="Pupil emailed from a non-school account",
            message=(
                'Pupils may only be emailed from your school account. Policy: "Employee to '
                'pupil email communication must only take place via a school email account."'
            ),
            evidence=PupilContactEvidence(observed=sender_domain, pupil_recipients=len(hits)),
        )
