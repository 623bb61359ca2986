"""Initials as schools write them (issue 13): each surname part keeps its initial."""

from __future__ import annotations

import pytest

from app.names import InitialsStyle, NameIndex, RedactStyle, redact
from app.names._initials import initials

C, D = InitialsStyle.COMPACT, InitialsStyle.DOTTED

CASES = [
    # first, last, style, expected
    ("Amir", "Khan", C, "A.K."),
    ("Ruby", "Smith-Jones", C, "R.S-J."),
    ("Ruby", "Smith-Jones", D, "R.S.J."),
    ("Daan", "van der Berg", C, "D.vdB."),
    ("Daan", "van der Berg", D, "D.V.D.B."),
    ("Ana", "de la Cruz-López", C, "A.dlC-L."),
    ("Siobhán", "Ní Bhriain", C, "S.NB."),
    # an apostrophe or Mc is not a part break
    ("Zoë", "O'Neill", C, "Z.O."),
    ("Ellie", "McDonald", C, "E.M."),
    # one part missing: a title + surname, or a first name alone
    ("", "Okonkwo", C, "O."),
    ("Leo", "", C, "L."),
    ("", "", C, ""),
]


@pytest.mark.parametrize(("first", "last", "style", "expected"), CASES)
def test_initials(first: str, last: str, style: InitialsStyle, expected: str) -> None:
    assert initials(first, last, style) == expected


def test_redact_with_dotted_initials(index: NameIndex) -> None:
    subject = "Daan van der Berg - report"
    got = redact(subject, index.find(subject), RedactStyle.INITIALS, initials_style=D)
    assert got == "D.V.D.B. - report"


def test_detector_mention_initials_from_text(empty: NameIndex) -> None:
    subject = "Meeting with Dr Sarah Smith-Okonkwo"
    assert redact(subject, empty.find(subject), RedactStyle.INITIALS) == "Meeting with Dr S.S-O."
