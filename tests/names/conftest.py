"""A small roster for the table tests, and the empty (detector-only) index."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S, G = PersonKind.PUPIL, PersonKind.STAFF, PersonKind.PARENT

PEOPLE = (
    Person("p1", "Amir", "Khan", P, mis_ref="ADM001"),
    Person("p2", "Zoë", "O'Neill", P, mis_ref="ADM002"),
    Person("p3", "José", "Martínez", P),
    Person("p4", "Ruby", "Smith-Jones", P),
    Person("p5", "Daan", "van der Berg", P),
    Person("p6", "Ellie", "McDonald", P),
    Person("p7", "William", "Brown", P, preferred_name="Will"),
    Person("p8", "Grace", "Hall", P),
    Person("p9", "May", "Green", P),
    Person("p10", "Hope", "Young", P),
    Person("p11", "Mark", "Field", P),
    Person("p12", "Leo", "Morris", P),
    Person("p13", "Leo", "Mason", P),
    Person("p14", "Aisha", "Begum", P, middle_names="Noor"),
    Person("p15", "Olufunmilayo", "Adeyemi", P, preferred_name="Funmi"),
    Person("p16", "Siobhán", "Ní Bhriain", P),
    Person("s1", "Imran", "Khan", S),
    Person("s2", "Sarah", "Green", S),
    Person("g1", "Shirin", "Begum", G),
    Person("g2", "Claire", "O'Neill", G),
)


@pytest.fixture(scope="session")
def index() -> NameIndex:
    return NameIndex.build(PEOPLE)


@pytest.fixture(scope="session")
def empty() -> NameIndex:
    return NameIndex.build([])
