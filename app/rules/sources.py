"""The policy paragraphs rules cite, quoted as the policies word them.

The files live in ``shared/policies`` (see its README). A rule's finding
carries ``ref`` as ``policy_ref`` and may quote ``text`` in its message, so a
teacher reads their own school's words, not ours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    document: str
    section: str
    text: str

    @property
    def ref(self) -> str:
        return f"{self.document} {self.section}"


_ECP = "School electronic communications policy"
_TRUST = "Trust electronic communication policy"
_PRIMARY = "Primary social media policy"
_MAT = "Trust social media policy"

GROUP_EMAIL = Source(
    _ECP,
    "§4.5",
    "If sending or replying to a group email, does everyone need to receive the message?",
)
REPLY_ALL = Source(
    _TRUST,
    "§7 Addressing messages",
    'Use the "reply all" function with care. It is unlikely that everyone included in the '
    "original message will need to know your reply.",
)
CHECK_RECIPIENTS = Source(
    _ECP,
    "§4.2, §4.5",
    "To double check that the email has been addressed to the correct recipient(s). Employees "
    "must not include information that may in any way breach data protection legislation.",
)
NAME_IN_SUBJECT = Source(
    _ECP,
    "§4.5",
    "If the email concerns an individual, do not name them in the 'subject field'.",
)
CLEAR_SUBJECT = Source(_ECP, "§4.5", "Always use a clear and concise subject.")
LARGE_FILES = Source(
    _ECP,
    "§4.5",
    "Large files are not included if sent internally - these could slow down the system so "
    "should be shared via Teams or OneDrive instead.",
)
OUT_OF_HOURS = Source(
    _ECP,
    "§4.5",
    "Employees should feel able to send emails when their working pattern suits them, however, "
    "they should not be required to read or respond to emails in the evenings or at weekends.",
)
OUT_OF_HOURS_TRUST = Source(
    _TRUST,
    "§7 Before using e-mail",
    "A consideration might be to draft an e-mail in readiness to send during normal working hours.",
)
PUPIL_SCHOOL_ACCOUNT = Source(
    _ECP,
    "§4.3",
    "Employee to pupil email communication must only take place via a school email account or "
    "from within the learning platform.",
)
PUPIL_NO_PERSONAL_EMAIL = Source(
    _PRIMARY,
    "§43",
    "A staff member will not communicate with a pupil/student via their personal mobile phone or "
    "using personal email addresses. All communication with pupils will be via school email.",
)
PUPIL_MONITORABLE = Source(
    _MAT,
    "Communication with Students",
    "Staff should not give their personal contact details to pupils including e-mail ... Only use "
    "equipment provided by Academy to communicate with children.",
)
