"""SUB001: severity by who is named and what the subject says; evidence
that says who by kind, position and initials, never by name (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest

from app.directory.model import Directory
from app.domain import Severity
from app.engine import evaluate
from app.rules.sub001_named_individual_in_subject import NamedIndividualInSubjectOptions
from tests.conftest import SCHOOL, make_message, make_policy

WARN, BLOCK, ADVISE = Severity.WARN, Severity.BLOCK, Severity.ADVISE

SEVERITY_CASES: list[tuple[str, str, dict[str, Any], Severity | None]] = [
    # a pupil: warn, block with a sensitive word
    ("pupil", "Amir Khan - trip letter", {}, WARN),
    ("pupil + safeguarding", "Amir Khan - safeguarding concern", {}, BLOCK),
    ("pupil + CP in caps", "AMIR KHAN CP FOLLOW UP", {}, BLOCK),
    ("pupil + EHCP", "Re: Zoe O'Neill EHCP review", {}, BLOCK),
    ("pupil + phrase", "Amir Khan - child protection", {}, BLOCK),
    ("pupil, 'sen' inside a word is not SEN", "Amir Khan - sent home early?", {}, WARN),
    ("pupil, send is a verb", "Amir Khan - please send the form", {}, WARN),
    # a parent likewise
    ("parent", "Call back: Mrs Samina Khan", {}, WARN),
    ("parent + attendance", "Samina Khan - attendance meeting", {}, BLOCK),
    # staff: advise, also with a sensitive word by default
    ("staff", "Cover for Sarah Jones P3", {}, ADVISE),
    ("staff + medical", "Sarah Jones medical appointment", {}, ADVISE),
    # the most severe mention decides
    ("staff and pupil", "Sarah Jones and Amir Khan - detention", {}, WARN),
    # someone the directory does not know (detector): warn, block when sensitive
    ("unknown", "Meeting with Dr Olumide Adebayo", {}, WARN),
    ("unknown + welfare", "Dr Olumide Adebayo - welfare check", {}, BLOCK),
    # per-kind options
    ("pupil raised", "Amir Khan - trip letter", {"pupil": "block"}, BLOCK),
    ("staff off", "Cover for Sarah Jones P3", {"staff": "off"}, None),
    ("staff off, pupil still", "Sarah Jones and Amir Khan", {"staff": "off"}, WARN),
    ("own word list", "Amir Khan - trip letter", {"sensitive_words": ["trip"]}, BLOCK),
    ("empty word list", "Amir Khan - safeguarding", {"sensitive_words": []}, WARN),
    (
        "unknown kind lowered",
        "Dr Olumide Adebayo - welfare",
        {"unknown_sensitive": "advise"},
        ADVISE,
    ),
]


@pytest.mark.parametrize(
    ("subject", "options", "expected"),
    [c[1:] for c in SEVERITY_CASES],
    ids=[c[0] for c in SEVERITY_CASES],
)
def test_severity_by_kind_and_context(
    directory: Directory, subject: str, options: dict[str, Any], expected: Severity | None
) -> None:
    policy = make_policy(rules={"SUB001": options} if options else {})
    msg = make_message(to=[f"a@{SCHOOL}"], subject=subject)
    found = [f for f in evaluate(msg, policy, directory).findings if f.code == "SUB001"]
    if expected is None:
        assert found == []
    else:
        (f,) = found
        assert f.severity is expected


def test_evidence_names_nobody(directory: Directory) -> None:
    subject = "Re: Amir Khan - safeguarding and Dr Olumide Adebayo"
    msg = make_message(to=[f"a@{SCHOOL}"], subject=subject)
    (f,) = [f for f in evaluate(msg, make_policy(), directory).findings if f.code == "SUB001"]
    dump = (repr(f.to_dict()) + repr(f.evidence)).casefold()
    for part in ("amir", "khan", "olumide", "adebayo"):
        assert part not in dump
    first, second = f.evidence.to_dict()["mentions"]
    assert (first["start"], first["end"]) == (4, 13)
    assert first["kind"] == "pupil" and first["initials"] == "A.K." and first["severity"] == "block"
    assert (
        second["kind"] is None and second["initials"] == "O.A." and second["source"] == "detector"
    )
    assert f.evidence.to_dict()["sensitive_words"] == ["safeguarding"]
    assert "safeguarding" in f.message


@pytest.mark.parametrize(
    ("words", "subject", "expected"),
    [
        (("Self-harm",), "worry re self harm", ["self harm"]),
        (("EHC plan",), "EHC-plan draft", ["ehc plan"]),
        (("médical",), "MEDICAL FORM", ["medical"]),
        (("cp",), "CPD session", []),
    ],
)
def test_sensitive_words_match_whole_words(
    words: tuple[str, ...], subject: str, expected: list[str]
) -> None:
    opts = NamedIndividualInSubjectOptions(sensitive_words=words)
    assert opts.sensitive_in(subject) == expected


def test_options_reject_unknown_keys() -> None:
    with pytest.raises(ValueError):
        NamedIndividualInSubjectOptions.model_validate({"pupils": "block"})


def test_a_name_that_also_reads_as_a_venue_says_so() -> None:
    from app.domain import PersonKind
    from app.people import Person

    directory = Directory.build((Person("P9", "Florence", "Hall", PersonKind.PUPIL),), ())
    msg = make_message(to=[f"a@{SCHOOL}"], subject="Florence Hall booking for Monday")
    found = [f for f in evaluate(msg, make_policy(), directory).findings if f.code == "SUB001"]
    for f in found:  # flagged or not, never silently taken for the pupil
        assert all(m["ambiguous"] for m in f.evidence.to_dict()["mentions"])
        assert "place or organisation" in f.message


def test_a_name_that_is_also_an_everyday_word_says_so() -> None:
    from app.domain import PersonKind
    from app.people import Person

    directory = Directory.build((Person("P8", "Hope", "Okafor", PersonKind.PUPIL),), ())
    msg = make_message(to=[f"a@{SCHOOL}"], subject="RE: Hope")
    found = [f for f in evaluate(msg, make_policy(), directory).findings if f.code == "SUB001"]
    for f in found:  # flagged or not, never silently taken for the pupil
        assert all(m["ambiguous"] for m in f.evidence.to_dict()["mentions"])
        assert "everyday word" in f.message
        assert "place or organisation" not in f.message


def test_a_name_that_is_also_a_class_says_so() -> None:
    from app.domain import PersonKind
    from app.people import Person

    hazel = Person("P6", "Hazel", "Okafor", PersonKind.PUPIL, classes=("Hazel Class",))
    directory = Directory.build((hazel,), ())
    policy = make_policy(rules={"SUB001": {"min_score": 0.0}})
    msg = make_message(to=[f"a@{SCHOOL}"], subject="Hazel - sticker chart")
    (f,) = [f for f in evaluate(msg, policy, directory).findings if f.code == "SUB001"]
    assert all(m["ambiguous"] for m in f.evidence.to_dict()["mentions"])
    assert "class or house" in f.message


SCHOOL_WORD_CASES = [
    # the class name alone, nothing saying person: not flagged once listed
    ("STAR OF THE WEEK - HAZEL", (), True),
    ("STAR OF THE WEEK - HAZEL", ("Hazel",), False),
    ("phonics group moved to hazel", (), True),
    ("phonics group moved to hazel", ("hazel", "Rowan"), False),
    # "class" after it says so without the list
    ("ATTENDANCE LEAGUE - HAZEL CLASS TOP", (), False),
    # the words around it say person: flagged whatever the list says
    ("Hazel left her bag in the hall", ("Hazel",), True),
    ("Hazel's coat is in lost property", ("Hazel",), True),
    ("thanks Hazel for covering", ("Hazel",), True),
    # a full name is never one of the school's words
    ("Hazel Okafor - trip letter", ("Hazel",), True),
]


@pytest.mark.parametrize(("subject", "words", "flagged"), SCHOOL_WORD_CASES)
def test_school_words_are_a_person_only_when_the_words_around_say_so(
    subject: str, words: tuple[str, ...], flagged: bool
) -> None:
    from app.domain import PersonKind
    from app.people import Person

    directory = Directory.build((Person("P7", "Hazel", "Okafor", PersonKind.PUPIL),), ())
    policy = make_policy(rules={"SUB001": {"school_words": list(words)}})
    msg = make_message(to=[f"a@{SCHOOL}"], subject=subject)
    found = [f for f in evaluate(msg, policy, directory).findings if f.code == "SUB001"]
    assert bool(found) is flagged


def test_school_words_are_folded_and_bounded() -> None:
    opts = NamedIndividualInSubjectOptions(school_words=("Nugent-Hall", " ROWAN ", "rowan", ""))
    assert opts.school_words == ("nugent hall", "rowan")
    with pytest.raises(ValueError, match="at most 60"):
        NamedIndividualInSubjectOptions(school_words=("x" * 61,))
