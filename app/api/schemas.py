"""The HTTP contract of ``/v1/check`` and its limits.

Field names are fixed (clients depend on them). Limits are set so that a
real message always fits and a hostile one gets a 422 naming the field:

- at most 500 addresses each in To, Cc and Bcc, 1,000 in all
- subject at most 998 characters (RFC 5322's line limit)
- display names at most 256 characters, attachment names 255
- at most 250 attachments, each at most 10 GiB as reported
- whole request body at most 1 MB (413 otherwise)
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    field_validator,
    model_validator,
)
from pydantic_core import to_json

from app.addresses import SCHEMA_PATTERN, SPECIAL_USE, check_address
from app.domain import (
    MAX_ATTACHMENTS,
    MAX_PER_FIELD,
    MAX_RECIPIENTS,
    MAX_SUBJECT,
    Address,
    Attachment,
    ComposeType,
    Host,
    Importance,
    Message,
    OverrideReason,
    Recipient,
    RecipientField,
    RecipientKind,
    Verdict,
    recipients_of,
)

MIN_YEAR, MAX_YEAR = 1990, 2200


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class AddressIn(_In):
    email: Annotated[str, AfterValidator(check_address)] = Field(
        min_length=3,
        max_length=320,
        description="An email address, checked with email-validator (IDN and quoted local "
        "parts accepted). Special-use domains ("
        + ", ".join("." + d for d in SPECIAL_USE)
        + ") are refused, as the pattern says; an address the pattern lets through but the "
        "check refuses (such as a..b@x.com) is the same 422 validation error.",
        json_schema_extra={"format": "email", "pattern": SCHEMA_PATTERN},
    )
    name: str = Field(default="", max_length=256, description="The display name, if any.")


class RecipientIn(AddressIn):
    kind: RecipientKind | None = Field(
        default=None,
        description="Host's view of the recipient: user, external, distribution_list, unknown.",
    )


class AttachmentIn(_In):
    name: str = Field(default="", max_length=255, description="The file name.")
    size: int = Field(ge=0, le=10 * 1024**3, description="Size in bytes, as the host reports it.")
    inline: bool = Field(default=False, description="An inline image (a signature logo, say).")
    content_type: str = Field(
        default="application/octet-stream", max_length=255, description="The MIME type."
    )


class CheckRequest(_In):
    """A draft to check."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Sarah Jones"},
                    "to": [{"email": "parent1@gmail.com"}, {"email": "parent2@outlook.com"}],
                    "subject": "Year 9 trip: consent forms",
                    "attachments": [{"name": "letter.pdf", "size": 120000}],
                    "compose_type": "new",
                    "send_at": "2026-11-18T10:00:00+00:00",
                    "host": "api",
                }
            ]
        }
    )

    sender: AddressIn = Field(description="Who is sending (their school address, usually).")
    to: list[RecipientIn] = Field(
        default_factory=list, max_length=MAX_PER_FIELD, description="To recipients."
    )
    cc: list[RecipientIn] = Field(
        default_factory=list, max_length=MAX_PER_FIELD, description="Cc recipients."
    )
    bcc: list[RecipientIn] = Field(
        default_factory=list, max_length=MAX_PER_FIELD, description="Bcc recipients."
    )
    subject: str = Field(default="", max_length=MAX_SUBJECT, description="The subject line.")
    attachments: list[AttachmentIn] = Field(
        default_factory=list,
        max_length=MAX_ATTACHMENTS,
        description="Attached files (names and sizes only).",
    )
    compose_type: ComposeType = Field(
        default=ComposeType.NEW, description="new, reply, reply_all or forward."
    )
    importance: Importance = Field(default=Importance.NORMAL, description="low, normal or high.")
    send_at: AwareDatetime | None = Field(
        default=None, description="When the message will be sent (ISO-8601 with offset); now."
    )
    host: Literal["outlook", "gmail", "api"] = Field(
        default="api", description="Which client asks: outlook, gmail or api."
    )
    purpose: Literal["send", "review", "background"] = Field(
        default="send",
        description="send (the message is going), review (the user asked), or background "
        "(a pre-check or re-check): the audit's per-rule figures count send and review only.",
    )

    @field_validator("send_at")
    @classmethod
    def _plausible(cls, v: datetime | None) -> datetime | None:
        # Far-off years overflow date arithmetic (next working day, zone
        # conversion); no real draft is sent outside this range.
        if v is not None and not (MIN_YEAR <= v.year <= MAX_YEAR):
            raise ValueError(f"send_at must be between {MIN_YEAR} and {MAX_YEAR}")
        return v

    @model_validator(mode="after")
    def _total(self) -> CheckRequest:
        n = len(self.to) + len(self.cc) + len(self.bcc)
        if n > MAX_RECIPIENTS:
            raise ValueError(f"too many recipients: {n} (at most {MAX_RECIPIENTS})")
        return self

    def to_message(self, now: datetime) -> Message:
        def recips(items: list[RecipientIn], fld: RecipientField) -> tuple[Recipient, ...]:
            unknown = RecipientKind.UNKNOWN
            return recipients_of([(r.email, r.name, r.kind or unknown) for r in items], fld)

        return Message(
            sender=Address(self.sender.email, self.sender.name),
            send_at=self.send_at or now,
            to=recips(self.to, RecipientField.TO),
            cc=recips(self.cc, RecipientField.CC),
            bcc=recips(self.bcc, RecipientField.BCC),
            subject=self.subject,
            attachments=tuple(
                Attachment(a.name, a.size, a.inline, a.content_type) for a in self.attachments
            ),
            compose_type=self.compose_type,
            importance=self.importance,
            host=Host(self.host),
        )


