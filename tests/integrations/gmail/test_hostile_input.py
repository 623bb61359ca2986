"""Hostile event objects on the Gmail add-on's endpoint: never a 5xx, and an error says what.

Each case is a verified request (the system token in ``Authorization``, the
user's token in the event) whose event has one part made hostile: wrong JSON
types, NUL bytes, lone surrogates (sent as the JSON escape ``\\ud800``),
1 MB strings, deep nesting, huge and negative numbers, odd time zones and
hostile button parameters; and bodies that are not JSON at all. With the
school reading drafts, so the user's OAuth token reaches the (fake) Gmail API.
An answer must be below 500; a 4xx must be JSON whose ``detail`` names the
problem (for a 422, the field). Runs on SQLite, and on PostgreSQL with
TEST_DATABASE_URL (the check is audited to the database).

The hostile events reach the check, which writes its audit: that test has an
app of its own. The refused bodies, actions and tokens only read: they share one
app per backend, but for the one action answered with a check (``WRITES``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings
from tests.integrations.gmail.conftest import Addon, addon_app
from tests.integrations.gmail.google_fake import FakeGoogle, Key

MB = "x" * 1_000_000
LONE = "\ud800"  # json.dumps writes it as the escape "\\ud800"
Event = dict[str, Any]


def _set(*path: str, value: Any) -> Callable[[Event], None]:
    """Set ``value`` at ``path`` in the event (creating dicts on the way)."""

    def mutate(ev: Event) -> None:
        here: Any = ev
        for key in path[:-1]:
            here = here.setdefault(key, {})
        here[path[-1]] = value

    return mutate


def _deep(depth: int) -> Any:
    out: Any = 1
    for _ in range(depth):
        out = [out]
    return out


COMMON = "commonEventObject"
AUTH = "authorizationEventObject"
CHECK_ID = "0193a0c4-6f1e-7c3a-9d2b-5e8f7a6b4c3d"


def _button(**parameters: Any) -> Callable[[Event], None]:
    """A fix button for the draft's first finding (REC003), with these parameters over it."""
    return _set(COMMON, "parameters", value={"fix": "REC003.0", "c": CHECK_ID, **parameters})


