"""SUB001 named-individual-in-subject."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator

from app.domain import Evidence, Finding, Fix, FixKind, PersonKind, Severity
from app.names import (
    InitialsStyle,
    Mention,
    NameIndex,
    RedactStyle,
    mention_initials,
    redact,
    says_person,
)
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, severity_field
from app.text import fold


def _index(ctx: Context) -> NameIndex:
    """The directory's name index; for a directory built without one, an empty
    index (the detector alone), built for this check: it costs microseconds,
    and no state outlives the check."""
    names = ctx.directory.names
    return names if names is not None else NameIndex.build(())


# Words that make a subject about a person sensitive (issue 13). Matched as
# whole words or phrases, case- and accent-insensitively. "send" (the SEND
# code of practice) is left out: it is far commoner as a verb.
DEFAULT_SENSITIVE_WORDS = (
    "safeguarding",
    "cp",
    "child protection",
    "ehcp",
    "ehc plan",
    "sen",
    "senco",
    "exclusion",
    "excluded",
    "suspension",
    "suspended",
    "medical",
    "medication",
    "behaviour",
    "behavior",
    "welfare",
    "attendance",
    "absence",
    "lado",
    "mash",
    "camhs",
    "social worker",
    "social services",
    "self-harm",
    "disclosure",
    "police",
)


class NamedIndividualInSubjectOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN,
        "For a name whose kind is unknown (found by the detector, or several people of "
        "different kinds fit); off turns the rule off. Warn: the policy is explicit, and "
        "the fix is one click.",
    )
    pupil: Severity = Field(default=Severity.WARN, description="A named pupil.")
    pupil_sensitive: Severity = Field(
        default=Severity.BLOCK,
        description="A named pupil in a subject with a sensitive word: "
        '"Amir Khan - safeguarding concern" must not be sent past.',
    )
    parent: Severity = Field(default=Severity.WARN, description="A named parent or carer.")
    parent_sensitive: Severity = Field(
        default=Severity.BLOCK, description="A named parent in a subject with a sensitive word."
    )
    staff: Severity = Field(
        default=Severity.ADVISE,
        description='A named member of staff ("Cover for Mr Patel" is routine).',
    )
    staff_sensitive: Severity = Field(
        default=Severity.ADVISE,
        description="A named member of staff in a subject with a sensitive word.",
    )
    unknown_sensitive: Severity = Field(
        default=Severity.BLOCK,
        description="A name of unknown kind in a subject with a sensitive word (without a "
        "roster, the person may well be a pupil).",
    )
    sensitive_words: tuple[str, ...] = Field(
        default=DEFAULT_SENSITIVE_WORDS,
        max_length=200,
        description="Words or phrases that make a named subject sensitive (whole words, any "
        "case): safeguarding, CP, EHCP, SEN, exclusion, medical, behaviour, welfare, "
        "attendance...",
    )
    school_words: tuple[str, ...] = Field(
        default=(),
        max_length=500,
        description="The school's own words that are also names: class, house, form and room "
        "names (Hazel, Rowan, Bosco, Nugent Hall). Written alone they are not taken for a "
        "person unless the words around say so ('Hazel left her bag', 'Rowan's coat'); a "
        "full name that contains one still counts.",
    )
    detector: bool = Field(
        default=True,
        description="Also flag likely names the directory does not know (parents, outside "
        "professionals), found from first-name and surname lists and context.",
    )
    min_score: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Least confidence for a mention to count. Empty (the default): each "
        "finder's operating point, chosen offline on labelled school and meeting subjects "
        "(0.45 for people in the directory, whose names it knows; 0.55 for the detector).",
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
    initials_style: InitialsStyle = Field(
        default=InitialsStyle.COMPACT,
        description="How a multi-part surname is initialled: compact (R.S-J., D.vdB.) or "
        "dotted (R.S.J., D.V.D.B.).",
    )

    @field_validator("sensitive_words", "school_words", mode="after")
    @classmethod
    def _clean_words(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(dict.fromkeys(_words(w) for w in v))
        out = tuple(w for w in out if w)
        if any(len(w) > 60 for w in out):
            raise ValueError("a word or phrase is at most 60 characters")
        return out

    @cached_property
    def _school_words(self) -> frozenset[str]:
        return frozenset(self.school_words)

    def is_school_word(self, m: Mention) -> bool:
        """``m`` is one of the school's own words (``school_words``) with
        nothing around it that says person; for the detector's guesses, also
        a pair that starts with one ("HAZEL CLASS" read as first name + surname)."""
        words = _words(m.text)
        listed = self._school_words
        if words not in listed and not (
            m.source == "detector" and words.split(" ", 1)[0] in listed
        ):
            return False
        return not says_person(m)

    @cached_property
    def _sensitive_re(self) -> re.Pattern[str] | None:
        if not self.sensitive_words:
            return None
        alts = sorted(
            (re.escape(w).replace(r"\ ", r"[\s\-_/]+") for w in self.sensitive_words),
            key=len,
            reverse=True,
        )
        return re.compile(r"(?<![^\W_])(?:" + "|".join(alts) + r")(?![^\W_])")

    def sensitive_in(self, subject: str) -> list[str]:
        """The sensitive words ``subject`` carries (folded, each once, in order)."""
        pattern = self._sensitive_re
        if pattern is None:
            return []
        found = (" ".join(_SEPARATORS.split(m.group())) for m in pattern.finditer(fold(subject)))
        return list(dict.fromkeys(found))

    def severity_for(self, kind: PersonKind | None, sensitive: bool) -> Severity:
        if kind is PersonKind.PUPIL:
            return self.pupil_sensitive if sensitive else self.pupil
        if kind is PersonKind.PARENT:
            return self.parent_sensitive if sensitive else self.parent
        if kind is PersonKind.STAFF:
            return self.staff_sensitive if sensitive else self.staff
        return self.unknown_sensitive if sensitive else self.severity


_SEPARATORS = re.compile(r"[\s\-_/]+")


def _words(text: str) -> str:
    """Folded, hyphens as spaces, one space between words: how listed words
    and a mention's text are compared ("Nugent-Hall" is "nugent hall")."""
    return " ".join(fold(text).replace("-", " ").split())


