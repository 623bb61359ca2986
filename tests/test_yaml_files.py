"""The YAML (and JSON) an admin writes is read as they meant it: YAML 1.2
core-schema scalars (``off`` is a severity, ``18:00`` a time), no duplicate
keys, no aliases. The paths that use the loader (CLI, console) are tested
beside them: tests/cli/test_cli_errors.py, tests/trusts/test_cli.py,
tests/console/test_console_policy.py."""

from __future__ import annotations

import math
from typing import Any

import pytest

from app.policy import Policy
from app.yaml_files import YamlFileError, load_json, load_yaml


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 booleans are strings here; only true/false are booleans
        ("off", "off"),
        ("on", "on"),
        ("yes", "yes"),
        ("no", "no"),
        ("Off", "Off"),
        ("NO", "NO"),
        ("y", "y"),
        ("n", "n"),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        # base 60 and leading-zero octal are YAML 1.1 only
        ("18:00", "18:00"),
        ("7:30", "7:30"),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("-3", -3),
        ("+3", 3),
        ("1_000", "1_000"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.inf", -math.inf),
        # null
        ("~", None),
        ("null", None),
        ("", None),
        # no timestamps, no merge key, no value key: strings (the models parse dates)
        ("2026-12-19", "2026-12-19"),
        ("<<", "<<"),
        ("=", "="),
        ('"off"', "off"),
        ("'true'", "true"),
    ],
)
def test_core_schema_scalars(text: str, value: Any) -> None:
    assert load_yaml(f"k: {text}\n") == {"k": value}


def test_nan_is_a_float() -> None:
    assert math.isnan(load_yaml("k: .nan")["k"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' at line 2 (first at line 1)"),
        ("{a: 1, a: 2}\n", "duplicate key 'a' at line 1 (first at line 1)"),
        (
            "rules:\n  REC001: {max_recipients: 20}\n  REC003: off\n  REC001: warn\n",
            "duplicate key 'REC001' at line 4 (first at line 2)",
        ),
        (
            "rules:\n  SUB002:\n    min_length: 3\n    min_length: 4\n",
            "duplicate key 'min_length' at line 4 (first at line 3)",
        ),
        ("- {a: 1}\n- {b: 1, b: 2}\n", "duplicate key 'b' at line 2"),
        ("1: a\n1: b\n", "duplicate key '1' at line 2"),
        ("x" * 80 + ": 1\n" + "x" * 80 + ": 2\n", "duplicate key '" + "x" * 60 + "...'"),
        ("? [a]\n: 1\n", "line 1 is not a plain value"),
        ("a: &x 1\nb: *x\n", "aliases"),
        ("k: !!bool yes\n", "not a boolean at line 1: use true or false"),
        ("k: !!int 1:30\n", "not an integer at line 1"),
        # past int()'s 4,300-digit limit: was a ValueError (a 500 in the console)
        ("a: 1\nk: " + "9" * 5_000 + "\n", "an integer at line 2 is too long"),
        ("k: !!python/object:os.system x\n", "could not determine a constructor"),
        ("k: [unclosed\n", "not valid YAML at line 2"),
    ],
)
def test_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(YamlFileError) as exc:
        load_yaml(text)
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ('{"rules": {"REC001": "warn", "REC001": "off"}}', "duplicate key 'REC001'"),
        ('{"a": 1,}', "not valid JSON at line 1, column 9"),
    ],
)
def test_json_refuses_duplicate_keys_too(text: str, message: str) -> None:
    with pytest.raises(YamlFileError) as exc:
        load_json(text)
    assert message in str(exc.value)
    assert load_json('{"a": {"b": 1}, "c": [{"b": 2}]}') == {"a": {"b": 1}, "c": [{"b": 2}]}


def test_a_policy_written_with_1_1_habits_means_what_the_school_meant() -> None:
    policy = Policy.model_validate(
        load_yaml(
            "working_hours: {start: 08:00, end: 18:00}\n"
            "school_holidays:\n  - {name: Christmas, start: 2026-12-19, end: 2027-01-04}\n"
            "rules:\n  REC003: off\n  OOH001: off\n  SUB001: {detector: no, severity: warn}\n"
        )
    )
    assert str(policy.working_hours.start) == "08:00:00"
    assert str(policy.working_hours.end) == "18:00:00"
    assert str(policy.school_holidays[0].start) == "2026-12-19"
    assert policy.rules["REC003"].severity.value == "off"
    assert policy.rules["OOH001"].severity.value == "off"
    assert policy.rules["SUB001"].detector is False  # type: ignore[attr-defined]
    # YAML 1.1 read 7:30 as 450 (base 60), which became 00:07:30: now it is refused
    with pytest.raises(ValueError, match=r"working_hours\.start"):
        Policy.model_validate(load_yaml("working_hours: {start: 7:30}"))
