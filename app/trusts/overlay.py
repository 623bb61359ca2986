"""Policy inheritance: trust policy → school overrides → staff-group overrides.

Each level states only what it changes, as a JSON Merge Patch (RFC 7396) over
the level above: an object merges key by key (``rules.REC001`` merges option
by option), anything else (a string, a number, a list such as
``internal_domains``) replaces what is above, and ``null`` removes the key so
the level above (or the default) applies again. The result of every level is
validated as a :class:`~app.policy.Policy`, so an overlay that would make an
invalid policy is refused when it is written, never at check time.

Rule keys may be codes or names and a bare severity is shorthand
(``REC002: warn``); both are normalised to ``{"REC002": {"severity": "warn"}}``
(``REC002: silent`` to ``{"REC002": {"silent": true}}``)
first, so a school's ``large-audience`` merges into the trust's ``REC001``.

Effective policies are computed when a school is loaded (``app.runtime``),
once per distinct set of staff groups, never per check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain import PersonKind
from app.errors import Invalid
from app.people import Person
from app.policy import Policy

GROUP_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$")
MAX_PATCH_BYTES = 200_000


class OverlayError(Invalid):
    """An overlay that is not a mapping, names an unknown rule, or makes an invalid policy."""


def merge_patch(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """RFC 7396: ``patch`` over ``base`` (neither is modified)."""
    out = dict(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_patch(out[key], value)
        elif isinstance(value, Mapping):
            out[key] = merge_patch({}, value)  # nulls inside a new object mean nothing
        else:
            out[key] = value
    return out


def normalise(doc: Any) -> dict[str, Any]:
    """Rule keys to codes, bare severities to ``{"severity": ...}``; ``version`` dropped."""
    from app.rules.registry import rule_for, shorthand

    if not isinstance(doc, Mapping):
        raise OverlayError("a policy overlay is a mapping of policy fields")
    out = {k: v for k, v in doc.items() if k != "version"}
    rules = out.get("rules")
    if rules is None:
        return out
    if not isinstance(rules, Mapping):
        raise OverlayError("rules must be a mapping of rule code to settings")
    norm: dict[str, Any] = {}
    for key, value in rules.items():
        rule = rule_for(str(key))
        if rule is None:
            raise OverlayError(f"unknown rule {key!r}")
        if rule.code in norm:
            raise OverlayError(f"rule {rule.code} is configured twice")
        norm[rule.code] = shorthand(value) if isinstance(value, str) else value
    out["rules"] = norm
    return out


def compose(layers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The document the layers make, top first (each normalised)."""
    doc: dict[str, Any] = {}
    for layer in layers:
        doc = merge_patch(doc, normalise(layer))
    return doc


def build(layers: Sequence[Mapping[str, Any]], *, version: int = 0) -> Policy:
    """The policy the layers make; raises :class:`OverlayError` if it is not valid."""
    from pydantic import ValidationError

    doc = compose(layers)
    try:
        policy = Policy.model_validate(doc)
    except (ValidationError, ValueError) as exc:
        raise OverlayError(_problems(exc)) from None
    return policy.model_copy(update={"version": version}) if version else policy


Problem = tuple[tuple[str | int, ...], str]


class LevelError(OverlayError):
    """A level's document, valid on its own, that makes an invalid policy with the
    levels above or below it; ``problems`` are (location, message) pairs."""

    def __init__(self, where: str, problems: Sequence[Problem]) -> None:
        self.where = where
        self.problems = list(problems)
        shown = "; ".join(
            f"{'.'.join(str(p) for p in loc) or 'policy'}: {m}" for loc, m in problems
        )
        super().__init__(f"with {where}: {shown}")


def layer_problems(layers: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """What is wrong with the policy ``layers`` make (nothing: ``[]``), by location."""
    from pydantic import ValidationError

    try:
        Policy.model_validate(compose(layers))
    except ValidationError as exc:
        return [
            (tuple(e["loc"]), e["msg"]) for e in exc.errors(include_url=False, include_input=False)
        ]
    except ValueError as exc:  # OverlayError: a rule key no level should hold
        return [((), str(exc))]
    return []


def _problems(exc: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'policy'}: {e['msg']}" for e in exc.errors()
        )
    return str(exc)


