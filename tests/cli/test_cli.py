"""The etiquette command on real .eml files and mboxes."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest

from app.cli import main
from app.eml import read_eml
from tests.conftest import WORKDAY

EML_FIXTURES = Path(__file__).resolve().parent.parent / "data" / "eml"
VIDEO_HEAD = """From: Sarah Jones <s.jones@stmarys.sch.uk>
To: all-staff@stmarys.sch.uk
Subject: Assembly video
Date: Sun, 22 Nov 2026 22:40:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

See attached.
--XX
Content-Type: video/mp4
Content-Disposition: attachment; filename="assembly.mp4"
Content-Transfer-Encoding: base64

"""


@pytest.fixture(scope="module")
def eml_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed fixtures plus a 6 MB video message made here (too big to commit)."""
    import base64
    import shutil

    d = tmp_path_factory.mktemp("eml")
    for f in EML_FIXTURES.glob("*.eml"):
        shutil.copy(f, d / f.name)
    body = base64.encodebytes(bytes(6 * 1024 * 1024)).decode()
    (d / "sunday-night-video.eml").write_text(VIDEO_HEAD + body + "--XX--\n")
    return d


DEMO = Path(__file__).resolve().parents[2] / "app" / "demo"
POLICY = [
    "--policy",
    str(DEMO / "policy.yaml"),
    "--roster",
    str(DEMO / "roster.csv"),
    "--groups",
    str(DEMO / "groups.csv"),
]


@pytest.mark.parametrize(
    ("file", "codes", "exit_code"),
    [
        ("clean.eml", [], 0),
        ("parents-visible.eml", ["REC003"], 1),
        ("sunday-night-video.eml", ["REC001", "ATT001", "OOH001"], 1),
        ("pupil-personal.eml", ["PUP001", "SUB001"], 1),
    ],
)
def test_check_eml(
    capsys: pytest.CaptureFixture[str], eml_dir: Path, file: str, codes: list[str], exit_code: int
) -> None:
    assert main(["check", str(eml_dir / file), *POLICY, "--json"]) == exit_code
    out = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in out["findings"]] == codes


def test_check_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(EML_FIXTURES / "parents-visible.eml"), *POLICY])
    out = capsys.readouterr().out
    assert out.startswith("WARN: parents-visible.eml (1 finding(s))")
    assert "fix: Move 3 external recipients to Bcc" in out


def test_eml_parsing_details(eml_dir: Path) -> None:
    m = read_eml(eml_dir / "parents-visible.eml", default_send_at=WORKDAY)
    assert [r.email for r in m.to] == [
        "parent1@gmail.com",
        "parent2@outlook.com",
        "zparent@btinternet.com",
    ]
    assert m.to[2].name == "Zoë Parent" and m.to[0].name == "Parent, One"
    assert m.send_at.isoformat() == "2026-11-18T10:15:00+00:00"
    v = read_eml(eml_dir / "sunday-night-video.eml", default_send_at=WORKDAY)
    (att,) = v.attachments
    assert (att.name, att.size, att.inline) == ("assembly.mp4", 6 * 1024 * 1024, False)
    p = read_eml(eml_dir / "pupil-personal.eml", default_send_at=WORKDAY)
    assert p.compose_type.value == "reply"
    assert [(a.name, a.inline) for a in p.attachments] == [("logo.png", True)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "missing.eml"], "missing.eml: no such file"),
        (["check", str(EML_FIXTURES / "no-from.eml")], "no From address"),
        (
            ["check", str(EML_FIXTURES / "clean.eml"), "--policy", "nope.yaml"],
            "nope.yaml: no such file",
        ),
        (["audit", "no-such-dir"], "no such file or folder"),
    ],
)
def test_errors_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_audit_folder_and_mbox(
    tmp_path: Path, eml_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(eml_dir), *POLICY, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["messages"] == 4 and summary["unreadable"] == 1
    assert summary["by_action"] == {"allow": 1, "warn": 2, "block": 1}
    assert summary["by_rule"]["REC003"]["flagged"] == 1
    assert summary["by_rule"]["OOH001"]["flagged"] == 1

    box = mailbox.mbox(str(tmp_path / "sent.mbox"))
    for name in ("clean.eml", "parents-visible.eml", "parents-visible.eml"):
        box.add((EML_FIXTURES / name).read_bytes())
    box.flush()
    box.close()
    assert main(["audit", str(tmp_path / "sent.mbox"), *POLICY]) == 0
    out = capsys.readouterr().out
    assert "3 messages checked" in out
    assert "REC003  external-addresses-visible" in out and "66.7%" in out


def test_policy_show_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "validate", str(DEMO / "policy.yaml")]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["policy", "show", str(DEMO / "policy.yaml"), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["rules"]["REC001"]["max_recipients"] == 25
    bad = tmp_path / "bad.yaml"
    bad.write_text("timezone: Nowhere/Land\nrules:\n  REC001: {max: 3}\n")
    assert main(["policy", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "timezone" in err and "rules" in err and len(err.splitlines()) == 1


def test_school_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    argv = [
        "school",
        "create",
        "oakfield",
        "--name",
        "Oakfield Primary",
        "--domain",
        "oakfield.sch.uk",
        "--roster",
        str(DEMO / "roster.csv"),
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1]
    assert key.startswith("etq_") and "created school 'oakfield'" in out
    assert main(["school", "create", "OakField", "--domain", "x.sch.uk"]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["school", "key", "oakfield", "--role", "check", "--label", "outlook"]) == 0
    assert main(["school", "list"]) == 0
    listing = capsys.readouterr().out
    assert "oakfield" in listing and "policy v1" in listing and "oakfield.sch.uk" in listing
    assert main(["school", "key", "nowhere"]) == 2

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        data_dir=tmp_path,
        environment="test",
        secret_key="test-secret-key",
    )
    with TestClient(create_app(settings)) as c:
        res = c.get("/v1/admin/schools/oakfield", headers={"X-API-Key": key})
        assert res.status_code == 200 and res.json()["directory"]["pupil"] == 302
