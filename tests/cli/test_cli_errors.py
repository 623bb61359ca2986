"""User errors in the etiquette command: one line on stderr, exit 2, no
traceback, no secret echoed; school set-up that is all or nothing; the key
and school lifecycle from the command line."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.test_cli import DEMO, EML_FIXTURES

ROSTER_HEAD = "id,kind,first_name,last_name,email\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "latin1.csv").write_bytes(
        (ROSTER_HEAD + "P1,pupil,Zoë,Brontë,zoe@pupils.oak.sch.uk\n").encode("latin-1")
    )
    (tmp_path / "bad-roster.csv").write_text(ROSTER_HEAD + "P1,wizard,A,B,not-an-email\n")
    (tmp_path / "good-roster.csv").write_text(ROSTER_HEAD + "P1,pupil,Amir,Khan,\n")
    (tmp_path / "malformed.yaml").write_text("rules:\n  REC001: {severity: warn\n")
    (tmp_path / "bomb.yaml").write_text(BOMB)
    (tmp_path / "twice.yaml").write_text("rules:\n  REC003: off\n  REC003: block\n")
    (tmp_path / "twice.json").write_text('{"rules": {"REC003": "off", "REC003": "block"}}')
    (tmp_path / "minutes.yaml").write_text("working_hours: {start: 7:30}\n")
    (tmp_path / "latin1.yaml").write_bytes("school_name: Zoë's\n".encode("latin-1"))
    (tmp_path / "people.csv").write_text(ROSTER_HEAD)
    upper = tmp_path / "UPPER"
    upper.mkdir()
    (upper / "CLEAN.EML").write_bytes((EML_FIXTURES / "clean.eml").read_bytes())
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad-to.eml").write_text(
        "From: s.jones@stmarys.sch.uk\nTo: not-an-email\nSubject: Trip\n"
        "Date: Wed, 18 Nov 2026 10:15:00 +0000\n\nHello\n"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # rosters that are not UTF-8 or not valid
        (["check", "{eml}/clean.eml", "--roster", "{t}/latin1.csv"], "not UTF-8"),
        (["audit", "{eml}", "--roster", "{t}/latin1.csv"], "not UTF-8"),
        (["check", "{eml}/clean.eml", "--roster", "{t}/bad-roster.csv"], "bad-roster.csv: row"),
        # policy files
        (["policy", "validate", "{t}/malformed.yaml"], "not valid YAML at line"),
        (["policy", "validate", "{t}/bomb.yaml"], "aliases"),
        (["policy", "validate", "{t}/twice.yaml"], "duplicate key 'REC003' at line 3"),
        (["policy", "validate", "{t}/twice.json"], "duplicate key 'REC003'"),
        (["policy", "show", "{t}/twice.yaml"], "duplicate key 'REC003' at line 3"),
        (["check", "{eml}/clean.eml", "--policy", "{t}/twice.yaml"], "duplicate key"),
        (["policy", "validate", "{t}/minutes.yaml"], "working_hours.start"),
        (["policy", "validate", "{t}/latin1.yaml"], "not UTF-8"),
        (["policy", "validate", "{t}"], "a folder"),
        # what audit and check are given
        (["audit", "{t}/people.csv"], "this is a CSV file"),
        (["audit", "{t}/empty"], "no .eml files"),
        (["audit", "{eml}/clean.eml"], "etiquette check"),
        (["check", "{t}/bad-to.eml"], "To: 1 recipient(s) not an email address"),
        # school create: validated first
        (["school", "create", "../../etc", "--domain", "oak.sch.uk"], "slug"),
        (["school", "create", "a/b", "--domain", "oak.sch.uk"], "slug"),
        (["school", "create", "oak"], "at least one sender domain (give --domain)"),
        (["school", "create", "oak", "--domain", "gmail.com"], "consumer webmail"),
        (["school", "create", "oak", "--domain", "*.oak.sch.uk"], "wildcards"),
        (
            ["school", "create", "oak", "--domain", "oak.sch.uk", "--roster", "{t}/bad-roster.csv"],
            "bad-roster.csv: row",
        ),
        (
            ["school", "create", "oak", "--domain", "oak.sch.uk", "--policy", "{t}/bomb.yaml"],
            "aliases",
        ),
        (
            ["school", "create", "oak", "--domain", "oak.sch.uk", "--policy", "{t}/twice.yaml"],
            "duplicate key 'REC003' at line 3 (first at line 2)",
        ),
        (["trust", "create", "oak", "--policy", "{t}/twice.yaml"], "duplicate key 'REC003'"),
        (["trust", "create", "oak", "--policy", "{t}/twice.json"], "duplicate key 'REC003'"),
        (["school", "delete", "oak"], "no school 'oak'"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(
    files: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    argv = [a.format(t=files, eml=EML_FIXTURES) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # a school create that failed left nothing behind
    assert main(["school", "list"]) == 0
    assert "oak" not in capsys.readouterr().out


def test_off_in_a_policy_file_is_a_severity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in (
        ("p.yaml", "rules:\n  REC003: off\n  REC002: {severity: off}\n"),
        ("p.json", '{"rules": {"REC003": "off", "REC002": {"severity": "off"}}}'),
    ):
        (tmp_path / name).write_text(text)
        assert main(["policy", "validate", str(tmp_path / name)]) == 0
        assert main(["policy", "show", str(tmp_path / name), "--format", "json"]) == 0
        out = capsys.readouterr().out
        shown = json.loads(out[out.index("{") :])
        assert shown["rules"]["REC003"]["severity"] == "off", name
        assert shown["rules"]["REC002"]["severity"] == "off", name


def test_a_bomb_is_refused_quickly(files: Path) -> None:
    import time

    t0 = time.perf_counter()
    assert main(["policy", "validate", str(files / "bomb.yaml")]) == 2
    assert time.perf_counter() - t0 < 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "placeholder"),
        ("k3y!z", "too short"),
    ],
)
def test_serve_says_what_is_wrong_with_the_secret_key(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    value: str | None,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.delenv("ETIQUETTE_DEMO", raising=False)
    monkeypatch.delenv("ETIQUETTE_ENVIRONMENT", raising=False)
    if value is None:
        monkeypatch.delenv("ETIQUETTE_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("ETIQUETTE_SECRET_KEY", value)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "input_value" not in err and (value is None or value not in err)


def test_a_bad_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ETIQUETTE_SECRET_KEY", "a-long-enough-secret")
    monkeypatch.setenv("ETIQUETTE_REFRESH_SECONDS", "soon")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "ETIQUETTE_REFRESH_SECONDS" in err and "soon" not in err


def test_serve_refuses_a_database_holding_the_demo_school(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from app.demo import ensure_demo
    from app.store import Database, Store

    url = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    db = Database(url)
    db.migrate()
    ensure_demo(Store(db))
    db.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ETIQUETTE_SECRET_KEY", "a-long-enough-secret")
    monkeypatch.delenv("ETIQUETTE_DEMO", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "holds the demo school" in err and len(err.strip().splitlines()) == 1


def test_audit_reads_upper_case_eml(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(files / "UPPER")]) == 0
    assert "1 messages checked" in capsys.readouterr().out


def test_check_shows_the_new_subject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eml = tmp_path / "named.eml"
    eml.write_text(
        "From: s.jones@stmarys.sch.uk\nTo: t.brown@stmarys.sch.uk\n"
        "Subject: Amir Khan - behaviour incident\n"
        "Date: Wed, 18 Nov 2026 10:15:00 +0000\n\nHello\n"
    )
    policy = ["--policy", str(DEMO / "policy.yaml"), "--roster", str(DEMO / "roster.csv")]
    assert main(["check", str(eml), *policy]) == 1
    out = capsys.readouterr().out
    assert "new subject: A.K. - behaviour incident" in out


def test_school_lifecycle_from_the_command_line(
    files: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    argv = ["school", "create", "Oak", "--domain", "oak.sch.uk"]
    assert main([*argv, "--roster", str(files / "good-roster.csv")]) == 0
    out = capsys.readouterr().out
    assert "created school 'oak'" in out
    admin_key = out.strip().splitlines()[-1]
    assert main(["school", "key", "oak", "--role", "check", "--label", "outlook"]) == 0
    capsys.readouterr()
    assert main(["school", "keys", "oak"]) == 0
    listing = capsys.readouterr().out
    assert "outlook" in listing and "never" in listing and admin_key not in listing
    assert main(["school", "revoke", "oak", "--id", "2"]) == 0
    assert main(["school", "revoke", "oak", "--id", "1"]) == 2  # the last admin key
    assert "rotate it instead" in capsys.readouterr().err
    assert main(["school", "rotate", "oak", "--id", "1"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("etq_")
    assert main(["school", "disable", "oak"]) == 0
    assert main(["school", "list"]) == 0
    assert "(disabled)" in capsys.readouterr().out
    assert main(["school", "enable", "oak"]) == 0
    assert main(["school", "delete", "oak"]) == 2  # not a terminal: needs --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["school", "delete", "oak", "--yes"]) == 0
    assert "1 directory_people" in capsys.readouterr().out
    assert main(["school", "list"]) == 0
    assert "oak" not in capsys.readouterr().out


def test_mbox_audit_still_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    box = mailbox.mbox(str(tmp_path / "sent.mbox"))
    box.add((EML_FIXTURES / "clean.eml").read_bytes())
    box.flush()
    box.close()
    assert main(["audit", str(tmp_path / "sent.mbox")]) == 0
    assert "1 messages checked" in capsys.readouterr().out
