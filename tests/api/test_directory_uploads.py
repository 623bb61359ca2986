"""Roster uploads on both databases: refused when destructive, answered with a diff."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_check_api import GOOD
from tests.conftest import ADMIN

BASE = "/v1/admin/schools/stmarys/directory"
CSV = {**ADMIN, "content-type": "text/csv"}
HEADER = "id,kind,first_name,last_name,email\n"


def _roster(n: int, *, start: int = 0, surname: str = "Smith") -> str:
    return HEADER + "".join(
        f"X{i},pupil,Pupil{i},{surname},p{i}@pupils.stmarys.sch.uk\n" for i in range(start, n)
    )


def _put(c: TestClient, body: str | bytes, query: str = "", kind: str = "people") -> Any:
    return c.put(f"{BASE}/{kind}{query}", headers=CSV, content=body)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        HEADER.encode(),
        # curl -d strips the line breaks: a header with one long line of "columns"
        _roster(5).replace("\n", "").encode(),
    ],
)
def test_an_upload_with_no_people_is_refused(db_client: TestClient, body: bytes) -> None:
    before = db_client.get("/v1/admin/schools/stmarys", headers=ADMIN).json()["directory"]
    res = _put(db_client, body, "?confirm_removals=true")
    assert res.status_code == 422, res.text
    (err,) = res.json()["detail"]
    assert "loc" in err and ("no people" in err["msg"] or "missing column" in err["msg"])
    after = db_client.get("/v1/admin/schools/stmarys", headers=ADMIN).json()["directory"]
    assert after == before
    # checks still know the pupils
    body2 = {**GOOD, "to": [{"email": "amirk2011@gmail.com"}]}
    assert db_client.post("/v1/check", json=body2).json()["action"] == "block"


def test_removing_more_than_the_share_needs_confirmation(db_client: TestClient) -> None:
    assert _put(db_client, _roster(100), "?confirm_removals=true").status_code == 200
    # 11 of 100 gone: refused, nothing changed
    res = _put(db_client, _roster(100, start=11))
    assert res.status_code == 409
    assert "remove 11 of 100" in res.json()["detail"]
    assert "confirm_removals=true" in res.json()["detail"]
    counts = db_client.get("/v1/admin/schools/stmarys", headers=ADMIN).json()["directory"]
    assert counts["pupil"] == 100
    # 10 of 100 (with one renamed, two new): allowed, with the diff
    body = _roster(100, start=10).replace("Pupil50,Smith", "Pupil50,Jones") + _roster(
        102, start=100
    ).removeprefix(HEADER)
    res = _put(db_client, body)
    assert res.status_code == 200, res.text
    diff = res.json()["diff"]
    assert (diff["before"], diff["after"]) == (100, 92)
    assert (diff["added"], diff["changed"], diff["removed"], diff["unchanged"]) == (2, 1, 10, 89)
    assert diff["added_ids"] == ["X100", "X101"] and diff["changed_ids"] == ["X50"]
    assert diff["removed_ids"] == sorted(f"X{i}" for i in range(10))
    # the same file again changes nothing, and the directory keeps its version
    # (no instance rebuilds a directory that did not change)
    version = res.json()["directory_version"]
    again = _put(db_client, body).json()
    diff = again["diff"]
    assert (diff["added"], diff["changed"], diff["removed"], diff["unchanged"]) == (0, 0, 0, 92)
    assert again["directory_version"] == version
    assert again["counts"]["pupil"] == 92
    # confirmed: a big removal goes ahead
    res = _put(db_client, _roster(3), "?confirm_removals=true")
    assert res.status_code == 200 and res.json()["diff"]["removed"] == 92


def test_groups_answer_a_diff_and_refuse_duplicates(db_client: TestClient) -> None:
    body = "email,name,member_count\nall@stmarys.sch.uk,All,3\nall@stmarys.sch.uk,All,4\n"
    res = _put(db_client, body, "?confirm_removals=true", kind="groups")
    assert res.status_code == 422 and "appears twice" in res.text
    body = "email,name,member_count\nall@stmarys.sch.uk,All,3\n"
    res = _put(db_client, body, "?confirm_removals=true", kind="groups")
    assert res.status_code == 200, res.text
    assert res.json()["diff"]["added_ids"] == ["all@stmarys.sch.uk"]


def _synced(c: TestClient, source: str, ids: list[str], group: str | None = None) -> str:
    """Rows a sync source holds (as the sync engine writes them); the school's id."""
    from dataclasses import replace

    from app.directory.model import Group
    from app.domain import PersonKind
    from app.people import Person
    from app.store.sync import SyncRepo

    store = c.app.state.runtime.store  # type: ignore[attr-defined]
    tid = store.tenant_id_for_slug("stmarys")
    people = [replace(Person(i, "Staff", i, PersonKind.STAFF), source=source) for i in ids]
    groups = [Group(group, "Staff", 2, source=source)] if group else None
    with store.db.session() as s:
        repo = SyncRepo(s, tid)
        repo.put_source(source, "graph", {})
        repo.replace_source_rows(source, people, groups)
    return str(tid)


