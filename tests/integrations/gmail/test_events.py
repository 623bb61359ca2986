"""The event object as typed models: Google's field names, unknown fields ignored."""

from __future__ import annotations

import pytest

from app.integrations.gmail.events import EventObject, Platform, split_address
from tests.integrations.gmail.conftest import load_event


def test_a_compose_event_parses() -> None:
    ev = EventObject.model_validate(load_event("compose_parents_visible"))
    assert ev.common.platform_kind is Platform.WEB
    assert ev.common.time_zone is not None and ev.common.time_zone.zone() is not None
    assert ev.auth is not None and ev.auth.authorized_scopes is not None
    assert ev.gmail is not None
    assert ev.gmail.to_recipients[0] == "curtis.700@gmail.com"


def test_tokens_stay_out_of_repr() -> None:
    ev = EventObject.model_validate(load_event("compose_parents_visible"))
    assert "ya29" not in repr(ev) and "AJuX" not in repr(ev)
    assert "curtis" not in repr(ev)  # nor addresses


def test_unknown_fields_are_ignored() -> None:
    data = load_event("homepage")
    data["commonEventObject"]["newGoogleField"] = {"x": 1}
    data["draftMetadata"] = {"subject": "legacy field, never read"}
    ev = EventObject.model_validate(data)
    assert ev.gmail is None and ev.common.host_app == "GMAIL"


@pytest.mark.parametrize(
    ("platform", "kind"),
    [
        ("WEB", Platform.WEB),
        ("ANDROID", Platform.ANDROID),
        ("ios", Platform.IOS),
        ("", Platform.UNKNOWN),
        ("WATCH", Platform.UNKNOWN),
    ],
)
def test_platforms(platform: str, kind: Platform) -> None:
    ev = EventObject.model_validate({"commonEventObject": {"platform": platform}})
    assert ev.common.platform_kind is kind


@pytest.mark.parametrize(
    ("zone", "ok"),
    [
        ("Europe/London", True),
        ("America/New_York", True),
        # Not a zone: each falls back to None (the school's zone is used) instead of failing.
        ("Mars/Olympus", False),  # ZoneInfoNotFoundError
        ("", False),
        ("Europe", False),  # a directory of the tz database: IsADirectoryError
        ("Europe/London/x", False),  # under a file: ZoneInfoNotFoundError
        ("Europe/", False),  # ValueError (not a normalised key)
        ("../../etc/passwd", False),  # ValueError
    ],
)
def test_time_zones(zone: str, ok: bool) -> None:
    ev = EventObject.model_validate(
        {"commonEventObject": {"timeZone": {"id": zone, "offset": "0"}}}
    )
    assert ev.common.time_zone is not None
    assert (ev.common.time_zone.zone() is not None) is ok


@pytest.mark.parametrize(
    ("raw", "email", "name"),
    [
        ("parent@gmail.com", "parent@gmail.com", ""),
        ("Sam Parent <sam@gmail.com>", "sam@gmail.com", "Sam Parent"),
        ('"Khan, Amir" <amirk2011@gmail.com>', "amirk2011@gmail.com", "Khan, Amir"),
        ("not an address", "not an address", ""),
    ],
)
def test_split_address(raw: str, email: str, name: str) -> None:
    assert split_address(raw) == (email, name)
