"""What a new directory would change, and whether that needs an admin's approval.

One small function for every way a roster arrives (a sync, a CSV upload):
compare by person id, count what is added, changed and removed, and hold a
change that would remove more than a share of the people (default 10%) until
an admin approves it. A replacement by nobody at all is never applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.directory.model import Person

DEFAULT_MAX_REMOVED_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class DirectoryDiff:
    """Person ids added, changed (any field) and removed, and the sizes before and after."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    before: int
    after: int

    @property
    def removed_share(self) -> float:
        return len(self.removed) / self.before if self.before else 0.0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def counts(self) -> dict[str, int]:
        return {
            "before": self.before,
            "after": self.after,
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }

    def summary(self) -> dict[str, Any]:
        """Counts and ids (ids only: never names or addresses)."""
        return {
            **self.counts(),
            "added_ids": list(self.added),
            "changed_ids": list(self.changed),
            "removed_ids": list(self.removed),
        }


def diff_people(before: Iterable[Person], after: Iterable[Person]) -> DirectoryDiff:
    """Compare two sets of people by id; order does not matter."""
    old = {p.id: p for p in before}
    new = {p.id: p for p in after}
    return DirectoryDiff(
        added=tuple(sorted(new.keys() - old.keys())),
        changed=tuple(sorted(i for i in new.keys() & old.keys() if new[i] != old[i])),
        removed=tuple(sorted(old.keys() - new.keys())),
        before=len(old),
        after=len(new),
    )


def wipes_out(diff: DirectoryDiff) -> bool:
    """A replacement by nobody: an empty feed or file, never applied."""
    return diff.before > 0 and diff.after == 0


def needs_approval(
    diff: DirectoryDiff, max_removed_share: float = DEFAULT_MAX_REMOVED_SHARE
) -> bool:
    """More than ``max_removed_share`` of the people would go (strictly more)."""
    return diff.before > 0 and diff.removed_share > max_removed_share
