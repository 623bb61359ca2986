"""Issue 13, fourteenth round: places and firms named after people, particled
surnames with an initial, a surname that is seldom a first name, and the word
after "pls".

- bridges, vales, mills, farms, gyms, pools, villages and taxi firms are place
  words ("Trent Bridge", "Sherwood Vale", "King's Mill", "Riley's Cars"), and
  a place word one word after a name is evidence too ("Mary Potter Health
  Centre");
- "Surname First" is never read with a place word as the first name ("LAMB
  LANE");
- a particled surname takes its initial as any other does ("DOS SANTOS B",
  "VAN DER BERG D");
- without a roster, a token far more often a surname than a first name is
  also weighed as a surname alone ("Decision Letter - Johnson");
- after "pls" the next word is weighed as a verb as much as a name ("pls
  chase lukas re detention")."""

from __future__ import annotations

import pytest

from app.names import NameIndex


@pytest.fixture(scope="module")
def empty() -> NameIndex:
    return NameIndex.build([])


def _spans(index: NameIndex, subject: str, text: str) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=True)
        if index.span_text(subject, c)[0] == text
    ]


@pytest.mark.parametrize(
    ("subject", "span", "feature"),
    [
        ("TRENT BRIDGE - CRICKET COACHING FREE PLACES", "TRENT BRIDGE", "place_last"),
        ("TRENT BRIDGE - CRICKET COACHING FREE PLACES", "TRENT", "place_after"),
        ("Best interests meeting - Sherwood Vale", "Sherwood Vale", "place_last"),
        ("Mary Potter Health Centre - flu jabs drop-in", "Mary Potter", "place_after_next"),
        ("King's Mill Hospital - referral pathway meeting", "King", "place_after"),
        ("RILEY'S CARS - NEW CONTRACT FROM APRIL", "RILEY", "place_after"),
    ],
)
def test_places_named_after_people(empty: NameIndex, subject: str, span: str, feature: str) -> None:
    feats = _spans(empty, subject, span)
    assert feats and all(f.get(feature) == 1.0 for f in feats)


@pytest.mark.parametrize(
    "subject",
    [
        "TRENT BRIDGE - CRICKET COACHING FREE PLACES",
        "King's Mill Hospital - referral pathway meeting",
        "RILEY'S CARS - NEW CONTRACT FROM APRIL",
    ],
)
def test_no_person_in_a_place(empty: NameIndex, subject: str) -> None:
    assert not empty.find(subject)


def test_a_road_is_no_surname_first(empty: NameIndex) -> None:
    cands = empty.candidates("LAMB LANE - WRONG ADDRESS ON TAXI LIST", detector=True)
    assert not [c for c in cands if c.form == "reversed"]


@pytest.mark.parametrize(
    ("subject", "span"),
    [
        ("DOS SANTOS B - SIGNED OUT", "DOS SANTOS B"),
        ("DELA CRUZ A - LATE", "DELA CRUZ A"),
        ("VAN DER BERG D - LEAVER", "VAN DER BERG D"),
    ],
)
def test_a_particled_surname_and_its_initial(empty: NameIndex, subject: str, span: str) -> None:
    assert [m.text for m in empty.find(subject)] == [span]


def test_a_surname_seldom_a_first_name_is_weighed_as_a_surname(empty: NameIndex) -> None:
    subject = "In-Year Fair Access - Decision Letter - Johnson"
    forms = {c.form for c in empty.candidates(subject, detector=True) if c.i == c.j == 6}
    assert forms == {"first", "last"}


def test_the_word_after_pls(empty: NameIndex) -> None:
    found = [m.text for m in empty.find("pls chase lukas re detention")]
    assert found == ["lukas"]
