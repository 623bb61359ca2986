"""An app client on each database: SQLite always, PostgreSQL with TEST_DATABASE_URL.

PostgreSQL refuses what SQLite accepts (a NUL byte in text, integers past
2^31 - 1), so bad-input tests run on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


@pytest.fixture
def db_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=db_url,
        data_dir=tmp_path,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=0.05,
    )
    with TestClient(create_app(settings)) as c:
        yield c
