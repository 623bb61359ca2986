"""Issue 13, thirty-third round: the school's own class, tutor-group and
house names.

A primary school that names its classes Rowan, Hazel and Willow has pupils
called Rowan, Hazel and Willow too. The directory knows the classes (each
person's ``classes``: the MIS, School Data Sync, OneRoster enrolments, a
CSV column), so a rostered name alone that is also one of them is weighed
as such: ``class_word`` when nothing around it says person, and
``class_word_doing`` when a verb, a possessive or a lead word does ("hazel
had a great morning"). A name that still passes is said to be ambiguous,
reading ``"class"``.
"""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._directory import class_words
from app.names._evidence import shipped_scorer
from app.people import Person, PersonKind


def _pupil(n: int, first: str, last: str, *classes: str) -> Person:
    return Person(
        id=f"p{n}", first_name=first, last_name=last, kind=PersonKind.PUPIL, classes=classes
    )


PEOPLE = [
    _pupil(1, "Rowan", "Pike", "Rowan Class"),
    _pupil(2, "Hazel", "Okafor", "Hazel"),
    _pupil(3, "Amir", "Khan", "Year 3 Oak", "Seacole House"),
    _pupil(4, "Wren", "Doyle", "Wrens"),
    Person(id="s1", first_name="Jo", last_name="Reid", kind=PersonKind.STAFF),
]
SCHOOL = NameIndex.build(PEOPLE)


@pytest.mark.parametrize(
    ("classes", "words"),
    [
        (["Rowan Class"], {"rowan"}),
        (["Year 3 Oak", "7 Don"], {"oak", "don"}),
        (["Mary Seacole"], {"seacole"}),  # a house is called by the surname
        (["Mrs Reid's class"], set()),  # named after its teacher: a person
        (["10X/Ma1", "7HB"], set()),  # codes
        (["Wrens"], {"wrens", "wren"}),
        (["Flat Holm"], {"holm"}),
        ([], set()),
    ],
)
def test_class_words(classes: list[str], words: set[str]) -> None:
    people = [_pupil(n, "A", "B", c) for n, c in enumerate(classes)]
    assert class_words(people) == words


def _feats(subject: str, text: str) -> dict[str, float]:
    (feats,) = [
        c.feats
        for c in SCHOOL.candidates(subject, detector=False)
        if SCHOOL.span_text(subject, c)[0] == text and c.form == "first"
    ]
    return feats


@pytest.mark.parametrize(
    ("subject", "text", "feature"),
    [
        ("spare clothes running out in rowan", "rowan", "class_word"),
        ("REGISTERS NOT DONE - ROWAN, HAZEL", "HAZEL", "class_word"),
        ("hazel had a great morning - sticker chart full!", "hazel", "class_word_doing"),
        ("Rowan's reading book", "Rowan", "class_word_doing"),
        ("wren nest cam", "wren", "class_word"),
    ],
)
def test_a_class_name_is_weighed(subject: str, text: str, feature: str) -> None:
    feats = _feats(subject, text)
    assert feats[feature] == 1.0
    other = {"class_word", "class_word_doing"} - {feature}
    assert not other & feats.keys()


def test_a_name_that_is_no_class_is_not() -> None:
    assert not {"class_word", "class_word_doing"} & _feats("Amir - detention", "Amir").keys()


def test_without_classes_nothing_changes() -> None:
    bare = NameIndex.build([_pupil(1, "Rowan", "Pike")])
    (c,) = [c for c in bare.candidates("in rowan", detector=False) if c.form == "first"]
    assert "class_word" not in c.feats


def test_the_learned_weights_count_against_a_bare_class_name() -> None:
    # fitted on the development sets' rosters with their classes
    table = shipped_scorer().directory.table("first")
    assert table["class_word"] < table["class_word_doing"] < 0


def test_a_class_name_that_still_stands_says_so() -> None:
    subject = "Hazel - sticker chart full, well done"
    found = [m for m in SCHOOL.find(subject, detector=False, min_score=0.0) if m.text == "Hazel"]
    assert found
    (m,) = found
    assert m.ambiguous
    assert m.reading == "class"
    assert "class or house" in m.why
