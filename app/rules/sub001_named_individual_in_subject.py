"""SUB001 named-individual-in-subject."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from app.domain import Finding, Fix, FixKind, Severity
from app.names import NameIndex, RedactStyle, redact
from app.rules import sources
from app.rules.base import Context, Rule, RuleOptions, severity_field

_EMPTY_INDEX: NameIndex | None = None


def _index(ctx: Context) -> NameIndex:
    global _EMPTY_INDEX
    if ctx.directory.names is not None:
        return ctx.directory.names
    if _EMPTY_INDEX is None:  # detector only: built once per process
        _EMPTY_INDEX = NameIndex.build(())
    return _EMPTY_INDEX


class NamedIndividualInSubjectOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN, "Warn: the policy is explicit, and the fix is one click."
    )
    detector: bool = Field(
        default=True,
        description="Also flag likely names the directory does not know (parents, outside "
        "professionals), found from ONS first names, surname lists and context.",
    )
    min_score: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Least confidence for a mention to count."
    )
    fix_style: RedactStyle = Field(
        default=RedactStyle.INITIALS,
        description="How the fix rewrites a name: initials (J.S.), reference (the MIS reference "
        "where known) or word (fix_word).",
    )
    fix_word: str = Field(
        default="pupil",
        min_length=1,
        max_length=30,
        description="The neutral word fix_style=word puts in place of a name.",
    )


class NamedIndividualInSubject(Rule[NamedIndividualInSubjectOptions]):
    """A person named in the subject line.

    What it checks
        The subject names a person: someone in the directory written any
        realistic way (full name, "First S", "F. Surname", "Surname, First",
        "Mr Surname", possessives, any case, accents folded), or, with
        ``detector`` on, a likely name the directory does not know. Words
        that are also names ("Will", "Grace", "Brown") need evidence (a full
        name, a title, a possessive, context such as "behaviour" or "EHCP").

    Why it matters
        School policy §4.5: "If the email concerns an individual, do not name
        them in the 'subject field'." Subjects show in notifications, on
        lock screens and in every search result, and they are what a
        misdirected email discloses first.

    Example
        ``Re: Amir Khan - behaviour incident`` becomes ``Re: A.K. - behaviour
        incident``.

    Options
        ``detector`` (default on), ``min_score`` (default 0.5),
        ``fix_style`` (initials, reference or word), ``fix_word``,
        ``severity`` (default warn).

    Fix
        ``replace_subject`` with every name replaced as ``fix_style`` says.
    """

    code = "SUB001"
    name = "named-individual-in-subject"
    summary = "A person is named in the subject."
    source = sources.NAME_IN_SUBJECT
    Options = NamedIndividualInSubjectOptions

    def check(self, ctx: Context, opts: NamedIndividualInSubjectOptions) -> Iterator[Finding]:
        subject = ctx.message.subject
        if not subject.strip():
            return
        mentions = _index(ctx).find(subject, detector=opts.detector, min_score=opts.min_score)
        if not mentions:
            return
        new_subject = redact(subject, mentions, opts.fix_style, opts.fix_word)
        n = len(mentions)
        yield self.finding(
            opts,
            title="Name in the subject" if n == 1 else f"{n} names in the subject",
            message=(
                "Subjects are seen in previews and search results: refer to the person another "
                f'way. Policy: "{self.source.text}"'
            ),
            evidence={
                "observed": n,
                "mentions": [
                    {
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "source": m.source,
                        "kind": m.kind.value if m.kind else None,
                        "score": round(m.score, 2),
                        "why": m.why,
                    }
                    for m in mentions
                ],
            },
            fixes=(
                Fix(
                    FixKind.REPLACE_SUBJECT,
                    "Replace the name with initials"
                    if opts.fix_style is RedactStyle.INITIALS
                    else "Remove the name from the subject",
                    {"subject": new_subject},
                ),
            ),
        )
