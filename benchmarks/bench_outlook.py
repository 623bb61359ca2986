"""The Send-time round trip: the Outlook handler's request to ``/v1/check``.

    .venv/bin/python benchmarks/bench_outlook.py [--runs 500] [--recipients 12 60]

Starts the real service (uvicorn, demo mode, a temporary SQLite database) on a
free 127.0.0.1 port, builds the request body with the real handler
(``node addin-ui/request-body.mjs``: the Send check, purpose ``send``, falling
back to an equivalent body if Node is missing), and times the same HTTP request
the handler makes: ``POST /v1/check`` with ``Content-Type: application/json``
and a bearer credential, over a kept-alive connection (as the Outlook runtime
reuses its connection) and over a new connection each time (the first Send
after the runtime starts).
Prints median, p95 and p99 in milliseconds. Outlook's "taking longer" dialog
appears at 5,000 ms; the add-in's own limit is 3,000 ms. Not a test: figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer etq_demo_check_key"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def handler_body(recipients: int) -> bytes:
    node = shutil.which("node")
    if node and (ROOT / "addin-ui" / "node_modules").is_dir():
        out = subprocess.run(
            [node, "request-body.mjs", str(recipients)],
            cwd=ROOT / "addin-ui",
            check=True,
            capture_output=True,
        )
        return out.stdout
    body: dict[str, Any] = {
        "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Sarah Jones"},
        "to": [
            {"email": f"staff{i}@stmarys.sch.uk", "name": f"Staff Member {i}", "kind": "user"}
            for i in range(recipients)
        ],
        "subject": "Re: Year 9 trip to the Science Museum: consent forms",
        "compose_type": "reply",
        "send_at": "2026-11-18T10:00:00+00:00",
        "host": "outlook",
        "purpose": "send",
    }
    return json.dumps(body).encode()


def start(tmp: Path, database_url: str | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """The service under uvicorn (demo mode) on ``database_url``, or a new
    SQLite database in ``tmp``."""
    port = free_port()
    env = {
        **os.environ,
        "ETIQUETTE_DEMO": "1",
        "ETIQUETTE_ENVIRONMENT": "test",
        "ETIQUETTE_DATA_DIR": str(tmp),
        "DATABASE_URL": database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
    }
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("service did not start")


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(send: Any, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        res = send()
        out.append((time.perf_counter() - t0) * 1000)
        if res.status_code != 200:
            raise SystemExit(f"HTTP {res.status_code}: {res.text[:200]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--recipients", type=int, nargs="+", default=[12, 60])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start(Path(tmp))
        try:
            print(f"POST {base}/v1/check, {args.runs} runs each (ms)")
            print(f"{'recipients':>10} {'connection':>11} {'median':>8} {'p95':>8} {'p99':>8}")
            for n in args.recipients:
                body = handler_body(n)
                with httpx.Client(base_url=base, headers=HEADERS) as c:
                    c.post("/v1/check", content=body)  # warm-up
                    warm = timed(lambda c=c, b=body: c.post("/v1/check", content=b), args.runs)

                # No keep-alive: every request opens (and closes) its own TCP connection.
                no_reuse = httpx.Limits(max_keepalive_connections=0)
                with httpx.Client(base_url=base, headers=HEADERS, limits=no_reuse) as c2:
                    fresh = timed(lambda c=c2, b=body: c.post("/v1/check", content=b), args.runs)
                for label, xs in (("kept-alive", warm), ("new", fresh)):
                    print(
                        f"{n:>10} {label:>11} {statistics.median(xs):8.2f} "
                        f"{pct(xs, 95):8.2f} {pct(xs, 99):8.2f}"
                    )
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
