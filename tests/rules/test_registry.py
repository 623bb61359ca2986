"""The registry's contract: stable codes, documented rules, declared options."""

from __future__ import annotations

import re

import pytest

from app.rules.base import Rule
from app.rules.registry import BY_CODE, RETIRED_CODES, RULES, rule_for, validate_rule_settings

# Codes are a contract with clients, audit history and admins' policy files.
STABLE = {
    "REC001": "large-audience",
    "REC002": "reply-all-to-many",
    "REC003": "external-addresses-visible",
    "SUB001": "named-individual-in-subject",
    "SUB002": "missing-or-vague-subject",
    "ATT001": "large-internal-attachment",
    "OOH001": "out-of-hours",
    "PUP001": "pupil-personal-address",
    "PUP002": "pupil-contact-from-non-school-account",
    "PUP003": "pupil-with-personal-addresses",
}


def test_codes_and_names_are_stable() -> None:
    assert {r.code: r.name for r in RULES} == STABLE


def test_retired_codes_are_never_reused() -> None:
    assert not RETIRED_CODES & set(BY_CODE)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_with_fixed_headings(rule: Rule[object]) -> None:  # type: ignore[type-var]
    sections = rule.doc_sections()
    assert set(sections) == {
        "Summary",
        "What it checks",
        "Why it matters",
        "Example",
        "Options",
        "Fix",
    }
    assert all(sections.values())
    assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.source.text and rule.source.section


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_options_are_declared_with_descriptions(rule: Rule[object]) -> None:  # type: ignore[type-var]
    schema = rule.Options.model_json_schema()
    assert schema.get("additionalProperties") is False
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{rule.code}.{name} has no description"


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ({"REC999": {}}, "unknown rule 'REC999'"),
        ({"REC001": {"max_recipients": 0}}, "rules.REC001: max_recipients"),
        ({"REC001": {"maxrecipients": 5}}, "Extra inputs are not permitted"),
        ({"REC001": {"severity": "loud"}}, "rules.REC001: severity"),
        ({"REC001": {}, "large-audience": {}}, "configured twice"),
        ({"REC001": 5}, "must be a mapping"),
        ({"REC003": {"allow": ["not an address"]}}, "allow-list entries"),
        ([1, 2], "mapping of rule code"),
    ],
)
def test_bad_settings_name_the_problem(settings: object, error: str) -> None:
    with pytest.raises(ValueError, match=re.escape(error)):
        validate_rule_settings(settings)


def test_names_codes_and_shorthand_are_accepted() -> None:
    out = validate_rule_settings({"rec002": "warn", "out-of-hours": {"severity": "off"}})
    assert out["REC002"].severity.value == "warn"
    assert out["OOH001"].severity.value == "off"
    assert list(out) == [r.code for r in RULES]
    assert rule_for("Large-Audience") is BY_CODE["REC001"]
    assert rule_for("rec001") is BY_CODE["REC001"]
    assert rule_for("large audience") is None
