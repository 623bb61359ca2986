"""Hostile requests to the operations routes (/metrics, /healthz, /readyz): never a 5xx.

The Authorization header of /metrics is compared in constant time; a header
with bytes outside ASCII (Latin-1 as the server decodes it) made that a
TypeError, a 500. Each case must answer below 500, and a refusal must be JSON
whose ``detail`` says what is wrong. Runs on SQLite, and on PostgreSQL with
TEST_DATABASE_URL (/readyz asks the database). Every case only reads: they share
one app per backend.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

TOKEN = "metrics-token-for-tests"

# (label, Authorization header as bytes, expected status of /metrics)
AUTHORIZATIONS: list[tuple[str, bytes, int]] = [
    ("right", f"Bearer {TOKEN}".encode(), 200),
    ("right, padded", f"Bearer   {TOKEN}  ".encode(), 200),
    ("latin-1 token", b"Bearer \xe9\xe9", 401),
    ("right but one latin-1 byte", f"Bearer {TOKEN[:-1]}".encode() + b"\xe9", 401),
    ("utf-8 token", "Bearer \u00e9\U0001f600".encode(), 401),
    ("NUL", b"Bearer \x00", 401),
    ("token then NUL", f"Bearer {TOKEN}".encode() + b"\x00", 401),
    ("latin-1 scheme", b"B\xe9arer " + TOKEN.encode(), 401),
    ("64 KB", b"Bearer " + b"x" * 65_000, 401),
    ("no token", b"Bearer", 401),
    ("basic", b"Basic " + TOKEN.encode(), 401),
    ("empty", b"", 401),
]


@pytest.fixture(scope="module")
def ops_client(
    shared_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = Settings(
        database_url=shared_db_url,
        data_dir=tmp_path_factory.mktemp("ops"),
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        metrics_token=TOKEN,
    )
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize(
    ("label", "authorization", "status"), AUTHORIZATIONS, ids=[a[0] for a in AUTHORIZATIONS]
)
def test_metrics_with_a_hostile_authorization_header(
    ops_client: TestClient, label: str, authorization: bytes, status: int
) -> None:
    res = ops_client.get("/metrics", headers={"Authorization": authorization})  # type: ignore[dict-item]
    assert res.status_code == status, res.text[:200]
    if status == 401:
        assert "metrics token" in res.json()["detail"]
        assert res.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
@pytest.mark.parametrize(
    "query",
    ["?%00=%00", "?x=%ff%fe", "?" + "a=1&" * 2_000, "?x=" + "9" * 5_000, "?%ED%A0%80=1"],
    ids=["NUL", "not UTF-8", "2000 parameters", "5000 digits", "encoded surrogate"],
)
def test_operations_routes_ignore_a_hostile_query(
    ops_client: TestClient, path: str, query: str
) -> None:
    res = ops_client.get(path + query, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 200, res.text[:200]


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_operations_routes_refuse_other_methods(
    ops_client: TestClient, path: str, method: str
) -> None:
    res = ops_client.request(method, path, content=b"\x00" * 1000)
    assert res.status_code == 405, res.text[:200]
    assert res.json()["detail"]


def test_metrics_off_is_the_apis_plain_404(settings: Settings) -> None:
    with TestClient(create_app(settings)) as c:
        res = c.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 404
    assert res.json() == {"detail": "Not Found"}
