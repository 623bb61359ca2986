"""Applying a fix to the draft: complete new lists, opaque button ids."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain import Action, Finding, Fix, FixKind, Severity, Verdict
from app.integrations.gmail import fixes
from app.integrations.gmail.cards import DraftUpdate
from app.integrations.gmail.fixes import Draft

ME = "s.jones@stmarys.sch.uk"
P1, P2, P3 = "curtis.700@gmail.com", "rubie.407@outlook.com", "fern.862@outlook.com"


def fix(kind: FixKind, **params: object) -> Fix:
    return Fix(kind, "title", params)


CASES = [
    # Move parents to Bcc: out of To and Cc, appended to Bcc, sender left in To.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1, P2, P3]),
        Draft(to=(P1, P2), cc=(P3, "head@stmarys.sch.uk"), bcc=("x@stmarys.sch.uk",)),
        DraftUpdate(to=(ME,), cc=("head@stmarys.sch.uk",), bcc=("x@stmarys.sch.uk", P1, P2, P3)),
    ),
    # ...a colleague stays in To, Cc untouched is not resent; case-insensitive match.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1.upper(), P2]),
        Draft(to=("head@stmarys.sch.uk", P1, P2)),
        DraftUpdate(to=("head@stmarys.sch.uk",), bcc=(P1, P2)),
    ),
    # ...already in Bcc: not duplicated.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1]),
        Draft(to=("head@stmarys.sch.uk", P1), bcc=(P1,)),
        DraftUpdate(to=("head@stmarys.sch.uk",), bcc=(P1,)),
    ),
    # Use the pupil's school address, in place, in the field named.
    (
        fix(
            FixKind.REPLACE_RECIPIENT,
            address="amirk2011@gmail.com",
            replacement="amir.khan@pupils.stmarys.sch.uk",
            field="cc",
        ),
        Draft(to=("head@stmarys.sch.uk",), cc=("a@stmarys.sch.uk", "AmirK2011@gmail.com")),
        DraftUpdate(cc=("a@stmarys.sch.uk", "amir.khan@pupils.stmarys.sch.uk")),
    ),
    # ...the field changed since: found in another field.
    (
        fix(
            FixKind.REPLACE_RECIPIENT,
            address="amirk2011@gmail.com",
            replacement="amir.khan@pupils.stmarys.sch.uk",
            field="to",
        ),
        Draft(to=("head@stmarys.sch.uk",), bcc=("amirk2011@gmail.com",)),
        DraftUpdate(bcc=("amir.khan@pupils.stmarys.sch.uk",)),
    ),
    # Remove a recipient; To emptied gets the sender.
    (
        fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"),
        Draft(to=(P1,), cc=("head@stmarys.sch.uk",)),
        DraftUpdate(to=(ME,)),
    ),
    # Replace the subject (only when the subject is known).
    (
        fix(FixKind.REPLACE_SUBJECT, subject="A.K. - behaviour incident"),
        Draft(to=("head@stmarys.sch.uk",), subject="Amir Khan - behaviour incident"),
        DraftUpdate(subject="A.K. - behaviour incident"),
    ),
]


@pytest.mark.parametrize(("the_fix", "draft", "update"), CASES)
def test_apply(the_fix: Fix, draft: Draft, update: DraftUpdate) -> None:
    result = fixes.apply(the_fix, draft, ME)
    assert result is not None
    new, got = result
    assert got == update
    for name in ("to", "cc", "bcc"):
        sent = getattr(got, name)
        if sent is not None:
            assert new.field(name) == sent


@pytest.mark.parametrize(
    ("the_fix", "draft"),
    [
        # Nothing to move any more.
        (fix(FixKind.MOVE_TO_BCC, addresses=[P1]), Draft(to=("head@stmarys.sch.uk",))),
        # The address is gone.
        (fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"), Draft(to=(P2,))),
        # Subject not read: cannot be rewritten.
        (fix(FixKind.REPLACE_SUBJECT, subject="x"), Draft(to=(P1,))),
        # Scheduling is the user's to do in Gmail.
        (fix(FixKind.SCHEDULE_SEND, send_at="2026-11-23T07:30:00+00:00"), Draft(to=(P1,))),
    ],
)
def test_not_applicable(the_fix: Fix, draft: Draft) -> None:
    assert fixes.apply(the_fix, draft, ME) is None


def _verdict(*found: Fix) -> Verdict:
    finding = Finding(
        "REC003", "external-addresses-visible", Severity.WARN, "t", "m", "ref", fixes=found
    )
    return Verdict(Action.WARN, (finding,), 1, datetime(2026, 11, 18, tzinfo=ZoneInfo("UTC")))


def test_button_parameters_are_opaque_and_bound_to_the_fix() -> None:
    moved = fix(FixKind.MOVE_TO_BCC, addresses=[P1, P2])
    params = dict(fixes.parameters("secret-key", "REC003", 0, moved))
    assert params["fix"] == "REC003.0" and "@" not in params["h"] and len(params["h"]) == 16
    assert fixes.find(_verdict(moved), params["fix"], params["h"], "secret-key") is not None
    # The same id for a different fix (the draft changed) does not match.
    other = fix(FixKind.MOVE_TO_BCC, addresses=[P1, P3])
    assert fixes.find(_verdict(other), params["fix"], params["h"], "secret-key") is None
    # Nor does a digest made with another key.
    assert fixes.find(_verdict(moved), params["fix"], params["h"], "other-key") is None
