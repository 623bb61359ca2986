"""Applying a fix to the draft: complete new lists of plain addresses, opaque button ids."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain import Action, Address, Evidence, Finding, Fix, FixKind, Severity, Verdict
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
        Draft.parse(to=(P1, P2), cc=(P3, "head@stmarys.sch.uk"), bcc=("x@stmarys.sch.uk",)),
        DraftUpdate(to=(ME,), cc=("head@stmarys.sch.uk",), bcc=("x@stmarys.sch.uk", P1, P2, P3)),
    ),
    # ...a colleague stays in To, Cc untouched is not resent; case-insensitive match.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1.upper(), P2]),
        Draft.parse(to=("head@stmarys.sch.uk", P1, P2)),
        DraftUpdate(to=("head@stmarys.sch.uk",), bcc=(P1, P2)),
    ),
    # ...already in Bcc: not duplicated.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1]),
        Draft.parse(to=("head@stmarys.sch.uk", P1), bcc=(P1,)),
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
        Draft.parse(to=("head@stmarys.sch.uk",), cc=("a@stmarys.sch.uk", "AmirK2011@gmail.com")),
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
        Draft.parse(to=("head@stmarys.sch.uk",), bcc=("amirk2011@gmail.com",)),
        DraftUpdate(bcc=("amir.khan@pupils.stmarys.sch.uk",)),
    ),
    # Remove a recipient; To emptied gets the sender.
    (
        fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"),
        Draft.parse(to=(P1,), cc=("head@stmarys.sch.uk",)),
        DraftUpdate(to=(ME,)),
    ),
    # Replace the subject (only when the subject is known).
    (
        fix(FixKind.REPLACE_SUBJECT, subject="A.K. - behaviour incident"),
        Draft.parse(to=("head@stmarys.sch.uk",), subject="Amir Khan - behaviour incident"),
        DraftUpdate(subject="A.K. - behaviour incident"),
    ),
    # Recipients written "Name <addr>" (as Gmail lists contacts): matched by address, and
    # the update names plain addresses only.
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1, P2, P3]),
        Draft.parse(
            to=(f"Parent One <{P1}>", f'"Two, Parent" <{P2.upper()}>'),
            cc=(f"Parent Three <{P3}>", "The Head <head@stmarys.sch.uk>"),
        ),
        DraftUpdate(to=(ME,), cc=("head@stmarys.sch.uk",), bcc=(P1, P2.upper(), P3)),
    ),
    (
        fix(FixKind.MOVE_TO_BCC, addresses=[P1]),
        Draft.parse(to=("The Head <head@stmarys.sch.uk>", f"Parent One <{P1}>")),
        DraftUpdate(to=("head@stmarys.sch.uk",), bcc=(P1,)),
    ),
    (
        fix(
            FixKind.REPLACE_RECIPIENT,
            address="amirk2011@gmail.com",
            replacement="amir.khan@pupils.stmarys.sch.uk",
            field="to",
        ),
        Draft.parse(to=("Amir Khan <amirk2011@gmail.com>", "Office <office@stmarys.sch.uk>")),
        DraftUpdate(to=("amir.khan@pupils.stmarys.sch.uk", "office@stmarys.sch.uk")),
    ),
    (
        fix(FixKind.REMOVE_RECIPIENT, address=P1, field="cc"),
        Draft.parse(to=("The Head <head@stmarys.sch.uk>",), cc=(f"Parent One <{P1}>",)),
        DraftUpdate(cc=()),
    ),
    (
        fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"),
        Draft.parse(to=(f"Parent One <{P1}>",)),
        DraftUpdate(to=(ME,)),
    ),
    (
        fix(FixKind.REPLACE_SUBJECT, subject="A.K. - behaviour incident"),
        Draft.parse(to=("The Head <head@stmarys.sch.uk>",), subject="Amir Khan - incident"),
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
            assert tuple(a.email for a in new.field(name)) == sent
    # No display name reaches the draft update.
    assert "<" not in json.dumps(got.to_json()) and "Parent" not in json.dumps(got.to_json())


def test_event_recipients_are_parsed_once_into_addresses_and_names() -> None:
    draft = Draft.parse(
        to=(f"Parent One <{P1}>", "", f"  {P2} "), cc=('"Khan, Amir" <amirk2011@gmail.com>',)
    )
    assert draft.to == (Address(P1, "Parent One"), Address(P2))
    assert draft.cc == (Address("amirk2011@gmail.com", "Khan, Amir"),)
    assert [a.key for a in draft.recipients] == [P1, P2, "amirk2011@gmail.com"]


@pytest.mark.parametrize(
    ("the_fix", "draft"),
    [
        # Nothing to move any more.
        (fix(FixKind.MOVE_TO_BCC, addresses=[P1]), Draft.parse(to=("head@stmarys.sch.uk",))),
        # The address is gone.
        (fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"), Draft.parse(to=(P2,))),
        # Subject not read (or not certainly this draft's): cannot be rewritten.
        (fix(FixKind.REPLACE_SUBJECT, subject="x"), Draft.parse(to=(P1,))),
        # A named recipient who is gone (another parent with the same name is not a match).
        (
            fix(FixKind.REMOVE_RECIPIENT, address=P1, field="to"),
            Draft.parse(to=(f"Parent One <{P2}>",)),
        ),
        (fix(FixKind.MOVE_TO_BCC, addresses=[P1]), Draft.parse(to=(f"Parent One <{P2}>",))),
        # Scheduling is the user's to do in Gmail.
        (fix(FixKind.SCHEDULE_SEND, send_at="2026-11-23T07:30:00+00:00"), Draft.parse(to=(P1,))),
    ],
)
def test_not_applicable(the_fix: Fix, draft: Draft) -> None:
    assert fixes.apply(the_fix, draft, ME) is None


def _verdict(*found: Fix) -> Verdict:
    finding = Finding(
        "REC003",
        "external-addresses-visible",
        Severity.WARN,
        "t",
        "m",
        "ref",
        Evidence(observed=2),
        fixes=found,
    )
    return Verdict(Action.WARN, (finding,), 1, datetime(2026, 11, 18, tzinfo=ZoneInfo("UTC")))


CHECK = "0b6f2a4e-7d1c-4c8e-9a35-2f0e8d7c6b5a"


def test_button_parameters_are_opaque_and_bound_to_the_fix() -> None:
    moved = fix(FixKind.MOVE_TO_BCC, addresses=[P1, P2])
    params = dict(fixes.parameters("secret-key", CHECK, "REC003", 0, moved))
    assert set(params) == {"fix", "c", "h"}
    assert params["fix"] == "REC003.0" and params["c"] == CHECK
    assert "@" not in params["h"] and len(params["h"]) == 16

    def found(verdict: Verdict, check: str = CHECK, key: str = "secret-key") -> bool:
        return fixes.find(verdict, params["fix"], check, params["h"], key) is not None

    assert found(_verdict(moved))
    # The same id for a different fix (the draft changed) does not match.
    assert not found(_verdict(fix(FixKind.MOVE_TO_BCC, addresses=[P1, P3])))
    # Nor does the digest with another check id (the outcome is bound to the card's check).
    assert not found(_verdict(moved), check="1" + CHECK[1:])
    # Nor a digest made with another key.
    assert not found(_verdict(moved), key="other-key")
