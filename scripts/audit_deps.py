"""Release step: check every dependency against a vulnerability database.

    .venv/bin/python scripts/audit_deps.py        (or: make audit)

Python: ``pip-audit`` over the installed environment (PyPI's advisory data,
from pypi.org's JSON API). JavaScript: ``npm audit`` over addin-ui's whole
tree (development dependencies included: msal-browser is bundled into the
add-in). Both need the network; no package ships a current vulnerability
database (``safety-db`` on PyPI stopped in 2021), so this is not part of
``make test``.

It says what it checked and never reports "no known vulnerabilities" for a
check that did not run: exit 0 only when every dependency was checked and
none is vulnerable, 1 when a vulnerability is known, 2 when anything could
not be checked (offline, a package the database does not know).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIP_AUDIT = os.environ.get("ETIQUETTE_PIP_AUDIT", f"{sys.executable} -m pip_audit").split()
NPM = os.environ.get("ETIQUETTE_NPM", "npm").split()


@dataclass(frozen=True)
class Audit:
    tool: str
    checked: int
    unchecked: int
    vulnerable: int
    note: str = ""

    @property
    def complete(self) -> bool:
        return self.checked > 0 and self.unchecked == 0

    def line(self) -> str:
        if not self.complete:
            why = self.note or f"{self.unchecked} package(s) could not be checked"
            return f"{self.tool}: NOT CHECKED ({why}); checked {self.checked}"
        return f"{self.tool}: {self.checked} packages checked, {self.vulnerable} vulnerable"


def _json(cmd: list[str], cwd: Path) -> object:
    try:
        out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": str(exc)}
    try:
        return json.loads(out.stdout or "null")
    except json.JSONDecodeError:
        return {"error": (out.stderr or out.stdout).strip()[-300:]}


def pip_audit() -> Audit:
    cmd = [*PIP_AUDIT, "-s", "pypi", "--skip-editable", "-f", "json", "--progress-spinner", "off"]
    data = _json(cmd, ROOT)
    if not isinstance(data, dict) or "dependencies" not in data:
        note = data.get("error", "no answer") if isinstance(data, dict) else "no answer"
        return Audit("pip-audit", 0, 0, 0, f"the database could not be reached: {note}")
    deps = data["dependencies"]
    skipped = [d for d in deps if d.get("skip_reason")]
    checked = [d for d in deps if not d.get("skip_reason")]
    vulnerable = sum(1 for d in checked if d.get("vulns"))
    note = f"{len(skipped)} of {len(deps)} packages unknown to the database" if skipped else ""
    return Audit("pip-audit", len(checked), len(skipped), vulnerable, note)


def npm_audit() -> Audit:
    data = _json([*NPM, "audit", "--json"], ROOT / "addin-ui")
    meta = data.get("metadata") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or "dependencies" not in meta:
        note = "the database could not be reached"
        if isinstance(data, dict) and data.get("message"):
            note += f": {data['message']}"
        return Audit("npm audit", 0, 0, 0, note)
    total = int(meta["dependencies"].get("total", 0))
    vulnerable = int(meta.get("vulnerabilities", {}).get("total", 0))
    return Audit("npm audit", total, 0, vulnerable, "" if total else "no dependencies counted")


def main() -> int:
    audits = [pip_audit(), npm_audit()]
    for a in audits:
        print(a.line())
    if any(a.vulnerable for a in audits):
        return 1
    if not all(a.complete for a in audits):
        print("Dependencies were NOT fully audited: run this where the network is reachable.")
        return 2
    print("Every dependency was checked: no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
