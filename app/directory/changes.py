"""What a directory replacement changes, and the rules against destroying it.

The one place for the difference between a directory and its replacement
(:class:`DirectoryDiff`: added, changed, removed) and for the two rules every
way of replacing it follows (a CSV upload, a sync from the MIS, Microsoft
Graph, Google...):

- a replacement that holds nobody is never applied (:func:`holds_nobody`,
  :func:`wipes_out`);
- one that removes more than a share of the entries (default 10%) needs a
  person's say-so (:func:`removes_too_many`).

The two paths apply them in their own way:

- a roster upload goes through :func:`replace_checked`: it streams the new
  entries into the store, and :func:`guard` refuses the change, before
  anything is committed, when it holds no people (:class:`EmptyDirectory`: an
  empty upload, a file whose newlines were stripped, a header without rows)
  or removes more than ``max_removed_share`` of the entries
  (``ETIQUETTE_DIRECTORY_MAX_REMOVED_SHARE``) without ``confirm_removals``
  (:class:`RemovalsNeedConfirmation`). Entries are compared by key (a
  person's MIS id, a group's address) and a fingerprint of their stored
  values, so memory grows with the number of entries (about 100 bytes each),
  never with the file;
- the sync engine (:mod:`app.directory.sync.engine`) compares people with
  :func:`diff_people`, refuses a full read that :func:`wipes_out` the source's
  people, and holds one that :func:`removes_too_many` until an admin approves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from app.errors import Invalid
from app.people import Person

IDS_SHOWN = 100  # ids an upload lists per kind of change; the counts are always whole
DEFAULT_MAX_REMOVED_SHARE = 0.10

T = TypeVar("T")
V = TypeVar("V")


def fingerprint(values: Iterable[object]) -> int:
    """A 64-bit hash of an entry's stored values (``None`` and ``""`` differ).

    Python's own hash: both sides of a comparison are computed in the same
    process, the only place they are compared (never stored)."""
    return hash(tuple(values))


@dataclass(frozen=True, slots=True)
class DirectoryDiff:
    """How a replacement changes the directory: counts, and the ids of each
    (every id, or the first :data:`IDS_SHOWN`: see :attr:`ids_truncated`)."""

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
        return (
            len(self.added_ids) < self.added
            or len(self.changed_ids) < self.changed
            or len(self.removed_ids) < self.removed
        )

    @property
    def is_empty(self) -> bool:
        """Nothing added, changed or removed."""
        return not (self.added or self.changed or self.removed)

    def counts(self) -> dict[str, int]:
        return {
            "before": self.before,
            "after": self.after,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
        }

    def summary(self) -> dict[str, Any]:
        """Counts and ids (ids only: never names or addresses)."""
        return {
            **self.counts(),
            "added_ids": list(self.added_ids),
            "changed_ids": list(self.changed_ids),
            "removed_ids": list(self.removed_ids),
        }


@dataclass(slots=True)
class DiffBuilder(Generic[V]):
    """Feed it the new entries one by one; it compares them with ``before``
    (key -> fingerprint, or the entry itself), which it consumes as it goes.
    ``ids_shown``: how many ids of each kind to keep (``None``: all)."""

    before: dict[str, V]
    ids_shown: int | None = IDS_SHOWN
    _count_before: int = 0
    _after: int = 0
    _added: list[str] = field(default_factory=list)
    _changed: list[str] = field(default_factory=list)
    _n_added: int = 0
    _n_changed: int = 0

    def __post_init__(self) -> None:
        self._count_before = len(self.before)

    def _keep(self, ids: list[str]) -> bool:
        return self.ids_shown is None or len(ids) < self.ids_shown

    def see(self, key: str, fp: V) -> None:
        self._after += 1
        old = self.before.pop(key, None)
        if old is None:
            self._n_added += 1
            if self._keep(self._added):
                self._added.append(key)
        elif old != fp:
            self._n_changed += 1
            if self._keep(self._changed):
                self._changed.append(key)

    def result(self) -> DirectoryDiff:
        removed = sorted(self.before)
        shown = len(removed) if self.ids_shown is None else self.ids_shown
        return DirectoryDiff(
            before=self._count_before,
            after=self._after,
            added=self._n_added,
            changed=self._n_changed,
            removed=len(removed),
            added_ids=tuple(self._added),
            changed_ids=tuple(self._changed),
            removed_ids=tuple(removed[:shown]),
        )


def diff_people(before: Iterable[Person], after: Iterable[Person]) -> DirectoryDiff:
    """Compare two sets of people by id (any field changed counts); order does
    not matter, and every id is listed, sorted (the sync engine rewrites them)."""
    new = {p.id: p for p in after}
    builder: DiffBuilder[Person] = DiffBuilder({p.id: p for p in before}, ids_shown=None)
    for pid in sorted(new):
        builder.see(pid, new[pid])
    return builder.result()


def holds_nobody(diff: DirectoryDiff) -> bool:
    """The replacement holds nobody: an empty file or feed, a header alone."""
    return diff.after == 0


def wipes_out(diff: DirectoryDiff) -> bool:
    """A replacement by nobody of somebody: never applied."""
    return diff.before > 0 and holds_nobody(diff)


def removes_too_many(
    diff: DirectoryDiff, max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE
) -> bool:
    """More than ``max_removed_share`` of the entries would go (strictly more;
    with a share of 0, any removal)."""
    return diff.removed > 0 and diff.removed_share > max_removed_share


class DestructiveChange(Invalid):
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
    if holds_nobody(diff) and not allow_empty:
        raise EmptyDirectory(
            f"the upload holds no {what}: nothing was changed (a file whose line breaks were "
            "lost, e.g. by curl -d instead of --data-binary, reads as a header alone)",
            diff,
        )
    if removes_too_many(diff, max_removed_share) and not confirm_removals:
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
    builder: DiffBuilder[int] = DiffBuilder(sink.fingerprints())
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
