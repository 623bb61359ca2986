"""What every rule shares: its options base class, the evaluation context and
the :class:`Rule` base.

A rule is one module with one class. Its docstring has fixed headings
(*What it checks*, *Why it matters*, *Example*, *Options*, *Fix*) that the
README, ``GET /v1/rules`` and the admin console render; there is no second
copy of that text anywhere.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Flag, auto
from functools import cached_property
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.calendar import WorkingCalendar
from app.directory.model import Directory, Group
from app.domain import (
    Evidence,
    Finding,
    Fix,
    Message,
    Recipient,
    Severity,
    ThresholdSource,
    normalise_address,
)
from app.people import Person
from app.rules.sources import Source


class RuleOptions(BaseModel):
    """Options every rule has. Subclasses add thresholds and set the default severity."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity = Field(default=Severity.ADVISE, description="off, advise, warn or block.")
    silent: bool = Field(
        default=False,
        description="Roll-out: true checks the rule and counts its findings in the audit, but "
        "the sender sees nothing and the send is not affected; severity is what it will do "
        "once live (false).",
    )
    reason_required: bool = Field(
        default=False,
        description="Sending anyway after this rule's warning needs a reason, a code from a "
        "fixed list (POST /v1/outcome: reason).",
    )
    allow: tuple[str, ...] = Field(
        default=(),
        description="Addresses (name@example.org) or domains (example.org) this rule ignores.",
        max_length=5000,
    )

    @field_validator("allow", mode="before")
    @classmethod
    def _clean_allow(cls, v: Any) -> Any:
        if isinstance(v, list | tuple):
            out = []
            for item in v:
                if not isinstance(item, str) or not item.strip() or " " in item.strip():
                    raise ValueError(f"allow-list entries are addresses or domains, not {item!r}")
                s = item.strip().lstrip("@")
                out.append(normalise_address(s) if "@" in s else normalise_address("x@" + s)[2:])
            return tuple(dict.fromkeys(out))
        return v

    @cached_property
    def _allowed(self) -> tuple[frozenset[str], frozenset[str]]:
        addresses = frozenset(a for a in self.allow if "@" in a)
        domains = frozenset(a for a in self.allow if "@" not in a)
        return addresses, domains

    def counted(self, recipients: tuple[Recipient, ...]) -> tuple[Recipient, ...]:
        """The recipients the allow-list does not exempt (all of them, at no cost,
        when it is empty: the usual case)."""
        if not self.allow:
            return recipients
        return tuple(r for r in recipients if not self.allows(r))

    def allows(self, recipient: Recipient) -> bool:
        """True when the allow-list exempts this recipient from the rule."""
        if not self.allow:
            return False
        addresses, domains = self._allowed
        return recipient.key in addresses or recipient.domain in domains

    def source_of(self, *options: str) -> ThresholdSource:
        """``policy`` when the school set any of these options, ``default`` otherwise."""
        fields_set = self.model_fields_set
        if any(o in fields_set for o in options):
            return ThresholdSource.POLICY
        return ThresholdSource.DEFAULT


def severity_field(default: Severity, why: str) -> Any:
    """A rule's severity option with its default and the reason for it."""
    return Field(default=default, description=f"off, advise, warn or block. {why}")


OptionsT = TypeVar("OptionsT", bound=RuleOptions)


class SchoolPolicy(WorkingCalendar, Protocol):
    """The school-wide facts rules read from a :class:`~app.policy.Policy`.

    Named by shape because the policy sits above the rules (it validates its
    per-rule settings through the registry); each rule's own options come as
    the ``opts`` argument of :meth:`Rule.check`.
    """

    @property
    def internal_domains(self) -> tuple[str, ...]: ...

    @property
    def pupil_domains(self) -> tuple[str, ...]: ...

    @property
    def timezone(self) -> str: ...

    @property
    def school_domains(self) -> frozenset[str]: ...


