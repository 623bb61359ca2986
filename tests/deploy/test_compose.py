"""deploy/compose: valid against the Compose specification's schema, and what
the issue asks of it (two replicas, migrations once first, secrets from .env)."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "deploy" / "compose" / "compose.yaml"
SCHEMA = ROOT / "deploy" / "schemas" / "compose-spec.json"


@cache
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def errors(doc: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text())
    # The file declares draft 2019-09 (written with a trailing '#' jsonschema does not map).
    validator = jsonschema.Draft201909Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_compose_file_is_valid() -> None:
    assert errors(compose()) == []


def _set(doc: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("path", "value"),
    [
        # The schema really checks: each of these is a mistake it must catch.
        (("services", "etiquette", "deploy", "replicas"), "two"),
        (("services", "etiquette", "depends_on", "migrate", "condition"), "service_done"),
        (("services", "etiquette", "read_only"), "yes please"),
        (("services", "etiquette", "restart_policy"), "always"),
        (("servics",), {}),
    ],
)
def test_schema_catches_mistakes(path: tuple[str, ...], value: object) -> None:
    assert errors(_set(compose(), path, value))


def test_service_shape() -> None:
    svc = compose()["services"]
    app = svc["etiquette"]
    assert app["deploy"]["replicas"] >= 2
    # Migrations run once, before the service starts; the replicas then skip them.
    assert app["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert svc["migrate"]["command"] == ["etiquette", "migrate"]
    assert app["environment"]["ETIQUETTE_MIGRATE_ON_START"] == "false"
    assert svc["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    # Hardened like the image: non-root, read-only root filesystem, no capabilities.
    for name in ("etiquette", "migrate", "retention"):
        s = svc[name]
        assert s["user"] == "10001:10001" and s["read_only"] is True
        assert s["cap_drop"] == ["ALL"] and "no-new-privileges:true" in s["security_opt"]
    assert "readyz" in " ".join(app["healthcheck"]["test"])
    assert {"postgres", "redis", "proxy", "retention"} <= set(svc)


def test_secrets_come_from_an_uncommitted_env_file() -> None:
    text = COMPOSE.read_text()
    example = (COMPOSE.parent / ".env.example").read_text()
    # Every variable the file interpolates is documented in .env.example...
    used = set(re.findall(r"\$\{([A-Z_]+)", text))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", example, re.M))
    assert used - {"ETIQUETTE_VERSION"} <= documented
    # ...which holds no secret value, and .env itself is ignored by git.
    for line in example.splitlines():
        if line.startswith(("POSTGRES_PASSWORD", "ETIQUETTE_SECRET_KEY", "ETIQUETTE_ADMIN_KEY")):
            assert line.endswith("="), line
    assert "/deploy/compose/.env" in (ROOT / ".gitignore").read_text().splitlines()
    assert not re.search(r"(?i)(password|secret_key)\s*[:=]\s*[\"']?[A-Za-z0-9]{6,}", text)


def test_the_directory_sync_job_runs_the_sync_engine() -> None:
    from app.cli import build_parser
    from app.directory.sync.cli import cmd_sync

    svc = compose()["services"]
    job = svc["directory-sync"]
    assert job["command"] == ["etiquette", "sync"]
    assert build_parser().parse_args(job["command"][1:]).func is cmd_sync
    # The job and the service (which resolves a CSV source's paths, and runs due
    # syncs itself) see the MIS export at the same ETIQUETTE_SYNC_FILES_DIR.
    for name in ("etiquette", "directory-sync"):
        s = svc[name]
        files_dir = s["environment"]["ETIQUETTE_SYNC_FILES_DIR"]
        assert any(v.split(":")[1] == files_dir for v in s["volumes"]), name
