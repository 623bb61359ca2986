"""The rule catalogue is built once a process; each caller gets a copy of its own."""

from __future__ import annotations

from app.api.rules import catalogue
from app.rules.registry import RULES


def test_each_call_gets_an_equal_copy_that_changes_nothing_for_the_next() -> None:
    first = catalogue()
    assert [r["code"] for r in first] == [r.code for r in RULES]
    first[0]["options_schema"]["properties"].clear()
    first[0]["name"] = "changed"
    second = catalogue()
    assert second[0]["name"] == RULES[0].name
    assert second[0]["options_schema"] == RULES[0].Options.model_json_schema()
