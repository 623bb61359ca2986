"""Issue 13, twentieth round: roles are no part of a name, a well-known name
inside a longer span is still that thing, and school acronyms are no names.

- a role word ends a titled name ("mrs thornbury ewo" is Mrs Thornbury, the
  education welfare officer) and never becomes the third word of a full name
  ("INVIGILATOR DEREK ASHFORD" is Derek Ashford);
- a well-known name of two words that is all of a candidate but one word at
  an end ("Julia Donaldson Gruffalo trail") marks it ``named_thing``, as one
  that holds the candidate does;
- exam and census identifiers (UCI, UPN, ULN, EPQ) are school words, and CME
  (child missing education) is a context word: never a name;
- nine well-known names from the twentieth round's development data are
  named things (Philip Larkin, Amy Johnson, Beverley Minster, Bishop Burton,
  Hull Truck, Star Baker, River Hull, Brook Advisory, Hessle Road)."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._vocab import CONTEXT_WORDS, NAMED_THINGS, SCHOOL_WORDS

EMPTY = NameIndex.build([])


def _texts(subject: str) -> list[str]:
    return [EMPTY.span_text(subject, c)[0] for c in EMPTY.candidates(subject, detector=True)]


@pytest.mark.parametrize(
    ("subject", "wanted", "never"),
    [
        ("home visit w/ mrs thornbury ewo", "thornbury", "thornbury ewo"),
        ("Home visit with Mrs Thornbury EWO", "Thornbury", "Thornbury EWO"),
        ("INVIGILATOR DEREK ASHFORD - DBS CHECK", "DEREK ASHFORD", "INVIGILATOR DEREK ASHFORD"),
        ("Supply teacher cover: Tutor Maria Lopez", "Maria Lopez", "Tutor Maria Lopez"),
    ],
)
def test_a_role_word_is_no_part_of_a_name(subject: str, wanted: str, never: str) -> None:
    texts = _texts(subject)
    assert wanted in texts
    assert never not in texts


@pytest.mark.parametrize(
    "subject",
    ["Julia Donaldson Gruffalo trail", "Philip Larkin Poetry Competition Entries"],
)
def test_a_well_known_name_inside_a_longer_span_is_that_thing(subject: str) -> None:
    assert EMPTY.find(subject) == []
    # the detector drops a named thing's candidates, the three-word ones too
    first = subject.split()[0]
    assert not [t for t in _texts(subject) if t.startswith(first + " ")]


def test_a_real_three_part_name_is_not_a_named_thing() -> None:
    # "Chun Hei Cheung": no well-known name inside it
    found = [m.text for m in EMPTY.find("Chun Hei Cheung - lunch money")]
    assert found == ["Chun Hei Cheung"]


@pytest.mark.parametrize(
    ("subject", "word"),
    [
        ("UCI NUMBERS - Y10 CHECK", "UCI NUMBERS"),
        ("cme - family moved to romania?", "cme"),
    ],
)
def test_school_identifiers_are_no_names(subject: str, word: str) -> None:
    assert word not in [m.text for m in EMPTY.find(subject)]


def test_vocabulary() -> None:
    assert {"uci", "upn", "uln", "epq"} <= SCHOOL_WORDS
    assert "cme" in CONTEXT_WORDS
    assert {
        "philip larkin",
        "amy johnson",
        "beverley minster",
        "bishop burton",
        "hull truck",
        "star baker",
        "river hull",
        "brook advisory",
        "hessle road",
    } <= NAMED_THINGS


@pytest.mark.parametrize(
    "subject",
    [
        "Amy Johnson Statue Visit - Year 5",
        "Bishop Burton open day for Y10/Y11",
        "RE: STAR BAKER COMPETITION",
        "Beverley Minster Carol Service - Y6 Choir",
    ],
)
def test_well_known_names_are_not_people(subject: str) -> None:
    assert EMPTY.find(subject) == []
