"""The add-in reports sends that went unchecked in one request (``count``), not a burst."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN, CHECKER

BASE = "/v1/admin/schools/stmarys"


def _wait(predicate: Any, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_one_request_records_twenty_failed_open(client: TestClient) -> None:
    body = {"outcome": "failed_open", "host": "outlook", "count": 20}
    assert client.post("/v1/outcome", json=body, headers=CHECKER).status_code == 202
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    _wait(lambda: runtime.audit.pending == 0 and runtime.audit.written >= 20)
    summary = client.get(f"{BASE}/audit/summary", headers=ADMIN).json()
    assert summary["outcomes"] == {"failed_open": 20}


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"outcome": "failed_open", "count": 100}, 202),
        ({"outcome": "failed_open", "count": 101}, 422),
        ({"outcome": "failed_open", "count": 0}, 422),
        ({"outcome": "sent_anyway", "count": 2}, 422),
        (
            {
                "outcome": "failed_open",
                "count": 2,
                "check_id": "6f1c2a8e-8a4b-4c55-9b61-0d1f7a7b3c11",
            },
            422,
        ),
        ({"outcome": "cancelled"}, 202),
    ],
)
def test_count_is_only_for_failed_open_without_a_check(
    client: TestClient, body: dict[str, Any], status: int
) -> None:
    assert client.post("/v1/outcome", json=body, headers=CHECKER).status_code == status