class FixOut(BaseModel):
    """A one-click fix; its other members depend on ``kind`` (README, 'The check API')."""

    model_config = ConfigDict(extra="allow")

    kind: Literal[
        "move_to_bcc",
        "replace_subject",
        "schedule_send",
        "replace_recipient",
        "remove_recipient",
        "share_as_link",
    ] = Field(description="What the fix does.")
    title: str = Field(description="The button's label, e.g. 'Move 2 addresses to Bcc'.")


# The evidence's members every client may read, as ``app.domain.Evidence``
# serialises them; a rule adds its own typed members beside them (the README's
# rules section and each rule's ``evidence_type`` say which). Members a rule
# has no value for are left out, never null.
_EVIDENCE_SCHEMA: dict[str, Any] = {
    "description": "What the rule observed, its threshold and where that came from, and "
    "which recipients it is about; never a person's name. Rules add their own members.",
    "required": ["observed"],
    "additionalProperties": True,
    "properties": {
        "observed": {
            "anyOf": [{"type": "integer"}, {"type": "string"}],
            "description": "What the rule measured: a count, a size in bytes, a local time "
            "(ISO-8601), a domain or a word.",
        },
        "threshold": {
            "type": "integer",
            "description": "The number ``observed`` was compared with (rules with one only).",
        },
        "threshold_source": {
            "enum": ["policy", "default"],
            "description": "policy when the school set the threshold, default otherwise.",
        },
        "recipients": {
            "type": "array",
            "description": "The recipients the finding is about: each an address, or "
            "{address, how} where the rule says how it knows what the recipient is "
            "(PUP001: how the address is known to be a pupil's).",
            "items": {
                "anyOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "required": ["address", "how"],
                        "properties": {
                            "address": {"type": "string"},
                            "how": {"type": "string"},
                        },
                    },
                ]
            },
        },
    },
}


class EvidenceOut(RootModel[dict[str, Any]]):
    """A finding's evidence (``app.domain.Evidence.to_dict``): passed through as
    serialised, documented here."""

    model_config = ConfigDict(json_schema_extra=_EVIDENCE_SCHEMA)


class FindingOut(BaseModel):
    code: str = Field(description="The rule's stable code, e.g. REC003.")
    rule: str = Field(description="The rule's name, e.g. external-addresses-visible.")
    severity: Literal["advise", "warn", "block"] = Field(description="How serious, per policy.")
    title: str = Field(description="A short heading.")
    message: str = Field(description="One plain sentence for the sender, quoting the policy.")
    policy_ref: str = Field(description="Where in the school's policy this comes from.")
    evidence: EvidenceOut = Field(
        description="What was observed, the threshold and where it came from (for admins)."
    )
    fixes: list[FixOut] = Field(description="One-click fixes, if any.")