def validate_overlay(patch: Any, *, above: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """An overlay normalised, after checking it makes a valid policy on its own and
    over the levels ``above`` it. Returns what to store."""
    norm = normalise(patch)
    if len(repr(norm)) > MAX_PATCH_BYTES:
        raise OverlayError("the overlay is too large")
    build([norm])
    if above:
        build([*above, norm])
    return norm


@dataclass(frozen=True, slots=True)
class StaffGroup:
    """A staff group with its own policy overrides, e.g. the safeguarding team.

    Membership comes from the directory: a member of staff whose ``roles`` or
    ``departments`` (as the MIS or Entra gives them) include one of the
    group's, compared without case. ``level`` is ``trust`` or ``school``; a
    trust's groups apply in every school of the trust, before the school's own.
    """

    name: str
    roles: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    patch: Mapping[str, Any] = field(default_factory=dict)
    level: str = "school"
    position: int = 0

    def has(self, person: Person) -> bool:
        if person.kind is not PersonKind.STAFF:
            return False
        roles = {r.casefold() for r in self.roles}
        depts = {d.casefold() for d in self.departments}
        return any(r.casefold() in roles for r in person.roles) or any(
            d.casefold() in depts for d in person.departments
        )


def group_order(groups: Iterable[StaffGroup]) -> list[StaffGroup]:
    """Trust groups first, then the school's; by position, then name."""
    return sorted(groups, key=lambda g: (g.level != "trust", g.position, g.name))


@dataclass(frozen=True, slots=True)
class Layers:
    """The levels a school's checks inherit from: the trust's overlay (``None``
    for a school with no trust), the school's own document and staff groups."""

    trust: Mapping[str, Any] | None
    school: Mapping[str, Any]
    school_version: int
    groups: tuple[StaffGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class SenderPolicies:
    """Effective policies, precomputed: ``default`` for anyone in no staff group,
    one policy per distinct set of groups, looked up by the sender's school
    address (lower case)."""

    default: Policy
    by_sender: Mapping[str, Policy] = field(default_factory=dict)
    groups_by_sender: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def policy_for(self, address: str) -> Policy:
        return self.by_sender.get(address, self.default)

    def groups_for(self, address: str) -> tuple[str, ...]:
        return self.groups_by_sender.get(address, ())


def effective(
    layers: Layers, people: Iterable[Person], *, school_policy: Policy | None = None
) -> SenderPolicies:
    """Every sender's effective policy, computed once per distinct set of groups.

    With no trust and no staff groups the school's own policy object is used
    as is (``school_policy``), so a school outside a trust behaves exactly as
    before. A policy that a (legacy) combination makes invalid falls back to
    the level above it rather than failing the load.
    """
    base_layers: list[Mapping[str, Any]] = [] if layers.trust is None else [layers.trust]
    base_layers.append(layers.school)
    if layers.trust is None and school_policy is not None:
        default = school_policy
    else:
        try:
            default = build(base_layers, version=layers.school_version)
        except OverlayError:
            default = school_policy if school_policy is not None else Policy()
    groups = group_order(layers.groups)
    if not groups:
        return SenderPolicies(default)
    cache: dict[tuple[str, ...], Policy] = {(): default}
    by_sender: dict[str, Policy] = {}
    names: dict[str, tuple[str, ...]] = {}
    for person in people:
        if not person.email:
            continue
        key = tuple(f"{g.level}:{g.name}" for g in groups if g.has(person))
        if not key:
            continue
        policy = cache.get(key)
        if policy is None:
            chosen = [g.patch for g in groups if f"{g.level}:{g.name}" in key]
            try:
                policy = build([*base_layers, *chosen], version=layers.school_version)
            except OverlayError:
                policy = default
            cache[key] = policy
        address = person.email.lower()
        by_sender[address] = policy
        names[address] = key
    return SenderPolicies(default, by_sender, names)
