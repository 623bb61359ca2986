"""Forms the matcher missed before issue 13's third round, and their near misses.

Each row is ``(subject, expected mention texts)``; directory rows use the
roster below, detector rows the empty index.
"""

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
    Person("p1", "Amir", "Khan", P),
    Person("p2", "Mohamed", "Farah", P, preferred_name="Mo"),
    Person("p3", "Niamh", "O'Sullivan", P),
    Person("p4", "Chiamaka", "Eze", P),
    Person("p5", "Jada", "Brown", P),
    Person("p6", "Tobi", "Adeyemi", P),
    Person("p7", "Mark", "Field", P),
    Person("s1", "Anna", "Zielinski", S),
    Person("s2", "Ruth", "English", S),
    Person("s3", "Dawn", "French", S),
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(PEOPLE)


@pytest.fixture(scope="module")
def empty() -> NameIndex:
    return NameIndex.build([])


DIRECTORY_CASES = [
    # a possessive typed without its apostrophe
    # (the tenth round's refit put "Amirs coat left in PE", the name first, at
    # 0.42, below the directory's 0.45: a known miss, in the README)
    ("lost property - amirs coat", ["amir"]),
    ("fw: tobis mum rang", ["tobi"]),
    ("Zielinskis homework - plagiarism?", ["Zielinski"]),
    # ... but a word that is a name plus "s" stays the word
    ("Marks and Spencer vouchers", []),
    # "w/" leads into a surname: the "w" is no initial
    ("call w/ eze re attendance", ["eze"]),
    # surname then first name where case says nothing (the register's order)
    ("O'SULLIVAN NIAMH - MEDICAL", ["O'SULLIVAN NIAMH"]),
    ("khan amir - medical", ["khan amir"]),
    ("Khan, Amir - seating plan", ["Khan, Amir"]),
    # two school subjects are not a list of surnames
    ("MOCK EXAMS - FRENCH & ENGLISH SEATING", []),
    # a bracket or a dash ends a name: two mentions, not one across it
    ("Meeting re Jada (Brown) 4pm", ["Jada", "Brown"]),
    # another romanised spelling of the rostered first name
    ("Mohammed Farah - Y10 science set", ["Mohammed Farah"]),
    ("Muhammad Farah - Y10 science set", ["Muhammad Farah"]),
]


@pytest.mark.parametrize(("subject", "expected"), DIRECTORY_CASES)
def test_directory(index: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in index.find(subject, detector=False)] == expected


DETECTOR_CASES = [
    # a short form ending in s, then a surname: not a possessive
    ("Debs Holloway - attendance officer update", ["Debs Holloway"]),
    # languages and nationalities are never names, however name-like their spelling
    ("Dilan Aydin - Kurdish interpreter", ["Dilan Aydin"]),
    ("MRS JOSHI - GUJARATI GCSE SPEAKING", ["JOSHI"]),
    ("Mantas - Lithuanian interpreter for parents' evening", ["Mantas"]),
]


@pytest.mark.parametrize(("subject", "expected"), DETECTOR_CASES)
def test_detector(empty: NameIndex, subject: str, expected: list[str]) -> None:
    assert [m.text for m in empty.find(subject)] == expected


@pytest.mark.parametrize(
    ("subject", "listed"),
    [
        ("Jade & Rose fallout at lunch", {"Jade", "Rose"}),
        ("amir + leo detention", {"amir", "leo"}),
        ("Rose fallout at lunch", set()),
    ],
)
def test_list_of_names_is_a_feature(empty: NameIndex, subject: str, listed: set[str]) -> None:
    """A candidate with another candidate across "&", "+", "and" or a comma
    carries ``list_name`` (its weight is learned)."""
    lex = lexicon()
    tokens = tokenize(subject, fold_fast(subject))
    cands = empty.candidates(subject)
    got = {
        empty.span_text(subject, c)[0]
        for c in cands
        if c.feats.get("list_name") and c.form == "first"
    }
    assert got == listed
    # the feature is computed from the subject's candidates, not from the words alone
    c = next(c for c in cands if c.form == "first")
    c.feats.clear()
    assert features(c, Subject.of(tokens, case_mode(tokens), lex))
    assert "list_name" not in c.feats


@pytest.mark.parametrize(
    ("subject", "name", "feature"),
    [
        ("Molly Jones voucher for the raffle", "Molly Jones", "work_context"),
        ("Florence Hall booking for Thursday", "Florence Hall", "work_context"),
        ("Scarlett - costume for Peter Pan", "Scarlett", "work_context_far"),
        ("Blessing - uniform (trainers)", "Blessing", "work_context_far"),
    ],
)
def test_thing_words_near_or_far(empty: NameIndex, subject: str, name: str, feature: str) -> None:
    """A word that makes a name-shaped pair a thing ("voucher", "booking")
    counts as ``work_context`` in the name's own segment and as
    ``work_context_far`` only in another one (weights learned apart)."""
    (c,) = [c for c in empty.candidates(subject) if empty.span_text(subject, c)[0] == name]
    other = {"work_context", "work_context_far"} - {feature}
    assert feature in c.feats
    assert not other & c.feats.keys()


@pytest.mark.parametrize(
    "subject",
    [
        "Ted Baker voucher for the raffle",
        "Marie Curie - Y8 Scientists Project",
        "JESSICA ENNIS-HILL ASSEMBLY SLIDES",
        "Martin Luther King assembly",
    ],
)
def test_named_things_are_never_detector_candidates(empty: NameIndex, subject: str) -> None:
    """A well-known brand, work or public figure is not a private individual:
    the detector drops it before scoring (the directory still weighs a pupil
    who shares the name)."""
    assert empty.find(subject) == []
    assert not [c for c in empty.candidates(subject) if c.form == "full"]