class CheckResponse(BaseModel):
    action: Literal["allow", "warn", "block"] = Field(
        description="allow: send; warn: ask (Send anyway); block: stop until fixed."
    )
    findings: list[FindingOut] = Field(description="What was found, most severe first.")
    policy_version: int = Field(description="The school's policy version that judged it.")
    duration_ms: float = Field(description="How long the rules took.")
    reason_required: bool = Field(
        default=False,
        description="true: the school asks for a reason to send this anyway (a warning rule "
        "has reason_required); report sent_anyway with a reason code (POST /v1/outcome).",
    )
    check_id: str = Field(description="Quote it when reporting the user's choice.")
    fail_mode: Literal["open", "closed"] = Field(
        default="open", description="What the add-in should do if a later check times out."
    )

    @staticmethod
    def payload(verdict: Verdict, check_id: str, fail_mode: str) -> dict[str, Any]:
        """The response as plain data: a route returning it is validated once,
        by its ``response_model``."""
        return {**verdict.to_dict(), "check_id": check_id, "fail_mode": fail_mode}

    @staticmethod
    def encode(verdict: Verdict, check_id: str, fail_mode: str) -> bytes:
        """The response body, as the route's ``response_model`` would write it
        (pydantic's serializer), without validating the typed Verdict again."""
        return to_json(CheckResponse.payload(verdict, check_id, fail_mode))

    @classmethod
    def build(cls, verdict: Verdict, check_id: str, fail_mode: str) -> CheckResponse:
        return cls.model_validate(cls.payload(verdict, check_id, fail_mode))


class OutcomeIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "check_id": "6f1c2a4e-8b1d-4c55-9a51-2f0f3d3c9b10",
                    "outcome": "fixed",
                    "host": "outlook",
                    "codes": ["REC003"],
                },
                {
                    "check_id": "6f1c2a4e-8b1d-4c55-9a51-2f0f3d3c9b10",
                    "outcome": "sent_anyway",
                    "host": "gmail",
                    "codes": ["REC001"],
                    "reason": "recipients_are_staff",
                },
            ]
        }
    )

    check_id: UUID | None = Field(default=None, description="The check_id a check returned.")
    outcome: Literal["sent_anyway", "fixed", "cancelled", "failed_open"] = Field(
        description="What the user did. sent_anyway is refused (422) after a block verdict "
        "this service can look up."
    )
    host: Literal["outlook", "gmail", "api"] = Field(default="api", description="Which client.")
    codes: list[str] = Field(
        default_factory=list, max_length=20, description="The rule codes the outcome is about."
    )
    reason: OverrideReason | None = Field(
        default=None,
        description="Why the user sent anyway: a code from this fixed list, never free text "
        "(sent_anyway only). Required (422 without it) when a reported code's rule, or the "
        "check's verdict (reason_required), asks for one.",
    )
    count: int = Field(
        default=1,
        ge=1,
        le=100,
        description="How many identical outcomes this reports: more than 1 only for "
        "failed_open without a check_id (an add-in reporting, in one request, the sends that "
        "went unchecked while the service was unreachable).",
    )

    @model_validator(mode="after")
    def _count(self) -> OutcomeIn:
        if self.count > 1 and (self.outcome != "failed_open" or self.check_id is not None):
            raise ValueError("count > 1 is only for failed_open without a check_id")
        if self.reason is not None and self.outcome != "sent_anyway":
            raise ValueError("a reason is recorded with sent_anyway only")
        return self

    @field_validator("codes")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        from app.rules.registry import BY_CODE

        # Counted, not quoted: whatever was sent is not echoed back.
        bad = sum(1 for c in v if c not in BY_CODE)
        if bad:
            raise ValueError(f"{bad} unknown rule code(s); codes are listed at GET /v1/rules")
        return v
