"""First set-up from the CLI: ``--admin-email`` on ``school create`` and
``trust create`` records the first console admin (and the change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.store import Database
from app.store.console import ConsoleStore, Scope
from app.store.trusts import TrustStore


def test_school_and_trust_create_name_the_first_admin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    argv = [
        "school",
        "create",
        "oak",
        "--domain",
        "oak.sch.uk",
        "--admin-email",
        " Head@Oak.sch.uk",
    ]
    assert main(argv) == 0
    assert "console admin: head@oak.sch.uk" in capsys.readouterr().out
    argv = ["trust", "create", "elm", "--domain", "elm.org.uk", "--admin-email", "ceo@elm.org.uk"]
    assert main(argv) == 0
    db = Database(url)
    try:
        store = ConsoleStore(db)
        mine = store.assignments_for("head@oak.sch.uk", ())
        assert [(a.role, a.created_by) for a in mine] == [("admin", "cli")]
        assert [c.code for c in store.changes(mine[0].scope)] == ["role.assign"]
        trust_id = TrustStore(db).trust_id_for_slug("elm")
        assert [a.principal for a in store.assignments(Scope(trust_id=trust_id))] == [
            "ceo@elm.org.uk"
        ]
    finally:
        db.dispose()


@pytest.mark.parametrize("bad", ["nobody", "a@", "two@@x.org", "a b@x.org"])
def test_a_bad_admin_email_writes_nothing(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    assert main(["school", "create", "oak", "--domain", "oak.sch.uk", "--admin-email", bad]) == 2
    assert "--admin-email" in capsys.readouterr().err
    assert main(["school", "list"]) == 0
    assert "oak" not in capsys.readouterr().out
