"""whole_number: a number a caller wrote, or None; never int()'s ValueError."""

from __future__ import annotations

import pytest

from app.text import whole_number

CASES: list[tuple[str, int, int, int | None]] = [
    # (text, most, least, expected)
    ("7", 10, 0, 7),
    ("007", 10, 0, 7),
    ("0", 10, 0, 0),
    ("10", 10, 0, 10),
    # near misses: out of range
    ("11", 10, 0, None),
    ("0", 10, 1, None),
    ("9" * 40, 2**31 - 1, 1, None),
    ("0" * 50 + "1", 10, 1, 1),
    # not ASCII digits: int() refuses some, and none is what a caller meant
    ("\u00b2", 10, 0, None),  # superscript two: isdigit() but int() raises
    ("\u0663", 10, 0, None),  # Arabic-Indic three: int() reads it, we do not
    ("\uff11", 10, 0, None),  # full-width one
    ("9" * 5_000, 2**63 - 1, 0, None),  # past int()'s 4,300-digit limit
    ("-1", 10, 0, None),
    ("+1", 10, 0, None),
    (" 1", 10, 0, None),
    ("1.0", 10, 0, None),
    ("1e3", 10_000, 0, None),
    ("", 10, 0, None),
    ("1\x00", 10, 0, None),
]


@pytest.mark.parametrize(("raw", "most", "least", "expected"), CASES)
def test_whole_number(raw: str, most: int, least: int, expected: int | None) -> None:
    assert whole_number(raw, most, least) == expected
