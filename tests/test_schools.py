"""What a school may be called and which sender domains it may claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.schools import SLUG_PATTERN, DomainError, SlugError, school_slug, sender_domains


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # refused
        ("", None),
        ("../../etc", None),
        ("a/b", None),
        (" spaced ", None),
        ("x" * 64, None),
        ("a--b", None),
        ("-a", None),
        ("a-", None),
        ("a.b", None),
        ("a\x00", None),
        # accepted, case-folded
        ("ALPHA", "alpha"),
        ("alpha", "alpha"),
        ("st-marys-2", "st-marys-2"),
        ("x" * 63, "x" * 63),
    ],
)
def test_slugs(raw: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(SlugError):
            school_slug(raw)
    else:
        assert school_slug(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected", "problem"),
    [
        # refused
        ([], None, "at least one"),
        ([""], None, "empty"),
        (["*"], None, "wildcards"),
        (["*.oak.sch.uk"], None, "wildcards"),
        (["a b"], None, "not a valid domain"),
        (["oak.sch.uk\x00"], None, "not a valid domain"),
        (["oak_school.sch.uk"], None, "not a valid domain"),
        (["-oak.sch.uk"], None, "not a valid domain"),
        (["head@oak.sch.uk"], None, "not an address"),
        (["localhost"], None, "two labels"),
        (["10.0.0.1"], None, "IP address"),
        (["a" * 64 + ".sch.uk"], None, "not a valid domain"),
        (["gmail.com"], None, "consumer webmail"),
        (["GoogleMail.com"], None, "consumer webmail"),
        (["btinternet.com"], None, "consumer webmail"),
        (["staff.outlook.com"], None, "consumer webmail"),  # a sub-domain of one
        ([None], None, "string"),
        (["oak.sch.uk", "hotmail.co.uk"], None, "domain 2"),
        # accepted: normalised, A-labels, de-duplicated
        (["Oak.SCH.uk."], ["oak.sch.uk"], None),
        (["exämple.sch.uk", "xn--exmple-cua.sch.uk"], ["xn--exmple-cua.sch.uk"], None),
        (["oak.sch.uk", "pupils.oak.sch.uk"], ["oak.sch.uk", "pupils.oak.sch.uk"], None),
        (["gmail.oak.sch.uk"], ["gmail.oak.sch.uk"], None),  # near miss: not webmail
    ],
)
def test_sender_domains(raw: list[object], expected: list[str] | None, problem: str | None) -> None:
    if expected is not None:
        assert sender_domains(raw) == expected
        return
    with pytest.raises(DomainError, match=problem) as err:
        sender_domains(raw)
    assert "\x00" not in str(err.value)


def test_the_readme_documents_the_slug_pattern() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert SLUG_PATTERN in readme
