"""A school's email policy as typed data.

One :class:`Policy` per tenant, versioned by the store. The same model
validates the policy file (YAML or JSON), the admin API's PUT body and the
``etiquette policy validate`` command, so there is one definition of what a
valid policy is. Unknown keys are errors everywhere.

Defaults come from the policies in ``shared/policies`` (see each field's
description); per-rule settings live with their rules in ``app.rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    SerializationInfo,
    WithJsonSchema,
    field_validator,
)

from app.calendar import Holiday, Nation, WorkingHours
from app.domain import email_domain
from app.rules.base import RuleOptions
from app.rules.registry import validate_rule_settings


class FailMode(StrEnum):
    """What an add-in does when the service cannot be reached in time."""

    OPEN = "open"
    CLOSED = "closed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _serialise_rules(value: dict[str, RuleOptions], info: SerializationInfo) -> dict[str, Any]:
    # exclude_unset keeps "the school set this" apart from "our default", which
    # findings report as threshold_source; the store saves documents that way.
    out = {}
    for code, opts in value.items():
        dumped = opts.model_dump(mode="json", exclude_unset=info.exclude_unset)
        if dumped or not info.exclude_unset:
            out[code] = dumped
    return out


# Every rule's options, parsed once into the rule's own Options model by the
# registry when the Policy is built: the engine reads typed options, never a dict.
RuleSettings = Annotated[
    dict[str, RuleOptions],
    PlainValidator(validate_rule_settings),
    PlainSerializer(_serialise_rules, return_type=dict[str, Any], when_used="always"),
    WithJsonSchema(
        {
            "type": "object",
            "description": "Per-rule settings keyed by code (REC001) or name (large-audience). "
            "See GET /v1/rules for each rule's options schema.",
            "additionalProperties": {"type": "object"},
        }
    ),
]


def _domain_list(v: Any) -> Any:
    if isinstance(v, list | tuple):
        out = []
        for d in v:
            if not isinstance(d, str) or not d.strip() or " " in d.strip():
                raise ValueError(f"not a domain: {d!r}")
            out.append(email_domain("x@" + d.strip().lstrip("@")))
        return tuple(dict.fromkeys(out))
    return v


# Policy's cached properties: dropped from a copy (see Policy.model_copy).
_DERIVED = ("zone", "school_domains")


class Policy(_Strict):
    """A school's policy. ``version`` is assigned by the store, not by admins."""

    school_name: str = Field(default="", max_length=200, description="Shown in messages.")
    version: int = Field(default=0, ge=0, description="Set by the store on each change.")
    internal_domains: tuple[str, ...] = Field(
        default=(),
        description="The school's (or trust's) own mail domains. Mail to these is internal.",
    )
    pupil_domains: tuple[str, ...] = Field(
        default=(),
        description="Domains of pupils' school accounts (often a subdomain). Internal too.",
    )
    timezone: str = Field(default="Europe/London", description="IANA zone of the school.")
    working_hours: WorkingHours = Field(default_factory=WorkingHours)
    bank_holidays: Nation = Field(
        default=Nation.ENGLAND, description="Whose bank holidays count as non-working days."
    )
    school_holidays: tuple[Holiday, ...] = Field(
        default=(), description="Term breaks; sending to staff then counts as out of hours."
    )
    fail_mode: FailMode = Field(
        default=FailMode.OPEN,
        description="What the Outlook add-in does if this service does not answer within ~3 s. "
        "Open (default) lets the send go: a checker outage must never stop a school's email.",
    )
    rules: RuleSettings = Field(default_factory=lambda: validate_rule_settings({}))

    _normalise_internal = field_validator("internal_domains", "pupil_domains", mode="before")(
        classmethod(lambda cls, v: _domain_list(v))
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a directory
            raise ValueError(
                f"unknown time zone {v!r} (use an IANA name like Europe/London)"
            ) from None
        return v

    # Derived data, computed once per policy object (policies are immutable).
    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy without the derived values cached on this one: pydantic copies
        the instance dict, and with it a ``zone`` or ``school_domains`` that an
        ``update`` of ``timezone`` or the domains would make stale."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _DERIVED:
            copy.__dict__.pop(name, None)
        return copy

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def school_domains(self) -> frozenset[str]:
        return frozenset(self.internal_domains) | frozenset(self.pupil_domains)

    def options(self, code: str) -> RuleOptions:
        return self.rules[code]

    def content_dict(self) -> dict[str, Any]:
        """The admin-editable content as the school wrote it (no version, no defaults)."""
        return self.model_dump(mode="json", exclude={"version"}, exclude_unset=True)


def load_policy_file(path: Path) -> Policy:
    """Read a YAML or JSON policy file. Raises ``ValueError`` with a readable message."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text: save the file as UTF-8") from None
    from app.yaml_files import load_json, load_yaml  # no aliases, no duplicate keys

    data: Any = load_json(text) if path.suffix.lower() == ".json" else load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a policy file holds a mapping at the top level")
    return Policy.model_validate(data)
