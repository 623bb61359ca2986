"""``etiquette sync``: due sources from cron, one source now, and an exit status cron can use."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.config import Settings
from app.store import Database, Store
from app.store.sync import SyncRepo

PEOPLE = """id,kind,first_name,last_name,email
P1,pupil,Amir,Khan,amir.khan@pupils.oak.sch.uk
P2,pupil,Bea,Khan,bea.khan@pupils.oak.sch.uk
C1,parent,Samina,Khan,samina.khan@gmail.com
"""


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, str, Path]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    db = Database(Settings(environment="development").database_url)
    db.migrate()
    store = Store(db)
    tid = store.create_tenant("oak", "Oak", ["oak.sch.uk"])
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE)
    rels = tmp_path / "rels.csv"
    rels.write_text("contact_id,pupil_id,relationship,parental_responsibility\nC1,P1,Mother,yes\n")
    with db.session() as s:
        SyncRepo(s, tid).put_source(
            "mis-export", "csv", {"people": str(people), "relationships": str(rels)}
        )
    return store, tid, people


def test_due_sources_run_and_then_are_not_due(
    school: tuple[Store, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store, tid, _ = school
    assert main(["sync"]) == 0
    assert capsys.readouterr().out.strip() == "oak/mis-export: run 1 applied +3 ~0 -0"
    mum = next(p for p in store.load(tid).people if p.id == "C1")
    assert mum.relationships[0].pupil_id == "P1"
    assert main(["sync"]) == 0
    assert capsys.readouterr().out == ""  # not due for an hour
    assert main(["sync", "mis-export", "--school", "oak"]) == 0
    assert "unchanged" in capsys.readouterr().out


def test_an_empty_export_is_refused_and_the_exit_status_says_so(
    school: tuple[Store, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store, tid, people = school
    assert main(["sync"]) == 0
    people.write_text("id,kind,first_name,last_name,email\n")
    (people.parent / "rels.csv").write_text("contact_id,pupil_id\n")
    assert main(["sync", "mis-export", "--json"]) == 1
    out = capsys.readouterr().out.splitlines()[-1]
    assert '"status": "refused"' in out
    assert len(store.load(tid).people) == 3


def test_unknown_source(
    school: tuple[Store, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "nope"]) == 1
    assert "no enabled source named 'nope'" in capsys.readouterr().err
    assert main(["sync", "--list"]) == 0
    assert capsys.readouterr().out.startswith("oak/mis-export: csv, every 60 min, last run never")
