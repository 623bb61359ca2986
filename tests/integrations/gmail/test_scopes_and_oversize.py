"""Google's flow as it really runs: scopes before identity, and drafts too big to read."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.integrations.gmail.conftest import Addon, load_event
from tests.integrations.gmail.google_fake import mint, system_claims


def _without_user_token(name: str) -> dict[str, Any]:
    # As Google sends it before userinfo.email is granted: no userIdToken at all.
    event = copy.deepcopy(load_event(name))
    event["authorizationEventObject"].pop("userIdToken", None)
    return event


@pytest.mark.parametrize("action", ["compose", "home", "check"])
def test_no_user_token_yet_and_scopes_missing_asks_for_scopes(addon: Addon, action: str) -> None:
    body = addon.post(action, _without_user_token("missing_scopes")).json()
    assert body == {"requesting_google_scopes": {"all_scopes": True}}


SYSTEM_CASES = [
    # [case, system token claims or None for no header, reason]
    ("no Authorization header", None, "missing Authorization header"),
    (
        "another service account",
        {"email": "someone@evil.iam.gserviceaccount.com"},
        "not the add-on",
    ),
    ("wrong audience", {"aud": "https://elsewhere.example/addon"}, "wrong audience"),
]


@pytest.mark.parametrize(
    ("case", "claims", "reason"), SYSTEM_CASES, ids=[c[0] for c in SYSTEM_CASES]
)
def test_the_scope_request_still_needs_a_verified_google_caller(
    addon: Addon, case: str, claims: dict[str, Any] | None, reason: str
) -> None:
    headers = (
        {}
        if claims is None
        else {"Authorization": f"Bearer {mint(addon.key, system_claims(**claims))}"}
    )
    resp = addon.post("compose", _without_user_token("missing_scopes"), headers, check=False)
    assert resp.status_code == 401
    assert reason in resp.json()["detail"]


def test_all_scopes_granted_but_no_user_token_is_still_refused(addon: Addon) -> None:
    event = _without_user_token("compose_looks_good")
    resp = addon.post("compose", event, check=False)
    assert resp.status_code == 401 and "userIdToken" in resp.json()["detail"]


def _texts(card: dict[str, Any]) -> str:
    out = []
    for section in card.get("sections", []):
        for w in section.get("widgets", []):
            out.append(str(w.get("textParagraph", {}).get("text", "")))
    return " ".join(out)


OVERSIZE = [
    # [case, recipients per field, what the card says]
    ("600 in To", {"toRecipients": 600}, "600 in To"),
    (
        "501 in Cc and 900 in Bcc",
        {"ccRecipients": 501, "bccRecipients": 900},
        "900 in Bcc, 501 in Cc",
    ),
]


@pytest.mark.parametrize(("case", "sizes", "said"), OVERSIZE, ids=[c[0] for c in OVERSIZE])
def test_a_draft_with_more_than_500_in_a_field_gets_a_card_not_a_422(
    addon: Addon, case: str, sizes: dict[str, int], said: str
) -> None:
    event = addon.event("compose_looks_good")
    for field, n in sizes.items():
        event["gmail"][field] = [f"parent{i}@example.org" for i in range(n)]
    body = addon.post("compose", event).json()
    nav = body["renderActions"]["action"]["navigations"][0]
    card = nav.get("pushCard") or nav.get("updateCard")
    assert card["header"]["title"] == "Too many recipients to check"
    text = _texts(card)
    assert said in text
    assert "at most 500" in text and "parent1@" not in text
    # Nothing was checked, so nothing is audited and no fix is offered.
    assert "updateDraftActionMarkup" not in str(body)


def test_a_request_no_draft_could_be_is_still_refused(addon: Addon) -> None:
    event = addon.event("compose_looks_good")
    event["gmail"]["toRecipients"] = ["a@example.org"] * 10_001
    assert addon.post("compose", event, check=False).status_code == 422


def test_oversize_cannot_be_set_by_the_request(addon: Addon) -> None:
    event = addon.event("compose_looks_good")
    event["gmail"]["oversize"] = {"to": 9999}
    body = addon.post("compose", event).json()
    assert "Too many recipients" not in str(body)
