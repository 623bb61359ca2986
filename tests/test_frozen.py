"""app.frozen: the same tuples as a comprehension, with the lists let go on the way."""

from __future__ import annotations

import gc
import weakref

from app.frozen import tuples_in_place, tuples_of


class _Tracked(list[int]):
    """A list a weak reference can watch (a plain list cannot be weakly referenced)."""


def test_tuples_of_gives_the_comprehension_and_empties_its_input() -> None:
    built = {"smith": [3, 1, 2], "khan": [5], "none": []}
    expected = {k: tuple(v) for k, v in built.items()}
    assert tuples_of(built) == expected
    assert built == {}


def test_tuples_of_frees_each_list_before_the_end() -> None:
    lists = [_Tracked([i, i + 1]) for i in range(3)]
    refs = [weakref.ref(x) for x in lists]
    built: dict[int, list[int]] = dict(enumerate(lists))
    del lists
    out = tuples_of(built)
    gc.collect()
    assert [r() for r in refs] == [None, None, None]
    assert out == {0: (0, 1), 1: (1, 2), 2: (2, 3)}


def test_tuples_in_place_gives_the_comprehension_in_the_same_list() -> None:
    built: list[list[int]] = [[1, 2], [], [7]]
    out = tuples_in_place(built)
    assert out == [(1, 2), (), (7,)]
    assert out is built  # type: ignore[comparison-overlap]
