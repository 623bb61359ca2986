"""Issue 13, ninth round: single letters that are words, and more titles.

- a letter next to a slash ("w/ Khan", "c/o", "w/c", "n/a") or a "v" between
  two words ("Darwin v Fleming": versus) is staff shorthand, never a name's
  initial (``Token.shorthand``): "exeat w/ aunt" is not "Exeat W.", and
  "FLEMING V AUSTEN" is not a first name, a middle initial and a surname;
- the titles language teachers, families and inspectors use ("Mme Marchand",
  "Frau Müller", "Pani Zawadzka", "HMI Whitaker") are titles like "Mrs"."""

from __future__ import annotations

import pytest

from app.names import NameIndex
from app.names._tokens import fold_fast, tokenize


def _shorthand(subject: str) -> list[str]:
    return [t.text for t in tokenize(subject, fold_fast(subject)) if t.shorthand]


@pytest.mark.parametrize(
    ("subject", "letters"),
    [
        ("okafor mi signed out w/ aunt", ["w"]),
        ("post c/o reception", ["c", "o"]),
        ("rota w/c 12 May", ["w", "c"]),
        ("darwin v fleming pool comp", ["v"]),
        ("BECKFOOT V MOORSIDE - MATCH REPORT", ["V"]),
        # An initial stays an initial: at the end, before a dash, before a comma.
        ("SWIFT V - hockey kit", []),
        ("Smith J, Patel V", []),
        ("Lost coat - Kowalski V", []),
    ],
)
def test_letters_that_are_words_here(subject: str, letters: list[str]) -> None:
    assert _shorthand(subject) == letters


@pytest.fixture(scope="module")
def detector() -> NameIndex:
    return NameIndex.build([])


@pytest.mark.parametrize(
    ("subject", "not_found"),
    [
        ("beckfoot v moorside - match report for the newsletter", "beckfoot v"),
        ("darwin v fleming pool comp - mon 8pm", "darwin v fleming"),
        ("okafor mi signed out for exeat w/ aunt", "exeat w"),
    ],
)
def test_shorthand_is_not_an_initial(detector: NameIndex, subject: str, not_found: str) -> None:
    assert not_found not in [m.text for m in detector.find(subject)]


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("HMI Whitaker - document request list", "Whitaker"),
        ("RE: French oral exams - Mme Marchand", "Marchand"),
        ("frau müller - wants english translation of the report", "müller"),
        ("Polish speaking exam - examiner Pani Zawadzka", "Zawadzka"),
    ],
)
def test_more_titles(detector: NameIndex, subject: str, name: str) -> None:
    assert name in [m.text for m in detector.find(subject)]
