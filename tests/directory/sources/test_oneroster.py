"""OneRoster 1.1: CSV bundles (folder and zip) and REST, with family links and classes."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from app.directory.sources.base import RetryPolicy, SourceAuthError
from app.directory.sources.oneroster import OneRosterSource
from app.domain import PersonKind
from app.people import Relationship

USERS_HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
)
USERS = (
    USERS_HEADER
    + """
u-s1,,,true,org1,student,amir.khan,,Amir,Khan,,ADM0001,amir.khan@pupils.oak.sch.uk,,,"u-p1,u-p2",09,
u-s2,,,true,org1,student,bea.khan,,Bea,Khan,,ADM0002,bea.khan@pupils.oak.sch.uk,,,u-p1,07,
u-p1,,,true,org1,parent,,,Samina,Khan,,,samina.khan@gmail.com,,,"u-s1,u-s2",,
u-p2,,,true,org1,guardian,,,Imran,Khan,,,imran@example.org,,,u-s1,,
u-t1,,,true,org1,teacher,s.jones,,Sarah,Jones,,,s.jones@oak.sch.uk,,,,,
u-t2,,,false,org1,teacher,old,,Old,Account,,,old@oak.sch.uk,,,,,
u-x1,,,true,org2,student,other,,Other,School,,,o@pupils.elm.sch.uk,,,,,
"""
)
CLASSES_HEADER = (
    "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
    "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods"
)
CLASSES = (
    CLASSES_HEADER
    + """
c1,,,9X/Ma1,09,co1,9XMa1,scheduled,,org1,t1,Maths,,
c2,,,9X,09,co2,9X,homeroom,,org1,t1,,,
"""
)
ENROLLMENTS_HEADER = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
    "primary,beginDate,endDate"
)
ENROLLMENTS = (
    ENROLLMENTS_HEADER
    + """
e1,,,c1,org1,u-s1,student,false,,
e2,,,c2,org1,u-s1,student,false,,
e3,,,c1,org1,u-t1,teacher,true,,
"""
)


def bundle(folder: Path) -> Path:
    folder.mkdir()
    (folder / "users.csv").write_text(USERS)
    (folder / "classes.csv").write_text(CLASSES)
    (folder / "enrollments.csv").write_text(ENROLLMENTS)
    (folder / "manifest.csv").write_text("propertyName,value\nmanifest.version,1.0\n")
    return folder


def check(got: Any) -> None:
    by_id = {p.id: p for p in got.people}
    assert set(by_id) == {"u-s1", "u-s2", "u-p1", "u-p2", "u-t1"}
    assert by_id["u-s1"].kind is PersonKind.PUPIL and by_id["u-s1"].mis_ref == "ADM0001"
    assert by_id["u-s1"].classes == ("9X/Ma1", "9X")
    assert by_id["u-p1"].kind is PersonKind.PARENT
    assert by_id["u-p1"].relationships == (
        Relationship("u-s1", "parent"),
        Relationship("u-s2", "parent"),
    )
    assert by_id["u-p2"].relationships == (Relationship("u-s1", "guardian"),)
    assert (by_id["u-t1"].roles, by_id["u-t1"].classes) == (("teacher",), ("9X/Ma1",))
    assert [(s.id, s.reason) for s in got.skipped] == [("u-t2", "account disabled")]


def test_csv_bundle_folder(tmp_path: Path) -> None:
    src = OneRosterSource("sims-id", {"bundle": str(bundle(tmp_path / "b")), "org": "org1"})
    check(asyncio.run(src.fetch(None)))


def test_csv_bundle_zip(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b")
    z = tmp_path / "oneroster.zip"
    with zipfile.ZipFile(z, "w") as out:
        for f in folder.iterdir():
            out.write(f, f"export/{f.name}")
    src = OneRosterSource("xporter", {"bundle": str(z), "org": "org1"})
    check(asyncio.run(src.fetch(None)))


def _rest_users() -> list[dict[str, Any]]:
    import csv
    import io

    out = []
    for r in csv.DictReader(io.StringIO(USERS)):
        out.append(
            {
                "sourcedId": r["sourcedId"],
                "status": "active",
                "dateLastModified": "2026-11-01T08:00:00.000Z",
                "username": r["username"],
                "userIds": [],
                "enabledUser": r["enabledUser"],
                "givenName": r["givenName"],
                "familyName": r["familyName"],
                "middleName": r["middleName"],
                "role": r["role"],
                "identifier": r["identifier"],
                "email": r["email"],
                "sms": "",
                "phone": "",
                "agents": [
                    {"href": f"/users/{a}", "sourcedId": a, "type": "user"}
                    for a in r["agentSourcedIds"].split(",")
                    if a
                ],
                "orgs": [{"href": "/orgs/x", "sourcedId": r["orgSourcedIds"], "type": "org"}],
                "grades": [r["grades"]] if r["grades"] else [],
            }
        )
    return out


def test_rest_pages_with_limit_and_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_OR_SECRET", "or-secret")
    base = "https://or.example.org/ims/oneroster/v1p1"
    data = {
        "users": _rest_users(),
        "classes": [
            {"sourcedId": "c1", "status": "active", "title": "9X/Ma1"},
            {"sourcedId": "c2", "status": "active", "title": "9X"},
        ],
        "enrollments": [
            {
                "sourcedId": "e1",
                "status": "active",
                "user": {"sourcedId": "u-s1"},
                "class": {"sourcedId": "c1"},
                "role": "student",
            },
            {
                "sourcedId": "e2",
                "status": "active",
                "user": {"sourcedId": "u-s1"},
                "class": {"sourcedId": "c2"},
                "role": "student",
            },
            {
                "sourcedId": "e3",
                "status": "active",
                "user": {"sourcedId": "u-t1"},
                "class": {"sourcedId": "c1"},
                "role": "teacher",
            },
        ],
    }
    asked: list[tuple[str, int]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            form = parse_qs(request.content.decode())
            if form["client_secret"] != ["or-secret"]:
                return httpx.Response(401, json={"error": "invalid_client"})
            return httpx.Response(
                200, json={"access_token": "or-token", "token_type": "bearer", "expires_in": 3600}
            )
        assert request.headers["Authorization"] == "Bearer or-token"
        collection = request.url.path.rsplit("/", 1)[-1]
        limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
        asked.append((collection, offset))
        items = data[collection][offset : offset + limit]
        return httpx.Response(
            200, json={collection: items}, headers={"X-Total-Count": str(len(data[collection]))}
        )

    config = {
        "base_url": base,
        "token_url": "https://or.example.org/oauth/token",
        "client_id": "etiquette",
        "client_secret_env": "ETQ_TEST_OR_SECRET",
        "org": "org1",
        "page_size": 3,
    }

    async def go(cfg: dict[str, Any]) -> Any:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            return await OneRosterSource("or", cfg, http, policy=RetryPolicy(attempts=1)).fetch(
                None
            )

    check(asyncio.run(go(config)))
    assert [o for c, o in asked if c == "users"] == [0, 3, 6]
    monkeypatch.setenv("ETQ_TEST_OR_SECRET", "wrong")
    with pytest.raises(SourceAuthError):
        asyncio.run(go(config))
