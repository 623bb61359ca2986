"""Issue 13, eleventh round: faith-school titles, places and abbreviations that
are not names, and surname-first readings of two everyday words.

- a faith-school teacher's title is a title ("Morah Shira", "Rebbetzin
  Pearlman", "Ustadha Maryam"), and after "Rabbi", "Morah" or "Ustadh" a
  rostered first name alone is that person ("Rabbi Yudi"), as after "Fr";
- a word one letter longer than a place ("Israeli", "Pakistani") is that
  place's people or language, never a slip of a rostered name ("Israel");
- a word that makes a known place with the word before it ("Tel Aviv") carries
  the place evidence, as with the word after it ("El Paso");
- a short abbreviation in capitals after a written name ends it ("Ms Fenwick LA
  moderator" is "Fenwick");
- a surname-first reading of two everyday words ("PETTY CASH", "DUE APRIL")
  says so (``reversed:both_words``), for the fitted weights to use."""

from __future__ import annotations

import pytest

from app.domain import PersonKind
from app.names import NameIndex
from app.names._detector import candidates
from app.names._lexicon import lexicon
from app.names._tokens import case_mode, fold_fast, tokenize
from app.people import Person

S, P = PersonKind.STAFF, PersonKind.PUPIL

ROSTER = (
    Person("s1", "Yehuda", "Stern", S, preferred_name="Yudi"),
    Person("s2", "Shira", "Abergel", S),
    Person("p1", "Israel", "Katz", P),
    Person("p2", "Aviv", "Mizrahi", P),
)


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(ROSTER)


@pytest.mark.parametrize(
    ("subject", "span"),
    [
        ("Re: Rabbi Yudi - Yom Haatzmaut assembly", "Yudi"),
        ("Morah Shira needs the hall from 1.30", "Shira"),
        ("rota for morah shira next week", "shira"),
    ],
)
def test_a_first_name_after_a_faith_schools_title(
    index: NameIndex, subject: str, span: str
) -> None:
    found = [m.text for m in index.find(subject, detector=False)]
    assert found == [span]


@pytest.mark.parametrize(
    ("subject", "span"),
    [
        ("Rebbetzin Pearlman off Tuesday - cover for Y6", "Pearlman"),
        ("Morah Chaya back from maternity in June", "Chaya"),
    ],
)
def test_faith_school_titles_are_not_part_of_the_name(subject: str, span: str) -> None:
    found = [m.text for m in NameIndex.build([]).find(subject)]
    assert span in found
    assert not any(t.split()[0] in ("Rebbetzin", "Morah") for t in found)


def test_a_places_people_is_no_slip_of_a_rostered_name(index: NameIndex) -> None:
    assert index.find("Israeli dance workshop for Y5", detector=False) == []
    # the slip itself is still read as one
    assert [
        m.text
        for m in NameIndex.build([Person("p9", "Filmon", "Tesfamariam", P)]).find(
            "Tesfamariamm late again", detector=False
        )
    ] == ["Tesfamariamm"]


def test_a_place_with_the_word_before(index: NameIndex) -> None:
    found = index.find("Tel Aviv vs Jerusalem debate - Y6", detector=False, min_score=0.0)
    aviv = [m for m in found if m.text == "Aviv"]
    assert aviv and aviv[0].features.get("place_name") == 1.0


def test_an_abbreviation_after_a_titled_name_ends_it() -> None:
    found = [m.text for m in NameIndex.build([]).find("Moderation - Ms Fenwick LA moderator")]
    assert "Fenwick" in found and "Fenwick LA" not in found
    # a surname in capitals after a first name still belongs to the name
    found = [m.text for m in NameIndex.build([]).find("Call from Mrs Jane SMITH")]
    assert "Jane SMITH" in found


@pytest.mark.parametrize(
    ("subject", "both"),
    [("PETTY CASH - RECEIPTS", True), ("OKAFOR TOBI - LATE X3", False)],
)
def test_two_everyday_words_read_surname_first(subject: str, both: bool) -> None:
    tokens = tokenize(subject, fold_fast(subject))
    found = [
        c.feats for c in candidates(tokens, case_mode(tokens), lexicon()) if c.form == "reversed"
    ]
    assert len(found) == 1
    assert (found[0]["reversed:both_words"] > 0.5) is both