# (label, mutation, the field a 422 must name or None where any answer below 500 will do)
CASES: list[tuple[str, Callable[[Event], None], str | None]] = [
    # The event's sections, of the wrong JSON type.
    ("common a list", _set(COMMON, value=[1, 2]), COMMON),
    ("common a string", _set(COMMON, value="GMAIL"), COMMON),
    ("common null", _set(COMMON, value=None), COMMON),
    ("gmail a number", _set("gmail", value=42), "gmail"),
    ("gmail a list", _set("gmail", value=[]), "gmail"),
    ("auth a string", _set(AUTH, value="token"), AUTH),
    # Time zones: wrong types, names that are no zone, NUL, surrogates, over-long.
    ("zone id a number", _set(COMMON, "timeZone", "id", value=3600), "id"),
    ("zone id NUL", _set(COMMON, "timeZone", "id", value="Europe/\x00London"), None),
    ("zone id lone surrogate", _set(COMMON, "timeZone", "id", value=LONE), None),
    ("zone id 1 MB", _set(COMMON, "timeZone", "id", value=MB), "id"),
    ("zone id a directory", _set(COMMON, "timeZone", "id", value="Europe"), None),
    ("zone id traversal", _set(COMMON, "timeZone", "id", value="../../../etc/passwd"), None),
    ("zone id absolute", _set(COMMON, "timeZone", "id", value="/etc/localtime"), None),
    ("zone offset huge", _set(COMMON, "timeZone", "offset", value=10**400), None),
    ("zone offset a float", _set(COMMON, "timeZone", "offset", value=1.5e308), "offset"),
    ("zone offset a list", _set(COMMON, "timeZone", "offset", value=[0]), "offset"),
    ("zone a string", _set(COMMON, "timeZone", value="Europe/London"), "timeZone"),
    # Platform and locale.
    ("platform NUL", _set(COMMON, "platform", value="WEB\x00"), None),
    ("platform a number", _set(COMMON, "platform", value=1), "platform"),
    ("locale 1 MB", _set(COMMON, "userLocale", value=MB), None),
    # Button parameters: wrong types, NUL, surrogates, over-long, injected codes.
    ("parameters a list", _set(COMMON, "parameters", value=["fix"]), "parameters"),
    ("parameter a number", _set(COMMON, "parameters", "fix", value=7), "fix"),
    ("parameter nested", _set(COMMON, "parameters", "fix", value={"a": 1}), "fix"),
    ("fix NUL", _set(COMMON, "parameters", "fix", value="REC003\x00"), None),
    ("fix lone surrogate", _set(COMMON, "parameters", "fix", value=LONE), None),
    ("fix 1 MB", _set(COMMON, "parameters", "fix", value=MB), None),
    ("digest NUL", _set(COMMON, "parameters", "h", value="\x00" * 64), None),
    ("digest 1 MB", _set(COMMON, "parameters", "h", value=MB), None),
    ("check id NUL", _set(COMMON, "parameters", "c", value="\x00"), None),
    ("check id a huge number", _set(COMMON, "parameters", "c", value="9" * 400), None),
    ("check id lone surrogate", _set(COMMON, "parameters", "c", value=LONE), None),
    ("check id 1 MB", _set(COMMON, "parameters", "c", value=MB), None),
    ("check id negative", _set(COMMON, "parameters", "c", value="-1"), None),
    # A real fix id, so the button's digest is compared: of the wrong kind of text.
    ("digest non-ASCII", _button(h="\u00e9" * 16), None),
    ("digest lone surrogate", _button(h=LONE * 16), None),
    ("digest NUL", _button(h="\x00" * 16), None),
    ("digest emoji", _button(h="\U0001f600"), None),
    ("digest empty", _button(h=""), None),
    ("fix id non-ASCII", _button(fix="REC003.\u0660", h="0" * 16), None),
    ("fix id huge index", _button(fix="REC003." + "9" * 5000, h="0" * 16), None),
    ("button check id non-ASCII", _button(c="\u00e9", h="0" * 16), None),
    ("codes NUL", _set(COMMON, "parameters", "codes", value="REC003,\x00"), None),
    ("codes many", _set(COMMON, "parameters", "codes", value="REC003," * 100_000), None),
    ("codes lone surrogate", _set(COMMON, "parameters", "codes", value=LONE), None),
    # The reason drop-down.
    ("reason a string", _set(COMMON, "formInputs", "reason", value="other"), "reason"),
    (
        "reason value a number",
        _set(COMMON, "formInputs", "reason", "stringInputs", "value", value=[1]),
        "value",
    ),
    (
        "reason NUL",
        _set(COMMON, "formInputs", "reason", "stringInputs", "value", value=["other\x00"]),
        None,
    ),
    (
        "reason lone surrogate",
        _set(COMMON, "formInputs", "reason", "stringInputs", "value", value=[LONE]),
        None,
    ),
    (
        "reason 1 MB",
        _set(COMMON, "formInputs", "reason", "stringInputs", "value", value=[MB]),
        None,
    ),
    (
        "reason many",
        _set(COMMON, "formInputs", "reason", "stringInputs", "value", value=["x"] * 50_000),
        None,
    ),
    # Recipients: wrong types, NUL, surrogates, over-long, odd addresses, too many.
    ("to a string", _set("gmail", "toRecipients", value="a@b.com"), "toRecipients"),
    ("to numbers", _set("gmail", "toRecipients", value=[1, 2]), "toRecipients"),
    ("to nested", _set("gmail", "toRecipients", value=[["a@b.com"]]), "toRecipients"),
    ("to null", _set("gmail", "toRecipients", value=None), "toRecipients"),
    ("to NUL", _set("gmail", "toRecipients", value=["a\x00@gmail.com"]), None),
    ("to lone surrogate", _set("gmail", "toRecipients", value=[f"{LONE}@gmail.com"]), None),
    ("to name lone surrogate", _set("gmail", "toRecipients", value=[f"{LONE} <a@b.com>"]), None),
    ("to 1 MB", _set("gmail", "toRecipients", value=[MB + "@gmail.com"]), None),
    ("to 1 MB domain", _set("gmail", "toRecipients", value=["a@" + MB]), None),
    ("to no address", _set("gmail", "toRecipients", value=["<>", "@", ""]), None),
    ("to angle brackets", _set("gmail", "toRecipients", value=["a <b <c@d.com>>"]), None),
    ("to 600", _set("gmail", "toRecipients", value=[f"p{i}@gmail.com" for i in range(600)]), None),
    ("to 10001", _set("gmail", "toRecipients", value=["a@b.com"] * 10_001), "toRecipients"),
    ("cc bidi", _set("gmail", "ccRecipients", value=["\u202eevil@gmail.com"]), None),
    ("oversize sent by the caller", _set("gmail", "oversize", value={"to": -1}), None),
    # Tokens and scopes.
    ("user token NUL", _set(AUTH, "userIdToken", value="a\x00b"), None),
    ("user token lone surrogate", _set(AUTH, "userIdToken", value=LONE), None),
    ("user token 1 MB", _set(AUTH, "userIdToken", value=MB), None),
    ("user token a number", _set(AUTH, "userIdToken", value=1), "userIdToken"),
    ("oauth token NUL", _set(AUTH, "userOAuthToken", value="ya29\x00x"), None),
    ("oauth token newline", _set(AUTH, "userOAuthToken", value="ya29\r\nX-Evil: 1"), None),
    ("oauth token lone surrogate", _set(AUTH, "userOAuthToken", value=LONE), None),
    ("oauth token non-latin", _set(AUTH, "userOAuthToken", value="ya29\u20ac"), None),
    ("oauth token 1 MB", _set(AUTH, "userOAuthToken", value=MB), None),
    ("scopes a string", _set(AUTH, "authorizedScopes", value="email"), "authorizedScopes"),
    ("scopes NUL", _set(AUTH, "authorizedScopes", value=["\x00"]), None),
    # Deep nesting and huge numbers in a part we ignore.
    ("deep nesting", _set("extra", value=_deep(500)), None),
    ("huge number", _set("extra", value=10**4000), None),
    ("negative huge number", _set("extra", value=-(10**4000)), None),
]