_RANK = {Severity.OFF: 0, Severity.ADVISE: 1, Severity.WARN: 2, Severity.BLOCK: 3}


def _mention_severity(
    m: Mention, opts: NamedIndividualInSubjectOptions, sensitive: bool
) -> Severity:
    """A mention's severity by who it names; where several people of different
    kinds fit ("Mr Brown": a parent and a teacher), the most severe of them."""
    if m.kind is not None or not m.candidates:
        return opts.severity_for(m.kind, sensitive)
    kinds = {p.kind for p in m.candidates}
    return max((opts.severity_for(k, sensitive) for k in kinds), key=_RANK.__getitem__)


@dataclass(frozen=True, slots=True)
class MentionEvidence:
    """One person named, by kind, position and initials: never the name itself,
    so that client logs, screenshots and tickets do not carry it."""

    start: int
    end: int
    initials: str
    source: Literal["directory", "detector"]
    kind: PersonKind | None
    severity: Severity
    ambiguous: bool
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedIndividualEvidence(Evidence):
    """``observed`` is how many people the subject names."""

    sensitive_words: tuple[str, ...]
    mentions: tuple[MentionEvidence, ...]


class NamedIndividualInSubject(Rule[NamedIndividualInSubjectOptions]):
    """A person named in the subject line.

    What it checks
        The subject names a person: someone in the directory written any
        realistic way (full name, first or preferred name alone, surname
        after a title or a lead word, "First S", "F. Surname", "Surname,
        First", lists, possessives, any case, with or without accents), or,
        with ``detector`` on, a likely name the directory does not know.
        Words that are also names ("Hope", "Will", "English") are judged by
        the words around them: "Hope left her bag" names a pupil, "Hope you
        had a good half term" does not.

    Why it matters
        School policy §4.5: "If the email concerns an individual, do not name
        them in the 'subject field'." Subjects show in notifications, on
        lock screens and in every search result, and they are what a
        misdirected email discloses first.

    Example
        ``Re: Amir Khan - behaviour incident`` becomes ``Re: A.K. - behaviour
        incident``; because "behaviour" is a sensitive word and Amir is a
        pupil, the finding blocks the send by default.

    Options
        Severity by who is named: ``pupil`` (warn), ``parent`` (warn),
        ``staff`` (advise) and ``severity`` (warn, a name of unknown kind),
        each with a ``*_sensitive`` counterpart used when the subject also
        carries one of ``sensitive_words`` (pupil, parent and unknown:
        block; staff: advise). ``detector`` (default on), ``min_score``
        (default 0.5), ``fix_style`` (initials, reference or word),
        ``fix_word``, ``initials_style`` (compact R.S-J. or dotted R.S.J.).
        The evidence gives each name's kind, position and initials, never
        the name itself.

    Fix
        ``replace_subject`` with every name replaced as ``fix_style`` says.
    """

    code = "SUB001"
    name = "named-individual-in-subject"
    summary = "A person is named in the subject."
    source = sources.NAME_IN_SUBJECT
    reads = Reads.SUBJECT
    Options = NamedIndividualInSubjectOptions
    evidence_type = NamedIndividualEvidence

    def check(self, ctx: Context, opts: NamedIndividualInSubjectOptions) -> Iterator[Finding]:
        subject = ctx.message.subject
        if not subject.strip():
            return
        found = _index(ctx).find(subject, detector=opts.detector, min_score=opts.min_score)
        if found and opts.school_words:
            found = [m for m in found if not opts.is_school_word(m)]
        if not found:
            return
        sensitive = opts.sensitive_in(subject)
        rated = [(m, _mention_severity(m, opts, bool(sensitive))) for m in found]
        rated = [(m, sev) for m, sev in rated if sev is not Severity.OFF]
        if not rated:
            return
        mentions = [m for m, _ in rated]
        severity = max((sev for _, sev in rated), key=_RANK.__getitem__)
        new_subject = redact(subject, mentions, opts.fix_style, opts.fix_word, opts.initials_style)
        n = len(mentions)
        ambiguous = any(m.ambiguous for m in mentions)
        message = (
            "Subjects are seen in previews and search results: refer to the person another "
            f'way. Policy: "{self.source.text}"'
        )
        if sensitive:
            message = f"The subject is about {', '.join(sensitive)}. " + message
        if ambiguous:
            readings = {m.reading for m in mentions if m.ambiguous}
            other = (
                "a place or organisation's"
                if "place" in readings
                else "a class or house's"
                if "class" in readings
                else "an everyday word"
            )
            message += f" One name here is also {other}: if it is not a person, send as it is."
        finding = self.finding(
            opts,
            title="Name in the subject" if n == 1 else f"{n} names in the subject",
            message=message,
            evidence=NamedIndividualEvidence(
                observed=n,
                sensitive_words=tuple(sensitive),
                mentions=tuple(
                    MentionEvidence(
                        start=m.start,
                        end=m.end,
                        initials=mention_initials(m, opts.initials_style),
                        source=m.source,
                        kind=m.kind,
                        severity=sev,
                        ambiguous=m.ambiguous,
                        score=round(m.score, 2),
                    )
                    for m, sev in rated
                ),
            ),
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
        yield replace(finding, severity=severity)