def _sources(c: TestClient) -> dict[str, int]:
    from sqlalchemy import func, select

    from app.store.models import DirectoryPerson

    store = c.app.state.runtime.store  # type: ignore[attr-defined]
    with store.db.session() as s:
        rows = s.execute(
            select(DirectoryPerson.source, func.count()).group_by(DirectoryPerson.source)
        ).all()
    return {str(k): int(n) for k, n in rows}


def test_an_upload_replaces_only_the_uploaded_people(db_client: TestClient) -> None:
    assert _put(db_client, _roster(20), "?confirm_removals=true").status_code == 200
    _synced(db_client, "entra", ["G1", "G2"], group="staff@stmarys.sch.uk")
    # The synced people are neither removed nor counted in the upload's diff.
    res = _put(db_client, _roster(20, start=1))
    assert res.status_code == 200, res.text
    diff = res.json()["diff"]
    assert (diff["before"], diff["after"], diff["removed"]) == (20, 19, 1)
    assert _sources(db_client) == {"csv": 19, "entra": 2}
    # An uploaded id or group address a sync holds is refused, the row named.
    res = _put(db_client, _roster(20, start=1) + "G2,staff,Sam,Jones,\n")
    assert res.status_code == 422
    assert res.json()["detail"][0]["loc"] == ["body", 21, "id"]
    assert "held by a directory sync source" in res.json()["detail"][0]["msg"]
    res = _put(db_client, "email,name\nstaff@stmarys.sch.uk,Staff\n", kind="groups")
    assert res.status_code == 422 and res.json()["detail"][0]["loc"] == ["body", 2, "email"]
    res = _put(db_client, "email,name\n", "?confirm_removals=true", kind="groups")
    assert res.status_code == 200 and res.json()["counts"]["groups"] == 1  # the synced one
    assert _sources(db_client) == {"csv": 19, "entra": 2}


def test_rows_of_a_deleted_source_are_replaced_by_the_next_upload(db_client: TestClient) -> None:
    from app.store.sync import SyncRepo

    assert _put(db_client, _roster(20), "?confirm_removals=true").status_code == 200
    tid = _synced(db_client, "entra", ["G1", "G2"])
    store = db_client.app.state.runtime.store  # type: ignore[attr-defined]
    with store.db.session() as s:
        SyncRepo(s, tid).delete_source("entra")  # its people stay until replaced
    res = _put(db_client, _roster(20) + "G1,staff,Sam,Jones,\n")
    assert res.status_code == 200, res.text
    diff = res.json()["diff"]
    # G1 is the upload's now (its source changed), G2 is gone with the source.
    assert (diff["before"], diff["changed"], diff["removed"]) == (22, 1, 1)
    assert _sources(db_client) == {"csv": 21}
