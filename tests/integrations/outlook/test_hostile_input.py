"""Hostile input on the Outlook add-in's routes: never a 5xx, and an error says what.

- The add-in's calls with an Entra ID token (``/v1/check``, ``/v1/outcome``,
  ``/v1/outlook/graph-token``): tokens that are not JWTs, headers and claims of
  the wrong JSON type, NUL bytes and lone surrogates in claims (signed by the
  fake tenant, so they pass the signature), huge and negative times; then, as a
  signed-in teacher, bodies with NUL bytes, lone surrogates (the JSON escape
  ``\\ud800``), 1 MB strings, deep nesting, huge numbers, timezone-naive and
  impossible dates. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
- The add-in's files (``/addin/...``, ``/addin/config.json``, the well-known
  file): hostile paths and headers. No database.

An answer must be below 500; a 4xx must be JSON whose ``detail`` names the
problem (a 422 names the field, a 401 the token's fault).

The hostile tokens and check bodies may pass and be audited: those tests have an
app of their own. The refused raw bodies and the add-in's files only read: they
share one app per backend (and one without a database for the files).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.integrations.gmail.adapter import GmailHost
from app.integrations.outlook.adapter import OutlookHost
from app.integrations.outlook.settings import OutlookSettings
from app.main import create_app
from tests.conftest import ADMIN, make_settings
from tests.integrations.outlook.conftest import TID, Microsoft, make_outlook_settings
from tests.integrations.outlook.test_graph import GRAPH_ON
from tests.integrations.outlook.test_tokens import CHECK

MB = "x" * 1_000_000
LONE = "\ud800"
OUTCOME = {"outcome": "cancelled", "host": "outlook"}
PATHS = ("/v1/check", "/v1/outcome", "/v1/outlook/graph-token")


@contextmanager
def _teacher_client(
    db_url: str, data_dir: Path, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> Iterator[TestClient]:
    """Signed-in Outlook users for the demo school (Graph on)."""
    settings = Settings(
        database_url=db_url,
        data_dir=data_dir,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
    )
    app = create_app(
        settings, transport=microsoft.transport, hosts=(OutlookHost(outlook_settings), GmailHost())
    )
    with TestClient(app) as c:
        res = c.patch(
            "/v1/admin/schools/stmarys/settings",
            headers=ADMIN,
            json={"outlook": GRAPH_ON.model_dump(mode="json")},
        )
        assert res.status_code == 200, res.text
        yield c


@pytest.fixture
def teacher_client(
    db_url: str, tmp_path: Path, microsoft: Microsoft, outlook_settings: OutlookSettings
) -> Iterator[TestClient]:
    """On a database of its own, on each backend."""
    with _teacher_client(db_url, tmp_path, microsoft, outlook_settings) as c:
        yield c


@pytest.fixture(scope="module")
def shared_tenant() -> Microsoft:
    """The fake tenant of this module's cases that only read."""
    return Microsoft()


@pytest.fixture(scope="module")
def shared_teacher_client(
    shared_db_url: str, tmp_path_factory: pytest.TempPathFactory, shared_tenant: Microsoft
) -> Iterator[TestClient]:
    """For this module's cases that only read, on ``backend``."""
    data_dir = tmp_path_factory.mktemp("teacher")
    with _teacher_client(shared_db_url, data_dir, shared_tenant, make_outlook_settings()) as c:
        yield c


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _forged(header: Any, payload: Any = None) -> str:
    """A token with this header and payload (any JSON) and a junk signature."""
    body = json.dumps(payload if payload is not None else {"tid": TID}).encode()
    return f"{_b64(json.dumps(header).encode())}.{_b64(body)}.{_b64(b'sig')}"


