"""A fresh, migrated database per test: SQLite always; PostgreSQL too when
``TEST_DATABASE_URL`` is set (each test in its own schema, dropped after)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.store import Database, Store
from app.store.db import normalise_url
from tests.conftest import postgres_url

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = postgres_url()
    if not base:
        pytest.skip("PostgreSQL store tests skipped: TEST_DATABASE_URL is not set")
    schema = f"etq_{secrets.token_hex(4)}"
    admin = create_engine(normalise_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    db = Database(db_url)
    db.migrate()
    yield Store(db)
    db.dispose()
