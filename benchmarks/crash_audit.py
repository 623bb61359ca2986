"""Crash test for the audit trail: ``kill -9`` during a database outage under load.

    .venv/bin/python benchmarks/crash_audit.py [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--clients 8] [--before 3] [--outage 10] [--scenario outage|up|both] [--queue-max N]

What it does, end to end, with the real service:

1. Creates a fresh schema in the given PostgreSQL database (dropped at the
   end) and a school with a check key in it.
2. Starts a TCP proxy in this process between the service and PostgreSQL; the
   outage is the proxy cutting every connection and refusing new ones. The
   shared PostgreSQL server itself is never stopped.
3. Starts the service (``uvicorn app.main:create_app --factory``, not demo
   mode) pointed at the proxy, and loads it with ``--clients`` concurrent
   clients posting ``/v1/check``. A check counts as *accepted* when the
   client got its 200 and its ``check_id``.
4. ``outage``: after ``--before`` seconds the proxy cuts the database; the
   load goes on for ``--outage`` seconds (checks keep answering from memory,
   audit events pile up), then the service is killed with SIGKILL: no
   shutdown, no spool. ``up``: the same with the database up all along (the
   kill lands mid flush interval).
5. Restores the database, starts the service again on the same data folder,
   waits until every accepted event is written (or the table stops growing for
   10 s), and counts the accepted
   ``check_id``\\ s that are missing from it.

Prints accepted, in the database, lost (must be 0), duplicates, the queue
depth just before the kill and the time to catch up. Exits 1 if anything
was lost. Not a test: it takes about 40 s and needs PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.store import Database, Store  # noqa: E402
from app.store.db import normalise_url  # noqa: E402

BODY: dict[str, Any] = {
    "sender": {"email": "s.jones@crash.sch.uk", "name": "Sarah Jones"},
    "to": [{"email": "parent1@gmail.com"}, {"email": "parent2@outlook.com"}],
    "subject": "Year 9 trip: consent forms",
    "attachments": [{"name": "letter.pdf", "size": 120000, "inline": False}],
    "compose_type": "new",
    "importance": "normal",
    "host": "api",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Proxy:
    """A TCP proxy to PostgreSQL that can be cut (every connection aborted,
    new ones reset at once) and restored. Runs its own event loop in a thread.
    It keeps its port while cut, so nothing else can take it meanwhile."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._cut = False
        self._transports: set[asyncio.BaseTransport] = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._cut:
            writer.transport.abort()
            return
        try:
            up_r, up_w = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        for w in (writer, up_w):
            self._transports.add(w.transport)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_w), pipe(up_r, writer))
        for w in (writer, up_w):
            self._transports.discard(w.transport)

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    def up(self) -> None:
        async def start() -> None:
            self._cut = False
            if self._server is None:
                self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

        self._run(start())

    def down(self) -> None:
        async def stop() -> None:
            self._cut = True
            for t in list(self._transports):
                t.abort()
            self._transports.clear()

        self._run(stop())

    def close(self) -> None:
        self.down()

        async def shut() -> None:
            if self._server is not None:
                self._server.close()

        self._run(shut())
        self.loop.call_soon_threadsafe(self.loop.stop)


def start_service(
    url: str, data: Path, port: int, log: Path, queue_max: int
) -> subprocess.Popen[bytes]:
    env = {
        "ETIQUETTE_AUDIT_QUEUE_MAX": str(queue_max),
        **os.environ,
        "DATABASE_URL": url,
        "ETIQUETTE_SECRET_KEY": "crash-test-" + secrets.token_hex(8),
        "ETIQUETTE_DATA_DIR": str(data),
        "ETIQUETTE_ENVIRONMENT": "production",
    }
    env.pop("ETIQUETTE_DEMO", None)
    cmd = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        if proc.poll() is not None:
            raise SystemExit(f"the service did not start; see {log}")
        time.sleep(0.2)
    raise SystemExit("the service did not start in 60 s")


