"""Issue 13, tenth round: the surname-first forms of attendance lists, and words
around a name that say it is a person.

- "SURNAME First" as an MIS export writes it is a candidate in an ALL CAPS
  subject too, where the one word in ordinary case is the evidence
  ("KOWALCZYK Zofia - HOLIDAY REQUEST");
- "Surname First" with no comma and nothing in the case to tell the two apart
  ("OKAFOR TOBI - LATE X3", "nowak kuba - late again") is a candidate when it is
  a segment of its own, weighed by how much each word is a surname or a first
  name (``reversed:bare``); a role before it is not a surname ("EWO BARNES");
- a name before "from" ("Dev from the council") and after more roles
  ("escort Maxine", "photographer Colin") carries that evidence;
- a title after a titled name ends it ("Mr Gavin Reddy HMI" is "Gavin Reddy")."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._detector import candidates
from app.names._evidence import Candidate
from app.names._lexicon import lexicon
from app.names._tokens import case_mode, fold_fast, tokenize


def _candidates(subject: str) -> list[Candidate]:
    tokens = tokenize(subject, fold_fast(subject))
    return candidates(tokens, case_mode(tokens), lexicon())


def _spans(subject: str, form: str = "reversed") -> list[tuple[str, dict[str, float]]]:
    tokens = tokenize(subject, fold_fast(subject))
    return [
        (subject[tokens[c.i].start : tokens[c.j].end], c.feats)
        for c in _candidates(subject)
        if c.form == form
    ]


@pytest.mark.parametrize(
    ("subject", "span", "feature"),
    [
        ("KOWALCZYK Zofia - HOLIDAY REQUEST", "KOWALCZYK Zofia", "reversed:caps"),
        ("Kowalczyk Zofia - holiday request", None, None),  # nothing says which is which
        ("OKAFOR TOBI - LATE X3", "OKAFOR TOBI", "reversed:bare"),
        ("nowak kuba - late again", "nowak kuba", "reversed:bare"),
        ("LATE X3 - OKAFOR TOBI", "OKAFOR TOBI", "reversed:bare"),
        # not a segment of its own: no surname-first reading
        ("OKAFOR TOBI LATE X3", None, None),
        # a role, then a surname
        ("EWO BARNES - FPN LETTERS", None, None),
    ],
)
def test_surname_first_candidates(subject: str, span: str | None, feature: str | None) -> None:
    found = _spans(subject)
    if span is None:
        assert found == []
    else:
        assert [s for s, _ in found] == [span]
        assert found[0][1][feature] == 1.0


def test_bare_reversed_weighs_each_words_kind() -> None:
    [(_, f)] = _spans("PATEL AMIR - OFF ROLL")
    assert f["reversed:surname"] > 0
    assert f["reversed:first"] > 0
    assert f["reversed:surname_is_first"] == 0.0  # Patel is no first name
    assert "reversed:first_is_surname" in f


@pytest.mark.parametrize(
    ("subject", "feature"),
    [
        ("Workshop - Colin from the council", "before_from"),
        ("escort maxine off sick", "after_role"),
        ("photographer colin in at 9", "after_role"),
    ],
)
def test_words_around_a_name(subject: str, feature: str) -> None:
    found = NameIndex.build([]).find(subject, min_score=0.0)
    assert any(m.features.get(feature) == 1.0 for m in found), [m.why for m in found]


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Ofsted call - Mr Gavin Reddy HMI", "Gavin Reddy"),
        ("Visit from Mrs Ada Okoro MP next week", "Ada Okoro"),
    ],
)
def test_a_title_after_the_name_ends_it(subject: str, name: str) -> None:
    assert name in [m.text for m in NameIndex.build([]).find(subject)]
