"""Issue 13, thirtieth round: a phone's capital, acronyms in mixed case,
registers' "SURNAME FIRST 9W3", and more everyday phrases.

- A sentence-case subject whose one capital is its first word's ("Young
  carers card - hope - signed by sharon", as a phone types it) marks a
  lower-case name ``lower_after_lead_cap`` beside ``lower_in_sentence``: the
  lower case there says less against a name.
- A rostered first name in capitals inside a subject that is not ALL CAPS
  carries ``first:caps_in_mixed`` for the directory too ("TAF meeting
  notes": an acronym as often as a name), as it did for the detector.
- "Surname First" with no comma and no case to tell them apart is read
  before a form or year group too, as a register writes it ("PARKIN LIBERTY
  9W3 - 87%"; ``reversed:before_group``).
- More everyday phrases and well-known things ("Seren yr Wythnos", "Dydd
  Gŵyl Dewi", "PE kit", "Mari Lwyd").
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
SCHOOL = NameIndex.build(
    [
        Person(id="p1", first_name="Hope", last_name="Davies", kind=PersonKind.PUPIL),
        Person(id="g1", first_name="Sharon", last_name="Davies", kind=PersonKind.PARENT),
        Person(id="p2", first_name="Taf", last_name="Jenkins", kind=PersonKind.PUPIL),
        Person(id="p3", first_name="Kit", last_name="Chan", kind=PersonKind.PUPIL),
        Person(id="p4", first_name="Seren", last_name="Bowen", kind=PersonKind.PUPIL),
        Person(id="s1", first_name="Dewi", last_name="Rees", kind=PersonKind.STAFF),
    ]
)


def _first(subject: str, text: str) -> dict[str, float]:
    (feats,) = [
        c.feats
        for c in SCHOOL.candidates(subject, detector=False)
        if SCHOOL.span_text(subject, c)[0] == text and c.form == "first"
    ]
    return feats


def test_a_lower_case_name_after_a_phone_s_capital() -> None:
    feats = _first("Young carers card - hope - signed by sharon", "sharon")
    assert feats["lower_in_sentence"] == 1.0
    assert feats["lower_after_lead_cap"] == 1.0
    # a second capital: the writer capitalises, so lower case says more
    other = _first("Young carers card for Hope - signed by sharon", "sharon")
    assert "lower_after_lead_cap" not in other


def test_an_acronym_in_mixed_case_is_weighed_for_the_directory_too() -> None:
    assert _first("Ms Prentice - TAF meeting notes", "TAF")["first:caps_in_mixed"] == 1.0
    assert _first("TAF JENKINS ABSENT TODAY", "TAF")["first:caps_in_mixed"] == 0.0


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("PARKIN LIBERTY 9W3 - 87% - LETTER 1", "PARKIN LIBERTY"),
        ("WRAGG SKY Y9 - FIRST DAY CALL NO ANSWER", "WRAGG SKY"),
    ],
)
def test_surname_first_before_a_group(subject: str, name: str) -> None:
    cands = [
        c
        for c in EMPTY.candidates(subject)
        if c.form == "reversed" and EMPTY.span_text(subject, c)[0] == name
    ]
    assert cands and cands[0].feats["reversed:before_group"] == 1.0


@pytest.mark.parametrize(
    "subject",
    [
        "seren yr wythnos certificates need printing",
        "Eisteddfod costumes - Dydd Gŵyl Dewi",
        "PE KIT LEFT IN HALL",
        "Mari Lwyd skull - where is it stored??",
    ],
)
def test_phrases_and_things_are_not_people(subject: str) -> None:
    assert not EMPTY.find(subject)
    assert all("named_thing" in c.feats for c in SCHOOL.candidates(subject, detector=False))
