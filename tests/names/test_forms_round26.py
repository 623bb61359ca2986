"""Issue 13, twenty-sixth round: virtues as themes.

- "theme", "value" and "virtue" are words that make a name-shaped word a
  thing (``WORK_CONTEXT``): a virtue-name alone beside one is an assembly or
  PSHE theme more often than a pupil ("Wisdom - PSHE theme week 4", "Hope -
  RE theme for Advent"); weighed by how word-like the name is, so "Amara -
  theme park trip money" is still a pupil's."""

from __future__ import annotations

from app.names import NameIndex
from app.names._vocab import WORK_CONTEXT
from app.people import Person, PersonKind

ROSTER = NameIndex.build(
    [
        Person(id="P1", first_name="Wisdom", last_name="Okafor", kind=PersonKind.PUPIL),
        Person(id="P2", first_name="Amara", last_name="Obi", kind=PersonKind.PUPIL),
    ]
)


def _score(subject: str, text: str) -> float:
    found = ROSTER.mentions(subject, ROSTER.candidates(subject), min_score=0.0)
    return next(m.score for m in found if m.text == text)


def test_themes_are_work_context() -> None:
    assert {"theme", "themes", "value", "values", "virtue", "virtues"} <= WORK_CONTEXT


def test_a_virtue_beside_a_theme_weighs_less_than_beside_a_pupils_news() -> None:
    assert _score("Wisdom - PSHE theme week 4", "Wisdom") < _score(
        "Wisdom - nosebleed in PE", "Wisdom"
    )


def test_a_name_that_is_no_word_is_not_weakened() -> None:
    feats = [
        c.feats
        for c in ROSTER.candidates("Amara - theme park trip money", detector=False)
        if c.form == "first"
    ]
    assert feats and all(f.get("work_context", 0.0) < 0.2 for f in feats)
