"""Issue 13, twenty-third round: classes after a year, titles before names, Welsh.

- a word straight after a year or a class ("Y1 Rowan", "Y2 DONALDSON", "9F
  Kyle") carries ``after_group``: in primary schools classes are named after
  trees and authors, and a pupil is seldom written that way; the model weighs
  it;
- a title before a rostered surname that is itself followed by another
  name-shaped word ("Mr Lewis Hope (Randstad)", "Mr Haile Berhane") carries
  ``title+last:before_name`` in the roster matcher: the title leads someone
  else's full name;
- the detector offers every reading of a title + name from the longest down
  ("Mrs Church Needs Figures": "Church", "Church Needs", "Church Needs
  Figures"), with how word-like the last word is (``title+last:word_end``)
  and, for a cut, how word-like the first word left out is
  (``title+last:cut``, ``title+last:cut_word``); the model weighs them;
- Welsh words that staff in Wales write in English subjects ("Criw
  Cymraeg", "Urdd Eisteddfod", "Diolch", "Siarter Iaith") are never names
  to the detector; "Welsh" and "Cymraeg" are school subjects;
- a few more well-known people and things are named things ("Dewi Sant",
  "Owain Glyndwr", "Betsi Cadwaladr")."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._vocab import NAMED_THINGS, SCHOOL_WORDS, WELSH_WORDS
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])
ROSTER = NameIndex.build(
    [
        Person(id="P1", first_name="Rowan", last_name="Ashworth", kind=PersonKind.PUPIL),
        Person(id="S1", first_name="Carys", last_name="Lewis", kind=PersonKind.STAFF),
        Person(id="S2", first_name="Dafydd", last_name="Haile", kind=PersonKind.STAFF),
    ]
)


def _feats(index: NameIndex, subject: str, text: str) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=True)
        if index.span_text(subject, c)[0] == text
    ]


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("Chickenpox - Y1 Rowan - Letter Home", "Rowan", True),
        ("Y1 Rowan class assembly", "Rowan", True),
        ("Rowan Y1 - new reading book", "Rowan", False),
        ("Rowan - forest school wellies", "Rowan", False),
    ],
)
def test_after_a_year_or_class(subject: str, text: str, expected: bool) -> None:
    feats = _feats(ROSTER, subject, text)
    assert feats
    assert all(("after_group" in f) is expected for f in feats)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Mr Lewis Hope (Randstad) - supply maths from Monday", True),
        ("interpreter booked - Mr Haile Berhane for Semhar", True),
        ("Mrs Lewis - cover for P3", False),
        ("Mrs Lewis Thursday P3", False),
    ],
)
def test_a_title_before_someone_elses_full_name(subject: str, expected: bool) -> None:
    feats = [
        f
        for c in ROSTER.candidates(subject, detector=False)
        if c.form == "title+last"
        for f in [c.feats]
    ]
    assert feats
    assert all(f["title+last:before_name"] == float(expected) for f in feats)


def test_a_title_before_another_full_name_weighs_against_the_surname() -> None:
    def score(subject: str) -> float:
        found = ROSTER.mentions(subject, ROSTER.candidates(subject), min_score=0.0)
        return next(m.score for m in found if m.text == "Lewis" and m.source == "directory")

    assert score("Mr Lewis Hope (Randstad) - supply maths") < score("Mr Lewis - supply maths")
    assert [m.text for m in ROSTER.find("Mrs Lewis - cover for P3")] == ["Lewis"]


def test_every_reading_of_a_title_and_name() -> None:
    subject = "PDG Spend - Mrs Church Needs Figures"
    spans = {
        EMPTY.span_text(subject, c)[0]: c.feats
        for c in EMPTY.candidates(subject)
        if c.form == "title+last"
    }
    assert set(spans) == {"Church", "Church Needs", "Church Needs Figures"}
    assert spans["Church"]["title+last:cut"] == 1.0
    assert spans["Church Needs Figures"]["title+last:cut"] == 0.0
    assert spans["Church Needs Figures"]["title+last:word_end"] > 0.5
    assert spans["Church"]["title+last:cut_word"] > 0.5  # "Needs"
    assert spans["Church Needs Figures"]["title+last:cut_word"] == 0.0
    assert [m.text for m in EMPTY.find("Dr Sarah Okonkwo visiting Y4")] == ["Sarah Okonkwo"]


@pytest.mark.parametrize(
    "subject",
    [
        "Criw Cymraeg - cyfarfod dydd Iau",
        "Siarter Iaith - Welsh language charter",
        "Urdd Eisteddfod - dance group rehearsals",
    ],
)
def test_welsh_words_are_no_names(subject: str) -> None:
    assert EMPTY.find(subject) == []


def test_welsh_words_leave_names_beside_them() -> None:
    assert [m.text for m in EMPTY.find("Diolch Bethan! Great assembly")] == ["Bethan"]
    assert {"welsh", "cymraeg"} <= SCHOOL_WORDS
    assert not {"seren", "eira", "haf", "bryn", "glyn"} & WELSH_WORDS


@pytest.mark.parametrize("thing", ["dewi sant", "owain glyndwr", "betsi cadwaladr"])
def test_more_named_things(thing: str) -> None:
    assert thing in NAMED_THINGS
