"""The directory diff and its rules (app/directory/changes.py), without a database:
the upload's streaming guard and the sync engine's diff of people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from app.directory.changes import (
    IDS_SHOWN,
    DiffBuilder,
    EmptyDirectory,
    RemovalsNeedConfirmation,
    diff_people,
    fingerprint,
    guard,
    removes_too_many,
    replace_checked,
    wipes_out,
)
from app.domain import PersonKind
from app.people import Person


class ListSink:
    def __init__(self, rows: dict[str, str]) -> None:
        self.rows = dict(rows)
        self.batches = 0

    def fingerprints(self) -> dict[str, int]:
        return {k: fingerprint([v]) for k, v in self.rows.items()}

    def clear(self) -> None:
        self.rows.clear()

    def add(self, batch: list[tuple[str, str]]) -> None:
        self.batches += 1
        self.rows.update(batch)


def _replace(sink: ListSink, new: list[tuple[str, str]], **kw: object) -> object:
    params: dict[str, object] = {"what": "people", "max_removed_share": 0.10}
    params.update(kw)
    params.setdefault("confirm_removals", False)
    return replace_checked(
        sink,
        iter(new),
        lambda e: e[0],
        lambda e: fingerprint([e[1]]),
        batch_size=2,
        **params,  # type: ignore[arg-type]
    )


BEFORE = {f"P{i}": f"v{i}" for i in range(20)}


@pytest.mark.parametrize(
    ("new", "counts"),
    [
        # same again: nothing changes
        ([(k, v) for k, v in BEFORE.items()], (0, 0, 0)),
        # one changed, one added, one removed (5%: under the 10% share)
        (
            [*[(k, v) for k, v in BEFORE.items() if k != "P19"], ("P0", "x"), ("P99", "new")][1:],
            (1, 1, 1),
        ),
    ],
)
def test_diff_counts(new: list[tuple[str, str]], counts: tuple[int, int, int]) -> None:
    sink = ListSink(BEFORE)
    diff = _replace(sink, new)
    assert (diff.added, diff.changed, diff.removed) == counts  # type: ignore[attr-defined]


def test_ids_are_listed_up_to_a_limit() -> None:
    b = DiffBuilder({f"old{i}": 1 for i in range(IDS_SHOWN + 5)})
    for i in range(IDS_SHOWN + 3):
        b.see(f"new{i}", 1)
    d = b.result()
    assert (d.added, d.removed) == (IDS_SHOWN + 3, IDS_SHOWN + 5)
    assert len(d.added_ids) == len(d.removed_ids) == IDS_SHOWN and d.ids_truncated


def test_empty_is_refused_and_nothing_is_kept_half_done() -> None:
    with pytest.raises(EmptyDirectory, match="holds no people"):
        _replace(ListSink(BEFORE), [])
    # groups may be emptied, with confirmation (it removes them all)
    with pytest.raises(RemovalsNeedConfirmation):
        _replace(ListSink(BEFORE), [], allow_empty=True)
    _replace(ListSink(BEFORE), [], allow_empty=True, confirm_removals=True)


@pytest.mark.parametrize(
    ("removed", "share", "confirmed", "refused"),
    [
        (2, 0.10, False, False),  # exactly 10%: allowed
        (3, 0.10, False, True),  # 15%
        (3, 0.10, True, False),
        (3, 0.20, False, False),  # a school that set 20%
        (1, 0.0, False, True),  # 0: every removal needs confirmation
    ],
)
def test_removal_share(removed: int, share: float, confirmed: bool, refused: bool) -> None:
    new = [(k, v) for k, v in list(BEFORE.items())[removed:]]
    if refused:
        with pytest.raises(RemovalsNeedConfirmation, match=f"remove {removed} of 20"):
            _replace(ListSink(BEFORE), new, max_removed_share=share, confirm_removals=confirmed)
    else:
        _replace(ListSink(BEFORE), new, max_removed_share=share, confirm_removals=confirmed)


def test_entries_are_streamed_in_batches() -> None:
    sink = ListSink({})
    consumed = []

    def entries() -> Iterator[tuple[str, str]]:
        for i in range(7):
            consumed.append(i)
            yield f"P{i}", "v"

    replace_checked(
        sink,
        entries(),
        lambda e: e[0],
        lambda e: fingerprint([e[1]]),
        what="people",
        max_removed_share=0.1,
        confirm_removals=False,
        batch_size=3,
    )
    assert sink.batches == 3 and len(sink.rows) == 7


def test_guard_message_says_what_to_do() -> None:
    b = DiffBuilder({"a": 1, "b": 1})
    d = b.result()
    with pytest.raises(EmptyDirectory, match="curl -d"):
        guard(d, what="people", max_removed_share=0.1, confirm_removals=True)


# -- the sync engine's diff of people: every id, sorted; the same rules ----------


def people(n: int) -> list[Person]:
    return [Person(f"P{i}", f"F{i}", f"L{i}", PersonKind.PUPIL) for i in range(n)]


def test_diff_people_counts_and_ids() -> None:
    before = people(5)
    after = [
        *before[1:4],
        replace(before[4], last_name="New"),
        Person("N1", "A", "B", PersonKind.STAFF),
    ]
    d = diff_people(before, after)
    assert (d.added_ids, d.changed_ids, d.removed_ids) == (("N1",), ("P4",), ("P0",))
    assert d.counts() == {"before": 5, "after": 5, "added": 1, "changed": 1, "removed": 1}
    assert d.summary()["removed_ids"] == ["P0"]
    assert diff_people(before, reversed(before)).is_empty


def test_diff_people_lists_every_id() -> None:
    d = diff_people(people(IDS_SHOWN + 50), [])
    assert d.removed == len(d.removed_ids) == IDS_SHOWN + 50 and not d.ids_truncated


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
def test_removes_too_many(before: int, removed: int, share: float, held: bool) -> None:
    d = diff_people(people(before), people(before)[removed:])
    assert removes_too_many(d, share) is held


def test_an_empty_replacement_wipes_out() -> None:
    assert wipes_out(diff_people(people(3), []))
    assert not wipes_out(diff_people([], []))
    assert not wipes_out(diff_people(people(3), people(1)))
