"""``/v1/check`` over HTTP against a bare FastAPI endpoint, side by side.

    .venv/bin/python benchmarks/bench_http.py [--seconds 10] [--rounds 3] [--connections 32]

Starts two servers as subprocesses, each one uvicorn worker:

- **real**: the service exactly as ``etiquette serve --demo`` runs it (the
  demo school on SQLite in a temporary data folder, the serve log config);
- **bare**: a FastAPI app with one ``POST`` endpoint that parses the same body
  into a similar pydantic model and returns a small JSON answer
  (:func:`bare_app`), with uvicorn's defaults and no access log.

Then drives each with ``wrk -t2 -c<connections> -d<seconds>s`` posting a
typical check (the demo key and sender, 12 recipients, a subject, an
attachment), interleaved real/bare/real/bare... after a short warm-up, and
prints requests/s and p50/p99 latency per run, the medians, and the ratios
(real/bare requests/s; real p99 over bare p99). Targets (issue 9): requests/s
ratio at least 0.6, p99 at most twice the bare p99.

``--rules-free`` is a diagnosis, not the product: the service as above but
with ``evaluate()`` answering a copy of its first verdict, so the rules cost
nothing; the ratio it prints is the most any speed-up of the rules could
give against this bare endpoint (README, "Benchmarks").

Needs ``wrk`` (Debian/Ubuntu: ``apt-get install -y wrk``; macOS: ``brew
install wrk``). Figures depend on the machine and on what else runs on it;
not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

BODY: dict[str, Any] = {
    "sender": {"email": "s.jones@stmarys.sch.uk", "name": "Sarah Jones"},
    "to": [{"email": f"staff{i}@stmarys.sch.uk", "name": f"Staff Member {i}"} for i in range(6)]
    + [
        {"email": "parent.one@gmail.com", "name": "Parent One"},
        {"email": "parent.two@outlook.com", "name": "Parent Two"},
    ],
    "cc": [
        {"email": "office@stmarys.sch.uk", "name": "School Office"},
        {"email": "head@stmarys.sch.uk", "name": "Head Teacher"},
    ],
    "bcc": [
        {"email": "governor.one@example.org", "name": "A Governor"},
        {"email": "archive@stmarys.sch.uk"},
    ],
    "subject": "Year 9 residential trip: updated kit list and coach times",
    "attachments": [{"name": "kit-list.pdf", "size": 240000, "content_type": "application/pdf"}],
    "compose_type": "new",
    "send_at": "2026-11-18T10:00:00+00:00",
    "host": "outlook",
    "purpose": "send",
}
DEMO_KEY = "etq_demo_check_key"

LUA = """
wrk.method = "POST"
wrk.path = "{path}"
wrk.body = [==[{body}]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {key}"

done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH {{\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d, "
    .. "\\"status_errors\\": %d, \\"socket_errors\\": %d}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class BareAddress(_In):
    email: str = Field(min_length=3, max_length=320)
    name: str = Field(default="", max_length=256)


class BareRecipient(BareAddress):
    kind: Literal["user", "external", "distribution_list", "unknown"] | None = None


class BareAttachment(_In):
    name: str = Field(default="", max_length=255)
    size: int = Field(ge=0)
    inline: bool = False
    content_type: str = "application/octet-stream"


class BareCheck(_In):
    sender: BareAddress
    to: list[BareRecipient] = Field(default_factory=list, max_length=500)
    cc: list[BareRecipient] = Field(default_factory=list, max_length=500)
    bcc: list[BareRecipient] = Field(default_factory=list, max_length=500)
    subject: str = Field(default="", max_length=998)
    attachments: list[BareAttachment] = Field(default_factory=list, max_length=250)
    compose_type: Literal["new", "reply", "reply_all", "forward"] = "new"
    importance: Literal["low", "normal", "high"] = "normal"
    send_at: datetime | None = None
    host: Literal["outlook", "gmail", "api"] = "api"
    purpose: Literal["send", "review", "background"] = "send"


async def _bare_check(body: BareCheck) -> dict[str, Any]:
    n = len(body.to) + len(body.cc) + len(body.bcc)
    return {"action": "allow", "findings": [], "recipients": n, "check_id": "bare"}


def bare_app() -> FastAPI:
    """The comparison: one endpoint, the same body parsed into a similar model
    (nested addresses, recipients, attachments; strings, enums, a datetime),
    a small JSON answer. No middleware, no database, no rules."""
    app = FastAPI()
    app.post("/v1/check")(_bare_check)
    return app


# --rules-free: the service with evaluate() replaced by a copy of its first
# answer (the rules' cost taken out; everything else as `etiquette serve --demo`)
RULES_FREE = """
import dataclasses, sys
import app.checker
from app.cli import main
real, first = app.checker.evaluate, []
def evaluate(message, policy, directory=None):
    if not first:
        first.append(real(message, policy, directory))
    return dataclasses.replace(first[0])
app.checker.evaluate = evaluate
sys.exit(main(["serve", "--demo", "--port", sys.argv[1]]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(port: int, proc: subprocess.Popen[bytes], name: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{name} server exited ({proc.returncode}); its log:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
        except OSError:
            time.sleep(0.2)
            continue
        # Listening; the real app's lifespan may still be loading: ask once.
        import urllib.request

        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/check",
            data=json.dumps(BODY).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {DEMO_KEY}"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"{name} server did not answer within 60 s; its log:\n{log.read_text()}")


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _wrk(port: int, lua: Path, seconds: int, connections: int, threads: int) -> Run:
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(lua),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    d = json.loads(line.removeprefix("BENCH "))
    return Run(
        rps=d["requests"] / (d["duration_us"] / 1e6),
        p50_ms=d["p50_us"] / 1000,
        p99_ms=d["p99_us"] / 1000,
        errors=d["status_errors"] + d["socket_errors"],
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    ap.add_argument("--rounds", type=int, default=3, help="real/bare pairs")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3, help="seconds of load before measuring")
    ap.add_argument(
        "--rules-free",
        action="store_true",
        help="diagnosis: the service with evaluate() answering a cached verdict (rules cost "
        "nothing), for the most a faster rules engine could give",
    )
    args = ap.parse_args()

    if shutil.which("wrk") is None:
        sys.exit(
            "wrk is not installed: apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)"
        )

    with tempfile.TemporaryDirectory(prefix="etq-bench-http-") as tmp:
        work = Path(tmp)
        lua = work / "check.lua"
        lua.write_text(LUA.format(path="/v1/check", body=json.dumps(BODY), key=DEMO_KEY))
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("ETIQUETTE_") and k not in ("DATABASE_URL", "REDIS_URL")
        }
        env["ETIQUETTE_DATA_DIR"] = str(work / "data")
        ports = {"real": _free_port(), "bare": _free_port()}
        commands = {
            # What ``etiquette serve --demo`` runs (one worker, its log config).
            "real": (
                [str(BIN / "python"), "-c", RULES_FREE, str(ports["real"])]
                if args.rules_free
                else [str(BIN / "etiquette"), "serve", "--demo", "--port", str(ports["real"])]
            ),
            "bare": [
                str(BIN / "uvicorn"),
                "benchmarks.bench_http:bare_app",
                "--factory",
                "--no-access-log",
                "--port",
                str(ports["bare"]),
            ],
        }
        procs: dict[str, subprocess.Popen[bytes]] = {}
        try:
            for name, cmd in commands.items():
                log = work / f"{name}.log"
                procs[name] = subprocess.Popen(
                    cmd,
                    cwd=ROOT,
                    env=env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            for name, proc in procs.items():
                _wait_ready(ports[name], proc, name, work / f"{name}.log")

            if args.rules_free:
                print("diagnosis: the service's rules cost nothing (--rules-free)")
            print(
                f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, POST /v1/check "
                f"({len(json.dumps(BODY))}-byte body, 12 recipients, 1 attachment); "
                f"{args.rounds} interleaved rounds after {args.warmup} s warm-up each"
            )
            for name in ("real", "bare"):
                _wrk(ports[name], lua, args.warmup, args.connections, args.threads)
            runs: dict[str, list[Run]] = {"real": [], "bare": []}
            for i in range(args.rounds):
                for name in ("real", "bare"):
                    r = _wrk(ports[name], lua, args.seconds, args.connections, args.threads)
                    runs[name].append(r)
                    print(
                        f"  round {i + 1} {name:<4}  {r.rps:8.0f} req/s   p50 {r.p50_ms:7.2f} ms"
                        f"   p99 {r.p99_ms:7.2f} ms   errors {r.errors}"
                    )
            med = {
                name: Run(
                    statistics.median(r.rps for r in rs),
                    statistics.median(r.p50_ms for r in rs),
                    statistics.median(r.p99_ms for r in rs),
                    sum(r.errors for r in rs),
                )
                for name, rs in runs.items()
            }
            for name in ("real", "bare"):
                m = med[name]
                print(
                    f"median {name:<4}      {m.rps:8.0f} req/s   p50 {m.p50_ms:7.2f} ms"
                    f"   p99 {m.p99_ms:7.2f} ms   errors {m.errors}"
                )
            ratio = med["real"].rps / med["bare"].rps
            p99x = med["real"].p99_ms / med["bare"].p99_ms
            print(
                f"ratio real/bare: {ratio:.2f} of the requests/s (target >= 0.6); "
                f"p99 {p99x:.2f}x the bare p99 (target <= 2)"
            )
        finally:
            for proc in procs.values():
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGTERM)
            for proc in procs.values():
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