ACTIONS = ("compose", "check", "fix", "anyway", "home")

# Bodies that are not an event object at all: (label, raw bytes).
RAW: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("not JSON", b"hello"),
    ("truncated", b'{"commonEventObject": {'),
    ("a list", b"[]"),
    ("a string", b'"event"'),
    ("null", b"null"),
    ("invalid UTF-8", b'{"commonEventObject": {"platform": "\xff\xfe"}}'),
    ("NaN", b'{"commonEventObject": {"timeZone": {"offset": NaN}}}'),
    ("a number past the digit limit", b'{"x": ' + b"9" * 5_000 + b"}"),
    ("deeper than the parser goes", b"[" * 100_000 + b"]" * 100_000),
    ("lone surrogate in a key", b'{"\\ud800": 1}'),
]


def _addon(
    db_url: str, data_dir: Path, fake_google: FakeGoogle, google_key: Key
) -> AbstractContextManager[Addon]:
    """The Gmail add-on for the demo school, reading drafts."""
    settings = Settings(
        database_url=db_url,
        data_dir=data_dir,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
    )
    return addon_app(settings, fake_google, google_key, read_drafts=True)


@pytest.fixture
def hostile_addon(
    db_url: str, tmp_path: Path, fake_google: FakeGoogle, google_key: Key
) -> Iterator[Addon]:
    """The add-on on a database of its own, on each backend."""
    with _addon(db_url, tmp_path, fake_google, google_key) as addon:
        yield addon


@pytest.fixture(scope="module")
def shared_addon(
    shared_db_url: str, tmp_path_factory: pytest.TempPathFactory, google_key: Key
) -> Iterator[Addon]:
    """The add-on for this module's cases that only read, on ``backend``."""
    fake = FakeGoogle(keys=[google_key])
    with _addon(shared_db_url, tmp_path_factory.mktemp("addon"), fake, google_key) as addon:
        yield addon


