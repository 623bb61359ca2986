"""The domain: what the engine reads and what it returns.

Everything here is frozen, typed and free of I/O. These are plain slotted
dataclasses rather than pydantic models because the engine builds and reads
them on the send-time hot path; validation happens once, at the edges
(``app.api.schemas`` for HTTP, ``app.eml`` for files, the integrations for
Outlook and Gmail payloads).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from dataclasses import field as _field  # "field" is also a Recipient attribute
from datetime import datetime
from enum import Enum, IntEnum, StrEnum
from functools import cache
from typing import Any

# What one message may hold, wherever it is read from (the check API's body, an
# .eml file): a real message always fits, and past these the engine's work grows
# with the input (the name finder's with a subject's longest word), so a hostile
# message could hold a worker for minutes.
MAX_SUBJECT = 998  # RFC 5322's line limit
MAX_PER_FIELD = 500  # addresses in each of To, Cc and Bcc
MAX_RECIPIENTS = 1000
MAX_ATTACHMENTS = 250


class Host(StrEnum):
    """Where the message is being composed."""

    OUTLOOK = "outlook"
    GMAIL = "gmail"
    API = "api"
    EML = "eml"


class ComposeType(StrEnum):
    """How the message came about. Outlook reports reply-all as ``reply``."""

    NEW = "new"
    REPLY = "reply"
    REPLY_ALL = "reply_all"
    FORWARD = "forward"


class Importance(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class RecipientField(StrEnum):
    TO = "to"
    CC = "cc"
    BCC = "bcc"


class RecipientKind(StrEnum):
    """What the host says a recipient is, where it knows.

    Outlook's ``recipientType`` maps here (``user``, ``externalUser``,
    ``distributionList``, ``other``). It is a hint only: a GAL contact saved in
    a personal address book is reported as ``externalUser``, so the engine
    decides internal/external from the school's domains.
    """

    USER = "user"
    EXTERNAL = "external"
    DISTRIBUTION_LIST = "distribution_list"
    UNKNOWN = "unknown"


class PersonKind(StrEnum):
    PUPIL = "pupil"
    STAFF = "staff"
    PARENT = "parent"
    OTHER = "other"


class Severity(StrEnum):
    """How a rule's finding is treated.

    ``advise`` findings are shown (task pane, card) but never stop a send;
    ``warn`` prompts with "Send anyway"; ``block`` stops the send until fixed.
    """

    OFF = "off"
    ADVISE = "advise"
    WARN = "warn"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.OFF: 0, Severity.ADVISE: 1, Severity.WARN: 2, Severity.BLOCK: 3}


class OverrideReason(StrEnum):
    """Why a sender sent anyway, when the school's policy asks for a reason
    (a rule's ``reason_required``). A code from this fixed list, never free text:
    the audit must not hold anything about a message.
    """

    PARENT_CONSENTED = "parent_consented"  # the parent/carer agreed to this
    RECIPIENTS_ARE_STAFF = "recipients_are_staff"  # everyone on it works for the school
    URGENT_SAFEGUARDING = "urgent_safeguarding"  # a safeguarding matter that cannot wait
    AGREED_WITH_DPO = "already_agreed_with_dpo"  # the DPO or head agreed this kind of send
    NOT_APPLICABLE = "not_applicable"  # the warning is wrong for this message
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    OverrideReason.PARENT_CONSENTED: "The parent or carer has agreed to this",
    OverrideReason.RECIPIENTS_ARE_STAFF: "All recipients are school staff",
    OverrideReason.URGENT_SAFEGUARDING: "Urgent safeguarding matter",
    OverrideReason.AGREED_WITH_DPO: "Already agreed with the DPO or head",
    OverrideReason.NOT_APPLICABLE: "The warning does not apply to this email",
    OverrideReason.OTHER: "Another reason",
}


class Action(StrEnum):
    """What the client should do with the send."""

    ALLOW = "allow"
    WARN = "warn"
    BLOCK = "block"


class Weekday(IntEnum):
    """ISO weekday numbers minus one, as ``datetime.weekday()`` returns them."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


def email_domain(address: str) -> str:
    """The lower-cased domain of an address, IDN labels in their A-label form.

    ``Pupil@Ex\u00e4mple.sch.uk`` and ``pupil@xn--exmple-cua.sch.uk`` are the
    same domain; comparing A-labels makes them equal.
    """
    _, _, domain = address.rpartition("@")
    domain = domain.strip().rstrip(".").lower()
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def normalise_address(address: str) -> str:
    """Lower-cased address with its domain in A-label form (local parts are
    case-insensitive at every mail provider schools use)."""
    local, at, _ = address.strip().rpartition("@")
    if not at:
        return address.strip().lower()
    return f"{local.lower()}@{email_domain(address)}"


def _set_key(obj: Address | Recipient) -> None:
    # ``normalise_address`` and ``email_domain`` written out: this runs once per
    # recipient of every check, and the calls were most of its cost.
    local, at, domain = obj.email.strip().rpartition("@")
    if at:
        domain = domain.strip().rstrip(".").lower()
        if not domain.isascii():
            domain = email_domain(domain)
        key = f"{local.lower()}@{domain}"
    else:
        key = domain = domain.lower()
    object.__setattr__(obj, "key", key)
    object.__setattr__(obj, "domain", domain)


@dataclass(frozen=True, slots=True)
class Address:
    """An address as written, with its normalised ``key`` and ``domain``
    computed once here so the engine's look-ups never redo them."""

    email: str
    name: str = ""
    key: str = _field(init=False, repr=False, compare=False)
    domain: str = _field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set_key(self)


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    name: str = ""
    field: RecipientField = RecipientField.TO
    kind: RecipientKind = RecipientKind.UNKNOWN
    key: str = _field(init=False, repr=False, compare=False)
    domain: str = _field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set_key(self)


_new = object.__new__
_set = object.__setattr__


def recipients_of(
    items: Iterable[tuple[str, str, RecipientKind]], fld: RecipientField
) -> tuple[Recipient, ...]:
    """``tuple(Recipient(email, name, fld, kind) for ...)``, the same objects
    built without the generated ``__init__`` and ``__post_init__`` calls: the
    check API builds one per recipient of every check."""
    out: list[Recipient] = []
    append = out.append
    for email, name, kind in items:
        r = _new(Recipient)
        _set(r, "email", email)
        _set(r, "name", name)
        _set(r, "field", fld)
        _set(r, "kind", kind)
        _set_key(r)
        append(r)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    size: int
    inline: bool = False
    content_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Message:
    sender: Address
    send_at: datetime
    to: tuple[Recipient, ...] = ()
    cc: tuple[Recipient, ...] = ()
    bcc: tuple[Recipient, ...] = ()
    subject: str = ""
    attachments: tuple[Attachment, ...] = ()
    compose_type: ComposeType = ComposeType.NEW
    importance: Importance = Importance.NORMAL
    host: Host = Host.API

    def __post_init__(self) -> None:
        if self.send_at.tzinfo is None or self.send_at.utcoffset() is None:
            raise ValueError("send_at must be timezone-aware")

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        return self.to + self.cc + self.bcc


class FixKind(StrEnum):
    MOVE_TO_BCC = "move_to_bcc"
    REPLACE_SUBJECT = "replace_subject"
    SCHEDULE_SEND = "schedule_send"
    REPLACE_RECIPIENT = "replace_recipient"
    REMOVE_RECIPIENT = "remove_recipient"
    SHARE_AS_LINK = "share_as_link"


@dataclass(frozen=True, slots=True)
class Fix:
    """A machine-applicable change a client can make to the draft.

    ``params`` by kind:

    - ``move_to_bcc``: ``addresses`` (list of addresses now in To/Cc)
    - ``replace_subject``: ``subject`` (the whole new subject)
    - ``schedule_send``: ``send_at`` (ISO-8601 with offset), ``local_time``
      (human text in the school's zone)
    - ``replace_recipient``: ``address`` (to remove), ``replacement`` (to add),
      ``field`` (to/cc/bcc)
    - ``remove_recipient``: ``address``, ``field``
    - ``share_as_link``: ``attachments`` (the names of the attachments to upload to the
      sender's OneDrive and replace with an organisation-only link)
    """

    kind: FixKind
    title: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "title": self.title, **self.params}


