"""Issue 13, twenty-second round: seasons that are terms, and a few words.

- a season is a school's term as often as a pupil's name: followed by a
  half-term number or a word for a term ("Autumn 2", "Spring Term",
  "SUMMER SERIES") it carries ``season_term``; alone, closing a subject after
  its first segment ("Governors' Report - Summer") it carries
  ``season_last``. The model weighs both; neither is set for a season that
  leads the subject ("summer - nits") or sits in a list;
- "monument", "memorial" and "statue" head a place's name ("Grey's
  Monument");
- "Storm" before a capitalised given name that is no everyday word is a
  storm's name, a named thing ("Storm Arwen - school closed");
- a few more short forms of given names are known ("Gav", "Rach", "Nath",
  "Jase")."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._lexicon import WORLD_SHORT, world_names
from app.names._vocab import PLACE_HEADS
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
AUTUMN = NameIndex.build(
    [Person(id="P1", first_name="Autumn", last_name="Hargreaves", kind=PersonKind.PUPIL)]
)


def _feats(index: NameIndex, subject: str, text: str) -> dict[str, float]:
    for c in index.candidates(subject, detector=True):
        if index.span_text(subject, c)[0] == text:
            return c.feats
    raise AssertionError(f"no candidate {text!r} in {subject!r}")


@pytest.mark.parametrize(
    ("subject", "text", "feature"),
    [
        ("PEP Meeting Dates - Autumn 2", "Autumn", "season_term"),
        ("Autumn Term Newsletter - Final Proof", "Autumn", "season_term"),
        ("DSL ROTA - AUTUMN 2", "AUTUMN", "season_term"),
        ("SEND Register Update - Autumn", "Autumn", "season_last"),
        ("Safeguarding Governor Report - Autumn", "Autumn", "season_last"),
    ],
)
def test_a_season_that_is_a_term_carries_its_feature(subject: str, text: str, feature: str) -> None:
    assert _feats(AUTUMN, subject, text)[feature] == 1.0


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("autumn - conjunctivitis", "autumn"),
        ("Autumn 10B - late again", "Autumn"),
        ("Y9 netball squad: Grace, Hope, Autumn", "Autumn"),
        ("kerry turner - rang re autumn", "autumn"),
    ],
)
def test_a_season_that_names_a_pupil_carries_neither(subject: str, text: str) -> None:
    feats = _feats(AUTUMN, subject, text)
    assert "season_term" not in feats
    assert "season_last" not in feats


@pytest.mark.parametrize(
    ("subject", "found"),
    [
        ("PEP Meeting Dates - Autumn 2", []),
        ("SEND Register Update - Autumn", []),
        ("autumn - conjunctivitis", ["autumn"]),
        ("Autumn off sick today, mum rang", ["Autumn"]),
    ],
)
def test_the_roster_matcher_reads_seasons_by_their_place(subject: str, found: list[str]) -> None:
    assert [m.text for m in AUTUMN.find(subject)] == found


def test_monuments_and_statues_head_places() -> None:
    assert {"monument", "memorial", "statue"} <= PLACE_HEADS


@pytest.mark.parametrize("name", ["gav", "rach", "nath", "jase"])
def test_more_short_forms_are_known(name: str) -> None:
    assert world_names()[name] & WORLD_SHORT


@pytest.mark.parametrize(
    ("subject", "found"),
    [
        ("Storm Bella - buses cancelled", []),
        ("STORM ARWEN - SCHOOL CLOSED", []),
        ("Storm Eunice: school closure tomorrow", []),
        ("Storm not in today", ["Storm"]),  # a pupil called Storm
        ("STORM NOT IN TODAY", ["STORM"]),
    ],
)
def test_a_storm_named_after_a_person_is_no_person(subject: str, found: list[str]) -> None:
    assert [m.text for m in EMPTY.find(subject)] == found
