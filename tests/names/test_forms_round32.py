"""Issue 13, thirty-second round: an everyday word before a word-like name,
and a verb after "please".

- After an everyday word that is neither a name nor a person-context word,
  a word-like name is often a compound noun's second half ("car jack",
  "WATER BILL"): ``after_common`` and ``after_common_word`` (how word-like
  the candidate is) let the model weigh it.
- After "please" or "pls", a first name that is a verb a person is asked
  "to" do is the verb ("PLEASE CHASE - Y8 MISSING MARKS"):
  ``after_please_verb``.
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.people import Person, PersonKind

SCHOOL = NameIndex.build(
    [
        Person(id="p1", first_name="Jack", last_name="Hocking", kind=PersonKind.PUPIL),
        Person(id="s1", first_name="Bill", last_name="Care", kind=PersonKind.STAFF),
        Person(id="p2", first_name="Chase", last_name="Rowe", kind=PersonKind.PUPIL),
    ]
)


def _first(subject: str, text: str) -> dict[str, float]:
    (feats,) = [
        c.feats
        for c in SCHOOL.candidates(subject, detector=False)
        if SCHOOL.span_text(subject, c)[0] == text and c.form == "first"
    ]
    return feats


@pytest.mark.parametrize(
    ("subject", "text", "present"),
    [
        ("car jack in the site office?", "jack", True),
        ("WATER BILL - PLEASE CHECK THE LEAK COSTS", "BILL", True),
        ("meeting with Jack tomorrow", "Jack", False),  # a lead word
        ("detention Jack Thursday", "Jack", False),  # a person-context word
        ("thanks Bill", "Bill", False),
    ],
)
def test_after_an_everyday_word(subject: str, text: str, present: bool) -> None:
    feats = _first(subject, text)
    assert ("after_common" in feats) is present
    if present:
        assert feats["after_common_word"] == pytest.approx(feats["first:word"])


def test_a_verb_after_please() -> None:
    assert _first("PLEASE CHASE - Y8 MISSING MARKS", "CHASE")["after_please_verb"] == 1.0
    assert "after_please_verb" not in _first("please Jack - bring your kit", "Jack")
