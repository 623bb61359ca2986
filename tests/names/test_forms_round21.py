"""Issue 13, twenty-first round: short forms, particles, saints and exam boards.

- a short form of a given name ("Phil", "Dave", "Bev") is registered for few
  babies but written for many adults, so its frequency in text is no sign
  that it is a word: its name bias is never below 0 ("bikes checked by Phil
  Greaves");
- particles lead a surname written alone ("van der Berg - buddy", "dela Cruz
  - inhaler form"), and the surname after them need not be a rare word
  ("Berg"); the candidate carries ``last:particle``;
- a name after "St" is a saint's, a church's or a place's: a three-part
  name never reaches back over it ("st mary magdalene parish newsletter");
- exam boards (Edexcel, Eduqas, WJEC, AQA, OCR, CCEA, BTEC) are school words,
  so "PEARSON EDEXCEL" is no first name + surname;
- manager, teacher, EP (an educational psychologist), priest and deacon are
  roles: a name after one is a person ("Catering Manager Bernie");
- "Foster", a context word ("foster carer") and a common surname, is a
  surname after a first name where case marks names ("Coach Jermaine
  Foster"), never in lower case;
- a third-person pronoun later in the subject ("ocean wet himself",
  "rafaela absent, brother says she's...") is evidence, ``he_she_after``,
  that a word before it names the person; the model weighs it.
- a surname alone that heads a place's name ("HALL NOT AVAILABLE") carries
  ``last:place_head`` in the roster matcher."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._lexicon import WORLD_SHORT, world_names
from app.names._vocab import ROLE_WORDS, SCHOOL_WORDS, SURNAME_PARTICLES
from app.people import Person, PersonKind

EMPTY = NameIndex.build([])


def _candidates(subject: str) -> dict[str, dict[str, float]]:
    return {
        EMPTY.span_text(subject, c)[0]: c.feats for c in EMPTY.candidates(subject, detector=True)
    }


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Bikeability - Y5 - bikes checked by Phil Greaves", "Phil Greaves"),
        ("Leaving do for Dave Thornton", "Dave Thornton"),
        ("Cover: Bev Hargreaves in for P3", "Bev Hargreaves"),
    ],
)
def test_a_short_form_has_no_negative_name_bias(subject: str, name: str) -> None:
    feats = _candidates(subject)[name]
    assert feats["full:bias_neg"] == 0.0
    assert world_names()[name.split()[0].lower()] & WORLD_SHORT


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("van der Berg - buddy + tour tomorrow", "van der Berg"),
        ("dela Cruz - inhaler form expired", "dela Cruz"),
        ("DE SOUZA - LATE AGAIN", "DE SOUZA"),
        ("w/ van Dijk and Popa", "van Dijk"),
    ],
)
def test_particles_lead_a_surname_alone(subject: str, name: str) -> None:
    cands = _candidates(subject)
    assert name in cands
    assert cands[name]["last:particle"] == 1.0


@pytest.mark.parametrize("subject", ["van - broken down again", "da - see below"])
def test_a_particle_alone_is_no_surname(subject: str) -> None:
    assert EMPTY.find(subject) == []


@pytest.mark.parametrize(
    "subject",
    [
        "st mary magdalene parish newsletter - our bit",
        "carol service at st mary magdalene - programme",
    ],
)
def test_a_name_after_st_is_no_three_part_name(subject: str) -> None:
    assert not [t for t in _candidates(subject) if t.lower().startswith("st ")]
    assert EMPTY.find(subject) == []


@pytest.mark.parametrize(
    "subject", ["PEARSON EDEXCEL - MATHS PAPER 3 ERRATA", "WJEC EDUQAS - RE ENTRIES"]
)
def test_exam_boards_are_no_names(subject: str) -> None:
    assert EMPTY.find(subject) == []


def test_vocabulary() -> None:
    assert {"edexcel", "eduqas", "wjec", "aqa", "ocr", "ccea", "btec"} <= SCHOOL_WORDS
    assert {"van", "der", "de", "dela", "da", "dos"} <= SURNAME_PARTICLES
    assert not {"san", "santa", "al", "o"} & SURNAME_PARTICLES


def test_new_role_words() -> None:
    assert {"manager", "teacher", "ep", "priest", "deacon"} <= ROLE_WORDS
    feats = _candidates("Catering Manager Bernie - Staff Lunch Prices")["Bernie"]
    assert feats.get("after_role") == 1.0


@pytest.mark.parametrize(
    ("subject", "found"),
    [
        ("Coach Jermaine Foster - DBS Check At Reception", "Jermaine Foster"),
        ("JANE FOSTER - LEAVING DO", "JANE FOSTER"),
    ],
)
def test_foster_after_a_first_name_is_a_surname(subject: str, found: str) -> None:
    assert found in _candidates(subject)


def test_foster_in_lower_case_is_the_context_word() -> None:
    assert "amir foster" not in _candidates("amir foster placement review")


def test_a_pronoun_later_is_evidence() -> None:
    assert _candidates("Rafaela absent, brother says she is in Brazil")["Rafaela"]["he_she_after"]
    assert "he_she_after" not in _candidates("Rafaela absent again")["Rafaela"]


def test_a_surname_alone_that_heads_a_place() -> None:
    hall = Person(id="S1", first_name="Ann", last_name="Hall", kind=PersonKind.STAFF)
    index = NameIndex.build([hall])
    subject = "MOCKS - HALL NOT AVAILABLE"
    feats = [c.feats for c in index.candidates(subject) if c.form == "last"]
    assert feats and feats[0]["last:place_head"] == 1.0
