"""/v1/check: the contract, tenancy, and bad input never giving a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from app.api.schemas import CheckResponse
from tests.conftest import ADMIN, CHECKER

GOOD: dict[str, Any] = {
    "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Sarah Jones"},
    "to": [{"email": "parent1@gmail.com", "name": ""}, {"email": "parent2@outlook.com"}],
    "cc": [],
    "bcc": [],
    "subject": "Year 9 trip: consent forms",
    "attachments": [
        {"name": "letter.pdf", "size": 120000, "inline": False, "content_type": "application/pdf"}
    ],
    "compose_type": "new",
    "importance": "normal",
    "send_at": "2026-11-18T10:00:00+00:00",
    "host": "api",
}


def test_contract(client: TestClient) -> None:
    res = client.post("/v1/check", json=GOOD)
    assert res.status_code == 200
    body = res.json()
    assert set(body) >= {"action", "findings", "policy_version", "duration_ms", "check_id"}
    assert body["action"] == "warn"
    (f,) = body["findings"]
    assert set(f) == {
        "code",
        "rule",
        "severity",
        "title",
        "message",
        "policy_ref",
        "evidence",
        "fixes",
    }
    assert f["code"] == "REC003" and f["rule"] == "external-addresses-visible"
    assert f["fixes"] == [
        {
            "kind": "move_to_bcc",
            "title": "Move 2 external recipients to Bcc",
            "addresses": ["parent1@gmail.com", "parent2@outlook.com"],
        }
    ]
    assert body["policy_version"] == 1
    assert body["duration_ms"] >= 0


# The route writes the verdict's JSON itself (no second validation against its
# response_model): the bytes must be those the response_model would write.
@pytest.mark.parametrize(
    "changes",
    [
        {},  # REC003: a fix with addresses
        {"to": [{"email": "head@stmarys.sch.uk"}]},  # nothing found
        {"send_at": "2026-11-18T22:30:00+00:00"},  # OOH001: a fix holding a time
        {"subject": "", "importance": "high"},  # SUB002
        {"attachments": [{"name": "all.zip", "size": 40_000_000}]},  # ATT001
        {"to": [{"email": f"p{i}@gmail.com", "name": "Ab Cd"} for i in range(40)]},  # REC001
        {"subject": "Ünïcödé ✓ trip", "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Zoë"}},
    ],
)
def test_body_is_what_the_response_model_writes(
    client: TestClient, changes: dict[str, Any]
) -> None:
    res = client.post("/v1/check", json={**GOOD, **changes})
    assert res.status_code == 200
    assert res.headers["content-type"] == "application/json"
    model = TypeAdapter(CheckResponse)
    assert res.content == model.dump_json(model.validate_json(res.content))


def test_send_at_defaults_to_now(client: TestClient) -> None:
    body = {k: v for k, v in GOOD.items() if k != "send_at"}
    assert client.post("/v1/check", json=body).status_code == 200


def test_key_of_another_school_is_refused(client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    other = runtime.store.create_tenant("o", "Other", ["other.sch.uk"])
    with runtime.store.db.session() as s:
        key = runtime.store.scoped(s, other).create_api_key("check")
    runtime.refresh_sync()
    res = client.post("/v1/check", json=GOOD, headers={"X-API-Key": key})
    assert res.status_code == 403 and "another school" in res.json()["detail"]
    # a personal sender (no school's domain) is checked under the key's school
    personal = {
        **GOOD,
        "sender": {"email": "mr.jones@gmail.com"},
        "to": [{"email": "amir.khan@pupils.stmarys.sch.uk"}],
    }
    res = client.post("/v1/check", json=personal, headers=CHECKER)
    assert res.status_code == 200 and [f["code"] for f in res.json()["findings"]] == ["PUP002"]


def _bearer(key_header: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {key_header['X-API-Key']}"}


def test_unknown_key_is_401(client: TestClient) -> None:
    res = client.post("/v1/check", json=GOOD, headers={"Authorization": "Bearer etq_nope"})
    assert res.status_code == 401 and res.json()["detail"] == "unknown or revoked API key"


# How ``check_caller`` reads the key, as the two security schemes did:
# X-API-Key first, else an ``Authorization: Bearer`` (scheme in any case);
# another scheme or an empty value is no key (the demo checks by domain).
# An unknown key is refused before the body is validated (the JSON itself is
# decoded first: a body that is not JSON answers 422 whatever the key).
KEY_HEADERS: list[tuple[str, dict[str, str], bytes | None, int]] = [
    ("unknown bearer", {"Authorization": "Bearer etq_nope"}, None, 401),
    ("unknown bearer, lower-case scheme", {"authorization": "bearer etq_nope"}, None, 401),
    ("unknown bearer, body invalid", {"Authorization": "Bearer etq_nope"}, b'{"to": 1}', 401),
    ("unknown bearer, body not json", {"Authorization": "Bearer etq_nope"}, b"{not json", 422),
    ("X-API-Key before bearer", {"X-API-Key": "etq_nope", **_bearer(CHECKER)}, None, 401),
    ("empty X-API-Key, bearer", {"X-API-Key": "", "Authorization": "Bearer etq_nope"}, None, 401),
    ("the check key as bearer", _bearer(CHECKER), None, 200),
    ("another scheme is no key", {"Authorization": "Basic etq_nope"}, None, 200),
    ("bearer without a value", {"Authorization": "Bearer "}, None, 200),
]


@pytest.mark.parametrize(
    ("headers", "raw", "expected"),
    [c[1:] for c in KEY_HEADERS],
    ids=[c[0] for c in KEY_HEADERS],
)
def test_how_the_key_is_read(
    client: TestClient, headers: dict[str, str], raw: bytes | None, expected: int
) -> None:
    if raw is None:
        res = client.post("/v1/check", json=GOOD, headers=headers)
    else:
        res = client.post(
            "/v1/check", content=raw, headers={**headers, "Content-Type": "application/json"}
        )
    assert res.status_code == expected, res.text


def _many(n: int) -> list[dict[str, str]]:
    return [{"email": f"t{i}@stmarys.sch.uk"} for i in range(n)]


BAD: list[tuple[str, Any, int, str]] = [
    # id, body, status, text that must appear in the response
    ("not json", b"{not json", 422, "json_invalid"),
    ("json array", [1, 2], 422, "body"),
    ("missing sender", {k: v for k, v in GOOD.items() if k != "sender"}, 422, "sender"),
    ("malformed address", {**GOOD, "to": [{"email": "parent at gmail"}]}, 422, "to"),
    ("address with two @", {**GOOD, "cc": [{"email": "a@b@c.com"}]}, 422, "cc"),
    ("10,000 recipients", {**GOOD, "to": _many(10_000)}, 422, "at most 500 items"),
    ("100,000 recipients", {**GOOD, "to": _many(100_000)}, 413, "over the limit"),
    ("501 in To", {**GOOD, "to": _many(501)}, 422, "to"),
    (
        "1,001 in all",
        {**GOOD, "to": _many(500), "cc": _many(500), "bcc": _many(1)},
        422,
        "too many recipients",
    ),
    ("1 MB subject", {**GOOD, "subject": "x" * 1_000_001}, 413, "over the limit"),
    ("long subject", {**GOOD, "subject": "x" * 999}, 422, "subject"),
    ("subject wrong type", {**GOOD, "subject": ["a"]}, 422, "subject"),
    ("size negative", {**GOOD, "attachments": [{"name": "a", "size": -1}]}, 422, "size"),
    ("size a string", {**GOOD, "attachments": [{"name": "a", "size": "big"}]}, 422, "size"),
    ("unknown compose type", {**GOOD, "compose_type": "replyAll"}, 422, "compose_type"),
    ("naive send_at", {**GOOD, "send_at": "2026-11-18T10:00:00"}, 422, "send_at"),
    ("garbage send_at", {**GOOD, "send_at": "tomorrow-ish"}, 422, "send_at"),
    ("unknown host", {**GOOD, "host": "thunderbird"}, 422, "host"),
    (
        "sender of no school",
        {**GOOD, "sender": {"email": "x@elsewhere.org"}},
        422,
        "matches no configured school",
    ),
    ("null everywhere", {"sender": None, "to": None}, 422, "sender"),
    ("deep nesting", {"sender": {"email": {"a": {"b": [[[[]]]]}}}}, 422, "sender"),
]


@pytest.mark.parametrize(
    ("body", "status", "text"), [pytest.param(b, s, t, id=i) for i, b, s, t in BAD]
)
def test_bad_input_is_a_clear_4xx(client: TestClient, body: Any, status: int, text: str) -> None:
    if isinstance(body, bytes):
        res = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    else:
        res = client.post("/v1/check", json=body)
    assert res.status_code == status, res.text[:300]
    assert text in res.text


def test_error_responses_do_not_echo_input(client: TestClient) -> None:
    res = client.post("/v1/check", json={**GOOD, "to": [{"email": "Amir Khan <not-an-address>"}]})
    assert res.status_code == 422
    assert "Amir" not in res.text


def test_outcome_needs_a_key_and_valid_codes(client: TestClient) -> None:
    ok = {
        "check_id": "2bdf148e-39d0-451a-a304-8bf95e20ba13",
        "outcome": "sent_anyway",
        "host": "outlook",
        "codes": ["REC003"],
    }
    assert (
        client.post("/v1/outcome", json={**ok, "check_id": "x" * 36}, headers=CHECKER).status_code
        == 422
    )
    assert client.post("/v1/outcome", json=ok).status_code == 401
    assert client.post("/v1/outcome", json=ok, headers=CHECKER).status_code == 202
    bad = {**ok, "codes": ["NOPE01"]}
    assert client.post("/v1/outcome", json=bad, headers=CHECKER).status_code == 422
    assert (
        client.post("/v1/outcome", json={**ok, "outcome": "shrug"}, headers=CHECKER).status_code
        == 422
    )


def test_rules_catalogue(client: TestClient) -> None:
    body = client.get("/v1/rules").json()
    assert [r["code"] for r in body["rules"]][:2] == ["PUP001", "PUP002"]
    rec1 = next(r for r in body["rules"] if r["code"] == "REC001")
    assert rec1["options_schema"]["properties"]["max_recipients"]["default"] == 25
    assert "does everyone need to receive" in rec1["policy_text"]


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["schools_loaded"] == 1
    # the tests run the checkout's source; the image's compiled build says
    # "compiled" (scripts/check-image.sh checks that)
    assert ready.json()["name_finder"] == "python"


def test_openapi_has_stable_operation_ids(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "check_message",
        "record_outcome",
        "replace_policy",
        "replace_people",
        "dry_run_policy",
    } <= ops


def test_the_readme_documents_the_demo_keys_the_tests_use() -> None:
    from app.demo import DEMO_ADMIN_KEY, DEMO_CHECK_KEY

    assert (ADMIN["X-API-Key"], CHECKER["X-API-Key"]) == (DEMO_ADMIN_KEY, DEMO_CHECK_KEY)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{DEMO_ADMIN_KEY}` (admin) and `{DEMO_CHECK_KEY}` (check)" in readme


def test_a_chunked_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    """Driven at the ASGI level so the body really arrives chunk by chunk."""
    import anyio

    read = {"chunks": 0}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        read["chunks"] += 1
        more = read["chunks"] < 10_000  # 10 MB if read whole
        return {"type": "http.request", "body": b"x" * 1000, "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/check",
        "raw_path": b"/v1/check",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "app": client.app,
        "state": {},
    }
    anyio.run(client.app, scope, receive, send)  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert read["chunks"] < 1_100, "the body was read past the limit before it was refused"


def test_roster_uploads_may_be_larger_than_checks(client: TestClient) -> None:
    header = "id,kind,first_name,middle_names,last_name,email\n"
    middle = "Alexandra Bernadette Constance Dorothea Evangeline"  # wide rows: fewer of them
    rows = "".join(
        f"P{i},pupil,Pupil{i},{middle},Surname{i},p{i}@pupils.stmarys.sch.uk\n"
        for i in range(10_000)
    )
    body = (header + rows).encode()
    assert len(body) > 1_000_000
    res = client.put(
        "/v1/admin/schools/stmarys/directory/people?confirm_removals=true",
        headers=ADMIN,
        content=body,
    )
    assert res.status_code == 200, res.text[:200]
    assert res.json()["counts"]["pupil"] == 10_000


@pytest.mark.parametrize(
    "send_at", ["0001-01-01T00:30:00+14:00", "9999-12-31T23:00:00-10:00", "9999-12-31T20:00:00Z"]
)
def test_send_at_at_the_edges_of_time_is_a_422(client: TestClient, send_at: str) -> None:
    res = client.post("/v1/check", json={**GOOD, "send_at": send_at})
    assert res.status_code == 422 and "send_at" in res.text


# /v1/check answers a JSON body that validates on a direct path (CheckLane) and
# everything else through FastAPI's declared handler. The same request with a
# content type only the declared handler takes ("Application/JSON") must get
# the same answer, for good bodies, lax ones and bad ones, with every kind of key.
SAME: list[tuple[str, Any]] = [
    ("good", GOOD),
    ("lax: size as a numeric string", {**GOOD, "attachments": [{"name": "a", "size": "12"}]}),
    ("lax: send_at as a number", {**GOOD, "send_at": 1795000000}),
    ("extra fields ignored", {**GOOD, "x-extra": {"a": 1}, "to": [{"email": "a@b.com", "q": 1}]}),
    (
        "duplicate keys",
        b'{"sender": {"email": "x@y.org"}, "sender": ' + b'{"email": "s.jones@stmarys.sch.uk"}}',
    ),
    ("NaN", b'{"sender": {"email": "s.jones@stmarys.sch.uk"}, "attachments": [{"size": NaN}]}'),
    (
        "unicode escapes",
        b'{"sender": {"email": "s.jones@stmarys.sch.uk"}, "subject": "\\u00e9\\ud83d\\ude00"}',
    ),
    ("lone surrogate", b'{"sender": {"email": "s.jones@stmarys.sch.uk"}, "subject": "\\ud800"}'),
    ("empty body", b""),
    ("whitespace body", b"  "),
    *((i, b) for i, b, _, _ in BAD if not i.endswith("MB subject") and "100,000" not in i),
]


def _answer(res: Any) -> tuple[int, Any]:
    try:
        data = res.json()
    except ValueError:
        return res.status_code, res.text
    if isinstance(data, dict):
        data.pop("check_id", None)
        data.pop("duration_ms", None)
    return res.status_code, data


@pytest.mark.parametrize(
    "key", [CHECKER, {"X-API-Key": "etq_nope"}, {}], ids=["key", "bad", "none"]
)
@pytest.mark.parametrize("body", [pytest.param(b, id=i) for i, b in SAME])
def test_the_direct_path_answers_as_fastapis_handler(
    client: TestClient, body: Any, key: dict[str, str]
) -> None:
    import json

    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    direct = client.post(
        "/v1/check", content=raw, headers={**key, "Content-Type": "application/json"}
    )
    declared = client.post(
        "/v1/check", content=raw, headers={**key, "Content-Type": "Application/JSON"}
    )
    assert _answer(direct) == _answer(declared)
    assert direct.headers.get("content-type") == declared.headers.get("content-type")


def test_the_direct_path_is_in_use(client: TestClient) -> None:
    # CheckLane must sit right outside Starlette's exception middleware; put
    # anywhere else it quietly sends every check the long way round.
    from app.api.check import CheckLane

    assert client.post("/v1/check", json=GOOD, headers=CHECKER).status_code == 200
    layer: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while layer is not None and not isinstance(layer, CheckLane):
        layer = getattr(layer, "app", None)
    assert layer is not None and layer._handlers is not None
