"""The tests' migrated databases (tests/databases.py copies a template rather
than migrating per test) are the databases the migrations build; and the
service still migrates an empty database at start-up, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from app.config import Settings
from app.main import create_app
from app.store import Database
from tests.databases import BACKENDS, database


def _shape(db: Database) -> dict[str, Any]:
    """Every table's columns (name, type, nullability, default), keys, indexes
    and constraints, and the Alembic revision."""
    insp = inspect(db.engine)
    shape: dict[str, Any] = {}
    for table in sorted(insp.get_table_names()):
        shape[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in insp.get_columns(table)
            ],
            "pk": insp.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (
                    tuple(f["constrained_columns"]),
                    f["referred_table"],
                    f.get("options", {}).get("ondelete"),
                )
                for f in insp.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"] or "", tuple(i["column_names"]), bool(i["unique"]))
                for i in insp.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in insp.get_unique_constraints(table)
            ),
            "checks": sorted(
                (c["name"] or "", c["sqltext"]) for c in insp.get_check_constraints(table)
            ),
        }
    with db.engine.connect() as conn:
        shape["revision"] = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return shape


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_template_copy_is_the_migrated_schema(
    request: pytest.FixtureRequest, backend: str
) -> None:
    with (
        database(request, backend, migrated=True) as copy_url,
        database(request, backend, migrated=False) as empty_url,
    ):
        copied, migrated = Database(copy_url), Database(empty_url)
        try:
            migrated.migrate()
            assert _shape(copied) == _shape(migrated)
        finally:
            copied.dispose()
            migrated.dispose()


def test_the_service_migrates_an_empty_database_at_start(empty_db_url: str, tmp_path: Path) -> None:
    settings = Settings(
        database_url=empty_db_url,
        data_dir=tmp_path,
        demo=True,
        environment="test",
        secret_key="test-secret-key",
    )
    with TestClient(create_app(settings)) as c:
        assert c.get("/readyz").status_code == 200
        assert (
            c.get(
                "/v1/admin/schools/stmarys", headers={"X-API-Key": "etq_demo_admin_key"}
            ).status_code
            == 200
        )
