"""The shared guard: diff by id; hold large removals; never apply an empty replacement."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.directory.diff import diff_people, needs_approval, wipes_out
from app.directory.model import Person
from app.domain import PersonKind


def people(n: int) -> list[Person]:
    return [Person(f"P{i}", f"F{i}", f"L{i}", PersonKind.PUPIL) for i in range(n)]


def test_diff_counts_and_ids() -> None:
    before = people(5)
    after = [
        *before[1:4],
        replace(before[4], last_name="New"),
        Person("N1", "A", "B", PersonKind.STAFF),
    ]
    d = diff_people(before, after)
    assert (d.added, d.changed, d.removed) == (("N1",), ("P4",), ("P0",))
    assert d.counts() == {"before": 5, "after": 5, "added": 1, "changed": 1, "removed": 1}
    assert d.summary()["removed_ids"] == ["P0"]
    assert diff_people(before, reversed(before)).is_empty


@pytest.mark.parametrize(
    ("before", "removed", "share", "held"),
    [
        (100, 10, 0.10, False),  # exactly the share: applied
        (100, 11, 0.10, True),  # just over: held
        (100, 15, 0.10, True),  # the 15%
        (100, 15, 0.20, False),  # a school that allows 20%
        (0, 0, 0.10, False),  # a first sync removes nobody
        (3, 1, 0.10, True),  # small directories are held by share too
    ],
)
def test_needs_approval(before: int, removed: int, share: float, held: bool) -> None:
    d = diff_people(people(before), people(before)[removed:])
    assert needs_approval(d, share) is held


def test_an_empty_replacement_wipes_out() -> None:
    assert wipes_out(diff_people(people(3), []))
    assert not wipes_out(diff_people([], []))
    assert not wipes_out(diff_people(people(3), people(1)))
