"""An app client on each database: SQLite always, PostgreSQL with TEST_DATABASE_URL.

PostgreSQL refuses what SQLite accepts (a NUL byte in text, integers past
2^31 - 1), so bad-input tests run on both. ``shared_db_client`` is one app for
all of a module's tests on a backend, for the cases that only read;
``new_db_client`` makes an app of its own for a case that writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


@contextmanager
def _client(db_url: str, data_dir: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=db_url,
        data_dir=data_dir,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
        refresh_seconds=0.2,
        audit_flush_seconds=0.05,
    )
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def db_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    with _client(db_url, tmp_path) as c:
        yield c


@pytest.fixture(scope="module")
def shared_db_client(
    shared_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """One app on the module's shared database (``backend``), for cases that only read."""
    with _client(shared_db_url, tmp_path_factory.mktemp("app")) as c:
        yield c


@pytest.fixture
def new_db_client(
    new_db_url: Callable[[], str], tmp_path: Path
) -> Iterator[Callable[[], TestClient]]:
    """Makes an app on a new database (the module's ``backend``), for a case that writes."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(_client(new_db_url(), tmp_path))
