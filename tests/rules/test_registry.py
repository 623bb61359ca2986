"""The registry's contract: stable codes, documented rules, declared options."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from app.domain import Finding
from app.rules.base import Context, Reads, Rule, RuleOptions
from app.rules.registry import (
    BY_CODE,
    RETIRED_CODES,
    RULES,
    check_registry,
    rule_for,
    validate_rule_settings,
)

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


# Every code ever shipped, live or retired: append, never remove. A rule taken
# out of the registry must have its code in RETIRED_CODES, so that it is never
# given to a new rule.
SHIPPED = frozenset(
    {"REC001", "REC002", "REC003", "SUB001", "SUB002", "ATT001", "OOH001"}
    | {"PUP001", "PUP002", "PUP003"}
)


def test_every_shipped_code_is_live_or_retired() -> None:
    accounted = set(BY_CODE) | RETIRED_CODES
    assert accounted == SHIPPED, "a shipped code is live or retired; a new code joins SHIPPED"
    assert sorted(RETIRED_CODES) == []  # none retired yet: retiring one updates this line


class _Fake(Rule[RuleOptions]):
    """Fake."""

    summary = "A fake rule."
    source = BY_CODE["REC001"].source
    reads = Reads.RECIPIENTS
    Options = RuleOptions

    def __init__(self, code: str, name: str, reads: Reads | None = Reads.RECIPIENTS) -> None:
        self.code = code  # type: ignore[misc]
        self.name = name  # type: ignore[misc]
        if reads is None:
            self.reads = Reads(0)  # type: ignore[misc]

    def check(self, ctx: Context, opts: RuleOptions) -> Iterable[Finding]:
        return ()


@pytest.mark.parametrize(
    ("rules", "retired", "error"),
    [
        ((_Fake("ABC001", "a"), _Fake("ABC002", "b")), frozenset({"ABC003"}), None),
        ((_Fake("ABC001", "a"),), frozenset({"ABC001"}), "retired codes are never reused: ABC001"),
        ((_Fake("ABC001", "a"), _Fake("ABC001", "b")), frozenset(), "share a code or a name"),
        ((_Fake("ABC001", "a"), _Fake("ABC002", "a")), frozenset(), "share a code or a name"),
        ((_Fake("ABC001", "a", reads=None),), frozenset(), "must say what they read: ABC001"),
    ],
    ids=["fine", "retired code reused", "code twice", "name twice", "reads nothing"],
)
def test_registry_check(
    rules: tuple[Rule[Any], ...], retired: frozenset[str], error: str | None
) -> None:
    if error is None:
        check_registry(rules, retired)
    else:
        with pytest.raises(ValueError, match=re.escape(error)):
            check_registry(rules, retired)


def test_the_shipped_registry_passes_its_check() -> None:
    check_registry(RULES, RETIRED_CODES)


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
