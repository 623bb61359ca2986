"""Issue 13, twenty-seventh round: where a title reaches, acronyms in lower
case, and the systems schools run on.

- A title names the word right after it, not one across a dash, colon or
  bracket ("Ofsted - Mr Ellacott HMI - Day 1 schedule": HMI is no title of
  "Day"); the dot of an abbreviated title is no break ("Mr. Day").
- The readings of one title's name ("Mr Gareth Pryce Timesheet", "Mr Gareth
  Pryce") are alternatives: the best-scored one stands, not the longest.
- A subject in lower case but for acronyms ("incident report tyrese campbell
  - PH used") is a lower-case subject: an acronym says nothing of how its
  writer types names.
- The MIS, safeguarding log and payment systems ("arbor", "cpoms",
  "bromcom") are never names (``SCHOOL_SYSTEMS``)."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._tokens import CaseMode, case_mode, fold_fast, title_reaches, tokenize
from app.names._vocab import SCHOOL_SYSTEMS
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
ROSTER = NameIndex.build(
    [
        Person(id="S1", first_name="Helen", last_name="Day", kind=PersonKind.STAFF),
        Person(id="P1", first_name="Tyrese", last_name="Campbell", kind=PersonKind.PUPIL),
    ]
)


def _texts(index: NameIndex, subject: str, *, detector: bool = True) -> list[str]:
    return [m.text for m in index.find(subject, detector=detector)]


def _tokens(subject: str) -> list:  # type: ignore[type-arg]
    return tokenize(subject, fold_fast(subject))


@pytest.mark.parametrize(
    ("subject", "k", "reaches"),
    [
        ("HMI - Day 1", 1, False),
        ("Mr: Day", 1, False),
        ("Mr (Day)", 1, False),
        ("Mr Day", 1, True),
        ("Mr. Day", 1, True),
        ("Dr.Okafor", 1, True),
    ],
)
def test_a_title_reaches_the_next_word_only(subject: str, k: int, reaches: bool) -> None:
    assert title_reaches(_tokens(subject), k) is reaches


@pytest.mark.parametrize(
    "subject",
    [
        "Ofsted - Mr Graham Ellacott HMI - Day 1 schedule",
        "HMI - Day 1",
        "MR - DAY",
    ],
)
def test_no_title_across_a_dash_for_the_detector(subject: str) -> None:
    assert "Day" not in [t.title() for t in _texts(EMPTY, subject)]


def test_no_title_across_a_dash_for_the_directory() -> None:
    cands = ROSTER.candidates("Inspection - Mr - Day 1 plan", detector=False)
    assert not [c for c in cands if c.form == "title+last"]
    assert [c.form for c in ROSTER.candidates("Mr Day - cover", detector=False)].count(
        "title+last"
    ) == 1


def test_the_best_reading_of_a_titled_name_stands() -> None:
    assert _texts(EMPTY, "Supply Cover - Mr Gareth Pryce Timesheet") == ["Gareth Pryce"]
    assert _texts(EMPTY, "Dr Sarah Okonkwo visit") == ["Sarah Okonkwo"]


@pytest.mark.parametrize(
    ("subject", "mode"),
    [
        ("incident report tyrese campbell - PH used", CaseMode.LOWER),
        ("lacey - EBSA plan", CaseMode.LOWER),
        ("re: and", CaseMode.LOWER),
        ("EHCP annual reviews - LA deadlines", CaseMode.LOWER),
        ("Incident report Tyrese - PH used", CaseMode.SENTENCE),
        ("EHCP - SEN - LA", CaseMode.UPPER),
    ],
)
def test_acronyms_do_not_make_a_subject_sentence_case(subject: str, mode: CaseMode) -> None:
    assert case_mode(_tokens(subject)) is mode


def test_a_lower_case_name_beside_an_acronym_is_found() -> None:
    assert _texts(ROSTER, "incident report tyrese campbell - PH used") == ["tyrese campbell"]
    assert _texts(EMPTY, "incident report tyrese campbell - PH used") == ["tyrese campbell"]


@pytest.mark.parametrize(
    "subject",
    [
        "new address on arbor pls",
        "SIMS to Arbor migration - admin rights",
        "bromcom? arbor? - MIS options paper for SLT",
        "Cpoms - please log by end of day",
    ],
)
def test_school_systems_are_no_names(subject: str) -> None:
    assert _texts(EMPTY, subject) == []


def test_school_systems_leave_out_names() -> None:
    assert {"arbor", "cpoms", "bromcom", "scholarpack"} <= SCHOOL_SYSTEMS
    assert not {"iris", "seneca", "sims"} & SCHOOL_SYSTEMS
