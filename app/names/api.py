"""Interface of the name finder. Implementation: see issue 3 (in progress)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from app.directory.model import Person
from app.domain import PersonKind


class RedactStyle(StrEnum):
    INITIALS = "initials"  # "J.S."
    REFERENCE = "reference"  # the person's MIS reference where the directory has one, else initials
    WORD = "word"  # a neutral word, e.g. "pupil" / "student" / "staff member"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    source: Literal["directory", "detector"]
    person: Person | None
    kind: PersonKind | None
    score: float
    why: str


class NameIndex:
    @classmethod
    def build(cls, people: Iterable[Person]) -> NameIndex:
        raise NotImplementedError

    def find(self, subject: str, *, detector: bool = True, min_score: float = 0.5) -> list[Mention]:
        raise NotImplementedError


def redact(subject: str, mentions: Sequence[Mention], style: RedactStyle, word: str = "pupil") -> str:
    raise NotImplementedError
