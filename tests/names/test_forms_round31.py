"""Issue 13, thirty-first round: runs of first names, festivals, Welsh school
words, and verbs a person is asked "to" do.

- Three or more rostered first names in a row are a list without commas:
  the ones around a name are other pupils, so neither "after_name_shaped"
  nor "followed by a surname" is held against it ("choir list Diya Anaya
  Kavya Meera").
- Festivals, holy days and their customs (``FESTIVAL_WORDS``: "NAVRATRI LATE
  NIGHTS", "rangoli art", "Vaisakhi absences") are never a person's name to
  the detector, nor are more Welsh school words and the trees and birds
  classes are named after ("Dosbarth Derwen", "Barcud").
- "Bill to circulate": more verbs in ``TO_VERBS``.
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._vocab import FESTIVAL_WORDS, TO_VERBS, WELSH_WORDS
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
SCHOOL = NameIndex.build(
    [
        Person(id="p1", first_name="Diya", last_name="Patel", kind=PersonKind.PUPIL),
        Person(id="p2", first_name="Anaya", last_name="Mistry", kind=PersonKind.PUPIL),
        Person(id="p3", first_name="Kavya", last_name="Shah", kind=PersonKind.PUPIL),
        Person(id="p4", first_name="Meera", last_name="Lad", kind=PersonKind.PUPIL),
        Person(id="p5", first_name="Zara", last_name="Anaya", kind=PersonKind.PUPIL),
        Person(id="s1", first_name="Bill", last_name="Jones", kind=PersonKind.STAFF),
    ]
)


def _first(subject: str, text: str) -> dict[str, float]:
    (feats,) = [
        c.feats
        for c in SCHOOL.candidates(subject, detector=False)
        if SCHOOL.span_text(subject, c)[0] == text and c.form == "first"
    ]
    return feats


def test_a_run_of_three_first_names_is_a_list() -> None:
    subject = "Diwali switch-on - choir list Diya Anaya Kavya Meera"
    feats = _first(subject, "Diya")
    assert feats["name_run"] == 1.0
    assert "first:followed_by_surname" not in feats
    assert "after_name_shaped" not in _first(subject, "Kavya")
    found = [m.text for m in SCHOOL.find(subject, detector=False)]
    assert found == ["Diya", "Anaya", "Kavya", "Meera"]


def test_two_first_names_keep_the_full_name_reading() -> None:
    # "Diya Anaya": Anaya is a rostered surname too; two names are no list
    assert "first:followed_by_surname" in _first("photo consent - Diya Anaya", "Diya")


@pytest.mark.parametrize(
    "subject",
    [
        "NAVRATRI LATE NIGHTS - LATES UP IN KS2",
        "rangoli art - need more chalk",
        "RAMADAN - NO LATE PENALTY FOR IFTAR NIGHTS?",
        "garba night tickets",
        "Dosbarth Derwen - trip to Barcud",
    ],
)
def test_festivals_and_welsh_school_words_are_not_names(subject: str) -> None:
    assert not EMPTY.find(subject)


def test_the_word_lists() -> None:
    assert {"diwali", "vaisakhi", "eid", "rangoli"} <= FESTIVAL_WORDS
    assert not {"durga", "ganesh", "noor"} & FESTIVAL_WORDS  # given names too
    assert {"derwen", "barcud", "dosbarth"} <= WELSH_WORDS
    assert not {"celyn", "seren", "haf"} & WELSH_WORDS  # given names too
    assert {"circulate", "send", "chase"} <= TO_VERBS


def test_asked_to_do_something() -> None:
    assert _first("FGB minutes draft - Bill to circulate", "Bill")["before_to_verb"] == 1.0
