"""A 40 MB roster upload: time to answer and the server's peak memory growth.

    .venv/bin/python benchmarks/bench_roster_upload.py [--mb 40] [--database-url URL] [--again]

Writes a synthetic MIS export (every roster column, ONS first names x census
surnames, nobody real) of at least ``--mb`` megabytes, starts the real service
(uvicorn, demo mode, a temporary SQLite database unless ``--database-url``),
and uploads it with ``PUT /v1/admin/schools/stmarys/directory/people
?confirm_removals=true`` streamed from the file. It prints the time until the
answer (the new roster is stored and live in the instance by then) and the
server's peak resident memory growth during the upload (Linux ``VmHWM`` after
resetting it through ``/proc/PID/clear_refs``). Targets: under 30 s, under
300 MB. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_outlook import start
from benchmarks.synthetic import people

URL = "/v1/admin/schools/stmarys/directory/people?confirm_removals=true"
HEADER = (
    "id,kind,first_name,preferred_name,middle_names,last_name,email,personal_emails,mis_ref,"
    "working_days,working_hours\n"
)


def write_roster(path: Path, megabytes: float) -> int:
    """Rows until the file reaches the size; returns the row count."""
    target = int(megabytes * 1_000_000)
    pool = people(20_000)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        size = len(HEADER)
        while size < target:
            p = pool[n % len(pool)]
            slug = f"{p.first_name}.{p.last_name}{n}".lower().replace("'", "").replace(" ", "")
            staff = n % 10 == 9
            row = (
                f"M{n:07d},{p.kind.value},{p.first_name},,{'Ann' if n % 3 else ''},"
                f"{p.last_name},{slug}@{'bench.sch.uk' if staff else 'pupils.bench.sch.uk'},"
                f"{slug}@gmail.com,ADM{n:07d},"
                f"{'mon;tue;wed' if staff and n % 20 == 19 else ''},"
                f"{'08:30-15:30' if staff and n % 20 == 19 else ''}\n"
            )
            fh.write(row)
            size += len(row.encode())
            n += 1
    return n


def first_personal(roster: Path) -> str:
    """A pupil's personal address from the new roster: PUP001 fires once it is live."""
    with roster.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cells = line.split(",")
            if cells[1] == "pupil":
                return cells[7]
    raise SystemExit("no pupil in the roster")


def wait_live(base: str, address: str) -> float:
    body = {"sender": {"email": "s.jones@stmarys.sch.uk"}, "to": [{"email": address}]}
    with httpx.Client(base_url=base, timeout=60) as c:
        while True:
            res = c.post("/v1/check", json=body)
            if any(f["code"] == "PUP001" for f in res.json().get("findings", [])):
                return time.perf_counter()
            time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (a figure the machine's load does not inflate)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} for {pid}")


def _upload(proc_pid: int, base: str, roster: Path, rows: int, database_url: str | None) -> None:
    before = rss_kb(proc_pid, "VmRSS")
    Path(f"/proc/{proc_pid}/clear_refs").write_text("5")  # reset VmHWM
    cpu0 = cpu_seconds(proc_pid)
    with roster.open("rb") as fh, httpx.Client(base_url=base, timeout=300) as c:
        t0 = time.perf_counter()
        res = c.put(
            URL,
            content=fh,
            headers={"X-API-Key": "etq_demo_admin_key", "Content-Type": "text/csv"},
        )
        elapsed = time.perf_counter() - t0
    cpu_answer = cpu_seconds(proc_pid) - cpu0
    answered_peak = rss_kb(proc_pid, "VmHWM")
    if res.status_code != 200:
        raise SystemExit(f"HTTP {res.status_code}: {res.text[:300]}")
    live = wait_live(base, first_personal(roster)) - t0
    cpu_live = cpu_seconds(proc_pid) - cpu0
    peak = rss_kb(proc_pid, "VmHWM")
    diff = res.json()["diff"]
    print(
        f"roster: {roster.stat().st_size / 1e6:.1f} MB, {rows:,} rows; "
        f"database: {database_url or 'SQLite'}"
    )
    print(f"answered in {elapsed:.1f} s (target < 30 s); live in this instance {live:.1f} s")
    print(
        f"server RSS before {before / 1024:.0f} MB; peak growth until answered "
        f"{(answered_peak - before) / 1024:.0f} MB, until live "
        f"{(peak - before) / 1024:.0f} MB (target < 300 MB)"
    )
    print(
        f"server CPU time: {cpu_answer:.1f} s until answered, {cpu_live:.1f} s until live "
        f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"diff: added {diff['added']:,}, removed {diff['removed']:,}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--mb", type=float, default=40.0)
    ap.add_argument("--database-url", default=None)
    ap.add_argument(
        "--again",
        action="store_true",
        help="upload the same file a second time and measure that too (a nightly export)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        rows = write_roster(roster, args.mb)
        proc, base = start(Path(tmp), args.database_url)
        try:
            time.sleep(1.0)  # let start-up settle
            for upload in range(2 if args.again else 1):
                if upload:
                    print("-- the same file again (nothing changes; the roster is held already)")
                _upload(proc.pid, base, roster, rows, args.database_url)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
