"""scripts/audit_deps.py never reports "no known vulnerabilities" for a check that did not run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_deps.py"
spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
assert spec and spec.loader
audit_deps = importlib.util.module_from_spec(spec)
sys.modules["audit_deps"] = audit_deps  # dataclasses look their module up
spec.loader.exec_module(audit_deps)


def _prints(data: Any) -> list[str]:
    """A stand-in tool that prints ``data`` as JSON (extra arguments are ignored)."""
    return [sys.executable, "-c", f"print({json.dumps(json.dumps(data))})"]


PIP_OK = {"dependencies": [{"name": "a", "version": "1", "vulns": []}] * 3}
PIP_VULN = {"dependencies": [{"name": "a", "version": "1", "vulns": [{"id": "PYSEC-1"}]}]}
PIP_OFFLINE = {
    "dependencies": [{"name": "a", "version": "1", "skip_reason": "Dependency not found on PyPI"}]
}
NPM_OK = {"metadata": {"dependencies": {"total": 40}, "vulnerabilities": {"total": 0}}}
NPM_OFFLINE = {"message": "405 Method Not Allowed", "statusCode": 405}


@pytest.mark.parametrize(
    ("pip", "npm", "code"),
    [
        (PIP_OK, NPM_OK, 0),
        (PIP_VULN, NPM_OK, 1),
        (PIP_OFFLINE, NPM_OK, 2),  # every package "not found": nothing was checked
        (PIP_OK, NPM_OFFLINE, 2),
        ({"dependencies": []}, NPM_OK, 2),
        (None, NPM_OK, 2),  # the tool printed nothing useful
    ],
)
def test_exit_code_says_what_was_checked(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pip: Any,
    npm: Any,
    code: int,
) -> None:
    monkeypatch.setattr(audit_deps, "PIP_AUDIT", _prints(pip))
    monkeypatch.setattr(audit_deps, "NPM", _prints(npm))
    assert audit_deps.main() == code
    out = capsys.readouterr().out
    assert ("no known vulnerabilities" in out) is (code == 0)
    if code == 2:
        assert "NOT CHECKED" in out
