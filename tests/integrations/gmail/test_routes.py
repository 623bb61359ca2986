"""The add-on end to end: realistic events in, Google-valid cards and draft updates out.

Every response is validated against Google's Card v1 types and the strict
envelope schema by ``Addon.post``; card JSON is snapshotted so a change to
what a teacher sees is a visible diff (``UPDATE_SNAPSHOTS=1`` to accept).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import ADMIN
from tests.integrations.gmail.conftest import SUNDAY_NIGHT, Addon, assert_snapshot
from tests.integrations.gmail.google_fake import USER, draft

PARENTS = ["curtis.700@gmail.com", "rubie.407@outlook.com", "fern.862@outlook.com"]


def card_of(body: dict[str, Any]) -> dict[str, Any]:
    actions = body["renderActions"]["action"] if "renderActions" in body else body["action"]
    nav = actions["navigations"][0]
    card: dict[str, Any] = nav.get("pushCard") or nav["updateCard"]
    return card


def widgets(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for s in card["sections"] for w in s["widgets"]]


def text_of(card: dict[str, Any]) -> str:
    return json.dumps(card, ensure_ascii=False)


def buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for w in widgets(card):
        out.extend(w.get("buttonList", {}).get("buttons", []))
        if "button" in w.get("decoratedText", {}):
            out.append(w["decoratedText"]["button"])
    return out


def params(button: dict[str, Any]) -> dict[str, str]:
    return {p["key"]: p["value"] for p in button["onClick"]["action"].get("parameters", [])}


def draft_update(body: dict[str, Any]) -> dict[str, Any]:
    markup: dict[str, Any] = body["renderActions"]["hostAppAction"]["gmailAction"][
        "updateDraftActionMarkup"
    ]
    return markup


# -- cards for realistic events (snapshotted) ---------------------------------------


@pytest.mark.parametrize(
    ("event", "action", "snapshot", "expect"),
    [
        # Homepage: what is checked and the school's thresholds.
        ("homepage", "home", "home", ["More than 25 recipients", "Mon–Fri 07:30–18:00"]),
        # Parents visible to each other: REC003 with a Move to Bcc button.
        (
            "compose_parents_visible",
            "compose",
            "compose_parents_visible",
            ["Move 3 external recipients to Bcc", "curtis.700@gmail.com", "Policy"],
        ),
        # A pupil's personal address: PUP001 must-fix with "Use school address".
        (
            "compose_pupil_personal",
            "compose",
            "compose_pupil_personal",
            [
                "Must fix",
                "amirk2011@gmail.com",
                "amir.khan@pupils.stmarys.sch.uk",
                "Use school address",
            ],
        ),
        # Nothing wrong: the short green card.
        ("compose_looks_good", "compose", "compose_looks_good", ["Looks good to send", "#188038"]),
        # No recipients yet.
        ("compose_empty", "compose", "compose_empty", ["Nothing to check yet"]),
    ],
)
def test_cards_for_events(
    addon: Addon, event: str, action: str, snapshot: str, expect: list[str]
) -> None:
    body = addon.post(action, addon.event(event)).json()
    card = card_of(body)
    for text in expect:
        assert text in text_of(card)
    assert_snapshot(snapshot, body)


def test_every_card_reports_which_checks_ran(addon: Addon) -> None:
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    checked = [
        w["decoratedText"]
        for w in widgets(card)
        if "decoratedText" in w and w["decoratedText"].get("topLabel") == "Checked"
    ]
    assert checked and checked[0]["text"].startswith("Recipients and timing.")
    assert "make sure the subject names no pupil" in text_of(card)


def test_homepage_answers_unwrapped_and_compose_wrapped(addon: Addon) -> None:
    home = addon.post("home", addon.event("homepage")).json()
    compose = addon.post("compose", addon.event("compose_looks_good")).json()
    assert set(home) == {"action"} and "pushCard" in home["action"]["navigations"][0]
    assert set(compose) == {"renderActions"}


def test_check_again_updates_the_card_in_place(addon: Addon) -> None:
    body = addon.post("check", addon.event("compose_looks_good")).json()
    assert "updateCard" in body["renderActions"]["action"]["navigations"][0]


# -- escaping -----------------------------------------------------------------------


def test_addresses_render_literally(addon: Addon) -> None:
    body = addon.post("compose", addon.event("compose_escaping")).json()
    listed = [
        w["decoratedText"]["text"]
        for w in widgets(card_of(body))
        if w.get("decoratedText", {}).get("topLabel") == "Recipients"
    ]
    assert listed == ['"&lt;b&gt;x&lt;/b&gt;"@gmail.com, tom&amp;jerry@outlook.com']
    assert "<b>x</b>" not in text_of(card_of(body))


# -- fix buttons --------------------------------------------------------------------


def _press(addon: Addon, compose_event: str, title_part: str) -> dict[str, Any]:
    card = card_of(addon.post("compose", addon.event(compose_event)).json())
    button = next(b for b in buttons(card) if title_part in b["text"])
    p = params(button)
    assert set(p) == {"fix", "c", "h"}  # opaque ids only: fix, the card's check, digest
    assert "@" not in json.dumps(p) and "<" not in json.dumps(p)
    event = addon.event(compose_event)
    event["commonEventObject"]["parameters"] = p
    body: dict[str, Any] = addon.post("fix", event).json()
    return body


def test_move_parents_to_bcc_rewrites_the_recipient_lists(addon: Addon) -> None:
    body = _press(addon, "compose_parents_visible", "to Bcc")
    assert draft_update(body) == {
        # To would be empty: the sender goes there. Cc is unchanged so not sent.
        "updateToRecipients": {"toRecipients": [{"email": USER}]},
        "updateBccRecipients": {"bccRecipients": [{"email": a} for a in PARENTS]},
    }
    # ...and the card is redrawn for the fixed draft, with a notification.
    actions = body["renderActions"]["action"]
    assert actions["notification"]["text"] == "Done: Move 3 external recipients to Bcc."
    assert card_of(body)["header"]["title"] == "Looks good to send"
    assert_snapshot("fix_move_to_bcc", body)


def test_button_fix_fixture_as_gmail_sends_it(addon: Addon) -> None:
    """The stored button-click event: parameters come back in commonEventObject."""
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    event = addon.event("button_fix")
    event["commonEventObject"]["parameters"] = params(buttons(card)[0])
    body = addon.post("fix", event).json()
    assert [
        r["email"] for r in draft_update(body)["updateBccRecipients"]["bccRecipients"]
    ] == PARENTS


NAMED_PARENTS = ["curtis.700@gmail.com", "rubie.407@outlook.com", "fern.862@outlook.com"]
DISPLAY_NAMES = (
    "Jo Curtis",
    "Rubie",
    "Sarah Jones",
    "Amir Khan",
    "Kim Stranger",
    "Head Teacher",
    "School Office",
)


@pytest.mark.parametrize(
    ("event", "button", "expect"),
    [
        # Move to Bcc: every parent moves, whether listed "Name <addr>" or bare.
        (
            "compose_named_parents",
            "to Bcc",
            {
                "updateToRecipients": {"toRecipients": [{"email": USER}]},
                "updateBccRecipients": {"bccRecipients": [{"email": a} for a in NAMED_PARENTS]},
            },
        ),
        # Replace a pupil's personal address listed with the pupil's name.
        (
            "compose_named_pupil_personal",
            "Use school address",
            {
                "updateToRecipients": {
                    "toRecipients": [{"email": "amir.khan@pupils.stmarys.sch.uk"}]
                }
            },
        ),
        # Remove a stranger's webmail address from an email to a pupil.
        (
            "compose_named_pupil_strangers",
            "Remove",
            {
                "updateToRecipients": {
                    "toRecipients": [{"email": "amir.khan@pupils.stmarys.sch.uk"}]
                }
            },
        ),
    ],
)
def test_fixes_for_recipients_written_with_names(
    addon: Addon, event: str, button: str, expect: dict[str, Any]
) -> None:
    body = _press(addon, event, button)
    update = draft_update(body)
    assert update == expect
    # Plain addresses only: no display name reaches the draft update.
    assert "<" not in json.dumps(update)
    assert not any(n in json.dumps(update) for n in DISPLAY_NAMES)
    assert body["renderActions"]["action"]["notification"]["text"].startswith("Done: ")


def test_subject_fix_with_recipients_written_with_names(make_addon: Callable[..., Addon]) -> None:
    addon = make_addon(read_drafts=True)
    addon.google.drafts = [
        draft(
            "r1",
            to="head@stmarys.sch.uk",
            cc="office@stmarys.sch.uk",
            subject="Amir Khan - behaviour incident",
        ),
    ]
    body = _press(addon, "compose_named_read_drafts", "initials")
    assert set(draft_update(body)) == {"updateSubject"}
    assert draft_update(body)["updateSubject"]["subject"].endswith(" - behaviour incident")
    assert "Amir Khan" not in draft_update(body)["updateSubject"]["subject"]


def test_use_the_pupils_school_address(addon: Addon) -> None:
    body = _press(addon, "compose_pupil_personal", "Use school address")
    assert draft_update(body) == {
        "updateToRecipients": {"toRecipients": [{"email": "amir.khan@pupils.stmarys.sch.uk"}]}
    }
    assert "Must fix" not in text_of(card_of(body))


def test_a_stale_button_redraws_instead_of_guessing(addon: Addon) -> None:
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    event = addon.event("compose_parents_visible")
    # The user removed a parent since the card was drawn: the fix no longer matches.
    event["gmail"]["toRecipients"] = [*PARENTS[:2], "mum.new@yahoo.co.uk"]
    event["commonEventObject"]["parameters"] = params(buttons(card)[0])
    body = addon.post("fix", event).json()
    assert "hostAppAction" not in body["renderActions"]
    assert body["renderActions"]["action"]["notification"]["text"].startswith(
        "The draft has changed"
    )


@pytest.mark.parametrize(
    "parameters",
    [
        {"fix": "REC003.0", "h": "0000000000000000"},  # forged digest
        {"fix": "REC003.9", "h": "0000000000000000"},  # no such fix
        {},  # no parameters at all
    ],
)
def test_forged_fix_parameters_change_nothing(addon: Addon, parameters: dict[str, str]) -> None:
    event = addon.event("button_fix")
    event["commonEventObject"]["parameters"] = parameters
    body = addon.post("fix", event).json()
    assert "hostAppAction" not in body["renderActions"]


# -- out of hours and platforms -----------------------------------------------------


def test_out_of_hours_names_the_next_working_moment(addon: Addon) -> None:
    addon.clock[0] = SUNDAY_NIGHT
    body = addon.post("compose", addon.event("compose_out_of_hours_paris")).json()
    text = text_of(card_of(body))
    # The engine's words for the school's moment, and the user's own clock time.
    assert "<b>Monday 23 November at 07:30</b>" in text
    assert "choose <b>08:30</b> in your own time zone" in text
    assert "(Monday 23 November at 07:30 school time)" in text
    assert "Click the arrow beside Send" in text
    assert_snapshot("compose_out_of_hours_paris", body)


def test_mobile_gets_mobile_instructions(addon: Addon) -> None:
    addon.clock[0] = SUNDAY_NIGHT
    body = addon.post("compose", addon.event("mobile_compose")).json()
    text = text_of(card_of(body))
    assert "Tap More (⋮)" in text and "Click the arrow" not in text
    assert "your own time zone" not in text  # same zone as the school
    assert "choose <b>Monday 23 November at 07:30</b>." in text
    assert_snapshot("mobile_compose", body)


# -- consent ------------------------------------------------------------------------


def test_missing_scopes_ask_for_consent(addon: Addon) -> None:
    body = addon.post("compose", addon.event("missing_scopes")).json()
    assert body == {"requesting_google_scopes": {"all_scopes": True}}


def test_grant_button_asks_for_consent(addon: Addon) -> None:
    body = addon.post("grant", addon.event("compose_looks_good")).json()
    assert body == {"requesting_google_scopes": {"all_scopes": True}}


# -- reading the draft (tenant opted in) ---------------------------------------------


def test_read_drafts_checks_subject_and_attachments(make_addon: Callable[..., Addon]) -> None:
    addon = make_addon(read_drafts=True)
    addon.google.drafts = [
        # Near miss: an older draft to only one of the two.
        draft(
            "r-old",
            to="head@stmarys.sch.uk",
            subject="Old version",
            updated_ms=1_763_000_000_000,
        ),
        draft(
            "r-new",
            to="Head <head@stmarys.sch.uk>",
            cc="office@stmarys.sch.uk",
            subject="Hi",
            updated_ms=1_763_460_000_000,
            attachments=(("Trip video.mp4", 22 * 1024 * 1024),),
        ),
        draft("r-other", to="someone@else.org", subject="Unrelated"),
    ]
    body = addon.post("compose", addon.event("compose_read_drafts")).json()
    text = text_of(card_of(body))
    assert "Recipients, timing, subject and attachments" in text
    assert "Subject says little" in text  # SUB002 on the newest matching draft's "Hi"
    assert "Large attachment (22.0 MB)" in text
    # ATT001's share_as_link fix: an add-on cannot change attachments, so Gmail's own
    # Drive button is explained, and no button pretends to do it.
    assert "Insert files using Drive" in text and "Drive link" in text
    assert "Share as a link instead" not in str(body)
    assert "Old version" not in text
    sent = addon.google.gmail_calls[0]
    assert sent.headers["authorization"] == "Bearer ya29.a0AfB_byDrafts-not-a-real-token"
    assert_snapshot("compose_read_drafts", body)


def test_subject_fix_rewrites_the_subject(make_addon: Callable[..., Addon]) -> None:
    addon = make_addon(read_drafts=True)
    addon.google.drafts = [
        draft(
            "r1",
            to="head@stmarys.sch.uk",
            cc="office@stmarys.sch.uk",
            subject="Amir Khan - behaviour incident",
        ),
    ]
    body = _press(addon, "compose_read_drafts", "initials")
    update = draft_update(body)
    assert set(update) == {"updateSubject"}
    assert "Amir Khan" not in update["updateSubject"]["subject"]
    assert update["updateSubject"]["subject"].endswith(" - behaviour incident")


@pytest.mark.parametrize(
    ("setup", "expect"),
    [
        # Gmail has no saved draft with these recipients (yet).
        (
            lambda g: setattr(g, "drafts", [draft("x", to="other@else.org", subject="x")]),
            "Your latest changes are not saved yet",
        ),
        # Gmail answers with an error.
        (lambda g: setattr(g, "gmail_error", 403), "Gmail did not return your draft"),
        # Gmail is too slow.
        (lambda g: setattr(g, "gmail_timeout", True), "Gmail took too long"),
    ],
)
def test_draft_lookup_degrades_to_recipient_checks(
    make_addon: Callable[..., Addon], setup: Callable[[Any], None], expect: str
) -> None:
    addon = make_addon(read_drafts=True)
    setup(addon.google)
    body = addon.post("compose", addon.event("compose_read_drafts")).json()
    text = text_of(card_of(body))
    assert expect in text
    assert "make sure the subject names no pupil" in text
    assert "No subject" not in text  # an unread subject is not a missing one


def test_read_scope_not_granted_offers_the_grant_button(make_addon: Callable[..., Addon]) -> None:
    addon = make_addon(read_drafts=True)
    body = addon.post("compose", addon.event("compose_read_drafts_not_granted")).json()
    card = card_of(body)
    assert "need your permission" in text_of(card)
    grant = next(b for b in buttons(card) if b["text"] == "Allow subject checks")
    assert grant["onClick"]["action"]["function"].endswith("?action=grant")
    assert addon.google.gmail_calls == []


def test_logo_is_a_png(addon: Addon) -> None:
    resp = addon.client.get("/gmail/logo.png")
    assert resp.status_code == 200 and resp.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_two_saved_drafts_to_the_same_recipients_leave_the_subject_alone(
    make_addon: Callable[..., Addon],
) -> None:
    """Another draft's subject must never be written over this one's."""
    addon = make_addon(read_drafts=True)
    named = draft(
        "r-new",
        to="head@stmarys.sch.uk",
        cc="office@stmarys.sch.uk",
        subject="Amir Khan - behaviour incident",
        updated_ms=1_763_460_000_000,
    )
    older = draft(
        "r-old",
        to="head@stmarys.sch.uk",
        cc="office@stmarys.sch.uk",
        subject="Year 9 trip",
        updated_ms=1_763_000_000_000,
    )
    # While one draft matches, the card offers the initials button...
    addon.google.drafts = [named]
    card = card_of(addon.post("compose", addon.event("compose_read_drafts")).json())
    initials = next(b for b in buttons(card) if "initials" in b["text"])
    # ...then a second saved draft to the same people appears.
    addon.google.drafts = [named, older]
    body = addon.post("compose", addon.event("compose_read_drafts")).json()
    text = text_of(card_of(body))
    assert "Named individual in subject" in text or "SUB001" in text  # still checked
    assert not any("initials" in b["text"] for b in buttons(card_of(body)))
    assert "Edit the subject yourself: you have more than one saved draft" in text
    assert "it may not be this one" in text
    # The old button, pressed now, changes nothing and says why.
    event = addon.event("compose_read_drafts")
    event["commonEventObject"]["parameters"] = params(initials)
    body = addon.post("fix", event).json()
    assert "hostAppAction" not in body["renderActions"]
    assert body["renderActions"]["action"]["notification"]["text"].startswith(
        "More than one saved draft goes to these recipients"
    )


def _audit(addon: Addon) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    runtime = addon.client.app.state.runtime  # type: ignore[attr-defined]
    runtime.audit.flush()
    assert runtime.audit.pending == 0
    base = "/v1/admin/schools/stmarys"
    summary: dict[str, Any] = addon.client.get(f"{base}/audit/summary", headers=ADMIN).json()
    events: list[dict[str, Any]] = addon.client.get(f"{base}/audit", headers=ADMIN).json()["events"]
    return summary, events


def test_the_audit_counts_each_look_at_a_draft_once(addon: Addon) -> None:
    """Card and Check again are reviews; a fix writes one background check, not two reviews."""
    addon.post("check", addon.event("compose_parents_visible"))
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    p = params(next(b for b in buttons(card) if "to Bcc" in b["text"]))
    event = addon.event("compose_parents_visible")
    event["commonEventObject"]["parameters"] = p
    assert "hostAppAction" in addon.post("fix", event).json()["renderActions"]
    summary, events = _audit(addon)
    assert summary["by_purpose"] == {"review": 2, "background": 1}
    assert summary["checks"] == 2 and summary["by_rule"] == {"REC003": 2}
    assert summary["outcomes"] == {"fixed": 1}
    # The outcome is recorded against the check whose card the button was on.
    outcome = next(e for e in events if e["kind"] == "outcome")
    assert outcome["check_id"] == p["c"] and outcome["codes"] == ["REC003"]
    assert p["c"] in {e["check_id"] for e in events if e["kind"] == "check"}


@pytest.mark.parametrize(
    ("zone", "expect"),
    [
        # The user's own clock, where it differs from the school's.
        ("Europe/Paris", "choose <b>08:30</b> in your own time zone"),
        ("Pacific/Honolulu", "choose <b>21:30 the day before</b> in your own time zone"),
        ("Asia/Tokyo", "choose <b>16:30</b> in your own time zone"),
        # Same clock as the school: the engine's words, as they are.
        ("Europe/London", "choose <b>Monday 23 November at 07:30</b>."),
        # Ids that name no zone fall back to school time instead of failing.
        ("Europe", "choose <b>Monday 23 November at 07:30</b>."),  # a directory
        ("Europe/", "choose <b>Monday 23 November at 07:30</b>."),
        ("Mars/Olympus", "choose <b>Monday 23 November at 07:30</b>."),
        ("", "choose <b>Monday 23 November at 07:30</b>."),
    ],
)
def test_scheduling_advice_in_the_users_time_zone(addon: Addon, zone: str, expect: str) -> None:
    addon.clock[0] = SUNDAY_NIGHT
    event = addon.event("compose_out_of_hours_paris")
    event["commonEventObject"]["timeZone"]["id"] = zone
    text = text_of(card_of(addon.post("compose", event).json()))
    assert expect in text
    assert "<b>Monday 23 November at 07:30</b>" in text  # the next working moment, school time


def test_the_addon_checks_through_the_runtimes_checker(addon: Addon) -> None:
    """Compose, then a fix button: each check goes through runtime.checker, the
    button's look-up unaudited, the redraw after the fix in the background."""
    runtime = addon.client.app.state.runtime  # type: ignore[attr-defined]
    calls: list[tuple[str, bool]] = []
    real = runtime.checker.check

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append((str(kw.get("purpose", "send")), kw.get("audit", True)))
        return real(*args, **kw)

    runtime.checker.check = spy
    _press(addon, "compose_parents_visible", "to Bcc")
    assert calls == [("review", True), ("send", False), ("background", True)]