class ThresholdSource(StrEnum):
    """Where a threshold came from: the school's policy, or the rule's default."""

    POLICY = "policy"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class EvidenceRecipients:
    """The recipients a finding is about, in the one shape every rule uses:
    their addresses and, where the rule says, ``how`` it knows what each one is
    (PUP001: ``known_personal``, ``name_match``...), in the same order.

    Held as columns rather than one object per recipient: a finding about 500
    parents in To is built on the send-time path. On the wire, recipients
    without ``how`` are their addresses (strings), with ``how`` they are
    ``{"address": ..., "how": ...}``: the shapes clients have always read.
    """

    addresses: tuple[str, ...]
    how: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.how is not None and len(self.how) != len(self.addresses):
            raise ValueError("one 'how' per address")

    def to_wire(self) -> list[Any]:
        if self.how is None:
            return list(self.addresses)
        return [{"address": a, "how": h} for a, h in zip(self.addresses, self.how, strict=True)]


# Evidence's common members that are left off the wire when a rule has none
# (a rule without a threshold has never sent ``"threshold": null``).
_OPTIONAL = frozenset({"threshold", "threshold_source", "recipients"})
_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: Any) -> tuple[tuple[str, bool], ...]:
    """A dataclass's field names, each with whether it is left off when None."""
    optional = issubclass(cls, Evidence)
    return tuple((f.name, optional and f.name in _OPTIONAL) for f in fields(cls))


