"""The store fixtures (SQLite, and PostgreSQL with TEST_DATABASE_URL) for sync tests."""

from tests.store.conftest import db_url, store

__all__ = ["db_url", "store"]
