"""Hostile CSV uploads (people, groups, relationships): never a 5xx, and a 422 names the row.

Schemathesis sends these routes strings that fit ``text/csv``; here are the
files an MIS export or an attacker could really send: other encodings (Latin-1,
UTF-16, CESU-8 surrogates), NUL bytes, ragged rows, unterminated quotes, cells
past the csv module's limit, numbers that are not ASCII digits or are past what
an integer column holds, impossible working hours, and formula-injection cells
(``=HYPERLINK(...)``: data to us, refused or kept as text, never run). Each is
sent with the demo school's admin key on SQLite, and on PostgreSQL with
TEST_DATABASE_URL. The answer must be below 500; a 422's detail must say what
is wrong (the encoding, the row, the column).

A refused upload changes nothing, so the cases that must be refused share one
app per backend; a case the app may take (expected status None) replaces the
directory, so it gets an app and database of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN

BASE = "/v1/admin/schools/stmarys/directory"
CSV = {**ADMIN, "content-type": "text/csv"}
PEOPLE_HEAD = b"id,kind,first_name,last_name,email\n"
GOOD_PERSON = b"P1,pupil,Amir,Khan,amir.khan@pupils.stmarys.sch.uk\n"
GROUPS_HEAD = b"email,name,member_count,kind\n"
REL_HEAD = b"contact_id,pupil_id,relationship,parental_responsibility\n"

# (label, route, body, status, what the error must mention: None where any answer
# below 500 will do; the routes go on to ``?confirm_removals=true``)
CASES: list[tuple[str, str, bytes, int | None, str | None]] = [
    # Encodings.
    ("latin-1", "people", PEOPLE_HEAD + "P1,pupil,Zoë,Brontë,\n".encode("latin-1"), 422, "UTF-8"),
    ("utf-16 with BOM", "people", (PEOPLE_HEAD + GOOD_PERSON).decode().encode("utf-16"), 422, None),
    ("utf-16-le", "people", (PEOPLE_HEAD + GOOD_PERSON).decode().encode("utf-16-le"), 422, None),
    ("cesu-8 surrogate", "people", PEOPLE_HEAD + b"P1,pupil,A\xed\xa0\x80,B,\n", 422, "UTF-8"),
    (
        "bad byte late",
        "people",
        PEOPLE_HEAD + GOOD_PERSON * 3 + b"P9,pupil,\xff,B,\n",
        422,
        "UTF-8",
    ),
    ("BOM only", "people", b"\xef\xbb\xbf", 422, None),
    ("two BOMs", "people", b"\xef\xbb\xbf\xef\xbb\xbf" + PEOPLE_HEAD + GOOD_PERSON, None, None),
    (
        "groups latin-1",
        "groups",
        GROUPS_HEAD + "a@stmarys.sch.uk,Zoë,1,\n".encode("latin-1"),
        422,
        "UTF-8",
    ),
    (
        "relationships latin-1",
        "relationships",
        REL_HEAD + "P1,P2,mère,yes\n".encode("latin-1"),
        422,
        "UTF-8",
    ),
    # NUL bytes.
    ("NUL in the header", "people", b"id,ki\x00nd,first_name,last_name\n" + GOOD_PERSON, 422, None),
    ("NUL first", "people", b"\x00" + PEOPLE_HEAD + GOOD_PERSON, 422, None),
    ("NUL in an id", "people", PEOPLE_HEAD + b"P\x001,pupil,A,B,\n", 422, "NUL"),
    ("NUL in an email", "people", PEOPLE_HEAD + b"P1,pupil,A,B,a\x00@stmarys.sch.uk\n", 422, "NUL"),
    ("groups NUL", "groups", GROUPS_HEAD + b"a@stmarys.sch.uk,A\x00,1,staff\n", 422, "NUL"),
    ("relationships NUL", "relationships", REL_HEAD + b"P1,P2,mo\x00ther,yes\n", 422, "NUL"),
    # Ragged rows and broken CSV.
    ("short row", "people", PEOPLE_HEAD + b"P1,pupil\n", 422, "row 2"),
    ("long row", "people", PEOPLE_HEAD + b"P1,pupil,A,B,,x,y,z,w\n", None, None),
    ("no header", "people", GOOD_PERSON, 422, "missing column"),
    ("header only", "people", PEOPLE_HEAD, 422, None),
    ("empty", "people", b"", 422, None),
    ("unterminated quote", "people", PEOPLE_HEAD + b'P1,pupil,"Amir,Khan,\n', 422, None),
    ("CR line endings", "people", (PEOPLE_HEAD + GOOD_PERSON).replace(b"\n", b"\r"), None, None),
    ("a 1 MB cell", "people", PEOPLE_HEAD + b"P1,pupil," + b"A" * 1_000_000 + b",B,\n", 422, None),
    (
        "a 200 KB quoted cell",
        "people",
        PEOPLE_HEAD + b'P1,pupil,"' + b"A" * 200_000 + b'",B,\n',
        422,
        None,
    ),
    (
        "10000 columns",
        "people",
        PEOPLE_HEAD + GOOD_PERSON.rstrip() + b",x" * 10_000 + b"\n",
        None,
        None,
    ),
    (
        "duplicate header",
        "people",
        b"id,id,kind,first_name,last_name\nP1,P2,pupil,A,B\n",
        None,
        None,
    ),
    ("1 MB without a newline", "people", b"i" * 1_000_000, 422, None),
    # Numbers and times.
    (
        "member_count superscript",
        "groups",
        GROUPS_HEAD + "a@stmarys.sch.uk,A,\u00b2,staff\n".encode(),
        422,
        "member_count",
    ),
    (
        "member_count Arabic-Indic",
        "groups",
        GROUPS_HEAD + "a@stmarys.sch.uk,A,\u0663,staff\n".encode(),
        None,
        None,
    ),
    (
        "member_count past int64",
        "groups",
        GROUPS_HEAD + b"a@stmarys.sch.uk,A," + b"9" * 30 + b",staff\n",
        422,
        "member_count",
    ),
    (
        "member_count past the digit limit",
        "groups",
        GROUPS_HEAD + b"a@stmarys.sch.uk,A," + b"9" * 5_000 + b",staff\n",
        422,
        "member_count",
    ),
    (
        "member_count negative",
        "groups",
        GROUPS_HEAD + b"a@stmarys.sch.uk,A,-1,staff\n",
        422,
        "member_count",
    ),
    (
        "member_count a float",
        "groups",
        GROUPS_HEAD + b"a@stmarys.sch.uk,A,1e9,staff\n",
        422,
        "member_count",
    ),
    (
        "working hours impossible",
        "people",
        b"id,kind,first_name,last_name,working_hours\nP1,staff,A,B,25:99-99:99\n",
        422,
        "working",
    ),
    (
        "working hours backwards",
        "people",
        b"id,kind,first_name,last_name,working_hours\nP1,staff,A,B,15:30-08:30\n",
        None,
        None,
    ),
    (
        "working days unknown",
        "people",
        b"id,kind,first_name,last_name,working_days\nP1,staff,A,B,funday\n",
        422,
        "working",
    ),
    (
        "working days NUL-free junk",
        "people",
        b"id,kind,first_name,last_name,working_days\nP1,staff,A,B,;;;;\n",
        None,
        None,
    ),
    (
        "working hours non-ASCII digits",
        "people",
        "id,kind,first_name,last_name,working_hours\nP1,staff,A,B,\u0660\u0668:30-15:30\n".encode(),
        None,
        None,
    ),
    # Formula injection: data to us, kept as text or refused.
    (
        "formula in a name",
        "people",
        PEOPLE_HEAD + b'P1,pupil,"=HYPERLINK(""http://x"")",Khan,\n',
        None,
        None,
    ),
    ("formula in an id", "people", PEOPLE_HEAD + b"=cmd|' /C calc'!A0,pupil,A,B,\n", None, None),
    ("plus and at", "people", PEOPLE_HEAD + b"+P1,pupil,@SUM(1),-2+3,\n", None, None),
    ("groups formula", "groups", GROUPS_HEAD + b'a@stmarys.sch.uk,"=1+1",1,staff\n', None, None),
    ("relationships formula", "relationships", REL_HEAD + b"=P1,P2,=mother,yes\n", 422, None),
    # Unknown kinds and odd values.
    ("kind unknown", "people", PEOPLE_HEAD + b"P1,alien,A,B,\n", 422, "kind"),
    ("kind NUL-free unicode", "people", PEOPLE_HEAD + "P1,p\u00fcpil,A,B,\n".encode(), 422, "kind"),
    ("email lone-surrogate-free junk", "people", PEOPLE_HEAD + b"P1,pupil,A,B,@@@\n", 422, "email"),
    (
        "relationship 1 MB",
        "relationships",
        REL_HEAD + b"P1,P2," + b"m" * 1_000_000 + b",yes\n",
        422,
        None,
    ),
    (
        "parental responsibility odd",
        "relationships",
        REL_HEAD + b"P1,P2,mother,perhaps\n",
        422,
        None,
    ),
]


@pytest.mark.parametrize(
    ("label", "route", "body", "status", "names"), CASES, ids=[c[0] for c in CASES]
)
def test_a_hostile_csv_upload_is_never_a_5xx(
    shared_db_client: TestClient,
    new_db_client: Callable[[], TestClient],
    label: str,
    route: str,
    body: bytes,
    status: int | None,
    names: str | None,
) -> None:
    client = shared_db_client if status == 422 else new_db_client()
    res = client.put(f"{BASE}/{route}?confirm_removals=true", content=body, headers=CSV)
    assert res.status_code < 500, res.text[:300]
    if status is not None:
        assert res.status_code == status, res.text[:300]
    if res.status_code >= 400:
        detail = res.json()["detail"]
        assert detail, res.text[:300]
        if names is not None:
            assert names in json.dumps(detail), json.dumps(detail)[:300]
