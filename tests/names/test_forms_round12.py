"""Issue 13, twelfth round: where a rostered name ends, "Miss" before a first
name, a count after a title, and places out of school.

- a bracket or dash before a middle name ends the name, as before a surname
  ("Reem (Khaled Al Azzani)" is two people, not "Reem ... Al Azzani");
- in a sentence-case subject, a word in lower case after a capitalised name is
  no part of it ("Evie Bell bell duty");
- after "Miss", a rostered first name alone is a candidate, as primary schools
  name their teachers ("KEYS FOR MISS SOPHIE");
- an "x" before a number is a count, never an initial ("JULIET X 60");
- valleys, islands, camps, hospices, barracks and the like are places, never
  surnames ("Don Valley", "Kelham Island", "Eden Camp")."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S, G = PersonKind.PUPIL, PersonKind.STAFF, PersonKind.PARENT

ROSTER = (
    Person("p1", "Reem", "Al Azzani", P),
    Person("g1", "Khaled", "Al Azzani", G),
    Person("p2", "Evie", "Bell", P),
    Person("s1", "Sophie", "Turner", S),
    Person("p3", "Bia", "Costa", P),
    Person("g2", "Beatriz", "Costa", G),
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.mark.parametrize(
    ("subject", "spans"),
    [
        ("Dad of Reem (Khaled Al Azzani) at reception", ["Reem", "Khaled Al Azzani"]),
        ("Bia (Beatriz Costa) - EAL support plan", ["Bia", "Beatriz Costa"]),
    ],
)
def test_where_a_rostered_name_ends(index: NameIndex, subject: str, spans: list[str]) -> None:
    found = [m.text for m in index.find(subject, detector=False, min_score=0.0)]
    assert found == spans


def test_a_lower_case_word_after_a_capitalised_name(index: NameIndex) -> None:
    found = [m.text for m in index.find("Evie Bell bell duty??", detector=False, min_score=0.0)]
    assert "Evie Bell" in found and "Evie Bell bell" not in found


def test_miss_then_a_rostered_first_name(index: NameIndex) -> None:
    found = index.find("KEYS FOR MISS SOPHIE", detector=False, min_score=0.0)
    assert [m.text for m in found] == ["SOPHIE"]


def test_an_x_before_a_number_is_a_count() -> None:
    found = [m.text for m in NameIndex.build([]).find("BOOKSHOP ORDER - ROMEO AND JULIET X 60")]
    assert "JULIET X" not in found


@pytest.mark.parametrize(
    "subject",
    ["Sports Day Timings - Don Valley", "Year 9 Trip To Eden Camp", "Kelham Island museum trip"],
)
def test_places_out_of_school(subject: str) -> None:
    found = NameIndex.build([]).find(subject, min_score=0.0)
    places = [m for m in found if len(m.text.split()) == 2]
    assert places, "a first name + place word is still weighed"
    assert places[0].features["place_last"] == 1.0
    assert places[0].features["place_last_surname"] < 0.5  # unlike "Hill" (0.7)
