"""Wonde source against a fake feed: pupils with parents, staff, classes, paging,
``updated_after`` and deletions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.directory.sources.base import RetryPolicy, SourceAuthError
from app.directory.sources.wonde import WondeSource
from app.domain import PersonKind
from app.people import Relationship
from tests.directory.sources.wonde_fake import (
    SCHOOL,
    TOKEN,
    FakeWonde,
    contact,
    deletion,
    employee,
    student,
)


def _when_text() -> dict[str, Any]:
    return {"date": "2026-11-30 02:00:00.000000", "timezone_type": 3, "timezone": "UTC"}


CONFIG = {"school_id": SCHOOL, "token_env": "ETQ_TEST_WONDE_TOKEN"}


@pytest.fixture(autouse=True)
def _token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_WONDE_TOKEN", TOKEN)


def run(feed: FakeWonde, cursor: dict[str, Any] | None = None) -> Any:
    async def go() -> Any:
        async with httpx.AsyncClient(transport=feed.transport) as http:
            src = WondeSource(
                "wonde",
                CONFIG,
                http,
                policy=RetryPolicy(attempts=2, base_seconds=0),
                now=lambda: datetime(2026, 11, 30, 2, 0, tzinfo=UTC),
            )
            return await src.fetch(cursor)

    return asyncio.run(go())


MUM = contact("C1", "Samina", "Khan", "samina.khan@gmail.com", "Mother", True)
DAD = contact("C2", "Imran", "Khan", "imran.k@outlook.com", "Father", False)


def feed() -> FakeWonde:
    return FakeWonde(
        students=[
            student("S0001", "Amir", "Khan", "amir.khan@pupils.oak.sch.uk", [MUM, DAD]),
            student("S0002", "Bea", "Khan", "bea.khan@pupils.oak.sch.uk", [MUM], ("7Y/En",)),
            student("S0003", "Cal", "Reed", None, []),
        ],
        employees=[employee("E001", "Sarah", "Jones", "s.jones@oak.sch.uk", "Teacher")],
    )


def test_full_read_links_parents_to_pupils_across_pages() -> None:
    f = feed()
    got = run(f)
    assert got.full
    by_id = {p.id: p for p in got.people}
    assert set(by_id) == {"S0001", "S0002", "S0003", "C1", "C2", "E001"}
    assert by_id["C1"].kind is PersonKind.PARENT
    assert by_id["C1"].email == "samina.khan@gmail.com"
    assert by_id["C1"].relationships == (
        Relationship("S0001", "mother", True),
        Relationship("S0002", "mother", True),
    )
    assert by_id["C2"].relationships == (Relationship("S0001", "father", False),)
    amir = by_id["S0001"]
    assert (amir.kind, amir.email, amir.mis_ref) == (
        PersonKind.PUPIL,
        "amir.khan@pupils.oak.sch.uk",
        "ADM0001",
    )
    assert amir.classes == ("9X/Ma1", "9X", "Year 9")
    assert by_id["E001"].roles == ("Teacher",)
    # S0003 is kept, and the missing school address is reported
    assert [(s.id, s.reason) for s in got.skipped] == [("S0003", "pupil with no school address")]
    student_pages = [r for r in f.requests if "/students" in r.url.path]
    assert len(student_pages) == 2  # three students, two a page, via meta.pagination.next
    assert got.cursor == {"updated_after": "2026-11-30 01:55:00"}


def test_incremental_read_asks_updated_after_and_reads_deletions() -> None:
    f = feed()
    f.students[0]["updated_at"]["date"] = "2026-11-30 01:58:00.000000"
    f.deletions = [
        deletion("S0003", "student", "2026-11-30 01:59:00"),
        deletion("E009", "employee", "2026-11-01 00:00:00"),  # before the window
    ]
    got = run(f, {"updated_after": "2026-11-30 01:50:00"})
    assert not got.full
    assert {p.id for p in got.people} == {"S0001", "C1", "C2"}
    assert got.removed == {"S0003"}
    assert got.relinked_pupils == {"S0001"}
    asked = [r.url.params.get("updated_after") for r in f.requests]
    assert set(asked) == {"2026-11-30 01:50:00"}


def test_a_bad_token_is_an_auth_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETQ_TEST_WONDE_TOKEN", "nope")
    with pytest.raises(SourceAuthError, match="wonde"):
        run(feed())


def test_one_contact_under_two_pupils_keeps_each_pupils_relationship() -> None:
    """As in Wonde's recorded test-school feed, a contact is listed under each of
    their pupils with that pupil's relationship (here Mother of one, Step Mother
    of the other); contacts have no legal names, so forename and surname are used."""
    step = contact("C1", "Samina", "Khan", "samina.khan@gmail.com", "Step Mother", False)
    f = FakeWonde(
        students=[
            student("S0001", "Amir", "Khan", "amir.khan@pupils.oak.sch.uk", [MUM]),
            student("S0004", "Dan", "Reed", "dan.reed@pupils.oak.sch.uk", [step]),
        ]
    )
    by_id = {p.id: p for p in run(f).people}
    assert (by_id["C1"].first_name, by_id["C1"].last_name) == ("Samina", "Khan")
    assert by_id["C1"].relationships == (
        Relationship("S0001", "mother", True),
        Relationship("S0004", "step mother", False),
    )


@pytest.mark.parametrize(
    ("restored", "removed"),
    [({}, {"S0003"}), ({"restored_at": _when_text()}, set()), ({"restored": True}, set())],
)
def test_a_restored_deletion_is_not_a_removal(restored: dict[str, Any], removed: set[str]) -> None:
    f = feed()
    f.deletions = [{**deletion("S0003", "student", "2026-11-30 01:59:00"), **restored}]
    got = run(f, {"updated_after": "2026-11-30 01:50:00"})
    assert got.removed == removed


def test_requests_follow_the_documented_shape() -> None:
    """Bearer token, one comma-separated include (contacts named with their
    details), per_page on the first request, then meta.pagination.next as is."""
    f = feed()
    run(f)
    first, second = (r for r in f.requests if r.url.path.endswith("/students"))
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert first.url.params["include"].split(",") == [
        "contact_details",
        "contacts",
        "contacts.contact_details",
        "classes",
        "year",
        "registration",
    ]
    assert first.url.params["per_page"] == "200"
    assert second.url.params["page"] == "2" and second.url.params["include"]
