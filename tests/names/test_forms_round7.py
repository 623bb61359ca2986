"""Issue 13, seventh round: name forms the roster matcher now reads.

A middle name the roster does not hold between two parts of one person's
name (either order), either part of a Spanish or Portuguese double surname,
"Surname First" in a sentence-case subject, and the shorthand staff type on
a phone around a name ("shld", "sed", "2 c")."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S = PersonKind.PUPIL, PersonKind.STAFF

ROSTER = (
    Person("p1", "Thu", "Tran", P),
    Person("p2", "Camila", "Ortega Ruiz", P),
    Person("p3", "Joao", "Pereira Santos", P),
    Person("p4", "Ewa", "Nowicka", P),
    Person("p5", "Chidi", "Obi", P),
    Person("p6", "Maria Luisa", "Fernandez Gil", P),
    Person("s1", "Colin", "Barker", S),
    Person("p7", "Anna", "van der Berg", P),
)

CASES = [
    # a middle name the roster lacks, family name first or last
    ("Tran Minh Thu - exam entry name", ["Tran Minh Thu"]),
    ("TRAN Minh Thu - exam entry name", ["TRAN Minh Thu"]),
    ("Chidi Emeka Obi - passport copy", ["Chidi Emeka Obi"]),
    # a middle word that is an ordinary word is no middle name
    ("Chidi and Obi", ["Chidi", "Obi"]),
    # either part of a double surname, alone or after the first name
    ("Camila Ortega - reading age", ["Camila Ortega"]),
    ("Camila Ruiz - reading age", ["Camila Ruiz"]),
    ("Mr Barker and Ortega Ruiz C", ["Barker", "Ortega Ruiz C"]),
    ("FERNANDEZ, MARIA LUISA - CANDIDATE NUMBER", ["FERNANDEZ, MARIA LUISA"]),
    # a surname with a particle is not split into parts
    ("Van der Berg - detention", ["Van der Berg"]),
    # "Surname First" in sentence case
    ("Nowicka Ewa - UCI on the entry", ["Nowicka Ewa"]),
    # phone shorthand around a name
    ("shld chidi go home?", ["chidi"]),
    ("ewa sed she feels sick", ["ewa"]),
]


@pytest.fixture(scope="module")
def roster() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.mark.parametrize(("subject", "expected"), CASES)
def test_round7_forms(roster: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in roster.find(subject, detector=False)] == expected


def test_a_particle_is_not_a_surname_alone(roster: NameIndex) -> None:
    # "van der Berg" stays whole: "Berg" alone and "der" are not Anna's surname
    assert [m.text for m in roster.find("Berg has the van der key", detector=False)] == []
