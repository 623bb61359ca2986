"""etiquette migrate / retention / directory-sync."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
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
    assert capsys.readouterr().out.startswith("would purge 1 audit events older than")
    assert main(["retention", "--days", "30"]) == 0
    assert capsys.readouterr().out.startswith("purged 2 audit events")
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


def test_directory_sync_uploads_with_the_admin_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,kind,first_name,last_name\nS1,staff,Sarah,Jones\n")
    groups = tmp_path / "groups.csv"
    groups.write_text("email,name,member_count,kind\n")
    seen: list[tuple[str, str, bytes]] = []
    answers = iter([httpx.Response(503), httpx.Response(200), httpx.Response(422, text="row 2")])

    def fake_put(url: str, *, content: bytes, headers: dict[str, str], timeout: object) -> object:
        seen.append((url, headers["X-API-Key"], content))
        return next(answers)

    monkeypatch.setattr(httpx, "put", fake_put)
    monkeypatch.setattr("time.sleep", lambda _s: None)
    monkeypatch.setenv("ETIQUETTE_ADMIN_KEY", "etq_admin")
    argv = ["directory-sync", "--url", "http://svc:8000/", "--school", "oak", "--roster"]
    code = main([*argv, str(roster), "--groups", str(groups)])
    # The 503 is retried; the groups file's 422 fails the job (exit 1) with the reason.
    assert code == 1
    assert [u for u, _, _ in seen] == [
        "http://svc:8000/v1/admin/schools/oak/directory/people",
        "http://svc:8000/v1/admin/schools/oak/directory/people",
        "http://svc:8000/v1/admin/schools/oak/directory/groups",
    ]
    assert {k for _, k, _ in seen} == {"etq_admin"}
    assert seen[0][2] == roster.read_bytes()
    out = capsys.readouterr().out
    assert "people: uploaded (200)" in out and "groups upload failed (422): row 2" in out


def test_directory_sync_needs_the_key_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ETIQUETTE_ADMIN_KEY", raising=False)
    argv = ["directory-sync", "--url", "http://x", "--school", "a", "--roster", str(tmp_path)]
    assert main(argv) == 2
