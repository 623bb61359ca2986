"""The shipped lexicon: first names, surnames and how word-like each token is.

Loaded once per process (about 80,000 rows) and shared by every
:class:`~app.names.NameIndex`. See ``data/build_lexicon.py`` for how it is
made and ``data/NOTICE.md`` for its sources.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from app.names._vocab import SCHOOL_WORDS


@dataclass(frozen=True, slots=True)
class Entry:
    first: int  # ONS registrations, 0 if not a first name
    surname: int  # US Census 1990 rank, 0 if not a listed surname
    lower: float  # share of lower-case uses (0 = only ever a name); -1 = unknown
    logp: float  # log probability of the lower-case word; -99 = unseen

    @property
    def wordness(self) -> float:
        """How much this token is an ordinary word rather than a name (0..1)."""
        return self.lower if self.lower >= 0 else 0.0

    @property
    def is_common_word(self) -> bool:
        """An everyday word ("writing", "reports"), not a rare one or a name."""
        return self.logp >= -13.5 and self.lower >= 0.5

    @property
    def first_strength(self) -> float:
        """0..1 from how many babies had this first name (20 -> 0.26, 10k -> 0.8)."""
        return min(1.0, math.log10(self.first) / 5) if self.first else 0.0

    @property
    def surname_strength(self) -> float:
        """0..1 from the surname's Census rank (1 -> 1.0, 1,000 -> 0.6, 40,000 -> 0.08)."""
        return max(0.0, 1.0 - math.log10(self.surname) / 5) if self.surname else 0.0

    @property
    def name_bias(self) -> float:
        """How much more often the token is a baby's name than a word in text (log10, -2.5..1).

        "Irish" is in the ONS list (170 babies) but is far commoner as an
        adjective; "Paris" and "Lincoln" are commoner as places than as
        names; "Olivia" is almost only a name. Compares the ONS share of
        registrations with the token's share of English text (all cases).
        0 when the text frequency is unknown.
        """
        if not self.first or self.logp <= -99 or self.lower < 0:
            return 0.0
        text_share = math.exp(self.logp) / max(self.lower, 0.01)
        ratio = math.log10(self.first / _ONS_TOTAL / text_share)
        return max(-2.5, min(1.0, ratio - 2.5))


_ONS_TOTAL = 17_535_867  # registrations in the ONS file, 1996-2024

UNKNOWN = Entry(0, 0, -1.0, -99.0)


@cache
def lexicon() -> dict[str, Entry]:
    path = resources.files("app.names.data").joinpath("lexicon.tsv.gz")
    out: dict[str, Entry] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            token, first, surname, lower, logp = line.rstrip("\n").split("\t")
            out[token] = Entry(
                int(first),
                int(surname),
                float(lower) if lower else -1.0,
                float(logp) if logp else -99.0,
            )
    return out


SCHOOL_WORDNESS = 0.8


def wordness(key: str, lex: dict[str, Entry]) -> float:
    """How word-like a folded token is, counting school words (months,
    subjects: "May", "Summer", "English") as at least 0.8 whatever their
    corpus figure, since in school mail they are words first."""
    w = lex.get(key, UNKNOWN).wordness
    return max(w, SCHOOL_WORDNESS) if key in SCHOOL_WORDS else w


@cache
def places() -> frozenset[str]:
    """Folded place names (countries, US states, UK and Irish towns, big cities):
    see ``data/build_places.py``."""
    path = resources.files("app.names.data").joinpath("places.txt.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if line.strip())


WORLD_FIRST = 1
WORLD_LAST = 2


@cache
def world_names() -> dict[str, int]:
    """Folded first names and surnames from many origins (``WORLD_FIRST`` |
    ``WORLD_LAST`` bits): see ``data/build_world_names.py``."""
    path = resources.files("app.names.data").joinpath("world_names.tsv.gz")
    out: dict[str, int] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            token, first, last, _ = line.rstrip("\n").split("\t")
            out[token] = (WORLD_FIRST if first == "1" else 0) | (WORLD_LAST if last == "1" else 0)
    return out
