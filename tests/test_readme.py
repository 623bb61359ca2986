"""The README's claims that code can check: the rule table and the policy example."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from app.policy import Policy
from app.rules.registry import RULES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_rule_table_matches_the_registry() -> None:
    rows = re.findall(r"^\| `([A-Z]{3}\d{3})` \| `([a-z-]+)` \| (\w+) \|", README, re.M)
    assert rows == [(r.code, r.name, r.Options().severity.value) for r in RULES]


def test_policy_example_is_valid() -> None:
    block = README.split("### The policy file", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    policy = Policy.model_validate(yaml.safe_load(block))
    assert policy.rules["REC003"].severity.value == "block"


def test_roster_example_loads() -> None:
    from app.directory.csv_roster import parse_people

    block = README.split("```csv", 1)[1].split("```", 1)[0]
    people = parse_people(block.lstrip("\n"))
    assert [p.kind.value for p in people] == ["pupil", "pupil", "parent", "staff"]