@dataclass(slots=True)
class Context:
    """Everything a rule reads, with the per-message work done once.

    Built by the engine for one evaluation and shared by every rule, so that
    no rule looks a recipient up again: ``internal[i]`` says whether
    ``recipients[i]`` is at one of the school's domains (staff or pupil),
    ``keys[i]`` is its normalised address, ``people[i]`` the directory's
    person at that school address (or ``None``), and ``lists`` maps the index
    of each recipient that is a directory group to the group.
    """

    message: Message
    policy: SchoolPolicy
    directory: Directory
    school_domains: frozenset[str]
    recipients: tuple[Recipient, ...]
    internal: tuple[bool, ...]
    local_send_at: datetime
    keys: tuple[str, ...] = ()
    people: tuple[Person | None, ...] = ()
    lists: dict[int, Group] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # work shared by several rules

    @classmethod
    def build(cls, message: Message, policy: SchoolPolicy, directory: Directory) -> Context:
        domains = policy.school_domains | directory.internal_domains
        recipients = message.recipients
        keys = tuple([r.key for r in recipients])
        return cls(
            message=message,
            policy=policy,
            directory=directory,
            school_domains=domains,
            recipients=recipients,
            internal=tuple(r.domain in domains for r in recipients),
            local_send_at=message.send_at.astimezone(policy.zone),
            keys=keys,
            people=directory.school_people(keys),
            lists=directory.groups_among(keys),
        )


class Reads(Flag):
    """What of a message a rule reads. A host that cannot see part of a
    message (Gmail before the draft is saved: no subject) turns off the
    rules that read it, rather than report an unread subject as an empty one."""

    RECIPIENTS = auto()
    SENDER = auto()
    SUBJECT = auto()
    BODY = auto()
    ATTACHMENTS = auto()
    SEND_TIME = auto()
    COMPOSE_TYPE = auto()


@dataclass(frozen=True, slots=True)
class ThresholdPhrase:
    """A rule's threshold as a person reads it ("More than 25 recipients"),
    and whether the school set it or it is the rule's default."""

    text: str
    source: ThresholdSource | None  # None: not one of the rule's options (school-wide policy)


_HEADING = re.compile(r"^(What it checks|Why it matters|Example|Options|Fix)\s*$", re.M)


class Rule(ABC, Generic[OptionsT]):
    """Base class. Subclasses set the class attributes and implement :meth:`check`.

    A rule describes itself, so that no view or host switches on its code:
    ``reads`` says what of the message it reads, :meth:`describe_threshold`
    words its threshold for a person, and ``evidence_type`` is the type of its
    findings' evidence.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    source: ClassVar[Source]
    reads: ClassVar[Reads]
    Options: ClassVar[type[RuleOptions]]
    evidence_type: ClassVar[type[Evidence]] = Evidence

    @abstractmethod
    def check(self, ctx: Context, opts: OptionsT) -> Iterable[Finding]:
        """Yield findings (usually zero or one)."""

    def describe_threshold(self, opts: OptionsT) -> ThresholdPhrase | None:
        """The threshold in words, for a person; None for a rule without one."""
        return None

    def finding(
        self,
        opts: OptionsT,
        *,
        title: str,
        message: str,
        evidence: Evidence,
        fixes: tuple[Fix, ...] = (),
        source: Source | None = None,
    ) -> Finding:
        src = source or self.source
        return Finding(
            code=self.code,
            rule=self.name,
            severity=opts.severity,
            title=title,
            message=message,
            policy_ref=src.ref,
            evidence=evidence,
            fixes=fixes,
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split by its fixed headings."""
        doc = (cls.__doc__ or "").strip("\n")
        lines = doc.splitlines()
        indent = min((len(x) - len(x.lstrip()) for x in lines[1:] if x.strip()), default=0)
        text = "\n".join([lines[0].strip()] + [x[indent:] for x in lines[1:]]) if lines else ""
        parts = _HEADING.split(text)
        out = {"Summary": parts[0].strip()}
        for head, body in zip(parts[1::2], parts[2::2], strict=True):
            out[head] = body.strip()
        return out
