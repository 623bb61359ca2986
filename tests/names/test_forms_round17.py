"""Issue 13, seventeenth round: a pupil and their class, a given name after a
prefix, and a role before a possessive.

- a name right before a form group ("Hope 11LO walked out", "MARK 9SK - LATE")
  is weighed apart from a form group somewhere near (``before_form_group``);
  a school subject before its class ("English 10B") is not;
- a given name stored with a religious or honorific prefix ("Md Shahidul",
  "Syed Ali") is also found by the name after the prefix ("Shahidul Islam");
- the detector does not read a role before a possessive as a surname alone
  ("Head's report")."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person


def _feats(index: NameIndex, subject: str, text: str, *, detector: bool) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=detector)
        if index.span_text(subject, c)[0] == text
    ]


ROSTER = NameIndex.build(
    [
        Person("p1", "Hope", "Adebayo", PersonKind.PUPIL),
        Person("p2", "Mark", "Lees", PersonKind.PUPIL),
        Person("p3", "Md Shahidul", "Islam", PersonKind.PUPIL),
        Person("p4", "Syed Ali", "Raza", PersonKind.PUPIL),
        Person("p5", "Ellis", "English", PersonKind.PUPIL),
    ]
)


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("Hope 11LO walked out of maths", "Hope", True),
        ("MARK 9SK - LATE AGAIN", "MARK", True),
        ("Ellis 8Q lates", "Ellis", True),
        ("English 10B cover work", "English", False),  # the class's subject
        ("Hope you had a good half term - 9SK", "Hope", False),  # the group is not next to it
        # (eighteenth round) a group across a segment break belongs to the next segment
        ("Interview observation - candidate Ms Kaveri Lees - Y8 lesson", "Lees", False),
        ("the florrie - y5 heritage project", "florrie", False),
    ],
)
def test_before_form_group(subject: str, text: str, expected: bool) -> None:
    feats = _feats(ROSTER, subject, text, detector=True)
    feats += _feats(NameIndex.build([]), subject, text, detector=True)
    assert feats or not expected
    assert all(("before_form_group" in f) is expected for f in feats)


def test_a_word_name_before_its_class_is_found() -> None:
    assert [m.text for m in ROSTER.find("Hope 11LO walked out of maths", detector=False)] == [
        "Hope"
    ]
    assert ROSTER.find("English 10B cover work", detector=False) == []


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Bursary Application - Shahidul Islam", "Shahidul Islam"),
        ("Md Shahidul Islam - bursary", "Md Shahidul Islam"),
        ("shahidul - detention tmrw", "shahidul"),
        ("Ali Raza 9T - lates", "Ali Raza"),
    ],
)
def test_a_given_name_after_its_prefix(subject: str, text: str) -> None:
    found = ROSTER.find(subject, detector=False)
    assert [m.text for m in found] == [text]
    assert found[0].person is not None and found[0].person.last_name in {"Islam", "Raza"}


@pytest.mark.parametrize(
    "subject",
    ["re: head's report - attendance section", "Head's Report To Governors - Spring Term"],
)
def test_a_role_before_a_possessive_is_no_surname(subject: str) -> None:
    assert NameIndex.build([]).find(subject) == []


# Eighteenth round: a name inside a well-known thing's name, however deep in
# it, is that thing ("Paul" in "St Vincent de Paul"), not only a name at its
# start or end.
@pytest.mark.parametrize(
    "subject",
    [
        "St Vincent de Paul collection",
        "Romeo and Juliet rehearsal after school",
        "Marks & Spencer voucher for the raffle",
        "Rio Ferdinand assembly video",
    ],
)
def test_a_name_inside_a_named_thing(subject: str) -> None:
    assert NameIndex.build([]).find(subject) == []


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("9SK", True),
        ("11X2", True),
        ("7H", True),
        ("10B", True),
        ("10am", False),  # a time, not a class ("Jubair Hussain - 10am")
        ("3pm", False),
        ("5km", False),
        ("2hrs", False),
        ("9th", False),
    ],
)
def test_times_and_measures_are_no_form_groups(text: str, group: bool) -> None:
    from app.names._vocab import is_form_group

    assert is_form_group(text) is group
