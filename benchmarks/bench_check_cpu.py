"""CPU time per ``/v1/check`` through the whole ASGI app, in-process, against the bare endpoint.

    .venv/bin/python benchmarks/bench_check_cpu.py [--checks 2000] [--runs 3]

Calls the service's ASGI app (the demo school on SQLite in a temporary
folder, every middleware, the audit's write-ahead-log append; the batch
writer's flush interval is set to an hour so its process stays out of it)
and ``bench_http``'s bare FastAPI endpoint directly, with the same body as
``bench_http.py``, no socket and no server. Prints the median CPU time of
this thread per check, per run. On a shared machine this is steadier than
requests/s over HTTP, and it is what the requests/s ratio comes from.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_http import BODY, DEMO_KEY, bare_app

RAW = json.dumps(BODY).encode()
HEADERS = [
    (b"host", b"bench"),
    (b"content-type", b"application/json"),
    (b"content-length", str(len(RAW)).encode()),
    (b"authorization", f"Bearer {DEMO_KEY}".encode()),
]


def _scope() -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/check",
        "raw_path": b"/v1/check",
        "query_string": b"",
        "root_path": "",
        "headers": HEADERS,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }


async def _one(app: Any) -> None:
    sent = False
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": RAW, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(_scope(), receive, send)
    if status != [200]:
        raise SystemExit(f"answered {status}")


async def _cpu_us(app: Any, checks: int) -> float:
    for _ in range(300):
        await _one(app)
    cpu = []
    for _ in range(checks):
        c0 = time.thread_time_ns()
        await _one(app)
        cpu.append((time.thread_time_ns() - c0) / 1000)
    return statistics.median(cpu)


async def _main(checks: int, runs: int) -> None:
    from app.config import Settings
    from app.main import create_app

    with tempfile.TemporaryDirectory(prefix="etq-bench-cpu-") as tmp:
        settings = Settings(demo=True, data_dir=Path(tmp), audit_flush_seconds=3600)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            real = [await _cpu_us(app, checks) for _ in range(runs)]
    bare = [await _cpu_us(bare_app(), checks) for _ in range(runs)]
    print(f"CPU per check, median of {checks} (µs), {runs} runs each:")
    print("  service /v1/check:", ", ".join(f"{x:.0f}" for x in real))
    print("  bare endpoint:    ", ", ".join(f"{x:.0f}" for x in bare))
    print(f"  ratio bare/service: {statistics.median(bare) / statistics.median(real):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checks", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    asyncio.run(_main(args.checks, args.runs))


if __name__ == "__main__":
    main()
