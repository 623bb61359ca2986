"""``redact``: what SUB001's fix puts in the subject instead of a name."""

from __future__ import annotations

import pytest

from app.names import NameIndex, RedactStyle, redact

CASES = [
    # subject, style, expected
    ("Re: Y9 trip consent - Amir Khan", RedactStyle.INITIALS, "Re: Y9 trip consent - A.K."),
    ("Amir's report", RedactStyle.INITIALS, "A.K.'s report"),
    ("Amir Khan’s detention", RedactStyle.INITIALS, "A.K.’s detention"),
    ("Khan, Amir - EHCP", RedactStyle.INITIALS, "A.K. - EHCP"),
    ("ZOË O'NEILL MEDICAL", RedactStyle.INITIALS, "Z.O. MEDICAL"),
    # a multi-part surname keeps each part's initial, as schools write it
    ("Ruby Smith-Jones incident", RedactStyle.INITIALS, "R.S-J. incident"),
    ("Daan van der Berg - EHCP", RedactStyle.INITIALS, "D.vdB. - EHCP"),
    ("Siobhán Ní Bhriain absent", RedactStyle.INITIALS, "S.NB. absent"),
    ("Mrs O'Neill called", RedactStyle.INITIALS, "Mrs C.O. called"),
    ("Will Brown - behaviour points", RedactStyle.INITIALS, "W.B. - behaviour points"),
    ("FW: Mrs Begum - call back", RedactStyle.INITIALS, "FW: Mrs S.B. - call back"),
    # reference: the MIS reference where the directory has one, else initials
    ("Amir's report", RedactStyle.REFERENCE, "ADM001's report"),
    ("Ruby Smith-Jones incident", RedactStyle.REFERENCE, "R.S-J. incident"),
    # a neutral word, taking a title with it
    ("Amir's report", RedactStyle.WORD, "pupil's report"),
    ("FW: Mrs Begum - call back", RedactStyle.WORD, "FW: pupil - call back"),
    ("Letter to Mr & Mrs Khan", RedactStyle.WORD, "Letter to pupil"),
    # nothing to redact
    ("Parents evening rota", RedactStyle.INITIALS, "Parents evening rota"),
]


@pytest.mark.parametrize(("subject", "style", "expected"), CASES)
def test_redact(index: NameIndex, subject: str, style: RedactStyle, expected: str) -> None:
    assert redact(subject, index.find(subject), style) == expected


DETECTOR_CASES = [
    # initials come from the matched text when no directory person is known
    ("Meeting with Dr Sarah Okonkwo", RedactStyle.INITIALS, "Meeting with Dr S.O."),
    ("Mason, Jack - parent meeting", RedactStyle.INITIALS, "J.M. - parent meeting"),
    ("Dr Okonkwo - EP report", RedactStyle.INITIALS, "Dr O. - EP report"),
    ("Leo's behaviour this week", RedactStyle.INITIALS, "L.'s behaviour this week"),
    ("Dr Okonkwo - EP report", RedactStyle.REFERENCE, "Dr O. - EP report"),
    ("Dr Okonkwo - EP report", RedactStyle.WORD, "professional - EP report"),
]


@pytest.mark.parametrize(("subject", "style", "expected"), DETECTOR_CASES)
def test_redact_detector_mentions(
    empty: NameIndex, subject: str, style: RedactStyle, expected: str
) -> None:
    assert redact(subject, empty.find(subject), style, word="professional") == expected


@pytest.mark.parametrize(
    "subject",
    [
        "Re: Y9 trip consent - Amir Khan",
        "AMIR KHAN - COLLECTION TODAY",
        "Khan, Amir - EHCP",
        "Zoë O’Neill - medical form",
        "Daan van der Berg - late again",
        "Siobhán Ní Bhriain absence request",
    ],
)
@pytest.mark.parametrize("style", list(RedactStyle))
def test_redacted_subject_never_holds_the_name(
    index: NameIndex, subject: str, style: RedactStyle
) -> None:
    mentions = index.find(subject)
    assert mentions
    out = redact(subject, mentions, style).casefold()
    for m in mentions:
        for part in m.text.replace(",", " ").split():
            if len(part) > 2:
                assert part.casefold() not in out


def test_redact_without_mentions_is_identity() -> None:
    assert redact("Amir Khan", [], RedactStyle.INITIALS) == "Amir Khan"