@pytest.fixture
def new_addon(
    new_db_url: Callable[[], str], tmp_path: Path, fake_google: FakeGoogle, google_key: Key
) -> Iterator[Callable[[], Addon]]:
    """Makes the add-on on a new database (``backend``), for a case that writes."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(_addon(new_db_url(), tmp_path, fake_google, google_key))


def _problem(r: httpx.Response, names: str | None) -> str | None:
    """Why this answer breaks the rule, or None."""
    if r.status_code >= 500:
        return f"{r.status_code}: {r.text[:200]}"
    if r.status_code >= 400:
        try:
            detail = r.json()["detail"]
        except (ValueError, KeyError):
            return f"{r.status_code} without a JSON detail: {r.text[:200]}"
        if not detail:
            return f"{r.status_code} with an empty detail"
        if names is not None and r.status_code == 422 and names not in json.dumps(detail):
            return f"422 does not name {names!r}: {json.dumps(detail)[:300]}"
    elif names is not None:
        return f"{r.status_code}: expected a 422 naming {names!r}"
    return None


def test_hostile_event_objects_get_an_answer_naming_the_problem(hostile_addon: Addon) -> None:
    base = hostile_addon.event("compose_parents_visible")
    failures: list[str] = []
    for label, mutate, names in CASES:
        event = copy.deepcopy(base)
        mutate(event)
        body = json.dumps(event)  # lone surrogates become "\ud800" escapes
        for action in ACTIONS:
            r = hostile_addon.client.post(
                f"/gmail/addon?action={action}",
                content=body,
                headers={**hostile_addon.headers(), "content-type": "application/json"},
            )
            why = _problem(r, names)
            if why:
                failures.append(f"{action} [{label}]: {why}")
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize(("label", "body"), RAW, ids=[label for label, _ in RAW])
def test_a_body_that_is_not_an_event_object_is_a_4xx(
    shared_addon: Addon, label: str, body: bytes
) -> None:
    r = shared_addon.client.post(
        "/gmail/addon?action=compose",
        content=body,
        headers={**shared_addon.headers(), "content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500, r.text[:300]
    assert r.json()["detail"]


# Actions answered with a check of the draft (audited): an app of their own.
WRITES = {"home&action=fix"}


@pytest.mark.parametrize(
    "query",
    ["nope", "COMPOSE", "compose%00", "%ED%A0%80", "%FF%FE", "x" * 10_000, "", "home&action=fix"],
    ids=[
        "unknown",
        "upper case",
        "NUL",
        "encoded surrogate",
        "not UTF-8",
        "over-long",
        "empty",
        "repeated",
    ],
)
def test_an_unknown_action_is_a_422_naming_it(
    shared_addon: Addon, new_addon: Callable[[], Addon], query: str
) -> None:
    addon = new_addon() if query in WRITES else shared_addon
    r = addon.client.post(
        f"/gmail/addon?action={query}",
        json=addon.event("compose_parents_visible"),
        headers=addon.headers(),
    )
    if query == "home&action=fix":  # the last one counts, as everywhere in FastAPI
        assert r.status_code == 200, r.text[:300]
        return
    assert r.status_code == 422, r.text[:300]
    assert "action" in json.dumps(r.json()["detail"])


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer \x00",
        "Bearer " + "x" * 100_000,
        "Bearer a.b.c",
        "Bearer e30.e30.",  # {} . {} . no signature
        "Bearer eyJhbGciOiJub25lIn0.e30.",  # alg none
        "Bearer \u00e9\u00e9",
        "Basic Zm9vOmJhcg==",
        "Bearer",
        "",
    ],
    ids=[
        "NUL",
        "100 KB",
        "not base64 JSON",
        "empty claims",
        "alg none",
        "latin-1",
        "basic",
        "no token",
        "empty",
    ],
)
def test_a_hostile_authorization_header_is_a_401(shared_addon: Addon, authorization: str) -> None:
    r = shared_addon.client.post(
        "/gmail/addon?action=compose",
        json=shared_addon.event("compose_parents_visible"),
        headers={"Authorization": authorization.encode("latin-1")},  # type: ignore[dict-item]
    )
    assert r.status_code == 401, r.text[:300]
    assert r.json()["detail"]
