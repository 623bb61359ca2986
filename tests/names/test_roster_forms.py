"""Issue 13: a rostered person found in any case, with or without accents,
by first, preferred, last or full name, alone or in a list; words that are
names judged by the words around them."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S, G = PersonKind.PUPIL, PersonKind.STAFF, PersonKind.PARENT

ROSTER = (
    Person("p1", "Hope", "Okafor", P),
    Person("p2", "Summer", "Kowalczyk", P),
    Person("p3", "Oisín", "Murphy", P),
    Person("p4", "Łukasz", "Nowak", P),
    Person("p5", "Kemal", "Yılmaz", P),
    Person("p6", "Priyanka", "Shah", P),
    Person("p7", "Chinedu", "Eze", P),
    Person("p8", "Ana", "Popa", P),
    Person("p9", "Yusuf", "Hassan", P),
    Person("p10", "Tomasz", "Wójcik", P),
    Person("p11", "Kofi", "Mensah", P),
    Person("p12", "Florence", "Hall", P),
    Person("p13", "Jack", "Wills", P),
    Person("p14", "Megan", "English", P),
    Person("p15", "Aoife", "Byrne", P),
    Person("s1", "Rachel", "Green", S),
    Person("g1", "Funmilayo", "Eze", G),
)

CASES = [
    # a first name alone that is also a word: the words around it decide
    ("Hope left her bag in 7B", ["Hope"]),
    ("Hope you had a good half term", []),
    ("Summer term dates", []),
    ("Summer was upset at lunch", ["Summer"]),
    # lower case and ALL CAPS, single names too
    ("priyanka missing pe kit", ["priyanka"]),
    ("KEMAL - DETENTION", ["KEMAL"]),
    ("KEMAL YILMAZ 8Q LUNCH DEBT", ["KEMAL YILMAZ"]),
    # with or without accents, and letters no accent-stripping reaches
    ("Oisin Murphy - trip form", ["Oisin Murphy"]),
    ("Lukasz Nowak report", ["Lukasz Nowak"]),
    ("Aoife absent today", ["Aoife"]),
    # surnames alone after a lead word, and lists
    ("Science detention w/ Kowalczyk, Popa & Hassan", ["Kowalczyk", "Popa", "Hassan"]),
    ("Swap: Tomasz to 8Q, Kofi to 8R", ["Tomasz", "Kofi"]),
    # subjects and school words that are also surnames need real evidence
    ("Y10 English mock results", []),
    ("KS3 English department meeting", []),
    ("Megan English - behaviour", ["Megan English"]),
]


@pytest.fixture(scope="module")
def roster() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.mark.parametrize(("subject", "expected"), CASES)
def test_roster_forms(roster: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in roster.find(subject, detector=False)] == expected


@pytest.mark.parametrize(
    "subject", ["Florence Hall booking for Monday", "Jack Wills hoodies in lost property"]
)
def test_a_thing_sharing_a_pupils_name_is_said_to_be_ambiguous(
    roster: NameIndex, subject: str
) -> None:
    # flagged or not, never silently: if flagged, the finding says it may be a place
    found = roster.find(subject, detector=False)
    assert all(m.ambiguous for m in found)


def test_the_pupil_herself_is_not_ambiguous(roster: NameIndex) -> None:
    [m] = roster.find("Florence Hall - nosebleed in PE", detector=False)
    assert m.person is not None and m.person.id == "p12" and not m.ambiguous


@pytest.mark.parametrize(
    ("subject", "ambiguous"),
    [
        ("RE: Hope", True),  # a pupil Hope, or the word: nothing around it says which
        ("Summer", True),
        ("Hope left her bag in 7B", False),  # a verb of doing after it: a person
        ("Hope - detention tonight", False),  # a person-context word
        ("Thanks Hope", False),
        ("Florence Hall - nosebleed in PE", False),
    ],
)
def test_a_rostered_word_name_with_nothing_around_it_is_said_to_be_ambiguous(
    roster: NameIndex, subject: str, ambiguous: bool
) -> None:
    found = roster.find(subject, detector=False)
    if ambiguous:
        # flagged or not, never silently: if flagged, the finding says it may be the word
        assert all(m.ambiguous and m.reading == "word" for m in found)
        assert all("everyday word" in m.why for m in found)
    else:
        assert found and not any(m.ambiguous for m in found)


def test_a_place_reading_is_named_as_such(roster: NameIndex) -> None:
    found = roster.find("Florence Hall booking for Monday", detector=False)
    assert all(m.reading == "place" for m in found)
