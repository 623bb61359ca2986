"""PUP001 pupil-personal-address."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain import Evidence, EvidenceRecipients, Finding, Fix, FixKind, Severity
from app.rules import sources
from app.rules._pupils import How, pupil_recipients
from app.rules.base import Context, Reads, Rule, RuleOptions, severity_field


class PupilPersonalAddressOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.BLOCK,
        "Block: a safeguarding rule; §4.3 says pupil email 'must only' use school accounts.",
    )


class PupilPersonalAddress(Rule[PupilPersonalAddressOptions]):
    """A pupil contacted at a personal (non-school) address.

    What it checks
        A recipient is a personal address the directory records for a pupil,
        or an address outside the school's domains whose display name
        ("Amir Khan", "KHAN, Amir") or local part (``amir.khan07@``,
        ``amirkhan@``) is a pupil's first name and surname. Addresses the
        directory knows as a parent's or a member of staff's never match,
        and a surname alone ("Mrs Khan") never matches.

    Why it matters
        School policy §4.3: "Employee to pupil email communication must only
        take place via a school email account". Primary policy §43: staff
        will not communicate with a pupil "using personal email addresses";
        trust social media policy: contact must be through school systems
        that can be monitored. This is a safeguarding rule: default block.

    Example
        To: ``Amir Khan <amirk2011@gmail.com>`` where Amir Khan is a pupil.

    Options
        ``severity`` (default block), ``allow`` (e.g. an address a
        safeguarding lead has approved).

    Fix
        ``replace_recipient`` with the pupil's school address when the
        directory knows exactly one matching pupil; otherwise
        ``remove_recipient``.
    """

    code = "PUP001"
    name = "pupil-personal-address"
    summary = "A pupil at a personal email address."
    source = sources.PUPIL_SCHOOL_ACCOUNT
    reads = Reads.RECIPIENTS
    Options = PupilPersonalAddressOptions

    def check(self, ctx: Context, opts: PupilPersonalAddressOptions) -> Iterator[Finding]:
        hits = [p for p in pupil_recipients(ctx) if p.personal and not opts.allows(p.recipient)]
        if not hits:
            return
        fixes: list[Fix] = []
        for hit in hits:
            r = hit.recipient
            if hit.pupil is not None and hit.pupil.email:
                fixes.append(
                    Fix(
                        FixKind.REPLACE_RECIPIENT,
                        "Use the pupil's school address",
                        {
                            "address": r.email,
                            "replacement": hit.pupil.email,
                            "field": r.field.value,
                        },
                    )
                )
            else:
                fixes.append(
                    Fix(
                        FixKind.REMOVE_RECIPIENT,
                        "Remove the personal address",
                        {"address": r.email, "field": r.field.value},
                    )
                )
        n = len(hits)
        yield self.finding(
            opts,
            title="Pupil at a personal address" if n == 1 else f"{n} pupils at personal addresses",
            message=(
                "Email to pupils must go to their school account, never a personal one. Policy: "
                '"Employee to pupil email communication must only take place via a school email '
                'account."'
            ),
            evidence=Evidence(
                observed=n,
                recipients=EvidenceRecipients(
                    tuple(h.recipient.email for h in hits), tuple(h.how.value for h in hits)
                ),
            ),
            fixes=tuple(fixes),
        )


__all__ = ["How", "PupilPersonalAddress"]
