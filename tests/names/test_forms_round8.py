"""Issue 13, eighth round: the evidence the round added.

- a role word before a name ("candidate Kaya", "examiner Harbans Lall"): the
  person a role names (``after_role``);
- a possessive typed without its apostrophe is read only with a word after it
  that is not a verb ("Amirs coat"), not at the end of a segment or before a
  verb, where the "s" is a plural: a class named after a bird ("Chickenpox in
  Wrens", "wrens started on time"); it is weighed apart from a typed
  possessive (``possessive_bare``);
- a surname alone that no lexicon knows, or that is also a first name
  (``last:unlisted``, ``last:also_first``, ``last:surname``);
- the sibling marks of independent and boarding schools after a surname
  ("Okafor ma", "Fox-Pitt mi": ``before_sibling``), left out of the span."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.names._lexicon import lexicon
from app.names._tokens import fold_fast, tokenize
from app.names.api import _bare_possessives
from app.people import Person

P, S = PersonKind.PUPIL, PersonKind.STAFF

ROSTER = (
    Person("p1", "Wren", "Tonkin", P),
    Person("p2", "Amir", "Khan", P),
    Person("p3", "Deniz", "Kaya", P),
    Person("p4", "Lena", "Varga", P),
    Person("p5", "Chidi", "Okafor", P),
    Person("p6", "Ada", "Okafor", P),
    Person("p7", "Hugo", "Fox-Pitt", P),
)


@pytest.fixture(scope="module")
def roster() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.fixture(scope="module")
def empty() -> NameIndex:
    return NameIndex.build([])


DIRECTORY_CASES = [
    # (the tenth round's refit put "Amirs coat left in PE", the name first, at
    # 0.42, below the directory's 0.45: a known miss, in the README)
    ("lost property - amirs coat", ["amir"]),
    ("Chickenpox in Wrens", []),
    ("Kaya left her bag in 8R", ["Kaya"]),
    ("Okafor ma - exeat form", ["Okafor"]),
    ("okafor mi + okafor ma leave-out", ["okafor", "okafor"]),
    ("FOX-PITT MI - LATE TO CHAPEL", ["FOX-PITT"]),
    ("MA in Education - fees support", []),
]


@pytest.mark.parametrize(("subject", "expected"), DIRECTORY_CASES)
def test_round8_directory(roster: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in roster.find(subject, detector=False)] == expected


@pytest.mark.parametrize(
    ("subject", "stripped"),
    [
        ("Amirs coat left in PE", True),  # a word after it: the possessive
        ("Chickenpox in Wrens", False),  # the end of the subject: a plural
        ("Wrens - stay and play", False),  # the end of a segment
        ("wrens started on time", False),  # a verb after it
    ],
)
def test_a_bare_possessive_needs_a_word_after_it(subject: str, stripped: bool) -> None:
    tokens = tokenize(subject, fold_fast(subject))
    parts = {"amir": 0, "wren": 1}
    _bare_possessives(tokens, parts, lexicon())
    got = [t for t in tokens if t.possessive]
    assert bool(got) is stripped
    assert all(t.bare_possessive for t in got)


def test_a_role_word_before_a_name_is_evidence(roster: NameIndex, empty: NameIndex) -> None:
    with_role = empty.find("GCSE speaking exam - external examiner Harbans Lall")
    assert [m.text for m in with_role] == ["Harbans Lall"]
    assert "after_role" in with_role[0].features
    # a rostered surname after a role word carries it too (weighed, not decided, by it)
    cands = roster.candidates("MISSING CANDIDATE KAYA", detector=False)
    assert any("after_role" in c.feats for c in cands)
