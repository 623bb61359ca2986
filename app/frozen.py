"""Turning the lists an index is built in into the tuples it keeps, without
holding both at once (a 340,000-person directory's indexes are hundreds of MB;
a copy next to them at the end of the build was most of its peak memory)."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def tuples_of(built: dict[K, list[V]]) -> dict[K, tuple[V, ...]]:
    """``{k: tuple(v) for k, v in built.items()}``, emptying ``built`` as it goes
    so each list is freed as soon as its tuple exists."""
    out: dict[K, tuple[V, ...]] = {}
    while built:
        k, v = built.popitem()
        out[k] = tuple(v)
    return out


def tuples_in_place(built: list[list[V]]) -> list[tuple[V, ...]]:
    """``[tuple(x) for x in built]``, done in ``built`` itself (which it returns)
    so each list is freed as soon as its tuple exists."""
    out: list[tuple[V, ...]] = built  # type: ignore[assignment]
    for i, x in enumerate(built):
        out[i] = tuple(x)
    return out
