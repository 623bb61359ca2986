"""Relationships, classes, roles and departments: CSV columns, companion file, indexes."""

from __future__ import annotations

import pytest

from app.directory.csv_roster import (
    RosterError,
    attach_relationships,
    parse_people,
    parse_relationships,
)
from app.directory.model import Directory
from app.domain import PersonKind
from app.people import Relationship

PEOPLE = """id,kind,first_name,last_name,email,personal_emails,roles,departments,classes
P1,pupil,Amir,Khan,amir.khan@pupils.oak.sch.uk,,,,9X;9X/Ma1;Year 9
P2,pupil,Bea,Khan,bea.khan@pupils.oak.sch.uk,,,,7Y
C1,parent,Samina,Khan,samina.khan@gmail.com,,,,
C2,parent,Imran,Khan,imran@example.org,,,,
S1,staff,Sarah,Jones,s.jones@oak.sch.uk,sarah.j@gmail.com,Teacher;DSL,Science,9X
"""


def test_new_columns_are_optional_and_split_on_semicolons() -> None:
    people = {p.id: p for p in parse_people(PEOPLE)}
    assert people["P1"].classes == ("9X", "9X/Ma1", "Year 9")
    assert people["S1"].roles == ("Teacher", "DSL")
    assert people["S1"].departments == ("Science",)
    assert people["S1"].personal_emails == ("sarah.j@gmail.com",)  # a staff personal address
    assert people["C1"].roles == () and people["C1"].relationships == ()
    # a roster from before these columns still loads
    old = parse_people("id,kind,first_name,last_name\nP1,pupil,Amir,Khan\n")
    assert old[0].classes == () and old[0].source == "csv"


RELS = """contact_id,pupil_id,relationship,parental_responsibility
C1,P1,Mother,yes
C1,P2,Mother,Y
C2,P1,Father,no
C2,P2,Step-father,
"""


def test_relationships_csv_links_contacts_to_pupils() -> None:
    people = attach_relationships(parse_people(PEOPLE), parse_relationships(RELS))
    d = Directory.build(people, with_names=False)
    c1 = d.person("C1")
    assert c1 is not None
    assert c1.relationships == (
        Relationship("P1", "mother", True),
        Relationship("P2", "mother", True),
    )
    assert [(c.id, r.relationship, r.parental_responsibility) for c, r in d.contacts_of("P1")] == [
        ("C1", "mother", True),
        ("C2", "father", False),
    ]
    assert [p.id for p in d.pupils_of(c1)] == ["P1", "P2"]
    c2 = d.person("C2")
    assert c2 is not None and c2.relationships[1].parental_responsibility is None
    assert d.contacts_of("S1") == ()


@pytest.mark.parametrize(
    ("rels", "problem"),
    [
        # each row names what is wrong
        ("contact_id,pupil_id\nC9,P1\n", "row 2: contact_id 'C9' is not in the directory"),
        ("contact_id,pupil_id\nC1,P9\n", "row 2: pupil_id 'P9' is not in the directory"),
        ("contact_id,pupil_id\nC1,S1\n", "row 2: pupil_id 'S1' is not a pupil"),
        ("contact_id,pupil_id\nC1,\n", "row 2: contact_id and pupil_id are required"),
        (
            "contact_id,pupil_id,parental_responsibility\nC1,P1,maybe\n",
            "row 2: parental_responsibility must be yes, no or blank",
        ),
        ("pupil_id\nP1\n", "missing column(s): contact_id"),
    ],
)
def test_bad_relationship_rows_are_named(rels: str, problem: str) -> None:
    with pytest.raises(RosterError) as exc:
        attach_relationships(parse_people(PEOPLE), parse_relationships(rels))
    assert problem in str(exc.value)


def test_a_repeated_link_is_kept_once() -> None:
    people = attach_relationships(
        parse_people(PEOPLE), parse_relationships("contact_id,pupil_id\nC1,P1\nC1,P1\n")
    )
    assert next(p for p in people if p.id == "C1").relationships == (Relationship("P1"),)
    assert all(p.kind is not PersonKind.PUPIL or not p.relationships for p in people)
