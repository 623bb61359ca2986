"""Issue 13, thirteenth round: a surname leading a subject without a roster,
"Surname First" in joined lists, and two fixes to rostered first names.

- without a roster, a surname alone that leads a segment of its own, or a
  subject about the person, is a candidate ("Ferreira - results enquiry",
  "ZIELINSKI - ISOLATION TOMORROW"); an acronym or a short code never is
  ("SLT - agenda", "CPOMS - LOGIN");
- "Surname First" items of a list joined by "and", "&" or "+" are read as
  such ("HADDAD YOUSEF AND HADDAD RAMA - DENTIST");
- a rostered first name after another's possessive is not a run of names
  ("Tiana's nana collecting her": her grandmother, not a pupil called Nana);
- the later part of a hyphenated first name typed in lower case does not make
  the name a lower-case word in a sentence-case subject ("Lily-rose")."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S, G = PersonKind.PUPIL, PersonKind.STAFF, PersonKind.PARENT

ROSTER = (
    Person("p1", "Tiana", "Mensah", P),
    Person("p2", "Nana", "Agyeman", P),
    Person("p3", "Lily-Rose", "King", P),
    Person("g1", "Gemma", "King", G),
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.fixture(scope="module")
def empty() -> NameIndex:
    return NameIndex.build([])


@pytest.mark.parametrize(
    ("subject", "span"),
    [
        ("Ferreira - business exam clash", "Ferreira"),
        ("ZIELINSKI - ISOLATION TOMORROW", "ZIELINSKI"),
        ("Re: Gonçalves - results enquiry", "Gonçalves"),
    ],
)
def test_a_surname_leading_a_segment(empty: NameIndex, subject: str, span: str) -> None:
    found = [m.text for m in empty.find(subject)]
    assert found == [span]


@pytest.mark.parametrize(
    "subject", ["SLT - agenda for Monday", "CPOMS - LOGIN ISSUES", "URGENT - BOILER", "Y10 - trip"]
)
def test_no_acronym_or_word_leads_as_a_surname(empty: NameIndex, subject: str) -> None:
    assert empty.candidates(subject, detector=True) == [] or not empty.find(subject)


def test_surname_first_in_a_joined_list(empty: NameIndex) -> None:
    found = [m.text for m in empty.find("HADDAD YOUSEF AND HADDAD RAMA - DENTIST")]
    assert found == ["HADDAD YOUSEF", "HADDAD RAMA"]


def test_no_run_of_names_across_a_possessive(index: NameIndex) -> None:
    cands = index.candidates("Tiana's nana collecting her today at 2", detector=False)
    nana = [c for c in cands if index.span_text("Tiana's nana collecting her", c)[0] == "nana"]
    assert nana and all("name_run" not in c.feats for c in nana)
    tiana = [c for c in cands if c.i == 0]
    assert tiana and all("name_run" not in c.feats for c in tiana)


def test_a_hyphenated_first_name_typed_in_part_lower_case(index: NameIndex) -> None:
    cands = index.candidates("Gemma King - Lily-rose Art Exhibition Tickets", detector=False)
    lily = [c for c in cands if c.form == "first" and c.i == 2]
    assert lily and all("lower_in_sentence" not in c.feats for c in lily)
    lower = index.candidates("Gemma King - lily-rose Art Exhibition Tickets", detector=False)
    assert any("lower_in_sentence" in c.feats for c in lower if c.form == "first" and c.i == 2)
