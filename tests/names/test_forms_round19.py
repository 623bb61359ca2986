"""Issue 13, nineteenth round: modals, register-style pairs, given names the
lists hold only as surnames, capitals inside a mixed-case subject, and no
"Surname, First" across a segment break.

- a word-name that is itself a modal before a verb ("helen will cover",
  "WILL NEED THE MINIBUS") carries ``modal_use``; "Will - bumped head" does not;
- "WOOD, MARK - nose bleed" and "Stone, Will - transfer file": a surname that
  is also a word, a comma and a first name, alone in their segment, are read
  as one person in register order (``reversed:pair``);
- "Sagun Shrestha": a given name the lists hold only as a surname, then a
  surname, is a full-name candidate (``full:first_surname``);
- a listed first name in capitals inside a subject that is not in capitals
  ("ENA - Staff Meeting") carries ``first:caps_in_mixed``;
- the directory's "Surname, First" with a middle word never crosses a segment
  break ("Mrs Nowak Phoned - Olek Forgot PE Kit");
- from the real meeting subjects: two capitals in a mixed-case subject are no
  surname alone ("Mason, TX"); a surname alone before a dot or in capitals in
  a mixed-case subject is weighed as a possible abbreviation or acronym
  (``last:dot``, ``last:caps_in_mixed``); a word with its second letter still
  shifted is no username ("FInancial")."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

ROSTER = NameIndex.build(
    [
        Person("p1", "Will", "Osei", PersonKind.PUPIL),
        Person("p2", "Helen", "Tesfaye", PersonKind.STAFF),
        Person("p3", "Olek", "Nowak", PersonKind.PUPIL),
        Person("g1", "Anna", "Nowak", PersonKind.PARENT),
    ]
)
EMPTY = NameIndex.build([])


def _cands(
    index: NameIndex, subject: str, text: str, *, source: str, form: str
) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=True)
        if c.source == source and c.form == form and index.span_text(subject, c)[0] == text
    ]


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("tigrinya interpreter cancelled - helen will cover", "will", True),
        ("WILL NEED THE MINIBUS KEYS BACK BY 4", "WILL", True),
        ("andrei will be late", "will", True),
        ("Will - bumped head (3 Rowan) - letter home", "Will", False),
        ("Will's coat in lost property", "Will", False),
        ("Will Osei to see Mrs Tesfaye", "Will", False),
    ],
)
def test_modal_use(subject: str, text: str, expected: bool) -> None:
    feats = _cands(ROSTER, subject, text, source="directory", form="first")
    assert feats
    assert all(("modal_use" in f) is expected for f in feats)


@pytest.mark.parametrize(
    ("subject", "text", "pair"),
    [
        ("WOOD, MARK - NOSE BLEED ON YARD", "WOOD, MARK", True),
        ("Stone, Will - transfer file from St Michael's", "Stone, Will", True),
        ("Khan, Amir - detention", "Khan, Amir", True),
        ("Khan, Amir, Zara - detentions", "Khan, Amir", False),  # a list goes on
    ],
)
def test_register_pair(subject: str, text: str, pair: bool) -> None:
    feats = _cands(EMPTY, subject, text, source="detector", form="reversed")
    assert feats
    assert all(("reversed:pair" in f) is pair for f in feats)


def test_register_pair_needs_a_surname_when_it_is_a_word() -> None:
    # "Stone" is listed as a surname; "Lunch" is no surname: no reading
    assert not _cands(
        EMPTY, "Lunch, Will - menu", "Lunch, Will", source="detector", form="reversed"
    )


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Sagun Shrestha - laptop loan", "Sagun Shrestha"),
        ("Attendance Meeting Notes - Sagun Shrestha", "Sagun Shrestha"),
    ],
)
def test_given_name_listed_only_as_a_surname(subject: str, text: str) -> None:
    feats = _cands(EMPTY, subject, text, source="detector", form="full")
    assert [f["full:first_surname"] for f in feats] == [1.0]
    assert all(f["full:first_unknown"] == 0.0 for f in feats)


def test_given_name_listed_only_as_a_surname_is_found() -> None:
    found = [m.text for m in EMPTY.find("Sagun Shrestha - laptop loan")]
    assert found == ["Sagun Shrestha"]


@pytest.mark.parametrize(
    ("subject", "text", "caps"),
    [
        ("ENA - Staff Meeting", "ENA", True),
        ("AMY - STAFF MEETING", "AMY", False),  # the whole subject is in capitals
        ("Amy - staff meeting", "Amy", False),
    ],
)
def test_caps_in_mixed(subject: str, text: str, caps: bool) -> None:
    feats = _cands(EMPTY, subject, text, source="detector", form="first")
    assert feats
    assert all(f["first:caps_in_mixed"] == float(caps) for f in feats)


def test_reversed_never_crosses_a_break() -> None:
    subject = "Mrs Nowak Phoned - Olek Forgot PE Kit"
    spans = [
        ROSTER.span_text(subject, c)[0]
        for c in ROSTER.candidates(subject, detector=False)
        if c.form == "reversed"
    ]
    assert spans == []
    found = sorted(m.text for m in ROSTER.find(subject))
    assert found == ["Nowak", "Olek"]


# Real meeting subjects (Enron-Meetings, train split): codes, abbreviations
# and a shifted capital are no surnames.


def test_two_capitals_in_a_mixed_subject_are_no_surname() -> None:
    subject = "Dove Hunt in Mason, TX"
    assert not _cands(EMPTY, subject, "TX", source="detector", form="last")
    # in a subject all in capitals, two letters may still be a surname ("NG")
    assert _cands(EMPTY, "DETENTION - LI, NG & OKAFOR", "NG", source="detector", form="last")


@pytest.mark.parametrize(
    ("subject", "text", "feature", "expected"),
    [
        ("Playa Del Carmen, Mex.", "Mex", "last:dot", True),
        ("homework not in: Zajac, Parmar", "Parmar", "last:dot", False),
        ("ERCOT and NYISO Bidding / Credit", "ERCOT", "last:caps_in_mixed", True),
        ("homework not in: Zajac, Parmar", "Zajac", "last:caps_in_mixed", False),
    ],
)
def test_surname_alone_marks(subject: str, text: str, feature: str, expected: bool) -> None:
    feats = _cands(EMPTY, subject, text, source="detector", form="last")
    assert feats
    assert all((feature in f) is expected for f in feats)


def test_a_shifted_capital_is_no_username() -> None:
    assert not _cands(
        EMPTY, "FW: FInancial Book Status", "FInancial", source="detector", form="username"
    )
    assert _cands(EMPTY, "FW: JSmith cover", "JSmith", source="detector", form="username")
