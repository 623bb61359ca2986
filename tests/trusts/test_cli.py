"""``etiquette trust ...`` and ``etiquette policy show --school --sender``: user
errors are one line and exit 2; keys are listed and revoked, never the last."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture(autouse=True)
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")


def test_trust_keys_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trust", "create", "oak", "--domain", "oak.org.uk"]) == 0
    assert main(["trust", "key", "oak", "--label", "deputy"]) == 0
    capsys.readouterr()
    assert main(["trust", "keys", "oak"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in listed] == ["cli", "deputy"]
    assert main(["trust", "revoke", "oak", "--id", listed[0].split()[0]]) == 0
    capsys.readouterr()
    # the last key, an unknown trust, a taken domain, a school that does not exist
    for argv, message in (
        (["trust", "revoke", "oak", "--id", listed[1].split()[0]], "last admin key"),
        (["trust", "show", "elm"], "no trust 'elm'"),
        (["trust", "create", "elm", "--domain", "oak.org.uk"], "belongs to another"),
        (["trust", "create", "elm", "--entra-tenant-id", "x"], "entra_tenant_id"),
        (["policy", "show", "--school", "nope", "--sender", "a@oak.org.uk"], "no school"),
        (["policy", "show"], "give a FILE"),
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, (argv, err)


def test_an_existing_school_joins_and_its_effective_policy_shows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    policy = tmp_path / "trust.yaml"
    policy.write_text("rules:\n  REC001: {max_recipients: 33}\n", encoding="utf-8")
    assert main(["school", "create", "ash", "--domain", "ash.sch.uk"]) == 0
    assert main(["trust", "create", "oak", "--policy", str(policy)]) == 0
    assert main(["trust", "add-school", "oak", "ash"]) == 0
    capsys.readouterr()
    assert main(["policy", "show", "--school", "ash", "--sender", "x@ash.sch.uk"]) == 0
    assert "max_recipients: 33" in capsys.readouterr().out
    assert main(["trust", "add-school", "oak", "ash", "--domain", "x.sch.uk"]) == 2
