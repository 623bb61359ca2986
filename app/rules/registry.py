"""The explicit list of rules, and validation of per-rule settings.

Codes are a stable contract: clients, audit events and admins' policy files
refer to them. A retired code stays in :data:`RETIRED_CODES` forever and is
never given to a new rule (:func:`check_registry`, run on import, enforces it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from app.errors import Invalid
from app.rules.att001_large_internal_attachment import LargeInternalAttachment
from app.rules.base import Rule, RuleOptions
from app.rules.ooh001_out_of_hours import OutOfHours
from app.rules.pup001_pupil_personal_address import PupilPersonalAddress
from app.rules.pup002_pupil_contact_from_non_school_account import (
    PupilContactFromNonSchoolAccount,
)
from app.rules.pup003_pupil_with_personal_addresses import PupilWithPersonalAddresses
from app.rules.rec001_large_audience import LargeAudience
from app.rules.rec002_reply_all_to_many import ReplyAllToMany
from app.rules.rec003_external_addresses_visible import ExternalAddressesVisible
from app.rules.sub001_named_individual_in_subject import NamedIndividualInSubject
from app.rules.sub002_missing_or_vague_subject import MissingOrVagueSubject

RULES: tuple[Rule[Any], ...] = (
    # Safeguarding first: a block decides the action whatever else is found.
    PupilPersonalAddress(),
    PupilContactFromNonSchoolAccount(),
    PupilWithPersonalAddresses(),
    ExternalAddressesVisible(),
    NamedIndividualInSubject(),
    LargeAudience(),
    ReplyAllToMany(),
    LargeInternalAttachment(),
    OutOfHours(),
    MissingOrVagueSubject(),
)

RETIRED_CODES: frozenset[str] = frozenset()


def check_registry(rules: tuple[Rule[Any], ...], retired: frozenset[str]) -> None:
    """Raise ValueError unless every code and name is unique, no rule has a
    retired code, and every rule says what it reads."""
    codes = [r.code for r in rules]
    names = [r.name for r in rules]
    if len(set(codes)) != len(codes) or len(set(names)) != len(names):
        raise ValueError("two rules share a code or a name")
    reused = sorted(set(codes) & retired)
    if reused:
        raise ValueError(f"retired codes are never reused: {', '.join(reused)}")
    silent = [r.code for r in rules if not getattr(r, "reads", None)]
    if silent:
        raise ValueError(f"rules must say what they read: {', '.join(silent)}")


check_registry(RULES, RETIRED_CODES)

BY_CODE: dict[str, Rule[Any]] = {r.code: r for r in RULES}
_BY_NAME: dict[str, Rule[Any]] = {r.name: r for r in RULES}


def rule_for(key: str) -> Rule[Any] | None:
    """A rule by code (any case) or kebab-case name."""
    return BY_CODE.get(key.upper()) or _BY_NAME.get(key.lower())


class RuleSettingsError(Invalid):
    """Raised with a message naming the rule and the bad option."""


def shorthand(value: str) -> dict[str, Any]:
    """A rule's settings written as one word: a severity (``warn``), or ``silent``
    (silent roll-out at the rule's default severity)."""
    if value.strip().lower() == "silent":
        return {"silent": True}
    return {"severity": value}


def validate_rule_settings(value: Any) -> dict[str, RuleOptions]:
    """Validate ``{code-or-name: {option: value}}`` into every rule's options.

    Rules not mentioned get their defaults. Unknown rules and unknown options
    are errors. Settings may be given as an options object already.
    """
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise RuleSettingsError("rules must be a mapping of rule code to settings")
    out: dict[str, RuleOptions] = {}
    for key, settings in value.items():
        rule = rule_for(str(key))
        if rule is None:
            if str(key).upper() in RETIRED_CODES:
                raise RuleSettingsError(f"rule {key} has been retired")
            raise RuleSettingsError(f"unknown rule {key!r}; known: {', '.join(BY_CODE)}")
        if rule.code in out:
            raise RuleSettingsError(f"rule {rule.code} is configured twice")
        if isinstance(settings, rule.Options):
            out[rule.code] = settings
            continue
        if isinstance(settings, str):  # shorthand: "REC002: warn", "REC002: silent"
            settings = shorthand(settings)
        if not isinstance(settings, Mapping):
            raise RuleSettingsError(f"rules.{rule.code} must be a mapping of options")
        try:
            out[rule.code] = rule.Options.model_validate(dict(settings))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors()
            )
            raise RuleSettingsError(f"rules.{rule.code}: {problems}") from None
    for rule in RULES:
        out.setdefault(rule.code, rule.Options())
    return {rule.code: out[rule.code] for rule in RULES}
