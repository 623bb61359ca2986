"""SUB002 missing-or-vague-subject."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from pydantic import Field

from app.domain import Evidence, Finding, Severity
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, severity_field
from app.text import fold

# Reply/forward prefixes as mail clients write them, in English and the
# languages Outlook and Gmail localise them to most often in UK schools.
_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|tr|rv|sv|vs)\s*(\[\d+\])?\s*:\s*)+", re.I)
_PUNCT = re.compile(r"[\W_]+")


class MissingOrVagueSubjectOptions(RuleOptions):
    severity: Severity = severity_field(
        Severity.WARN, "Warn: 'Always use a clear and concise subject' (§4.5); cheap to fix."
    )
    placeholders: tuple[str, ...] = Field(
        default=(
            "no subject",
            "untitled",
            "subject",
            "hi",
            "hello",
            "hiya",
            "test",
            "fyi",
            "info",
            "email",
            "message",
            "update",
            "stuff",
            "misc",
            "quick question",
            "question",
            "urgent",
            "important",
            "please read",
            "read this",
        ),
        description="Subjects (after Re:/Fwd: and punctuation are removed, any case) that say "
        "nothing about the message.",
        max_length=500,
    )
    min_length: int = Field(
        default=3, ge=0, le=50, description="Shorter subjects (after prefixes) count as vague."
    )

    @cached_property
    def placeholder_set(self) -> frozenset[str]:
        return frozenset(_PUNCT.sub(" ", fold(p)).strip() for p in self.placeholders)


@dataclass(frozen=True, slots=True, kw_only=True)
class VagueSubjectEvidence(Evidence):
    """``observed`` is the problem: ``empty``, ``too_short`` or ``placeholder``."""

    length: int  # of the subject, prefixes included, spaces trimmed


class MissingOrVagueSubject(Rule[MissingOrVagueSubjectOptions]):
    """A subject that is empty or says nothing.

    What it checks
        After removing ``Re:``/``Fwd:`` prefixes (repeated, any case,
        localised forms such as ``AW:``/``WG:``), the subject is empty,
        shorter than ``min_length``, or one of the ``placeholders`` such as
        "hi", "update" or "(no subject)".

    Why it matters
        School policy §4.5: "Always use a clear and concise subject." A
        vague subject makes mail hard to triage and to find under a subject
        access request.

    Example
        ``Re: Fwd:`` or ``Hi``.

    Options
        ``placeholders``, ``min_length`` (default 3), ``severity`` (default
        warn).

    Fix
        None automatic: only the sender knows what the message is about.
    """

    code = "SUB002"
    name = "missing-or-vague-subject"
    summary = "Empty or placeholder subject."
    source = sources.CLEAR_SUBJECT
    reads = Reads.SUBJECT
    Options = MissingOrVagueSubjectOptions
    evidence_type = VagueSubjectEvidence

    def check(self, ctx: Context, opts: MissingOrVagueSubjectOptions) -> Iterator[Finding]:
        core = _PREFIX.sub("", ctx.message.subject)
        words = _PUNCT.sub(" ", fold(core)).strip()
        if not words:
            problem = "empty"
        elif len(words) < opts.min_length:
            problem = "too_short"
        elif words in opts.placeholder_set:
            problem = "placeholder"
        else:
            return
        title = "No subject" if problem == "empty" else "Subject says little"
        yield self.finding(
            opts,
            title=title,
            message=f'Say what the email is about in the subject. Policy: "{self.source.text}"',
            evidence=VagueSubjectEvidence(observed=problem, length=len(core.strip())),
        )
