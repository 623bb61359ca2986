"""Write requirements.lock: exactly what ``pip install .`` resolves, pinned with hashes.

    .venv/bin/python scripts/lock.py          # rewrite the lock
    .venv/bin/python scripts/lock.py --check  # exit 1 if pyproject.toml's dependencies moved

The Dockerfile installs from this file with ``--require-hashes``, so an image
built today and one built next term hold the same packages. The hashes are of
the files pip picks for CPython 3.11 on linux/amd64 (the image's platform).
Re-run after changing ``dependencies`` in pyproject.toml.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
HEADER = (
    "# What `pip install .` resolves, pinned with hashes (scripts/lock.py writes this file).\n"
    "# CPython 3.11, linux/amd64. The Dockerfile installs it with --require-hashes.\n"
)


def resolve() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        subprocess.run([*pip, "--quiet", "--report", str(report), str(ROOT)], check=True)
        data = json.loads(report.read_text())
    lines = []
    for item in sorted(data["install"], key=lambda i: canonicalize_name(i["metadata"]["name"])):
        name = canonicalize_name(item["metadata"]["name"])
        if name == "etiquette":
            continue
        digest = item["download_info"].get("archive_info", {}).get("hashes", {}).get("sha256")
        if not digest:
            raise SystemExit(f"no sha256 for {name}: resolve against an index that gives one")
        lines.append(f"{name}=={item['metadata']['version']} \\\n    --hash=sha256:{digest}")
    return HEADER + "\n".join(lines) + "\n"


def locked_names(text: str) -> set[str]:
    return {
        canonicalize_name(line.split("==", 1)[0])
        for line in text.splitlines()
        if "==" in line and not line.startswith("#")
    }


def check() -> int:
    """Every direct dependency of pyproject.toml is in the lock (and nothing is unpinned)."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    have = locked_names(LOCK.read_text())
    missing = sorted(
        canonicalize_name(Requirement(d).name)
        for d in deps
        if canonicalize_name(Requirement(d).name) not in have
    )
    if missing:
        print(f"requirements.lock is missing {', '.join(missing)}: run scripts/lock.py")
        return 1
    return 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(check())
    LOCK.write_text(resolve())
    print(f"wrote {LOCK.relative_to(ROOT)}")
