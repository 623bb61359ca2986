"""Policy inheritance, table-driven: trust → school → staff groups, each level
stating only what it changes (merge patch), validated."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain import PersonKind
from app.people import Person
from app.policy import Policy
from app.trusts.overlay import (
    Layers,
    OverlayError,
    StaffGroup,
    build,
    effective,
    merge_patch,
    validate_overlay,
)

TRUST = {
    "school_name": "Oak Trust",
    "rules": {"REC001": {"max_recipients": 40}, "OOH001": "advise"},
}
SLT = StaffGroup(
    "slt",
    roles=("Headteacher",),
    departments=("SLT",),
    patch={"rules": {"REC001": {"max_recipients": 500}}},
    level="trust",
)
OFFICE = StaffGroup(
    "office", departments=("Office",), patch={"rules": {"OOH001": "off"}}, level="school"
)
SAFEGUARDING = StaffGroup(
    "dsl",
    roles=("dsl",),
    patch={"rules": {"PUP003": "block", "REC001": {"max_recipients": 60}}},
    level="school",
    position=1,
)


def staff(email: str, roles: tuple[str, ...] = (), departments: tuple[str, ...] = ()) -> Person:
    return Person(
        email, "A", "B", PersonKind.STAFF, email=email, roles=roles, departments=departments
    )


PEOPLE = [
    staff("head@oak.org.uk", roles=("Headteacher", "DSL")),
    staff("office@oak.org.uk", departments=("office",)),
    staff("teacher@oak.org.uk", roles=("Teacher",)),
    Person("P1", "Pupil", "One", PersonKind.PUPIL, email="dsl@pupils.oak.org.uk", roles=("DSL",)),
]


def _opt(p: Policy, code: str, name: str) -> Any:
    return getattr(p.options(code), name)


@pytest.mark.parametrize(
    ("trust", "school", "groups", "sender", "expected"),
    [
        # no trust, no groups: the school's policy as it is
        (None, {}, (), "teacher@oak.org.uk", {("REC001", "max_recipients"): 25}),
        # the trust's value flows down when the school says nothing
        (
            TRUST,
            {},
            (),
            "teacher@oak.org.uk",
            {("REC001", "max_recipients"): 40, ("OOH001", "severity"): "advise"},
        ),
        # the school overrides one option; the trust's others stay
        (
            TRUST,
            {"rules": {"large-audience": {"severity": "block"}}},
            (),
            "teacher@oak.org.uk",
            {("REC001", "max_recipients"): 40, ("REC001", "severity"): "block"},
        ),
        # null removes the trust's setting: back to the default
        (
            TRUST,
            {"rules": {"REC001": {"max_recipients": None}}},
            (),
            "teacher@oak.org.uk",
            {("REC001", "max_recipients"): 25},
        ),
        # a staff group overrides the school for its members only
        (
            TRUST,
            {"rules": {"REC001": {"max_recipients": 30}}},
            (SLT,),
            "head@oak.org.uk",
            {("REC001", "max_recipients"): 500},
        ),
        (
            TRUST,
            {"rules": {"REC001": {"max_recipients": 30}}},
            (SLT,),
            "teacher@oak.org.uk",
            {("REC001", "max_recipients"): 30},
        ),
        # department match is case-blind; severities from a group
        (TRUST, {}, (OFFICE,), "office@oak.org.uk", {("OOH001", "severity"): "off"}),
        # two groups: trust groups first, then the school's by position (later wins)
        (
            TRUST,
            {},
            (SAFEGUARDING, SLT),
            "head@oak.org.uk",
            {("REC001", "max_recipients"): 60, ("PUP003", "severity"): "block"},
        ),
        # a pupil with a staff-like role is not staff: no group applies
        (TRUST, {}, (SAFEGUARDING,), "dsl@pupils.oak.org.uk", {("PUP003", "severity"): "warn"}),
        # unknown sender: the school's default
        (TRUST, {}, (SLT,), "someone@else.org", {("REC001", "max_recipients"): 40}),
    ],
)
def test_inheritance(
    trust: dict[str, Any] | None,
    school: dict[str, Any],
    groups: tuple[StaffGroup, ...],
    sender: str,
    expected: dict[tuple[str, str], Any],
) -> None:
    school_policy = Policy.model_validate(school) if trust is None else None
    layers = Layers(trust=trust, school=school, school_version=3, groups=groups)
    policies = effective(layers, PEOPLE, school_policy=school_policy)
    p = policies.policy_for(sender)
    for (code, opt), value in expected.items():
        assert _opt(p, code, opt) == value, (code, opt)


def test_a_school_outside_a_trust_keeps_its_policy_object() -> None:
    mine = Policy.model_validate({"rules": {"REC001": {"max_recipients": 30}}})
    policies = effective(Layers(None, mine.content_dict(), 1), PEOPLE, school_policy=mine)
    assert policies.default is mine and not policies.by_sender


def test_policies_are_shared_per_group_set_not_per_person() -> None:
    people = [staff(f"t{i}@oak.org.uk", departments=("SLT",)) for i in range(50)]
    policies = effective(Layers(TRUST, {}, 1, (SLT,)), people)
    assert len({id(p) for p in policies.by_sender.values()}) == 1
    assert policies.groups_for("t7@oak.org.uk") == ("trust:slt",)


@pytest.mark.parametrize(
    ("base", "patch", "result"),
    [
        ({"a": 1}, {"a": None}, {}),
        ({"a": {"b": 1, "c": 2}}, {"a": {"b": None, "d": 3}}, {"a": {"c": 2, "d": 3}}),
        ({"a": [1, 2]}, {"a": [3]}, {"a": [3]}),  # lists replace
        ({"a": 1}, {"a": {"b": None, "c": 1}}, {"a": {"c": 1}}),
        ({}, {}, {}),
    ],
)
def test_merge_patch(base: dict[str, Any], patch: dict[str, Any], result: dict[str, Any]) -> None:
    assert merge_patch(base, patch) == result


@pytest.mark.parametrize(
    ("overlay", "above", "ok"),
    [
        ({"rules": {"REC001": {"max_recipients": 30}}}, [], True),
        ({"rules": {"NOPE01": "warn"}}, [], False),
        ({"rules": {"REC001": {"nonsense": 1}}}, [], False),
        ({"timezone": "Mars/Olympus"}, [], False),
        ({"surprise": 1}, [], False),
        ({"rules": {"REC001": "loud"}}, [], False),
        # valid alone, invalid over the level above: end before start
        ({"working_hours": {"start": "19:00"}}, [{"working_hours": {"end": "18:00"}}], False),
        (
            {"working_hours": {"end": "20:00"}},
            [{"working_hours": {"start": "19:00", "end": "21:00"}}],
            True,
        ),
        ([1, 2], [], False),
    ],
)
def test_overlays_are_validated(overlay: Any, above: list[dict[str, Any]], ok: bool) -> None:
    if ok:
        validate_overlay(overlay, above=above)
    else:
        with pytest.raises(OverlayError):
            validate_overlay(overlay, above=above)


def test_build_sets_the_version() -> None:
    assert build([TRUST], version=7).version == 7
