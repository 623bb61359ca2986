"""Synthetic directories for benchmarks: ONS first names x census surnames.

Nobody is real. Deterministic for a given size and seed.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import names as names_pkg

from app.domain import PersonKind
from app.people import Person

ONS = Path(__file__).resolve().parents[1] / "app" / "names" / "data"
SHARED_ONS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "ons-first-names-england-wales.csv"
)


def _first_names() -> list[str]:
    if SHARED_ONS.exists():
        with SHARED_ONS.open(encoding="utf-8") as fh:
            return [row["name"] for _, row in zip(range(5000), csv.DictReader(fh), strict=False)]
    roster = Path(__file__).resolve().parents[1] / "app" / "demo" / "roster.csv"
    with roster.open(encoding="utf-8") as fh:
        return sorted({row["first_name"] for row in csv.DictReader(fh)})


def _surnames() -> list[str]:
    census = Path(names_pkg.__file__).parent / "dist.all.last"
    return [ln.split()[0].title() for ln in census.read_text().splitlines()[:20000]]


def people(n: int, seed: int = 7) -> list[Person]:
    rng = random.Random(seed)
    firsts, lasts = _first_names(), _surnames()
    out = []
    kinds = (PersonKind.PUPIL,) * 6 + (PersonKind.PARENT,) * 3 + (PersonKind.STAFF,)
    for i in range(n):
        first, last = rng.choice(firsts), rng.choice(lasts)
        kind = kinds[i % len(kinds)]
        slug = f"{first}.{last}{i}".lower().replace("'", "").replace(" ", "")
        domain = {
            PersonKind.PUPIL: "pupils.bench.sch.uk",
            PersonKind.STAFF: "bench.sch.uk",
        }.get(kind, "gmail.com")
        personal = (f"{slug}@hotmail.com",) if kind is PersonKind.PUPIL and i % 20 == 0 else ()
        out.append(
            Person(f"B{i}", first, last, kind, email=f"{slug}@{domain}", personal_emails=personal)
        )
    return out
