"""A staff group's roles and departments are names a directory gives: a NUL byte
(which PostgreSQL text cannot hold: it was a 500 there, found by schemathesis) or
any other control character is a 422 naming the field, on every backend."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN

URL = "/v1/admin/schools/stmarys/staff-groups/office"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"departments": ["Office\x00"]}, "departments"),
        ({"roles": ["Teacher", "Head\x00of Year"]}, "roles"),
        ({"roles": ["Line\nbreak"]}, "roles"),
        ({"departments": ["Tab\there"]}, "departments"),
        ({"roles": ["Del\x7f"]}, "roles"),
    ],
)
def test_a_control_character_in_a_label_is_a_422(
    db_client: TestClient, body: dict[str, list[str]], field: str
) -> None:
    res = db_client.put(URL, headers=ADMIN, json=body)
    assert res.status_code == 422, res.text
    assert field in res.text and "control characters" in res.text
    assert db_client.get("/v1/admin/schools/stmarys/staff-groups", headers=ADMIN).json() == []


def test_names_of_any_script_are_kept(db_client: TestClient) -> None:
    res = db_client.put(URL, headers=ADMIN, json={"departments": ["Åland Öffice", "Ysgol Gymraeg"]})
    assert res.status_code == 200, res.text
    assert res.json()["departments"] == ["Åland Öffice", "Ysgol Gymraeg"]
