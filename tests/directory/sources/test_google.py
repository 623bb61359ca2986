"""Google Workspace Directory source: ``HttpMockSequence`` pages shaped as the Admin SDK
reference shows them, and the real path (service account, delegation, token) through
the shared httpx client."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from googleapiclient.http import HttpMockSequence

from app.directory.sources.base import SourceAuthError, SourceError
from app.directory.sources.google import GoogleSource
from app.domain import PersonKind

CONFIG: dict[str, Any] = {
    "service_account_env": "ETQ_TEST_GOOGLE_SA",
    "admin_email": "it.admin@oak.sch.uk",
    "pupil_org_units": ["/Pupils"],
}


def user(i: int, unit: str = "/Staff", **over: Any) -> dict[str, Any]:
    u = {
        "kind": "admin#directory#user",
        "id": f"10{i:016d}",
        "etag": '"etag"',
        "primaryEmail": f"user{i}@oak.sch.uk",
        "name": {
            "givenName": f"Given{i}",
            "familyName": f"Family{i}",
            "fullName": f"Given{i} Family{i}",
        },
        "isAdmin": False,
        "suspended": False,
        "archived": False,
        "orgUnitPath": unit,
        "organizations": [
            {"title": "Teacher", "primary": True, "customType": "", "department": "Science"}
        ],
    }
    u.update(over)
    return u


def users_page(users: list[dict[str, Any]], token: str | None = None) -> tuple[dict[str, str], str]:
    body: dict[str, Any] = {"kind": "admin#directory#users", "etag": '"e"', "users": users}
    if token:
        body["nextPageToken"] = token
    return {"status": "200"}, json.dumps(body)


def groups_page(groups: list[dict[str, Any]]) -> tuple[dict[str, str], str]:
    return {"status": "200"}, json.dumps(
        {"kind": "admin#directory#groups", "etag": '"e"', "groups": groups}
    )


GROUP = {
    "kind": "admin#directory#group",
    "id": "03x",
    "etag": '"e"',
    "email": "All-Staff@oak.sch.uk",
    "name": "All staff",
    "directMembersCount": "120",
    "description": "",
    "adminCreated": True,
}


def run(responses: list[tuple[dict[str, str], str]], **over: Any) -> Any:
    mock = HttpMockSequence(responses)
    waits: list[float] = []
    src = GoogleSource("google", {**CONFIG, **over}, mock, sleep=waits.append)
    return asyncio.run(src.fetch(None)), mock, waits


def test_pages_users_and_groups_and_marks_pupils_by_org_unit() -> None:
    got, _, _ = run(
        [
            users_page([user(1), user(2, "/Pupils/Year 7")], token="p2"),
            users_page([user(3, "/Pupils"), user(4, suspended=True)]),
            groups_page([GROUP]),
        ]
    )
    by_email = {p.email: p for p in got.people}
    assert len(by_email) == 3 and got.full and got.cursor is None
    staff = by_email["user1@oak.sch.uk"]
    assert (staff.kind, staff.roles, staff.departments) == (
        PersonKind.STAFF,
        ("Teacher",),
        ("Science",),
    )
    pupil = by_email["user2@oak.sch.uk"]
    assert (pupil.kind, pupil.classes, pupil.roles) == (PersonKind.PUPIL, ("/Pupils/Year 7",), ())
    assert by_email["user3@oak.sch.uk"].kind is PersonKind.PUPIL
    assert [(s.reason) for s in got.skipped] == ["account suspended or archived"]
    assert [(g.email, g.name, g.member_count) for g in got.groups] == [
        ("all-staff@oak.sch.uk", "All staff", 120)
    ]


def test_5xx_and_429_are_retried_by_the_client_library() -> None:
    got, _, waits = run(
        [
            ({"status": "503"}, json.dumps({"error": {"code": 503, "message": "Backend Error"}})),
            ({"status": "429"}, json.dumps({"error": {"code": 429, "message": "Rate Limit"}})),
            users_page([user(1)]),
        ],
        groups=False,
    )
    assert len(got.people) == 1 and len(waits) == 2


def test_403_is_an_auth_error() -> None:
    body = json.dumps(
        {"error": {"code": 403, "message": "Not Authorized to access this resource/api"}}
    )
    with pytest.raises(SourceAuthError, match="HTTP 403"):
        run([({"status": "403"}, body)])


def test_a_page_that_keeps_failing_is_an_error() -> None:
    bad = ({"status": "500"}, json.dumps({"error": {"code": 500, "message": "x"}}))
    with pytest.raises(SourceError, match="HTTP 500"):
        run([bad] * 6, groups=False)


# -- the real path: service account key, delegation, token, shared httpx client --------


def _key() -> tuple[str, Any]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = {
        "type": "service_account",
        "project_id": "oak-etiquette",
        "private_key_id": "k1",
        "private_key": pem,
        "client_email": "etiquette@oak-etiquette.iam.gserviceaccount.com",
        "client_id": "1234567890",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    return json.dumps(info), private.public_key()


def test_service_account_with_delegation_through_the_shared_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key_json, public = _key()
    monkeypatch.setenv("ETQ_TEST_GOOGLE_SA", key_json)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url == "https://oauth2.googleapis.com/token":
            form = parse_qs(request.content.decode())
            claims = jwt.decode(
                form["assertion"][0],
                public,
                algorithms=["RS256"],
                audience="https://oauth2.googleapis.com/token",
            )
            assert claims["sub"] == "it.admin@oak.sch.uk"  # domain-wide delegation
            assert "admin.directory.user.readonly" in claims["scope"]
            return httpx.Response(
                200, json={"access_token": "ya29.test", "expires_in": 3599, "token_type": "Bearer"}
            )
        assert request.headers["authorization"] == "Bearer ya29.test"
        seen.append(url)
        if "/admin/directory/v1/users" in url:
            return httpx.Response(200, content=users_page([user(1)])[1])
        return httpx.Response(200, content=groups_page([GROUP])[1])

    async def go() -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await GoogleSource("google", CONFIG, http).fetch(None)

    got = asyncio.run(go())
    assert len(got.people) == 1 and len(got.groups) == 1
    assert "customer=my_customer" in seen[0]