async def load(port: int, key: str, clients: int, stop: asyncio.Event) -> set[str]:
    accepted: set[str] = set()
    headers = {"X-API-Key": key}

    async def one(client: httpx.AsyncClient) -> None:
        while not stop.is_set():
            try:
                res = await client.post("/v1/check", json=BODY, headers=headers)
            except httpx.HTTPError:
                continue  # the server was killed mid request: not accepted
            if res.status_code == 200:
                accepted.add(res.json()["check_id"])

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", timeout=5, limits=limits
    ) as client:
        await asyncio.gather(*(one(client) for _ in range(clients)))
    return accepted


def audit_ids(engine: Any) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT check_id FROM audit_events WHERE kind = 'check'"))
        return [r[0] for r in rows]


def run_scenario(
    name: str, base_url: str, args: argparse.Namespace, tmp: Path
) -> dict[str, float | int]:
    schema = f"crash_{secrets.token_hex(4)}"
    admin = create_engine(normalise_url(base_url))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base_url else "?"
    direct = f"{base_url}{sep}options=-csearch_path%3D{schema}"
    try:
        db = Database(direct)
        db.migrate()
        _, key = Store(db).create_school(
            "crash", "Crash test", ["crash.sch.uk"], key_role="check", key_label="load"
        )
        parsed = db.engine.url
        proxy = Proxy((parsed.host or "127.0.0.1", parsed.port or 5432))
        proxy.up()
        proxied = direct.replace(f"{parsed.host}:{parsed.port or 5432}", f"127.0.0.1:{proxy.port}")
        if proxied == direct:
            raise SystemExit("give --database with an explicit host:port")
        data = tmp / name
        data.mkdir()
        port = free_port()
        log = tmp / f"{name}.log"
        server = start_service(proxied, data, port, log, args.queue_max)

        async def drive() -> tuple[set[str], int]:
            stop = asyncio.Event()
            task = asyncio.create_task(load(port, key, args.clients, stop))
            await asyncio.sleep(args.before)
            if name == "outage":
                proxy.down()
                await asyncio.sleep(args.outage)
            else:
                await asyncio.sleep(args.outage / 10)
            depth = -1
            with contextlib.suppress(httpx.HTTPError):
                async with httpx.AsyncClient() as c:
                    ready = await c.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                    depth = int(ready.json().get("audit_pending", -1))
            os.kill(server.pid, signal.SIGKILL)  # no shutdown, no spool
            server.wait()
            stop.set()
            return await task, depth

        accepted, depth = asyncio.run(drive())
        proxy.up()
        t0 = time.monotonic()
        server = start_service(proxied, data, port, log, args.queue_max)
        engine = db.engine
        seen, stable_since = -1, time.monotonic()
        while time.monotonic() - t0 < 120:
            n = len(audit_ids(engine))
            if n != seen:
                seen, stable_since = n, time.monotonic()
            elif accepted <= set(audit_ids(engine)) or time.monotonic() - stable_since > 10:
                break
            time.sleep(0.5)
        caught_up = time.monotonic() - t0
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        ids = audit_ids(engine)
        lost = len(accepted - set(ids))
        proxy.close()
        db.dispose()
        return {
            "accepted": len(accepted),
            "in_database": len(set(ids) & accepted),
            "lost": lost,
            "duplicates": len(ids) - len(set(ids)),
            "queue_at_kill": depth,
            "catch_up_s": round(caught_up, 1),
        }
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument(
        "--database",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--before", type=float, default=3.0, help="seconds of load before the cut")
    p.add_argument("--outage", type=float, default=10.0, help="seconds of load during the cut")
    p.add_argument("--scenario", choices=["outage", "up", "both"], default="both")
    p.add_argument(
        "--queue-max",
        type=int,
        default=100_000,
        help="ETIQUETTE_AUDIT_QUEUE_MAX for the service: set it low (e.g. 200) to have "
        "the outage run past the bound, into the spool file",
    )
    args = p.parse_args()
    names = ["outage", "up"] if args.scenario == "both" else [args.scenario]
    failed = False
    with tempfile.TemporaryDirectory(prefix="etq-crash-") as tmp:
        for name in names:
            r = run_scenario(name, args.database, args, Path(tmp))
            failed |= r["lost"] > 0
            print(
                f"{name:>7}: accepted {r['accepted']}, in the database {r['in_database']}, "
                f"lost {r['lost']}, duplicates {r['duplicates']}, "
                f"queued at the kill {r['queue_at_kill']}, "
                f"all written {r['catch_up_s']} s after the restart"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
