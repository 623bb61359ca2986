"""Issue 13, fifteenth round: a word after "the", a class named after an
animal, "Surname, First" with a given name in no list, and a storm first.

- a word after a determiner ("the field is flooded", "our Rose bed") carries
  `after_determiner`: a common noun follows "the" far more often than a name;
- a rostered first name before "class" or "group" with no possessive carries
  `before_group` ("new starter for Otter class": the class, not the child);
- "Surname, First" is proposed when the given name is in no list but spelt
  as names are ("REYES, JHANELLE");
- a "Surname First" reading that starts with a storm, king or saint says so
  (`reversed:thing_lead`: "STORM BERT - FENCE PANEL DOWN")."""

from __future__ import annotations

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person

P, S = PersonKind.PUPIL, PersonKind.STAFF

ROSTER = (
    Person("p1", "Otter", "Lane", P),
    Person("s1", "Gary", "Field", S),
)


def _feats(index: NameIndex, subject: str, text: str, *, detector: bool) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=detector)
        if index.span_text(subject, c)[0] == text
    ]


def test_a_word_after_the() -> None:
    index = NameIndex.build(ROSTER)
    feats = _feats(index, "the field is flooded", "field", detector=False)
    assert feats and all(f.get("after_determiner") == 1.0 for f in feats)
    assert not index.find("the field is flooded", detector=False)
    plain = _feats(index, "Field is off today", "Field", detector=False)
    assert plain and all("after_determiner" not in f for f in plain)


def test_a_class_named_after_an_animal() -> None:
    index = NameIndex.build(ROSTER)
    subject = "Admissions: new starter for Otter class on Monday"
    feats = _feats(index, subject, "Otter", detector=False)
    assert feats and all(f.get("before_group") == 1.0 for f in feats)
    assert not index.find(subject, detector=False)
    possessive = _feats(index, "Otter's class photo", "Otter", detector=False)
    assert possessive and all("before_group" not in f for f in possessive)


def test_surname_comma_an_unlisted_given_name() -> None:
    subject = "REYES, JHANELLE - CERTIFICATE COLLECTION"
    feats = _feats(NameIndex.build([]), subject, "REYES, JHANELLE", detector=True)
    assert feats and feats[0]["reversed:first_unlisted"] == 1.0


def test_a_storm_first() -> None:
    # since the twenty-second round a storm is a named thing outright: no
    # candidate is left to carry reversed:thing_lead
    subject = "STORM BERT - FENCE PANEL DOWN BY THE FIELD"
    assert not _feats(NameIndex.build([]), subject, "STORM BERT", detector=True)
    assert not NameIndex.build([]).find(subject)
