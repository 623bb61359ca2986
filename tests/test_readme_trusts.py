"""The README's trust walkthrough, run as written: its ``etiquette`` commands
through the CLI, its ``curl`` calls against the app (on the same database),
with faked Microsoft Graph and Wonde services answering its sources, then one
tick of the sync schedule. If a command in the README stops working, this fails."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import shlex
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.cli import main as cli
from app.config import Settings
from app.directory.sync.scheduler import Scheduler
from app.directory.sync.settings import SyncSettings
from app.main import create_app
from tests.directory.sources.graph_fake import FakeGraph, graph_user
from tests.directory.sources.wonde_fake import SCHOOL, TOKEN, FakeWonde, contact, employee, student

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SOUTH_WONDE = "A1930499545"
FAKE_SECRETS = {"WONDE_TOKEN": TOKEN, "GRAPH_SECRET": "s3cret"}


def walkthrough() -> list[str]:
    section = README.split("### Trusts: schools that share", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return block.replace("\\\n", " ").splitlines()


class Fakes:
    def __init__(self) -> None:
        self.graph = FakeGraph(page_size=50)
        self.graph.add(
            graph_user(1, domain="oaktrust.org.uk", companyName="Oak North Primary"),
            graph_user(2, domain="oaktrust.org.uk", companyName="Oak South Academy"),
        )
        mum = contact("WC1", "Samina", "Khan", "samina.khan@gmail.com", "Mother", True)
        self.north = FakeWonde(per_page=50)
        self.north.students = [
            student("WS1", "Amir", "Khan", "amir.khan@pupils.oaktrust.org.uk", [mum])
        ]
        self.north.employees = [
            employee("WE001", "Dana", "Head", "head@oaktrust.org.uk", "Headteacher")
        ]
        self.south = FakeWonde(per_page=50)
        self.south.employees = [employee("WE002", "Tom", "Two", "t.two@oaktrust.org.uk", "Teacher")]

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.wonde.com":
            if f"/schools/{SOUTH_WONDE}/" in request.url.path:
                url = str(request.url).replace(SOUTH_WONDE, SCHOOL)
                return self.south.handler(httpx.Request("GET", url, headers=request.headers))
            return self.north.handler(request)
        return self.graph.handler(request)


def run_cli(line: str, env: dict[str, str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli(shlex.split(substitute(line, env))[1:]) == 0, line
    return out.getvalue()


def substitute(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$([A-Z_]+)", lambda m: env[m.group(1)], text)


def curl(client: TestClient, line: str, env: dict[str, str]) -> Any:
    args = shlex.split(substitute(line, env))[1:]
    method, headers, data, url = "GET", {}, None, ""
    it = iter(args)
    for a in it:
        if a in ("-sX", "-X"):
            method = next(it)
        elif a == "-H":
            k, _, v = next(it).partition(":")
            headers[k.strip()] = v.strip()
        elif a == "-d":
            data = next(it)
        elif a == "-s":
            continue
        else:
            url = a
    res = client.request(method, url.removeprefix(env["API"]), headers=headers, content=data)
    assert res.status_code in (200, 201), (url, res.text)
    return res.json()


def test_the_trust_walkthrough_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ETIQUETTE_SYNC_ENABLED", "false")  # the test runs the schedule's tick
    fakes = Fakes()
    env: dict[str, str] = {}
    answers: list[Any] = []
    printed: list[str] = []
    client: TestClient | None = None
    lines = iter(walkthrough())
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if m := re.match(r"cat > (\S+) <<'(\w+)'$", line):
            body = []
            for nxt in lines:
                if nxt == m.group(2):
                    break
                body.append(nxt)
            Path(m.group(1)).write_text("\n".join(body) + "\n", encoding="utf-8")
        elif m := re.match(r"([A-Z_]+)=\$\((.*) \| tail -1\)$", line):
            env[m.group(1)] = run_cli(m.group(2), env).strip().splitlines()[-1]
        elif m := re.match(r"(?:export )?([A-Z_]+)=(.*)$", line):
            env[m.group(1)] = shlex.split(m.group(2))[0]
            # the fakes' credentials stand in for the school's
            name, value = m.group(1), env[m.group(1)]
            value = next((v for k, v in FAKE_SECRETS.items() if name.endswith(k)), value)
            monkeypatch.setenv(name, value)
        elif line.startswith(".venv/bin/etiquette"):
            printed.append(run_cli(line, env))
        elif line.startswith("curl"):
            if client is None:
                settings = Settings(
                    database_url=f"sqlite:///{tmp_path / 'data' / 'etiquette.sqlite3'}",
                    data_dir=tmp_path,
                    environment="test",
                    secret_key="readme-walkthrough-secret",
                )
                client = TestClient(
                    create_app(settings, transport=httpx.MockTransport(fakes.handler))
                )
                client.__enter__()
                runtime = client.app.state.runtime  # type: ignore[attr-defined]
            if "policy/effective" in line:
                # step 5 comes "after the first scheduled runs": run the schedule once
                outcomes = asyncio.run(Scheduler(runtime, SyncSettings()).tick())
                assert sorted(o.status for o in outcomes) == ["applied"] * 3, outcomes
            runtime.refresh_sync()
            answers.append(curl(client, line, env))
        else:
            pytest.fail(f"the test does not know this README line: {line}")
    assert client is not None
    try:
        # the two schools share one domain; each sender is checked at their own school
        assert runtime.tenant_for_sender("head@oaktrust.org.uk").slug == "oak-north"
        assert runtime.tenant_for_sender("t.two@oaktrust.org.uk").slug == "oak-south"
        assert runtime.tenant_for_sender("nobody@oaktrust.org.uk").trust_view
        # Graph kept North's user only (companyName)
        north = runtime.tenant_for_sender("head@oaktrust.org.uk")
        assert north.directory.person_by_address("user1@oaktrust.org.uk") is not None
        assert north.directory.person_by_address("user2@oaktrust.org.uk") is None
        # the parent -> pupil link from Wonde is visible
        pupil = client.get(
            "/v1/admin/schools/oak-north/directory/people/WS1",
            headers={"X-API-Key": env["NORTH_KEY"]},
        ).json()
        assert [c["relationship"] for c in pupil["contacts"]] == ["mother"], pupil
        # the effective policy: trust (40) -> North (OOH001 warn) -> senior leaders (500)
        effective = answers[-1]
        assert effective["staff_groups"] == ["trust:senior-leaders"]
        assert effective["policy"]["rules"]["REC001"]["max_recipients"] == 500
        assert effective["policy"]["rules"]["OOH001"]["severity"] == "warn"
        # the CLI shows the same effective policy (YAML)
        assert "max_recipients: 500" in printed[-1]
        assert "oak-north, oak-south" in printed[0]
    finally:
        client.__exit__(None, None, None)
