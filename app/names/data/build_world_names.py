"""Rebuild ``world_names.tsv.gz``: first names and surnames from many origins.

The ONS and US Census lists describe babies registered in England and
Wales and Americans in 1990; an English school's pupils and parents also
have Yoruba, Igbo, Hausa, Twi, Swahili, Somali-region, Polish, Lithuanian,
Romanian, Turkish, Urdu, Bengali, Chinese (pinyin), Vietnamese, Irish and
many other names. Faker's person providers (MIT licence) carry curated
lists of both for 80-odd locales; this keeps the Latin-script ones.

Run by a maintainer, never at run time (Faker is not a run-time
dependency)::

    .venv/bin/pip install faker
    .venv/bin/python -m app.names.data.build_world_names

One row per folded token: ``token``, ``first`` (1 if a first name in some
locale), ``last`` (1 if a surname), ``locales`` (how many locales list it).
Multi-word and hyphenated entries are split into their parts.
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).with_name("world_names.tsv.gz")
_LATIN = re.compile(r"[a-z][a-z']{1,}")
_FIRST = ("first_names", "first_names_female", "first_names_male", "first_romanized_names")
_LAST = (
    "last_names",
    "last_names_female",
    "last_names_male",
    "male_last_names",
    "unisex_last_names",
    "last_romanized_names",
)


def _entries(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, list | tuple):
        return [str(x) for x in value]
    return []


def main() -> None:
    import faker.providers.person as people

    from app.text import fold

    first: dict[str, set[str]] = defaultdict(set)
    last: dict[str, set[str]] = defaultdict(set)
    for mod in pkgutil.iter_modules(people.__path__):
        provider = importlib.import_module(f"{people.__name__}.{mod.name}").Provider
        for attrs, into in ((_FIRST, first), (_LAST, last)):
            for attr in attrs:
                for entry in _entries(getattr(provider, attr, ())):
                    for part in re.split(r"[\s\-]+", fold(entry)):
                        if _LATIN.fullmatch(part):
                            into[part].add(mod.name)
    tokens = sorted(set(first) | set(last))
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        fh.write("token\tfirst\tlast\tlocales\n")
        for t in tokens:
            n = len(first.get(t, set()) | last.get(t, set()))
            fh.write(f"{t}\t{int(t in first)}\t{int(t in last)}\t{n}\n")
    print(f"wrote {OUT} ({len(tokens)} tokens)")


if __name__ == "__main__":
    main()
