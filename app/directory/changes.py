"""What a directory replacement changes, and the guard against destroying it.

Every way a school's directory is replaced (a CSV upload today, a sync from
the MIS, Microsoft Graph or Google later) goes through :func:`replace_checked`:
it streams the new entries into the store, works out the difference from what
was there (:class:`DirectoryDiff`: added, changed, removed), and refuses the
change, before anything is committed, when it

- leaves no people at all (:class:`EmptyDirectory`: an empty upload, a file
  whose newlines were stripped, a header without rows, a sync that read
  nothing), or
- removes more than ``max_removed_share`` of the entries (default 10%,
  ``ETIQUETTE_DIRECTORY_MAX_REMOVED_SHARE``) without ``confirm_removals``
  (:class:`RemovalsNeedConfirmation`).

Entries are compared by key (a person's MIS id, a group's address) and a
fingerprint of their stored values, so memory grows with the number of
entries (about 100 bytes each), never with the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

IDS_SHOWN = 100  # ids listed per kind of change; the counts are always whole

T = TypeVar("T")


def fingerprint(values: Iterable[object]) -> int:
    """A 64-bit hash of an entry's stored values (``None`` and ``""`` differ).

    Python's own hash: both sides of a comparison are computed in the same
    process, the only place they are compared (never stored)."""
    return hash(tuple(values))


@dataclass(frozen=True, slots=True)
class DirectoryDiff:
    """How a replacement changes the directory: counts, and the first ids of each."""

    before: int
    after: int
    added: int
    changed: int
    removed: int
    added_ids: tuple[str, ...] = ()
    changed_ids: tuple[str, ...] = ()
    removed_ids: tuple[str, ...] = ()

    @property
    def unchanged(self) -> int:
        return self.after - self.added - self.changed

    @property
    def removed_share(self) -> float:
        return self.removed / self.before if self.before else 0.0

    @property
    def ids_truncated(self) -> bool:
        return max(self.added, self.changed, self.removed) > IDS_SHOWN


@dataclass(slots=True)
class DiffBuilder:
    """Feed it the new entries one by one; it compares them with ``before``
    (key -> fingerprint), which it consumes as it goes."""

    before: dict[str, int]
    _count_before: int = 0
    _after: int = 0
    _added: list[str] = field(default_factory=list)
    _changed: list[str] = field(default_factory=list)
    _n_added: int = 0
    _n_changed: int = 0

    def __post_init__(self) -> None:
        self._count_before = len(self.before)

    def see(self, key: str, fp: int) -> None:
        self._after += 1
        old = self.before.pop(key, None)
        if old is None:
            self._n_added += 1
            if len(self._added) < IDS_SHOWN:
                self._added.append(key)
        elif old != fp:
            self._n_changed += 1
            if len(self._changed) < IDS_SHOWN:
                self._changed.append(key)

    def result(self) -> DirectoryDiff:
        removed = sorted(self.before)
        return DirectoryDiff(
            before=self._count_before,
            after=self._after,
            added=self._n_added,
            changed=self._n_changed,
            removed=len(removed),
            added_ids=tuple(self._added),
            changed_ids=tuple(self._changed),
            removed_ids=tuple(removed[:IDS_SHOWN]),
        )


class DestructiveChange(ValueError):
    """The replacement was refused; nothing was changed."""

    def __init__(self, message: str, diff: DirectoryDiff) -> None:
        super().__init__(message)
        self.diff = diff


class EmptyDirectory(DestructiveChange):
    """The replacement holds no people."""


class RemovalsNeedConfirmation(DestructiveChange):
    """The replacement removes more than the allowed share without confirmation."""


def guard(
    diff: DirectoryDiff,
    *,
    what: str,
    max_removed_share: float,
    confirm_removals: bool,
    allow_empty: bool = False,
) -> None:
    """Raise if the change is destructive (see the module docstring)."""
    if diff.after == 0 and not allow_empty:
        raise EmptyDirectory(
            f"the upload holds no {what}: nothing was changed (a file whose line breaks were "
            "lost, e.g. by curl -d instead of --data-binary, reads as a header alone)",
            diff,
        )
    if diff.removed and diff.removed_share > max_removed_share and not confirm_removals:
        raise RemovalsNeedConfirmation(
            f"this would remove {diff.removed} of {diff.before} {what} "
            f"({diff.removed_share:.0%}), more than the {max_removed_share:.0%} allowed without "
            "confirmation: nothing was changed; send it again with ?confirm_removals=true "
            "to go ahead",
            diff,
        )


class DirectorySink(Protocol[T]):
    """What :func:`replace_checked` needs from the store (TenantRepo provides it)."""

    def fingerprints(self) -> dict[str, int]: ...
    def clear(self) -> None: ...
    def add(self, batch: list[T]) -> None: ...


def replace_checked(
    sink: DirectorySink[T],
    entries: Iterator[T],
    key: Callable[[T], str],
    fp: Callable[[T], int],
    *,
    what: str,
    max_removed_share: float,
    confirm_removals: bool,
    allow_empty: bool = False,
    batch_size: int = 2000,
) -> DirectoryDiff:
    """Replace the sink's entries with ``entries`` (streamed in batches) and return
    the difference, raising :class:`DestructiveChange` if :func:`guard` refuses it.

    Nothing is committed here: the caller commits on success and rolls back on
    any exception (a refusal, or a bad row the iterator raises for).
    """
    builder = DiffBuilder(sink.fingerprints())
    sink.clear()
    batch: list[T] = []
    for entry in entries:
        builder.see(key(entry), fp(entry))
        batch.append(entry)
        if len(batch) >= batch_size:
            sink.add(batch)
            batch = []
    if batch:
        sink.add(batch)
    diff = builder.result()
    guard(
        diff,
        what=what,
        max_removed_share=max_removed_share,
        confirm_removals=confirm_removals,
        allow_empty=allow_empty,
    )
    return diff