def _anyway(addon: Addon, reason: str | None) -> dict[str, Any]:
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    button = next(b for b in buttons(card) if b["text"] == "I'm sending it as it is")
    p = params(button)
    assert set(p) == {"c", "codes", "h"} and p["codes"] == "REC003"  # ids, codes, signature
    event = addon.event("compose_parents_visible")
    event["commonEventObject"]["parameters"] = p
    if reason is not None:
        event["commonEventObject"]["formInputs"] = {"reason": {"stringInputs": {"value": [reason]}}}
    body: dict[str, Any] = addon.post("anyway", event).json()
    return body


def test_sending_anyway_needs_the_reason_the_school_asks_for(addon: Addon) -> None:
    res = addon.client.patch(
        "/v1/admin/schools/stmarys/policy",
        headers=ADMIN,
        json={"policy": {"rules": {"REC003": {"reason_required": True}}}},
    )
    assert res.status_code == 200
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    (select,) = [w["selectionInput"] for w in widgets(card) if "selectionInput" in w]
    assert select["name"] == "reason" and select["type"] == "DROPDOWN"
    assert [i["value"] for i in select["items"]] == [
        "parent_consented",
        "recipients_are_staff",
        "urgent_safeguarding",
        "already_agreed_with_dpo",
        "not_applicable",
        "other",
    ]
    for missing in (None, "my own words"):
        body = _anyway(addon, missing)
        note = body["renderActions"]["action"]["notification"]["text"]
        assert note.startswith("Choose a reason first")
    body = _anyway(addon, "recipients_are_staff")
    assert body["renderActions"]["action"]["notification"]["text"].startswith("Noted.")
    summary, events = _audit(addon)
    (outcome,) = [e for e in events if e["kind"] == "outcome"]
    assert (outcome["outcome"], outcome["reason"], outcome["codes"]) == (
        "sent_anyway",
        "recipients_are_staff",
        ["REC003"],
    )
    assert summary["sent_anyway_reasons"] == {"recipients_are_staff": 1}


