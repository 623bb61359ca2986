"""Issue 13, sixteenth round: "pls" before the person asked, and a surname
that is also a verb where case tells.

- after "pls" or "please" the next word is weighed as a verb ("pls chase
  lukas") only when more words follow in its segment; at the end of the
  segment it is the person asked ("SIGN FOR IT PLS VICKY");
- where case tells (a sentence-case subject), a capitalised surname that is
  also a verb is a surname ("Tyler Sands 2 days"); the few verbs staff type
  straight after a name still count ("Amir Needs help")."""

from __future__ import annotations

from app.domain import PersonKind
from app.names import NameIndex
from app.people import Person


def _feats(index: NameIndex, subject: str, text: str, *, detector: bool) -> list[dict[str, float]]:
    return [
        c.feats
        for c in index.candidates(subject, detector=detector)
        if index.span_text(subject, c)[0] == text
    ]


def test_pls_then_the_person_asked() -> None:
    index = NameIndex.build([Person("s1", "Vicky", "Hale", PersonKind.STAFF)])
    subject = "CHEMICALS DELIVERY - SIGN FOR IT PLS VICKY"
    feats = _feats(index, subject, "VICKY", detector=False)
    assert feats and all("after_please" not in f for f in feats)
    assert [m.text for m in index.find(subject, detector=False)] == ["VICKY"]
    verb = _feats(NameIndex.build([]), "pls chase lukas re detention", "chase", detector=True)
    assert verb and all(f.get("after_please") == 1.0 for f in verb)


def test_a_surname_that_is_also_a_verb_where_case_tells() -> None:
    empty = NameIndex.build([])
    found = [m.text for m in empty.find("Fixed term suspension - Tyler Sands 2 days")]
    assert found == ["Tyler Sands"]
    feats = _feats(empty, "Amir Needs help with homework", "Amir Needs", detector=True)
    assert feats and all(f["full:verb2"] == 1.0 for f in feats)
    caps = _feats(empty, "TYLER SANDS 2 DAYS", "TYLER SANDS", detector=True)
    assert caps and all(f["full:verb2"] == 1.0 for f in caps)
