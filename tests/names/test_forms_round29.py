"""Issue 13, twenty-ninth round: what follows a first name, what comes before
a surname, lists of things, everyday phrases, and a class after a year.

- A first name is "followed by a surname" (the feature that says a full
  name, somebody else's, is the better reading) only when the next word can
  be one: not a verb where every word is capitalised or none is ("summer
  needs new book bag", "Hodan Needs Halal Meals"), and not an everyday word
  where case says nothing ("ARDIT RED CARD AT LUNCH").
- Where case says nothing, an everyday word that is no first name does not
  make the word after it a second name ("home visit mcdonagh"), nor does a
  role ("Coach Dayo").
- "FAO", "Attn" and "visit" lead a name.
- "place_after_next" ("Mary Potter Health Centre") does not reach across a
  question word ("DOMINYKAS WHICH CLASS?").
- A name, a year, then a word: the word is the class ("willow y4 hazel
  upset"; ``after_name_group``).
- Next to an everyday word across a comma or "and": a list of things
  (``list_word``: "Hope, Friendship, Courage").
- Everyday phrases in which a given name is a word ("Ruby wedding", "Holly
  and Ivy", "Patience please") are named things (category ``phrase``).
- "visit to Tatenda's home" is no trip to a place; "Florence art trip" is
  (``before_trip_far``).
- A rostered name's bare possessive that is also a word, before a
  relative: "hopes mum rang".
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
SCHOOL = NameIndex.build(
    [
        Person(id="p1", first_name="Summer", last_name="Okafor", kind=PersonKind.PUPIL),
        Person(id="p2", first_name="Hodan", last_name="Warsame", kind=PersonKind.PUPIL),
        Person(id="p3", first_name="Ardit", last_name="Krasniqi", kind=PersonKind.PUPIL),
        Person(id="p4", first_name="Shannon", last_name="McDonagh", kind=PersonKind.PUPIL),
        Person(id="s1", first_name="Dayo", last_name="Adewale", kind=PersonKind.STAFF),
        Person(id="p5", first_name="Dominykas", last_name="Petrauskas", kind=PersonKind.PUPIL),
        Person(id="p6", first_name="Willow", last_name="Grant", kind=PersonKind.PUPIL),
        Person(id="p7", first_name="Hazel", last_name="Moyo", kind=PersonKind.PUPIL),
        Person(id="p8", first_name="Hope", last_name="Barnes", kind=PersonKind.PUPIL),
        Person(id="p9", first_name="Ruby", last_name="Clarke", kind=PersonKind.PUPIL),
        Person(id="p10", first_name="Tatenda", last_name="Moyo", kind=PersonKind.PUPIL),
        Person(id="s2", first_name="Yetunde", last_name="Bello", kind=PersonKind.STAFF),
    ]
)


def _feats(
    index: NameIndex, subject: str, text: str, *, detector: bool = False
) -> dict[str, float]:
    (feats,) = [
        c.feats
        for c in index.candidates(subject, detector=detector)
        if index.span_text(subject, c)[0] == text and c.form in ("first", "last")
    ]
    return feats


@pytest.mark.parametrize(
    ("subject", "text", "feature", "present"),
    [
        # a verb or an everyday word after a first name is no surname
        ("summer needs new book bag", "summer", "first:followed_by_surname_uncased", False),
        ("Lake District - Hodan Needs Halal Meals", "Hodan", "first:followed_by_surname", False),
        ("ARDIT RED CARD AT LUNCH", "ARDIT", "first:followed_by_surname_uncased", False),
        ("ardit krasniqi late", "ardit", "first:followed_by_surname_uncased", True),
        # what comes before a surname or first name
        ("home visit mcdonagh - rescheduled", "mcdonagh", "after_name_shaped", False),
        ("home visit mcdonagh - rescheduled", "mcdonagh", "after_lead", True),
        ("Coach Dayo - football shirts in the wash?", "Dayo", "after_name_shaped", False),
        ("Attn Yetunde - parent phoned", "Yetunde", "after_lead", True),
        ("FAO HODAN - ROOM CHANGE", "HODAN", "after_lead", True),
        ("DOMINYKAS WHICH CLASS? MUM ON PHONE NOW", "DOMINYKAS", "place_after_next", False),
        # a name, its year, then the class
        ("willow y4 hazel upset at lunch", "hazel", "after_name_group", True),
        ("willow y4 hazel upset at lunch", "willow", "after_name_group", False),
        ("Year 4 Hazel upset at lunch", "Hazel", "after_name_group", False),
        # a list of things
        ("Christian values - Hope, Friendship, Courage", "Hope", "list_word", True),
        ("Hope and Hazel - reading group", "Hope", "list_word", False),
        # a trip
        ("visit to Tatenda's home cancelled", "Tatenda", "after_trip_to", False),
    ],
)
def test_features(subject: str, text: str, feature: str, present: bool) -> None:
    assert (feature in _feats(SCHOOL, subject, text)) is present


def test_a_place_a_word_before_a_trip_word() -> None:
    (c,) = [c for c in EMPTY.candidates("Florence art trip") if c.form == "first"]
    assert c.feats["before_trip_far"] == 1.0
    assert not EMPTY.find("Florence art trip")


@pytest.mark.parametrize(
    "subject",
    [
        "Ruby wedding anniversary collection for the office",
        "Holly and Ivy - Christmas concert programme",
        "Patience please - printers down again",
        "RE: Pat testing on the 14th",
        "Summer term dates - draft",
    ],
)
def test_everyday_phrases_are_named_things(subject: str) -> None:
    assert all("named_thing" in c.feats for c in SCHOOL.candidates(subject, detector=False))
    assert not EMPTY.find(subject)


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("DOMINYKAS WHICH CLASS? MUM ON PHONE NOW", "DOMINYKAS"),
        ("Attn Yetunde - parent phoned", "Yetunde"),
        ("hopes mum rang again", "hope"),
        ("Ruby wedding anniversary collection for Hope", "Hope"),
    ],
)
def test_found_with_a_roster(subject: str, name: str) -> None:
    assert [m.text for m in SCHOOL.find(subject, detector=False)] == [name]
