"""etiquette migrate / retention."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.store import Database, Store


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'ops.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("ETIQUETTE_SECRET_KEY", raising=False)
    return url


def test_migrate_then_retention(db_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
    db = Database(db_env)
    store = Store(db)
    t = store.create_tenant("a", "A", ["a.sch.uk"])
    now = datetime.now(UTC)
    store.write_audit(
        [
            {"event_id": str(uuid.uuid4()), "tenant_id": t, "kind": "check", "at": now - d}
            for d in (timedelta(days=1), timedelta(days=400), timedelta(days=40))
        ]
    )
    db.dispose()
    assert main(["retention", "--dry-run"]) == 0
    assert "would purge 0 safeguarding notifications and 1 audit events older than" in (
        capsys.readouterr().out
    )
    assert main(["retention", "--days", "30"]) == 0
    assert "and 2 audit events older than" in capsys.readouterr().out
    assert main(["retention", "--days", "0"]) == 2


def test_retention_days_from_the_environment(
    db_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ETIQUETTE_AUDIT_RETENTION_DAYS", "10")
    assert main(["migrate"]) == 0
    capsys.readouterr()
    assert main(["retention", "--dry-run"]) == 0
    out = capsys.readouterr().out
    cut = datetime.fromisoformat(out.rsplit(" ", 1)[1].strip())
    assert abs((datetime.now(UTC) - cut) - timedelta(days=10)) < timedelta(minutes=1)
