"""0011 drops the audit table's index on tenant_id alone (SQLite and
PostgreSQL); down and up again leave the schema as the models say."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from app.store import Database
from app.store.db import _MIGRATIONS


def _indexes(db: Database) -> set[str]:
    return {str(i["name"]) for i in inspect(db.engine).get_indexes("audit_events")}


def _downgrade(db: Database, revision: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_the_tenant_at_index_is_the_only_one_that_starts_with_tenant_id(
    empty_db_url: str,
) -> None:
    db = Database(empty_db_url)
    try:
        db.migrate()
        assert "ix_audit_events_tenant_at" in _indexes(db)
        assert "ix_audit_events_tenant_id" not in _indexes(db)
        _downgrade(db, "0010")
        assert "ix_audit_events_tenant_id" in _indexes(db)
        db.migrate()
        assert "ix_audit_events_tenant_id" not in _indexes(db)
    finally:
        db.dispose()
