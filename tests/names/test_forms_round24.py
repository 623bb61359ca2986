"""Issue 13, twenty-fourth round: trips, places "of", peoples and warnings.

- a word right before an outing ("FORFAR TRIP CANCELLED", "Arran
  Residential") carries ``before_trip``, and one after an outing and "to"
  ("Residential to Arran", "visit to Armagh") ``after_trip_to``: places far
  more often than pupils; the model weighs both;
- a word after a place word and "of" ("Isle of Skye", "City of London")
  carries ``after_place_of``;
- Roma, Gypsy and Traveller are peoples staff write about as communities
  ("Roma Family Learning Project"), never a person to the detector;
- "warning", "alert" and "weather" after a word-like name make it the word
  ("amber weather warning")."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._vocab import LANGUAGE_WORDS, NOUN_AFTER_WORD
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
ROSTER = NameIndex.build(
    [
        Person(id="P1", first_name="Skye", last_name="Forfar", kind=PersonKind.PUPIL),
        Person(id="P2", first_name="Arran", last_name="Lamont", kind=PersonKind.PUPIL),
    ]
)


def _feats(index: NameIndex, subject: str, text: str) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=True)
        if index.span_text(subject, c)[0] == text
    ]


@pytest.mark.parametrize(
    ("subject", "text", "feature", "expected"),
    [
        ("FORFAR TRIP CANCELLED", "FORFAR", "before_trip", True),
        ("Risk Assessment Sign Off - Skye Residential", "Skye", "before_trip", True),
        ("Forfar's trip money", "Forfar", "before_trip", False),
        ("Residential to Arran - Deposits", "Arran", "after_trip_to", True),
        ("Arran to see Mr Hunter", "Arran", "after_trip_to", False),
        ("Isle of Skye residential - pastoral notes", "Skye", "after_place_of", True),
        ("Skye off today - mum rang", "Skye", "after_place_of", False),
    ],
)
def test_place_features(subject: str, text: str, feature: str, expected: bool) -> None:
    feats = _feats(ROSTER, subject, text)
    assert feats
    assert all((feature in f) is expected for f in feats)


@pytest.mark.parametrize(
    ("subject", "found"),
    [
        ("Residential to Arran - Deposits", []),
        ("FORFAR TRIP CANCELLED", []),
        ("Arran Lamont - residential deposit", ["Arran Lamont"]),
        ("Skye off today - mum rang", ["Skye"]),
    ],
)
def test_the_roster_matcher_reads_places(subject: str, found: list[str]) -> None:
    assert [m.text for m in ROSTER.find(subject, detector=False)] == found


def test_peoples_are_no_names() -> None:
    assert {"roma", "gypsy", "traveller", "travellers"} <= LANGUAGE_WORDS
    assert EMPTY.find("PEF Spending - Roma Family Learning Project") == []


def test_a_weather_warning() -> None:
    assert {"warning", "alert", "weather"} <= NOUN_AFTER_WORD
    feats = _feats(EMPTY, "amber weather warning - after school clubs cancelled", "amber")
    assert feats and all(f.get("before_noun_of_word") == 1.0 for f in feats)
