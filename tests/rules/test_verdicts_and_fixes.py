"""Actions, severities, evidence and the fixes clients apply."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.directory.model import Directory
from app.domain import Action, Attachment, FixKind, Severity, ThresholdSource
from app.engine import evaluate
from tests.conftest import LONDON, PUPILS, SCHOOL, make_message, make_policy, r


@pytest.mark.parametrize(
    ("message", "policy", "action"),
    [
        ({"to": [f"a@{SCHOOL}"]}, {}, Action.ALLOW),
        # advise alone (REC002's default) allows, with the finding attached
        (
            {"to": [f"t{i}@{SCHOOL}" for i in range(12)], "compose_type": "reply_all"},
            {},
            Action.ALLOW,
        ),
        ({"to": ["p1@gmail.com", "p2@gmail.com"]}, {}, Action.WARN),
        ({"to": ["amirk2011@gmail.com"]}, {}, Action.BLOCK),
        ({"to": ["p1@gmail.com", "p2@gmail.com"]}, {"rules": {"REC003": "block"}}, Action.BLOCK),
        ({"to": ["p1@gmail.com", "p2@gmail.com"]}, {"rules": {"REC003": "advise"}}, Action.ALLOW),
    ],
)
def test_action_is_the_most_severe(
    directory: Directory, message: dict[str, object], policy: dict[str, object], action: Action
) -> None:
    from app.domain import ComposeType

    if "compose_type" in message:
        message = {**message, "compose_type": ComposeType(str(message["compose_type"]))}
    verdict = evaluate(make_message(**message), make_policy(**policy), directory)  # type: ignore[arg-type]
    assert verdict.action is action
    assert verdict.findings or action is Action.ALLOW


def test_advise_finding_is_returned_with_allow(directory: Directory) -> None:
    from app.domain import ComposeType

    msg = make_message(to=[f"t{i}@{SCHOOL}" for i in range(12)], compose_type=ComposeType.REPLY_ALL)
    v = evaluate(msg, make_policy(), directory)
    assert v.codes == ("REC002",)
    assert v.findings[0].severity is Severity.ADVISE


def test_move_to_bcc_lists_only_visible_externals(directory: Directory) -> None:
    msg = make_message(
        to=["p1@gmail.com", f"a@{SCHOOL}"], cc=["P2@Gmail.com"], bcc=["p3@gmail.com"]
    )
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert f.code == "REC003"
    (fix,) = f.fixes
    assert fix.kind is FixKind.MOVE_TO_BCC
    assert fix.params["addresses"] == ["p1@gmail.com", "P2@Gmail.com"]
    assert f.evidence.threshold == 2 and f.evidence.threshold_source is ThresholdSource.DEFAULT


def test_threshold_source_says_policy_when_school_set_it(directory: Directory) -> None:
    msg = make_message(to=[f"t{i}@{SCHOOL}" for i in range(4)])
    (f,) = evaluate(msg, make_policy(rules={"REC001": {"max_recipients": 3}}), directory).findings
    assert f.evidence.threshold_source is ThresholdSource.POLICY
    assert f.evidence.to_dict() == {
        "observed": 4,
        "threshold": 3,
        "threshold_source": "policy",
        "lists": 0,
    }


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        # Saturday night in BST; clocks go back on Sunday 25 October 2026: Monday 07:30 is GMT.
        ("2026-10-24T22:40:00+01:00", "2026-10-26T07:30:00+00:00"),
        # Saturday night in GMT; clocks go forward on Sunday 29 March 2026: Monday 07:30 is BST.
        ("2026-03-28T23:00:00+00:00", "2026-03-30T07:30:00+01:00"),
        # Sunday evening before the August bank holiday: Tuesday.
        ("2026-08-30T20:00:00+01:00", "2026-09-01T07:30:00+01:00"),
        # Friday after hours before Christmas; Christmas and Boxing Day (observed Mon 28) skipped.
        ("2026-12-24T19:00:00+00:00", "2026-12-29T07:30:00+00:00"),
        # Early morning the same working day.
        ("2026-11-18T06:10:00+00:00", "2026-11-18T07:30:00+00:00"),
        # A UTC timestamp that is already Saturday in London.
        ("2026-11-20T23:30:00-05:00", "2026-11-23T07:30:00+00:00"),
    ],
)
def test_schedule_fix_is_next_working_moment(
    directory: Directory, sent: str, expected: str
) -> None:
    msg = make_message(to=[f"a@{SCHOOL}"], send_at=datetime.fromisoformat(sent))
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert f.code == "OOH001"
    (fix,) = f.fixes
    assert fix.kind is FixKind.SCHEDULE_SEND
    assert fix.params["send_at"] == expected


def test_schedule_skips_school_holiday(directory: Directory) -> None:
    policy = make_policy(
        school_holidays=[{"name": "Half term", "start": "2027-02-15", "end": "2027-02-19"}]
    )
    msg = make_message(to=[f"a@{SCHOOL}"], send_at=datetime(2027, 2, 12, 19, 0, tzinfo=LONDON))
    (f,) = evaluate(msg, policy, directory).findings
    assert f.fixes[0].params["send_at"] == "2027-02-22T07:30:00+00:00"
    assert f.evidence.to_dict()["reason"] == "evening"


def test_ooh_reason_names_the_bank_holiday(directory: Directory) -> None:
    # Friday 25 December 2026: a weekday, so only the bank holiday makes it out of hours.
    msg = make_message(to=[f"a@{SCHOOL}"], send_at=datetime(2026, 12, 25, 11, 0, tzinfo=LONDON))
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert (f.evidence.to_dict()["reason"], f.evidence.to_dict()["detail"]) == (
        "bank_holiday",
        "Christmas Day",
    )
    # Boxing Day is a Saturday; the substitute day is Monday 28th.
    assert f.fixes[0].params["send_at"] == "2026-12-29T07:30:00+00:00"


def test_pup001_fix_uses_school_address(directory: Directory) -> None:
    msg = make_message(to=(r("amir.k.99@hotmail.com", "Amir Khan"),))
    (f,) = evaluate(msg, make_policy(), directory).findings
    (fix,) = f.fixes
    assert fix.kind is FixKind.REPLACE_RECIPIENT
    assert fix.params == {
        "address": "amir.k.99@hotmail.com",
        "replacement": f"amir.khan@{PUPILS}",
        "field": "to",
    }


def test_pup003_offers_removal(directory: Directory) -> None:
    msg = make_message(to=[f"amir.khan@{PUPILS}"], cc=["coach.dave77@gmail.com"])
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert [x.params["address"] for x in f.fixes] == ["coach.dave77@gmail.com"]
    assert all(x.kind is FixKind.REMOVE_RECIPIENT for x in f.fixes)


def test_att001_evidence_names_the_file(directory: Directory) -> None:
    msg = make_message(to=[f"a@{SCHOOL}"], attachments=(Attachment("assembly.mp4", 20_000_000),))
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert f.evidence.to_dict()["observed"] == 20_000_000
    assert f.evidence.to_dict()["attachments"] == [{"name": "assembly.mp4", "size": 20_000_000}]
    assert "OneDrive" in f.message


_MB = 1024 * 1024


@pytest.mark.parametrize(
    ("files", "moved"),
    [
        # one big file among small ones: only the big one becomes a link
        ((("assembly.mp4", 20 * _MB), ("agenda.docx", 40_000)), ["assembly.mp4"]),
        # two big files: both
        ((("a.mp4", 6 * _MB), ("b.mp4", 7 * _MB)), ["a.mp4", "b.mp4"]),
        # none big, too large together: all of them
        (
            (("p1.jpg", 4 * _MB), ("p2.jpg", 4 * _MB), ("p3.jpg", 3 * _MB)),
            ["p1.jpg", "p2.jpg", "p3.jpg"],
        ),
    ],
)
def test_att001_offers_share_as_link_for_the_files_that_fire_it(
    directory: Directory, files: tuple[tuple[str, int], ...], moved: list[str]
) -> None:
    msg = make_message(
        to=[f"a@{SCHOOL}"], attachments=tuple(Attachment(n, size) for n, size in files)
    )
    (f,) = evaluate(msg, make_policy(), directory).findings
    (fix,) = f.fixes
    assert fix.kind is FixKind.SHARE_AS_LINK
    assert fix.title == "Share as a link instead"
    assert fix.to_dict() == {
        "kind": "share_as_link",
        "title": "Share as a link instead",
        "attachments": moved,
    }


def test_sub001_fix_replaces_name_with_initials(directory: Directory) -> None:
    msg = make_message(to=[f"a@{SCHOOL}"], subject="Re: Amir Khan - behaviour incident")
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert f.code == "SUB001"
    assert f.fixes[0].params["subject"] == "Re: A.K. - behaviour incident"
    assert "Amir" not in f.fixes[0].params["subject"]


def test_findings_quote_their_policy(directory: Directory) -> None:
    msg = make_message(
        to=["p1@gmail.com", "p2@gmail.com", "amirk2011@gmail.com"],
        subject="",
        send_at=datetime(2026, 11, 22, 22, 0, tzinfo=LONDON),
    )
    for f in evaluate(msg, make_policy(), directory).findings:
        assert (f.policy_ref and "§" in f.policy_ref) or "Communication" in f.policy_ref
        assert f.message and len(f.message) < 400


PART_TIMER = f"p.shah@{SCHOOL}"  # Mon-Wed 08:30-15:30 (tests/conftest.py)


@pytest.mark.parametrize(
    ("to", "sent", "fires", "scheduled"),
    [
        # Thursday 10:00: school time, but the part-timer's day off; Monday 08:30 suits both.
        ([PART_TIMER], "2026-11-19T10:00:00+00:00", True, "2026-11-23T08:30:00+00:00"),
        (
            [PART_TIMER, f"a@{SCHOOL}"],
            "2026-11-19T10:00:00+00:00",
            True,
            "2026-11-23T08:30:00+00:00",
        ),
        # Wednesday 16:00: after the part-timer's hours, within the school's.
        ([PART_TIMER], "2026-11-18T16:00:00+00:00", True, "2026-11-23T08:30:00+00:00"),
        # Wednesday 08:00: the school's day has started, the part-timer's has not.
        ([PART_TIMER], "2026-11-18T08:00:00+00:00", True, "2026-11-18T08:30:00+00:00"),
        # Wednesday 10:00: working time for everyone.
        ([PART_TIMER, f"a@{SCHOOL}"], "2026-11-18T10:00:00+00:00", False, None),
        # Thursday 10:00 to a full-timer only: no finding.
        ([f"a@{SCHOOL}"], "2026-11-19T10:00:00+00:00", False, None),
    ],
)
def test_part_time_recipients_are_judged_by_their_own_hours(
    directory: Directory, to: list[str], sent: str, fires: bool, scheduled: str | None
) -> None:
    msg = make_message(to=to, send_at=datetime.fromisoformat(sent))
    findings = evaluate(msg, make_policy(), directory).findings
    assert bool(findings) is fires
    if fires:
        (f,) = findings
        assert f.fixes[0].params["send_at"] == scheduled
        assert f.evidence.to_dict()["recipients_with_own_hours"] == 1


@pytest.mark.parametrize(
    ("sent", "reason", "says"),
    [
        # Thursday: a weekday the part-timer does not work, not a weekend.
        ("2026-11-19T10:00:00+00:00", "day_off", "on a day they do not work (Thursday)"),
        # Wednesday 16:00: after their 15:30 finish.
        ("2026-11-18T16:00:00+00:00", "evening", "in the evening"),
        # Saturday: a weekend for everyone.
        ("2026-11-21T10:00:00+00:00", "weekend", "at the weekend"),
    ],
)
def test_a_part_timers_day_off_is_not_a_weekend_and_shows_their_hours(
    directory: Directory, sent: str, reason: str, says: str
) -> None:
    msg = make_message(to=[PART_TIMER], send_at=datetime.fromisoformat(sent))
    (f,) = evaluate(msg, make_policy(), directory).findings
    assert f.evidence.to_dict()["reason"] == reason
    assert says in f.message and "Mon-Wed 08:30-15:30" in f.message
    assert "weekend" not in f.message.split("Policy:")[0] or reason == "weekend"
    assert f.evidence.to_dict()["working_hours"] == {
        "days": ["monday", "tuesday", "wednesday"],
        "start": "08:30",
        "end": "15:30",
    }
    assert f.evidence.to_dict()["hours_source"] == "recipient"
