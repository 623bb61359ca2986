"""A 20,000-person Microsoft Graph sync against a local fake Graph, end to end.

    .venv/bin/python benchmarks/bench_sync.py [--people 20000] [--groups 300] [--runs 3]
        [--database-url postgresql+psycopg://...]

A fake tenant (tests/directory/sources/graph_fake.py: pages shaped as Graph's
documentation shows them, 999 users a page, ``@odata.nextLink`` then
``@odata.deltaLink``) is served over HTTP by uvicorn on 127.0.0.1; the token
endpoint is faked in-process (MSAL's authority must be https). Each run is a
fresh school and database (SQLite in a temporary folder unless
``--database-url``), and times ``sync_source`` in full: token, every users
page, the groups and one ``$count`` per group, the diff, and writing the rows.
Then an incremental run (100 changed users, 10 removed) and an unchanged one.

Prints each run, the median, and the process's peak RSS growth (VmHWM minus
the RSS before the first run). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import uvicorn

from app.directory.sync import engine
from app.store import Database, Store
from app.store.sync import SyncRepo
from tests.directory.sources.graph_fake import TENANT, FakeGraph, graph_user


def _kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Asgi:
    """The fake's handler as an ASGI app, so pages really cross a socket."""

    def __init__(self, fake: FakeGraph) -> None:
        self.fake = fake

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        query = scope["query_string"].decode()
        url = f"{self.fake.base.split('/v1.0')[0]}{scope['path']}" + (f"?{query}" if query else "")
        headers = [(k.decode(), v.decode()) for k, v in scope["headers"]]
        resp = self.fake.handler(httpx.Request(scope["method"], url, headers=headers, content=body))
        await send(
            {
                "type": "http.response.start",
                "status": resp.status_code,
                "headers": [(k.encode(), v.encode()) for k, v in resp.headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": resp.content})


def _serve(fake: FakeGraph, port: int) -> uvicorn.Server:
    config = uvicorn.Config(_Asgi(fake), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def _tenant(people: int, groups: int, base: str) -> FakeGraph:
    g = FakeGraph(page_size=999, base=base)
    g.add(*(graph_user(i, domain="oak.sch.uk") for i in range(people)))
    g.groups = [
        {"id": f"g{i}", "displayName": f"List {i}", "mail": f"list{i}@oak.sch.uk"}
        for i in range(groups)
    ]
    g.group_sizes = {f"g{i}": 10 + i for i in range(groups)}
    return g


_cpu: list[float] = []  # process CPU seconds of each run (the fake server's thread included)


async def _run(store: Store, tid: str, fake: FakeGraph, **kw: Any) -> tuple[float, Any]:
    local = httpx.AsyncHTTPTransport()
    login = httpx.MockTransport(fake.handler)  # the token endpoint, in-process
    async with httpx.AsyncClient(
        mounts={"https://login.microsoftonline.com": login, "all://": local},
        timeout=httpx.Timeout(30.0),
    ) as http:
        t0, c0 = time.perf_counter(), time.process_time()
        out = await engine.sync_source(store, tid, "entra", http, **kw)
        _cpu.append(time.process_time() - c0)
        return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--groups", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--database-url", default=None)
    args = ap.parse_args()
    os.environ["ETQ_BENCH_GRAPH_SECRET"] = "s3cret"
    port = _free_port()
    base = f"http://127.0.0.1:{port}/v1.0"
    fake = _tenant(args.people, args.groups, base)
    server = _serve(fake, port)
    rss0 = _kb("VmRSS")
    fulls: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            url = args.database_url or f"sqlite:///{tmp}/bench{run}.sqlite3"
            db = Database(url)
            db.migrate()
            store = Store(db)
            tid = store.create_tenant(
                f"oak{run}-{os.getpid()}", "Oak", [f"oak{run}-{os.getpid()}.sch.uk"]
            )
            with db.session() as s:
                SyncRepo(s, tid).put_source(
                    "entra",
                    "graph",
                    {
                        "tenant_id": TENANT,
                        "client_id": "0f2c7d1e-4b5a-4c3d-9e8f-7a6b5c4d3e2f",
                        "client_secret_env": "ETQ_BENCH_GRAPH_SECRET",
                        "graph_url": base,
                    },
                )
            seconds, out = asyncio.run(_run(store, tid, fake))
            assert out.status == engine.APPLIED, out
            assert len(store.load(tid).people) == args.people
            fulls.append(seconds)
            print(
                f"full sync {run + 1}: {seconds:.2f} s, CPU {_cpu[-1]:.2f} s "
                f"({out.status}, +{len(out.diff.added)})"
            )
            if run == args.runs - 1:
                fake.add(*(graph_user(i, surname=f"Changed{i}") for i in range(100)))
                fake.remove(*(graph_user(i)["id"] for i in range(args.people - 10, args.people)))
                inc, out = asyncio.run(_run(store, tid, fake))
                d = out.diff
                print(
                    f"incremental (100 changed, 10 removed): {inc:.2f} s, CPU {_cpu[-1]:.2f} s "
                    f"({out.status}, ~{len(d.changed)} -{len(d.removed)})"
                )
                same, out = asyncio.run(_run(store, tid, fake))
                print(
                    f"incremental, nothing changed: {same:.2f} s, CPU {_cpu[-1]:.2f} s "
                    f"({out.status})"
                )
            if args.database_url:
                with db.engine.begin() as conn:
                    from sqlalchemy import text

                    conn.execute(text("DELETE FROM tenants WHERE id = :t"), {"t": tid})
            db.dispose()
    peak = _kb("VmHWM")
    print(
        f"{args.people:,} people, {args.groups} groups: full sync median "
        f"{statistics.median(fulls):.2f} s (of {args.runs}); peak RSS growth "
        f"{(peak - rss0) / 1024:.0f} MB (RSS {rss0 / 1024:.0f} MB before, "
        f"peak {peak / 1024:.0f} MB)"
    )
    server.should_exit = True


if __name__ == "__main__":
    main()
