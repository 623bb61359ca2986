"""CSV files on disk: an MIS export dropped on a schedule (the roster format of the README).

Config (``kind: csv``): ``people`` (path, required), ``groups`` and
``relationships`` (paths, optional). Every read is full.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from app.directory.csv_roster import (
    RosterError,
    attach_relationships,
    load_groups_csv,
    load_relationships_csv,
    load_roster_csv,
)
from app.directory.sources.base import Fetched, SourceError, required


@dataclass(slots=True)
class CsvSource:
    kind: ClassVar[str] = "csv"
    name: str
    config: Mapping[str, Any]

    def _read(self) -> Fetched:
        try:
            people = load_roster_csv(Path(required(self.config, "people")))
            if rel := self.config.get("relationships"):
                people = attach_relationships(people, load_relationships_csv(Path(rel)))
            groups = load_groups_csv(Path(g)) if (g := self.config.get("groups")) else None
        except OSError as exc:
            raise SourceError(f"csv: cannot read a file ({type(exc).__name__})") from None
        except RosterError as exc:
            # Say where, not what: a problem's text can quote a name or an address.
            first = exc.problems[0].split(":", 1)[0] if exc.problems else "?"
            raise SourceError(
                f"csv: {len(exc.problems)} problem(s), the first at {first}; "
                "check the file with PUT /directory/people"
            ) from None
        return Fetched(
            full=True,
            people=[replace(p, source=self.name) for p in people],
            groups=[replace(g, source=self.name) for g in groups] if groups is not None else None,
        )

    async def fetch(self, cursor: Mapping[str, Any] | None) -> Fetched:
        return await asyncio.to_thread(self._read)
