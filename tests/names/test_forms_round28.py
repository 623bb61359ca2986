"""Issue 13, twenty-eighth round: a surname typed in lower case, a word
after "the".

- A word after a determiner ("the field is flooded") carries
  ``after_determiner_word``, how word-like it is, beside ``after_determiner``:
  "the" before an everyday word says word more than before a name.
- Where case marks names (a sentence-case subject), a capitalised first
  name followed by a lower-case surname is still a full name to the
  detector ("Nevaeh bradshaw mum rang", "Gosia kozlowska - medical
  absence"), when that word is a surname in the lists (or another
  country's) and no everyday word; the feature ``full:lower_last`` lets the
  model weigh it. An everyday word after a first name is not taken
  ("Thomas cross", "Emily said")."""

from __future__ import annotations

import pytest

from app.names import NameIndex

EMPTY = NameIndex.build([])


def _texts(subject: str) -> list[str]:
    return [m.text for m in EMPTY.find(subject)]


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Nevaeh bradshaw mum rang", "Nevaeh bradshaw"),
        ("Gosia kozlowska - medical absence (hospital)", "Gosia kozlowska"),
        ("Kayden walmsley - referral outcome", "Kayden walmsley"),
    ],
)
def test_a_lower_case_surname_after_a_first_name_is_part_of_the_name(
    subject: str, name: str
) -> None:
    assert _texts(subject) == [name]
    (c,) = [c for c in EMPTY.candidates(subject) if c.form == "full"]
    assert c.feats["full:lower_last"] == 1.0


@pytest.mark.parametrize(
    "subject",
    ["Emily said she would", "Thomas cross - wants to move sets", "Amir needs help"],
)
def test_an_everyday_word_after_a_first_name_is_not_a_surname(subject: str) -> None:
    assert not [c for c in EMPTY.candidates(subject) if c.form == "full"]


def test_a_capitalised_surname_does_not_carry_the_feature() -> None:
    (c,) = [c for c in EMPTY.candidates("Nevaeh Bradshaw mum rang") if c.form == "full"]
    assert c.feats["full:lower_last"] == 0.0


def test_a_word_after_a_determiner_is_weighed_by_how_word_like_it_is() -> None:
    from app.people import Person, PersonKind

    index = NameIndex.build(
        [
            Person(id="s1", first_name="Gary", last_name="Field", kind=PersonKind.STAFF),
            Person(id="p1", first_name="Amara", last_name="Okonkwo", kind=PersonKind.PUPIL),
        ]
    )
    word = [c.feats for c in index.candidates("the field is flooded", detector=False)]
    name = [c.feats for c in index.candidates("saw the okonkwo family", detector=False)]
    assert word and name
    assert all(f["after_determiner_word"] > 0.5 for f in word)
    assert all(f["after_determiner_word"] < 0.2 for f in name)
    assert not index.find("the field is flooded", detector=False)