@pytest.mark.parametrize(
    "change",
    [
        {"codes": ""},  # the rule codes dropped, to skip a reason the school asks for
        {"codes": "REC001"},  # another rule's code
        {"c": "00000000-0000-7000-8000-000000000000"},  # another check's id
        {"h": "0" * 16},  # a made-up signature
        {"h": "\u00fc" * 16},  # not even ASCII
        {"c": "\u00fc", "codes": "\x00"},
        {"h": None},  # no signature
    ],
)
def test_a_send_anyway_request_not_drawn_by_the_service_records_nothing(
    addon: Addon, change: dict[str, str | None]
) -> None:
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    button = next(b for b in buttons(card) if b["text"] == "I'm sending it as it is")
    p = dict(params(button))
    for key, value in change.items():
        if value is None:
            p.pop(key)
        else:
            p[key] = value
    event = addon.event("compose_parents_visible")
    event["commonEventObject"]["parameters"] = p
    body = addon.post("anyway", event).json()
    assert body["renderActions"]["action"]["notification"]["text"].startswith(
        "This card is out of date"
    )
    _, events = _audit(addon)
    assert [e for e in events if e["kind"] == "outcome"] == []


def test_no_reason_asked_by_default_and_none_offered_for_advice_or_blocks(addon: Addon) -> None:
    card = card_of(addon.post("compose", addon.event("compose_parents_visible")).json())
    assert not [w for w in widgets(card) if "selectionInput" in w]
    body = _anyway(addon, None)
    assert body["renderActions"]["action"]["notification"]["text"].startswith("Noted.")
    _, events = _audit(addon)
    assert [(e["outcome"], e["reason"]) for e in events if e["kind"] == "outcome"] == [
        ("sent_anyway", None)
    ]
    blocked = card_of(addon.post("compose", addon.event("compose_pupil_personal")).json())
    assert "I'm sending it as it is" not in [b["text"] for b in buttons(blocked)]
