"""Issue 13, thirty-fourth round.

- To the detector, a word that is one of the school's class or house names
  is the class, never an unknown person ("Swimming letters - Caldey"); the
  directory still weighs a pupil of that name (``class_word``).
- Welsh words that are also given names ("Seren", star; "Eira", snow) are
  as word-like as an English word-name.
- In Title Case every word has its capital, so an everyday word before a
  name does not make it a second name ("New Starter Zihan Li").
- An adverb between a name and its verb still leaves the verb after the name
  ("Popescu still owes £40").
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._lexicon import WELSH_WORDNESS, lexicon, wordness
from app.people import Person, PersonKind


def _pupil(n: int, first: str, last: str, *classes: str) -> Person:
    return Person(
        id=f"p{n}", first_name=first, last_name=last, kind=PersonKind.PUPIL, classes=classes
    )


def test_a_class_name_is_no_stranger_to_the_detector() -> None:
    subject = "Swimming letters - Caldey"
    without = NameIndex.build([_pupil(1, "Amir", "Khan")])
    with_class = NameIndex.build([_pupil(1, "Amir", "Khan", "Caldey")])
    assert any(c.source == "detector" for c in without.candidates(subject))
    assert not [c for c in with_class.candidates(subject) if c.source == "detector"]


def test_the_directory_still_weighs_a_pupil_named_like_a_class() -> None:
    index = NameIndex.build([_pupil(1, "Robin", "Khan", "Robin")])
    subject = "Robin left her coat in the hall"
    found = index.find(subject)
    assert [m.text for m in found] == ["Robin"]
    assert found[0].source == "directory"


@pytest.mark.parametrize("word", ["seren", "eira", "awen", "bryn", "afon"])
def test_welsh_word_names_are_word_like(word: str) -> None:
    assert wordness(word, lexicon()) >= WELSH_WORDNESS


def test_title_case_does_not_make_an_everyday_word_a_name() -> None:
    index = NameIndex.build([_pupil(1, "Zihan", "Li")])
    found = index.find("Admissions - New Starter Zihan Li (Y1) - Start Date", detector=False)
    assert [m.text for m in found] == ["Zihan Li"]


@pytest.mark.parametrize(
    ("subject", "feature"),
    [
        ("Popescu still owes £40 for the trip", "before_verb_s"),
        ("Popescu now has a place", "before_verb"),
        ("Popescu owes £40", "before_verb_s"),
    ],
)
def test_an_adverb_before_the_verb(subject: str, feature: str) -> None:
    index = NameIndex.build([_pupil(1, "Ana", "Popescu")])
    (c,) = [c for c in index.candidates(subject, detector=False) if c.form == "last"]
    assert c.feats[feature] == 1.0
