"""The policy model: defaults, validation messages, files."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.calendar import Nation
from app.domain import Weekday
from app.policy import Policy, load_policy_file
from tests.conftest import make_policy

DEMO = Path(__file__).resolve().parent.parent / "app" / "demo" / "policy.yaml"


def test_defaults_are_the_documented_ones() -> None:
    p = Policy()
    assert p.timezone == "Europe/London"
    assert p.working_hours.start == time(7, 30) and p.working_hours.end == time(18, 0)
    assert p.working_hours.days == (0, 1, 2, 3, 4)
    assert p.bank_holidays is Nation.ENGLAND
    assert p.fail_mode.value == "open"
    assert p.rules["REC001"].max_recipients == 25  # type: ignore[attr-defined]
    assert p.rules["PUP001"].severity.value == "block"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"working_hours": {"start": "18:00", "end": "07:30"}}, "start must be before"),
        ({"working_hours": {"days": ["funday"]}}, "unknown weekday"),
        ({"school_holidays": [{"start": "2027-01-05", "end": "2027-01-01"}]}, "start is after end"),
        ({"internal_domains": ["not a domain"]}, "not a domain"),
        ({"colour": "blue"}, "Extra inputs"),
        ({"bank_holidays": "cornwall"}, "bank_holidays"),
    ],
)
def test_invalid_policies_say_why(data: dict[str, object], where: str) -> None:
    with pytest.raises(ValidationError, match=where):
        Policy.model_validate(data)


def test_days_by_name_and_domains_normalised() -> None:
    p = Policy.model_validate(
        {"working_hours": {"days": ["Sunday", "monday"]}, "internal_domains": ["@School.SCH.uk"]}
    )
    assert p.working_hours.days == (Weekday.MONDAY, Weekday.SUNDAY)
    assert p.internal_domains == ("school.sch.uk",)


def test_demo_file_loads_and_round_trips(tmp_path: Path) -> None:
    p = load_policy_file(DEMO)
    assert p.school_domains == {"stmarys.sch.uk", "pupils.stmarys.sch.uk"}
    again = Policy.model_validate(p.content_dict())
    assert again.model_dump() == p.model_dump()
    j = tmp_path / "p.json"
    import json

    j.write_text(json.dumps(p.content_dict()))
    assert load_policy_file(j).model_dump() == p.model_dump()


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("- a\n- b\n")
    with pytest.raises(ValueError, match="mapping at the top level"):
        load_policy_file(f)


@pytest.mark.parametrize(
    ("update", "zone", "domains"),
    [
        (
            {"timezone": "Europe/Dublin"},
            "Europe/Dublin",
            {"stmarys.sch.uk", "pupils.stmarys.sch.uk"},
        ),
        (
            {"internal_domains": ["other.sch.uk"]},
            "Europe/London",
            {"other.sch.uk", "pupils.stmarys.sch.uk"},
        ),
        ({"version": 7}, "Europe/London", {"stmarys.sch.uk", "pupils.stmarys.sch.uk"}),
    ],
)
def test_a_copy_recomputes_what_the_update_changes(
    update: dict[str, object], zone: str, domains: set[str]
) -> None:
    """``zone`` and ``school_domains`` are cached per policy object; a copy with
    an update must not carry the original's cached values."""
    policy = make_policy(pupil_domains=["pupils.stmarys.sch.uk"])
    assert str(policy.zone) == "Europe/London" and policy.school_domains  # cache them
    copy = policy.model_copy(update=update)
    assert str(copy.zone) == zone
    assert copy.school_domains == frozenset(domains)
    assert str(policy.zone) == "Europe/London"  # the original keeps its own
