"""Each rule: messages that break it (exactly its code, nothing else) and near
misses beside them. The base message is clean: internal, working hours, a
clear subject, no attachments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from app.directory.model import Directory
from app.domain import Attachment, ComposeType
from app.engine import evaluate
from tests.conftest import LONDON, PUPILS, SCHOOL, WORKDAY, make_message, make_policy, r

MB = 1024 * 1024
staff = [f"t{i}@{SCHOOL}" for i in range(40)]
parents = [f"parent{i}@gmail.com" for i in range(40)]

CASES: list[tuple[str, dict[str, Any], dict[str, Any], set[str]]] = [
    # id, message kwargs, policy overrides, expected codes
    ("clean", {"to": staff[:3]}, {}, set()),
    # REC001 large-audience
    ("rec001 26 recipients", {"to": staff[:20], "cc": staff[20:26]}, {}, {"REC001"}),
    ("rec001 exactly 25 is fine", {"to": staff[:25]}, {}, set()),
    ("rec001 bcc counts", {"to": staff[:1], "bcc": staff[1:27]}, {}, {"REC001"}),
    ("rec001 list counted at its size", {"to": [f"all-staff@{SCHOOL}"]}, {}, {"REC001"}),
    ("rec001 unknown list counts as 1", {"to": [f"empty-list@{SCHOOL}"]}, {}, set()),
    (
        "rec001 host-marked list of unknown size",
        {"to": (r(f"dept@{SCHOOL}", kind="distribution_list"),)},
        {"rules": {"REC001": {"unknown_list_size": 30}}},
        {"REC001"},
    ),
    (
        "rec001 threshold from policy",
        {"to": staff[:6]},
        {"rules": {"REC001": {"max_recipients": 5}}},
        {"REC001"},
    ),
    (
        "rec001 allow-listed list does not count",
        {"to": [f"all-staff@{SCHOOL}"]},
        {"rules": {"REC001": {"allow": [f"all-staff@{SCHOOL}"]}}},
        set(),
    ),
    # REC002 reply-all-to-many (advise by default: shows, does not prompt)
    (
        "rec002 reply-all to 11",
        {"to": staff[:11], "compose_type": ComposeType.REPLY_ALL},
        {},
        {"REC002"},
    ),
    (
        "rec002 Outlook reply to many",
        {"to": staff[:11], "compose_type": ComposeType.REPLY},
        {},
        {"REC002"},
    ),
    (
        "rec002 reply-all to 10 is fine",
        {"to": staff[:10], "compose_type": ComposeType.REPLY_ALL},
        {},
        set(),
    ),
    ("rec002 new message to 11 is not a reply", {"to": staff[:11]}, {}, set()),
    (
        "rec002 forward to 11 is not a reply",
        {"to": staff[:11], "compose_type": ComposeType.FORWARD},
        {},
        set(),
    ),
    # REC003 external-addresses-visible
    ("rec003 two parents in To", {"to": parents[:2]}, {}, {"REC003"}),
    ("rec003 one in To one in Cc", {"to": parents[:1], "cc": parents[1:2]}, {}, {"REC003"}),
    ("rec003 parents in Bcc are fine", {"to": [staff[0]], "bcc": parents[:5]}, {}, set()),
    ("rec003 one external is fine", {"to": [parents[0], staff[0]]}, {}, set()),
    ("rec003 pupils are internal", {"to": [f"a@{PUPILS}", f"b@{PUPILS}"]}, {}, set()),
    (
        "rec003 mixed-case internal domain",
        {"to": ["x@StMarys.SCH.uk", "y@STMARYS.sch.uk"]},
        {},
        set(),
    ),
    ("rec003 parents list is not individuals", {"to": [f"year9-parents@{SCHOOL}"]}, {}, {"REC001"}),
    (
        "rec003 allow-listed partner domain",
        {"to": ["a@partner.sch.uk", "b@partner.sch.uk"]},
        {"rules": {"REC003": {"allow": ["partner.sch.uk"]}}},
        set(),
    ),
    (
        "rec003 IDN external domains",
        {"to": ["a@b\u00fccher.example", "b@xn--bcher-kva.example"]},
        {},
        {"REC003"},
    ),
    (
        "rec003 display name pretending to be internal",
        {"to": (r("parent1@gmail.com", f"s.jones@{SCHOOL}"), r("parent2@gmail.com", "Head"))},
        {},
        {"REC003"},
    ),
    (
        "rec003 internal address with an outside-looking name",
        {"to": (r(f"a@{SCHOOL}", "parent1@gmail.com"), r(f"b@{SCHOOL}", "parent2@gmail.com"))},
        {},
        set(),
    ),
    # SUB001 named-individual-in-subject
    (
        "sub001 pupil full name",
        {"to": staff[:1], "subject": "Amir Khan - behaviour incident"},
        {},
        {"SUB001"},
    ),
    (
        "sub001 surname first",
        {"to": staff[:1], "subject": "Re: KHAN, Amir - report"},
        {},
        {"SUB001"},
    ),
    (
        "sub001 diacritics folded",
        {"to": staff[:1], "subject": "Zoe O'Neill EHCP review"},
        {},
        {"SUB001"},
    ),
    ("sub001 no name", {"to": staff[:1], "subject": "Year 9 trip letters"}, {}, set()),
    (
        "sub001 off",
        {"to": staff[:1], "subject": "Amir Khan report"},
        {"rules": {"SUB001": "off"}},
        set(),
    ),
    # SUB002 missing-or-vague-subject
    ("sub002 empty", {"to": staff[:1], "subject": ""}, {}, {"SUB002"}),
    ("sub002 only prefixes", {"to": staff[:1], "subject": "Re: Fwd: RE:"}, {}, {"SUB002"}),
    ("sub002 placeholder", {"to": staff[:1], "subject": "Hi!"}, {}, {"SUB002"}),
    ("sub002 placeholder after prefix", {"to": staff[:1], "subject": "FW: update"}, {}, {"SUB002"}),
    ("sub002 short but real", {"to": staff[:1], "subject": "Cover for P3 tomorrow"}, {}, set()),
    # ATT001 large-internal-attachment
    (
        "att001 6 MB to staff",
        {"to": staff[:1], "attachments": (Attachment("v.mp4", 6 * MB),)},
        {},
        {"ATT001"},
    ),
    (
        "att001 exactly 5 MB",
        {"to": staff[:1], "attachments": (Attachment("a.pdf", 5 * MB),)},
        {},
        {"ATT001"},
    ),
    (
        "att001 just under 5 MB",
        {"to": staff[:1], "attachments": (Attachment("a.pdf", 5 * MB - 1),)},
        {},
        set(),
    ),
    (
        "att001 total over 10 MB",
        {"to": staff[:1], "attachments": tuple(Attachment(f"{i}.jpg", 3 * MB) for i in range(4))},
        {},
        {"ATT001"},
    ),
    (
        "att001 inline images do not count",
        {"to": staff[:1], "attachments": (Attachment("logo.png", 20 * MB, inline=True),)},
        {},
        set(),
    ),
    (
        "att001 external only is fine",
        {"to": parents[:1], "attachments": (Attachment("v.mp4", 20 * MB),)},
        {},
        set(),
    ),
    # OOH001 out-of-hours
    (
        "ooh001 Sunday 22:40",
        {"to": staff[:1], "send_at": datetime(2026, 11, 22, 22, 40, tzinfo=LONDON)},
        {},
        {"OOH001"},
    ),
    (
        "ooh001 weekday 18:00",
        {"to": staff[:1], "send_at": datetime(2026, 11, 18, 18, 0, tzinfo=LONDON)},
        {},
        {"OOH001"},
    ),
    (
        "ooh001 weekday 17:59",
        {"to": staff[:1], "send_at": datetime(2026, 11, 18, 17, 59, tzinfo=LONDON)},
        {},
        set(),
    ),
    (
        "ooh001 weekday 07:29",
        {"to": staff[:1], "send_at": datetime(2026, 11, 18, 7, 29, tzinfo=LONDON)},
        {},
        {"OOH001"},
    ),
    (
        "ooh001 bank holiday",
        {"to": staff[:1], "send_at": datetime(2026, 8, 31, 10, 0, tzinfo=LONDON)},
        {},
        {"OOH001"},
    ),
    (
        "ooh001 Scottish bank holiday is not English",
        {"to": staff[:1], "send_at": datetime(2026, 8, 3, 10, 0, tzinfo=LONDON)},
        {},
        set(),
    ),
    (
        "ooh001 Scottish school, Scottish holiday",
        {"to": staff[:1], "send_at": datetime(2026, 8, 3, 10, 0, tzinfo=LONDON)},
        {"bank_holidays": "scotland"},
        {"OOH001"},
    ),
    (
        "ooh001 school holiday",
        {"to": staff[:1], "send_at": datetime(2026, 12, 21, 10, 0, tzinfo=LONDON)},
        {"school_holidays": [{"name": "Christmas", "start": "2026-12-19", "end": "2027-01-04"}]},
        {"OOH001"},
    ),
    (
        "ooh001 external only is fine",
        {"to": parents[:1], "send_at": datetime(2026, 11, 22, 22, 40, tzinfo=LONDON)},
        {},
        set(),
    ),
    (
        "ooh001 UTC send time inside BST hours",  # 06:45 UTC = 07:45 BST
        {"to": staff[:1], "send_at": datetime.fromisoformat("2026-06-17T06:45:00+00:00")},
        {},
        set(),
    ),
    # PUP001 pupil-personal-address
    ("pup001 known personal address", {"to": ["amirk2011@gmail.com"]}, {}, {"PUP001"}),
    (
        "pup001 display name match",
        {"to": (r("amir.k.99@hotmail.com", "Amir Khan"),)},
        {},
        {"PUP001"},
    ),
    ("pup001 local part match", {"to": ["khan.amir2011@yahoo.co.uk"]}, {}, {"PUP001"}),
    ("pup001 concatenated local part", {"to": ["amirkhan@icloud.com"]}, {}, {"PUP001"}),
    ("pup001 diacritics and apostrophes", {"to": (r("z@me.com", "ZOË O’NEILL"),)}, {}, {"PUP001"}),
    (
        "pup001 parent sharing the surname",
        {"to": (r("samina.khan@gmail.com", "Mrs Khan"),)},
        {},
        set(),
    ),
    ("pup001 surname alone is not a pupil", {"to": (r("khan@gmail.com", "Khan"),)}, {}, set()),
    ("pup001 pupil school address is fine", {"to": [f"amir.khan@{PUPILS}"]}, {}, set()),
    (
        "pup001 staff with a pupil's name at school",
        {"to": (r(f"a.khan@{SCHOOL}", "Amir Khan"),)},
        {},
        set(),
    ),
    # PUP002 pupil-contact-from-non-school-account
    (
        "pup002 from gmail to pupil",
        {"sender": "mr.jones@gmail.com", "to": [f"amir.khan@{PUPILS}"]},
        {},
        {"PUP002"},
    ),
    (
        "pup002 unlisted pupil-domain address",
        {"sender": "mr.jones@gmail.com", "to": [f"new.kid@{PUPILS}"]},
        {},
        {"PUP002"},
    ),
    ("pup002 from school is fine", {"to": [f"amir.khan@{PUPILS}"]}, {}, set()),
    (
        "pup002 from gmail to staff is not this rule",
        {"sender": "mr.jones@gmail.com", "to": staff[:1]},
        {},
        set(),
    ),
    # PUP003 pupil-with-personal-addresses
    (
        "pup003 pupil and unknown gmail",
        {"to": [f"amir.khan@{PUPILS}"], "bcc": ["coach.dave77@gmail.com"]},
        {},
        {"PUP003"},
    ),
    (
        "pup003 known parent is fine",
        {"to": [f"amir.khan@{PUPILS}"], "bcc": ["samina.khan@gmail.com"]},
        {},
        set(),
    ),
    (
        "pup003 non-webmail external is not this rule",
        {"to": [f"amir.khan@{PUPILS}"], "bcc": ["info@museum.org.uk"]},
        {},
        set(),
    ),
    ("pup003 no pupil", {"to": [staff[0]], "bcc": ["coach.dave77@gmail.com"]}, {}, set()),
]


@pytest.mark.parametrize(
    ("message", "policy", "expected"),
    [pytest.param(m, p, e, id=i) for i, m, p, e in CASES],
)
def test_rule_table(
    directory: Directory, message: dict[str, Any], policy: dict[str, Any], expected: set[str]
) -> None:
    verdict = evaluate(make_message(**message), make_policy(**policy), directory)
    assert set(verdict.codes) == expected
    assert len(verdict.codes) == len(set(verdict.codes)), "a rule fired twice"


def test_each_rule_is_covered_by_a_hit() -> None:
    from app.rules.registry import RULES

    hit = {c for _, _, _, e in CASES for c in e}
    assert {r.code for r in RULES} <= hit


def test_default_base_message_is_in_working_hours() -> None:
    assert WORKDAY.weekday() == 2