# (label, the Authorization header's value from the fake tenant)
TOKENS: list[tuple[str, Callable[[Microsoft], str]]] = [
    # Not JWTs at all.
    ("three dots", lambda ms: "Bearer ..."),
    ("not base64", lambda ms: "Bearer eyJ!!!.eyJ!!!.x"),
    ("header not JSON", lambda ms: f"Bearer eyJ{_b64(b'nope')}.e30.x"),
    ("header a list", lambda ms: f"Bearer {_forged([1, 2])}"),
    ("header a string", lambda ms: f"Bearer {_forged('RS256')}"),
    ("1 MB", lambda ms: "Bearer eyJ" + MB),
    ("NUL", lambda ms: "Bearer eyJ\x00.e30.x"),
    # Headers of the wrong type or naming what we do not accept.
    ("alg a list", lambda ms: f"Bearer {_forged({'alg': ['RS256'], 'kid': 'key-1'})}"),
    ("alg a dict", lambda ms: f"Bearer {_forged({'alg': {'a': 1}, 'kid': 'key-1'})}"),
    ("alg none", lambda ms: f"Bearer {ms.unsigned('none')}"),
    ("alg HS256", lambda ms: f"Bearer {ms.unsigned('HS256', b'secret')}"),
    ("kid a list", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': ['key-1']})}"),
    ("kid a dict", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': {'k': 1}})}"),
    ("kid a number", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': 10**400})}"),
    ("kid NUL", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': 'key-1' + chr(0)})}"),
    ("kid lone surrogate", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': LONE})}"),
    ("kid 1 MB", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': MB})}"),
    ("crit", lambda ms: f"Bearer {_forged({'alg': 'RS256', 'kid': 'key-1', 'crit': ['b64']})}"),
    # Signed by the tenant, with claims of the wrong type or hostile content.
    ("exp a string", lambda ms: f"Bearer {ms.token(exp='tomorrow')}"),
    ("exp huge", lambda ms: f"Bearer {ms.token(exp=10**400)}"),
    ("exp negative", lambda ms: f"Bearer {ms.token(exp=-(10**20))}"),
    ("exp a float past range", lambda ms: f"Bearer {ms.token(exp=1.7e308)}"),
    ("nbf huge", lambda ms: f"Bearer {ms.token(nbf=10**400)}"),
    ("iat a list", lambda ms: f"Bearer {ms.token(iat=[1])}"),
    ("aud a list", lambda ms: f"Bearer {ms.token(aud=['a', 'b'])}"),
    ("aud a dict", lambda ms: f"Bearer {ms.token(aud={'a': 1})}"),
    ("tid a list", lambda ms: f"Bearer {ms.token(tid=[TID])}"),
    ("tid a dict", lambda ms: f"Bearer {ms.token(tid={'t': TID})}"),
    ("tid NUL", lambda ms: f"Bearer {ms.token(tid=TID + chr(0))}"),
    ("tid lone surrogate", lambda ms: f"Bearer {ms.token(tid=LONE)}"),
    ("tid 1 MB", lambda ms: f"Bearer {ms.token(tid=MB)}"),
    ("ver a list", lambda ms: f"Bearer {ms.token(ver=['2.0'])}"),
    ("scp a list", lambda ms: f"Bearer {ms.token(scp=['access_as_user'])}"),
    ("scp NUL", lambda ms: f"Bearer {ms.token(scp='access_as_user' + chr(0))}"),
    ("oid NUL", lambda ms: f"Bearer {ms.token(oid='a' + chr(0))}"),
    ("oid lone surrogate", lambda ms: f"Bearer {ms.token(oid=LONE)}"),
    ("oid a dict", lambda ms: f"Bearer {ms.token(oid={'o': 1})}"),
    ("oid 1 MB", lambda ms: f"Bearer {ms.token(oid=MB)}"),
    ("upn NUL", lambda ms: f"Bearer {ms.token(upn='a' + chr(0) + '@stmarys.sch.uk')}"),
    ("name lone surrogate", lambda ms: f"Bearer {ms.token(name=LONE)}"),
]


def _problem(r: httpx.Response, status: int | None = None, names: str | None = None) -> str | None:
    """Why this answer breaks the rule, or None."""
    if r.status_code >= 500 and r.status_code != 502:  # 502: Microsoft refused (documented)
        return f"{r.status_code}: {r.text[:200]}"
    if status is not None and r.status_code != status:
        return f"{r.status_code}, expected {status}: {r.text[:200]}"
    if r.status_code >= 400:
        try:
            detail = r.json()["detail"]
        except (ValueError, KeyError):
            return f"{r.status_code} without a JSON detail: {r.text[:200]}"
        if not detail:
            return f"{r.status_code} with an empty detail"
        if names is not None and names not in json.dumps(detail):
            return f"{r.status_code} does not name {names!r}: {json.dumps(detail)[:300]}"
    return None


def test_hostile_tokens_are_refused_with_a_reason(
    teacher_client: TestClient, microsoft: Microsoft
) -> None:
    failures: list[str] = []
    for label, make in TOKENS:
        auth = {"Authorization": make(microsoft)}
        for path in PATHS:
            body = CHECK if path == "/v1/check" else OUTCOME
            r = teacher_client.post(path, json=body, headers=auth)
            # A signed token with an odd claim that does not matter may pass: below 500 will do.
            why = _problem(r)
            detail = r.json().get("detail", "") if r.status_code == 401 else "token"
            if why is None and "token" not in detail and "API key" not in detail:
                why = f"401 not about the token: {r.json()['detail']}"
            if why:
                failures.append(f"{path} [{label}]: {why}")
    assert not failures, "\n".join(failures[:40])


def _with(field: str, value: Any) -> dict[str, Any]:
    return {**CHECK, field: value}


# (label, /v1/check body as a signed-in teacher, the field a 422 names, the status
# expected (413: over the body limit) or None where any answer below 500 will do)
CHECKS: list[tuple[str, Any, str | int | None]] = [
    ("subject NUL", _with("subject", "Invoice\x00 4471"), None),
    ("subject lone surrogate", _with("subject", f"Invoice {LONE}"), None),
    ("subject 1 MB", _with("subject", MB), 413),
    ("subject a number", _with("subject", 10**400), "subject"),
    ("subject a list", _with("subject", ["a"]), "subject"),
    ("sender NUL", _with("sender", {"email": "s.jones\x00@stmarys.sch.uk"}), "sender"),
    ("sender lone surrogate", _with("sender", {"email": f"{LONE}@stmarys.sch.uk"}), "sender"),
    ("sender name 1 MB", _with("sender", {"email": "s.jones@stmarys.sch.uk", "name": MB}), None),
    ("sender a string", _with("sender", "s.jones@stmarys.sch.uk"), "sender"),
    ("to NUL", _with("to", [{"email": "a\x00@b.co.uk"}]), "to"),
    ("to lone surrogate", _with("to", [{"email": f"{LONE}@b.co.uk"}]), "to"),
    ("to 1 MB", _with("to", [{"email": MB + "@b.co.uk"}]), 413),
    ("to name NUL", _with("to", [{"email": "a@b.co.uk", "name": "A\x00"}]), None),
    ("to a dict", _with("to", {"email": "a@b.co.uk"}), "to"),
    ("to deep", _with("to", [[[[[{"email": "a@b.co.uk"}]]]]]), "to"),
    ("send_at naive", _with("send_at", "2026-11-18T10:00:00"), None),
    ("send_at impossible", _with("send_at", "2026-02-30T10:00:00+00:00"), "send_at"),
    ("send_at year 0", _with("send_at", "0000-01-01T00:00:00+00:00"), "send_at"),
    ("send_at year 9999 end", _with("send_at", "9999-12-31T23:59:59-14:00"), None),
    ("send_at year 1 start", _with("send_at", "0001-01-01T00:00:00+14:00"), None),
    ("send_at a huge number", _with("send_at", 10**400), "send_at"),
    ("send_at a negative number", _with("send_at", -(10**12)), None),
    ("send_at NUL", _with("send_at", "2026-11-18\x00"), "send_at"),
    ("send_at offset past a day", _with("send_at", "2026-11-18T10:00:00+25:00"), "send_at"),
    ("host unknown", _with("host", "thunderbird"), "host"),
    ("host NUL", _with("host", "outlook\x00"), "host"),
    ("attachments huge size", _with("attachments", [{"name": "a.pdf", "size": 10**400}]), None),
    ("attachments negative size", _with("attachments", [{"name": "a.pdf", "size": -1}]), None),
    ("attachments name NUL", _with("attachments", [{"name": "a\x00.pdf", "size": 1}]), None),
    ("unknown field deep", _with("extra", json.loads("[" * 500 + "]" * 500)), None),
    ("a list", [CHECK], None),
    ("null", None, None),
]


def test_hostile_check_bodies_from_a_signed_in_teacher(
    teacher_client: TestClient, microsoft: Microsoft
) -> None:
    auth = {"Authorization": f"Bearer {microsoft.token()}", "content-type": "application/json"}
    failures: list[str] = []
    for label, body, expect in CHECKS:
        r = teacher_client.post("/v1/check", content=json.dumps(body), headers=auth)
        if isinstance(expect, int):
            why = _problem(r, expect)
        else:
            why = _problem(r, 422 if expect else None, expect)
        if why:
            failures.append(f"/v1/check [{label}]: {why}")
    assert not failures, "\n".join(failures[:40])


# (label, /v1/outcome or /v1/outlook/graph-token raw body)
RAW: list[tuple[str, bytes]] = [
    ("empty", b""),
    ("not JSON", b"hello"),
    ("invalid UTF-8", b'{"outcome": "\xff\xfe", "host": "outlook"}'),
    ("lone surrogate", b'{"outcome": "\\ud800", "host": "outlook"}'),
    ("NUL", b'{"outcome": "cancelled\\u0000", "host": "outlook"}'),
    ("check id NUL", b'{"outcome": "cancelled", "host": "outlook", "check_id": "\\u0000"}'),
    ("check id huge", b'{"outcome": "cancelled", "host": "outlook", "check_id": 1e400}'),
    ("past the digit limit", b'{"outcome": ' + b"9" * 5_000 + b"}"),
    ("deeper than the parser goes", b"[" * 100_000 + b"]" * 100_000),
    ("NaN", b'{"outcome": NaN}'),
]


@pytest.mark.parametrize(("label", "body"), RAW, ids=[label for label, _ in RAW])
@pytest.mark.parametrize("path", ["/v1/outcome", "/v1/check"])
def test_a_hostile_raw_body_is_a_4xx(
    shared_teacher_client: TestClient,
    shared_tenant: Microsoft,
    path: str,
    label: str,
    body: bytes,
) -> None:
    auth = {"Authorization": f"Bearer {shared_tenant.token()}", "content-type": "application/json"}
    r = shared_teacher_client.post(path, content=body, headers=auth)
    assert 400 <= r.status_code < 500, r.text[:300]
    assert r.json()["detail"]


# -- the add-in's files: no database ----------------------------------------------------

ADDIN_PATHS = [
    "/addin/%00",
    "/addin/launchevent.js%00.html",
    "/addin/" + "x" * 5_000,
    "/addin/" + "a/" * 2_000 + "b.js",
    "/addin/..%2F..%2F..%2Fetc%2Fpasswd",
    "/addin/%2e%2e/%2e%2e/app/config.py",
    "/addin/%ff%fe.js",
    "/addin/%ED%A0%80.js",
    "/addin/.",
    "/addin/",
    "/addin//etc/passwd",
    "/addin/C:%5Cwindows%5Cwin.ini",
    "/addin/config.json%00",
]


@pytest.mark.parametrize("path", ADDIN_PATHS)
def test_hostile_addin_paths_are_a_404(hosted_files: TestClient, path: str) -> None:
    r = hosted_files.get(path)
    assert r.status_code == 404, r.text[:200]
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {"If-None-Match": "\x00" * 10},
        {"If-None-Match": "x" * 60_000},
        {"Accept-Encoding": "gzip;q=" + "9" * 400},
        {"Accept-Encoding": "\xff\xfe"},
        {"Host": "evil.example\x00"},
        {"Host": "x" * 10_000},
    ],
    ids=["etag NUL", "etag 60 KB", "encoding huge q", "encoding latin-1", "host NUL", "host long"],
)
@pytest.mark.parametrize(
    "path",
    [
        "/addin/launchevent.js",
        "/addin/config.json",
        "/.well-known/microsoft-officeaddins-allowed.json",
    ],
)
def test_hostile_headers_on_the_addins_files(
    hosted_files: TestClient, path: str, headers: dict[str, str]
) -> None:
    raw = {k: v.encode("latin-1") for k, v in headers.items()}
    r = hosted_files.get(path, headers=raw)  # type: ignore[arg-type]
    assert r.status_code < 500, r.text[:200]
    if r.status_code == 200:
        assert "evil.example" not in r.text


@pytest.fixture(scope="module")
def hosted_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The add-in's files for this module's cases (they only read)."""
    settings = make_settings(tmp_path_factory.mktemp("files"))
    app = create_app(settings, hosts=(OutlookHost(make_outlook_settings()), GmailHost()))
    with TestClient(app) as c:
        yield c