def _plain(value: Any) -> Any:
    """JSON-ready data: enums by value, dataclasses as objects, tuples as lists."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, EvidenceRecipients):
        return value.to_wire()
    if isinstance(value, tuple | list):
        return [
            v if type(v) in _SCALARS else _object(v) if is_dataclass(v) else _plain(v)
            for v in value
        ]
    if is_dataclass(value) and not isinstance(value, type):
        return _object(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float):  # subclasses of the scalars
        return value
    raise TypeError(f"evidence cannot carry {type(value).__name__}")


def _object(value: object) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cls: Any = type(value)
    for name, optional in _field_names(cls):
        v = getattr(value, name)
        if v is None:
            if not optional:
                out[name] = None
        elif type(v) in _SCALARS:
            out[name] = v
        elif isinstance(v, Enum):
            out[name] = v.value
        else:
            out[name] = _plain(v)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """What a finding saw, typed; the same fields for every rule.

    ``observed`` is what the rule measured (a count, a size, a local time, a
    word); ``threshold`` and ``threshold_source`` are set by rules with a
    number to compare it with; ``recipients`` by rules about particular
    recipients. A rule with more to say subclasses this with typed fields
    (its ``Rule.Evidence``). Evidence goes back to the composing user only;
    it is never stored or logged, and never carries a person's name.
    """

    observed: int | str
    threshold: int | None = None
    threshold_source: ThresholdSource | None = None
    recipients: EvidenceRecipients | None = None

    @property
    def addresses(self) -> tuple[str, ...]:
        """The addresses of ``recipients`` (none when the rule names none)."""
        return self.recipients.addresses if self.recipients is not None else ()

    def to_dict(self) -> dict[str, Any]:
        """The wire form: the one way evidence is serialised."""
        return _object(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """One breach of one rule, explained.

    ``evidence`` is typed (:class:`Evidence` or the rule's subclass of it).
    """

    code: str
    rule: str
    severity: Severity
    title: str
    message: str
    policy_ref: str
    evidence: Evidence
    fixes: tuple[Fix, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "policy_ref": self.policy_ref,
            "evidence": self.evidence.to_dict(),
            "fixes": [f.to_dict() for f in self.fixes],
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The engine's answer: the most severe finding decides the action.

    ``advise`` findings alone give ``allow`` (with the findings attached).
    ``duration_ms`` is filled in by the caller that timed the evaluation; the
    engine itself reads no clock.

    ``silent`` holds the findings of rules in silent roll-out (``silent: true``
    in the policy): evaluated and audited (their codes), never shown to the
    sender and never part of the action. ``to_dict`` (what every client reads)
    leaves them out; only the admin dry-run shows them. ``reason_required``:
    sending anyway after this ``warn`` needs a reason code (a warning rule of
    the verdict has ``reason_required: true``).
    """

    action: Action
    findings: tuple[Finding, ...]
    policy_version: int
    evaluated_for: datetime
    duration_ms: float = 0.0
    silent: tuple[Finding, ...] = ()
    reason_required: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    @property
    def silent_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.silent)

    def to_dict(self) -> dict[str, Any]:
        """The verdict as plain data: the one serialiser, used by the API's
        response, the CLI's ``--json`` and the hosts."""
        return {
            "action": self.action.value,
            "findings": [f.to_dict() for f in self.findings],
            "policy_version": self.policy_version,
            "duration_ms": self.duration_ms,
            "reason_required": self.reason_required,
        }


def action_for(findings: tuple[Finding, ...]) -> Action:
    top = max((f.severity.rank for f in findings), default=0)
    if top >= Severity.BLOCK.rank:
        return Action.BLOCK
    if top >= Severity.WARN.rank:
        return Action.WARN
    return Action.ALLOW
