"""Mechanisms added in issue 13's fourth round (from school5's misses), with
their near misses. Directory rows use the roster below, detector rows the
empty index."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.names._evidence import Subject, features
from app.names._lexicon import lexicon
from app.names._tokens import case_mode, fold_fast, tokenize
from app.people import Person

P, S = PersonKind.PUPIL, PersonKind.STAFF

PEOPLE = (
    Person("p1", "Bartłomiej", "Kowalczyk", P, preferred_name="Bartek"),
    Person("p2", "Oksana", "Shevchuk", P),
    Person("p3", "Faith", "Okoro", P),
    Person("p4", "Ivy", "Marsh", P),
    Person("p5", "Art", "Nowak", P),
    Person("p6", "Lena", "Kaminsky", P),
    Person("s1", "Anna", "Zielinski", S),
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(PEOPLE)


@pytest.fixture(scope="module")
def empty() -> NameIndex:
    return NameIndex.build([])


@pytest.mark.parametrize(
    ("subject", "typo"),
    [
        # one letter swapped, doubled or too many: the rostered surname, marked
        ("Bartek Kowalcyzk - parents evening slot", "Kowalcyzk"),
        ("kowalcyzk - report card", "kowalcyzk"),
        ("Shevchuck - Homes for Ukraine Host Change", "Shevchuck"),
        # spelt right: no slip
        ("Kowalczyk - report card", None),
        # a name in its own right is nobody's slip ("Kaminski" beside "Kaminsky")
        ("Kaminski - report card", None),
        # followed by another capitalised name-like word: someone else's full name
        ("Interpreter - Kowalcyzk Gebru unavailable", None),
        # an everyday word is no slip of a name
        ("reports due Friday", None),
    ],
)
def test_typo_of_a_rostered_part(index: NameIndex, subject: str, typo: str | None) -> None:
    slipped = [
        index.span_text(subject, c)[0]
        for c in index.candidates(subject, detector=False)
        if c.feats.get("typo")
    ]
    # the surname alone and any full name around it are both marked
    assert all(typo in x for x in slipped) and bool(slipped) is bool(typo)


def test_typo_is_found_and_says_so(index: NameIndex) -> None:
    (m,) = index.find("kowalcyzk - report card", detector=False)
    assert m.person is not None and m.person.id == "p1"
    assert "spelt one slip away from the roster" in m.reasons


@pytest.mark.parametrize(
    ("subject", "starts_lone"),
    [
        # the subject's first word in lower case may still be a name alone
        ("faith forgot her PE kit again", True),
        # mid-subject, a lower-case everyday word in a sentence-case subject is the word
        ("Keep the faith - Y11 revision", False),
    ],
)
def test_lower_case_first_word(index: NameIndex, subject: str, starts_lone: bool) -> None:
    firsts = [
        index.span_text(subject, c)[0].lower()
        for c in index.candidates(subject, detector=False)
        if c.form == "first"
    ]
    assert ("faith" in firsts) is starts_lone


def _feats(subject: str, i: int, j: int) -> dict[str, float]:
    lex = lexicon()
    tokens = tokenize(subject, fold_fast(subject))
    subj = Subject.of(tokens, case_mode(tokens), lex)
    from app.names._evidence import Candidate

    c = Candidate(i, j, "first", "directory", {}, [])
    assert features(c, subj)
    return c.feats


@pytest.mark.parametrize(
    ("subject", "i", "near"),
    [
        ("ivy reception - first day tears", 0, True),  # Reception is a year group
        ("Nursery - Kai settling in", 1, True),
        ("Frida Kahlo Self Portraits - Y8 Art", 5, False),  # the class's subject
        ("Tobi 8Q - late", 0, True),
    ],
)
def test_year_words_and_class_subjects(subject: str, i: int, near: bool) -> None:
    assert ("form_group_near" in _feats(subject, i, i)) is near


def test_abbreviation_is_not_name_shaped() -> None:
    # "MTG" before a name is no first half of it
    f = _feats("RETURN TO WORK MTG OKSANA HUSSAIN", 4, 4)
    assert "after_name_shaped" not in f
    assert "after_name_shaped" in _feats("RETURN TO WORK ANNA OKSANA HUSSAIN", 5, 5)


@pytest.mark.parametrize(
    ("subject", "three"),
    [
        ("In-year Admission - Chun Hei Cheung", "Chun Hei Cheung"),
        ("Joao Pedro da Costa - EAL baseline", "Joao Pedro da Costa"),
        ("Muhammad Hamza Hussain - EHCP", "Muhammad Hamza Hussain"),
        # a mostly lower-case dictionary word does not lengthen a name
        ("careers adviser tasha greenhalgh - y11 interviews", None),
        # a dash ends it
        ("Amir Khan - Cheung", None),
    ],
)
def test_three_part_names(empty: NameIndex, subject: str, three: str | None) -> None:
    longer = [
        empty.span_text(subject, c)[0]
        for c in empty.candidates(subject)
        if c.feats.get("full:three")
    ]
    assert (three in longer) if three else not longer


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("In-year Admission - Chun Hei Cheung", ["Chun Hei Cheung"]),
        ("Muhammad Hamza Hussain - EHCP", ["Muhammad Hamza Hussain"]),
    ],
)
def test_three_part_names_found(empty: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in empty.find(subject)] == expected
