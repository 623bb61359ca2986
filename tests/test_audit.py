"""The audit write-ahead log: what a process accepted survives its ``kill -9``.

The crash is real: a child process accepts events while its database is down,
is killed with SIGKILL (no shutdown, no spool), and a new sink in the same
folder must find and write every one. The full-service version of this, with
uvicorn and PostgreSQL, is ``benchmarks/crash_audit.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from app.audit import AuditSink

CHILD = textwrap.dedent(
    """
    import logging, sys, time
    from pathlib import Path
    from app.audit import AuditSink

    logging.disable(logging.WARNING)

    def down(batch):
        raise ConnectionError("database down")

    sink = AuditSink(down, Path(sys.argv[1]) / "audit-spool.jsonl", max_queue=int(sys.argv[3]))
    for n in range(int(sys.argv[2])):
        sink.submit({"n": n, "tenant_id": "t", "kind": "check", "codes": "REC003"})
        if n % 200 == 0:
            sink.flush()  # fails: the database is down
    print("accepted", flush=True)
    time.sleep(60)
    """
)


def _crash_child(folder: Path, events: int, max_queue: int = 100_000) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(events), str(max_queue)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "accepted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()


def _recording_sink(folder: Path, written: list[Any]) -> AuditSink:
    return AuditSink(
        lambda batch: written.extend(e["n"] for e in batch), folder / "audit-spool.jsonl"
    )


def test_a_killed_process_loses_nothing(tmp_path: Path) -> None:
    _crash_child(tmp_path, 1_000)
    assert list(tmp_path.glob("audit-wal.*.jsonl")), "the log is on disk"
    written: list[Any] = []
    sink = _recording_sink(tmp_path, written)
    assert sink.load_spool() == 1_000
    assert sink.flush() == 1_000
    assert sorted(written) == list(range(1_000))
    # and once written, nothing of the dead process is left to replay
    sink.spool_remaining()
    assert not list(tmp_path.glob("audit-wal.*")) and not list(tmp_path.glob("audit-spool*"))


def test_past_the_bound_a_killed_process_loses_nothing_either(tmp_path: Path) -> None:
    _crash_child(tmp_path, 500, max_queue=100)
    written: list[Any] = []
    sink = _recording_sink(tmp_path, written)
    sink.load_spool()
    sink.flush()
    assert sorted(written) == list(range(500))


def test_a_live_process_keeps_its_log(tmp_path: Path) -> None:
    """Two workers in one folder: a starting one does not take a running one's events."""
    running = AuditSink(lambda b: None, tmp_path / "audit-spool.jsonl")
    running.submit({"n": 1})
    starting = AuditSink(lambda b: None, tmp_path / "audit-spool.jsonl")
    assert starting.load_spool() == 0
    assert running.flush() == 1


def test_written_events_leave_the_log(tmp_path: Path) -> None:
    written: list[Any] = []
    sink = _recording_sink(tmp_path, written)
    for n in range(10):
        sink.submit({"n": n})
    logged = b"".join(p.read_bytes() for p in tmp_path.glob("audit-wal.*.jsonl"))
    assert [json.loads(x)["n"] for x in logged.splitlines()] == list(range(10))
    sink.flush()
    sink.flush()  # the next flush seals a new segment; the written one is deleted
    assert not list(tmp_path.glob("audit-wal.*.jsonl"))
    assert written == list(range(10))


def test_a_failing_disk_does_not_fail_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A full disk: the event is still accepted and written, in memory only, and said once."""
    import errno

    import app.audit as audit_module

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    written: list[Any] = []
    sink = _recording_sink(tmp_path, written)
    monkeypatch.setattr(audit_module, "_write_all", full)
    for n in range(3):
        sink.submit({"n": n})
    assert sink.pending == 3
    assert caplog.text.count("cannot be written") == 1
    monkeypatch.undo()
    sink.submit({"n": 3})
    assert "written again" in caplog.text
    assert sink.flush() == 4 and written == [0, 1, 2, 3]


def test_the_bound_holds_while_a_batch_is_out(tmp_path: Path) -> None:
    """Events accepted while a failing batch is being written count against the
    bound too: memory never holds more than it."""
    sink: AuditSink

    def down_and_busy(batch: list[dict[str, Any]]) -> None:
        for n in range(10):  # other requests arrive meanwhile
            sink.submit({"n": 1000 + n})
        raise ConnectionError("down")

    sink = AuditSink(down_and_busy, tmp_path / "audit-spool.jsonl", max_queue=100)
    for n in range(100):
        sink.submit({"n": n})
    sink.flush(batch_size=50)
    assert (sink.pending, sink.spooled) == (100, 10)


@pytest.mark.parametrize(
    ("secret", "value", "same_as"),
    [
        ("k", "A.Teacher@School.sch.uk ", "a.teacher@school.sch.uk"),  # normalised first
        ("sécret", "x@y.org", "X@Y.ORG"),
        ("", "", " "),
    ],
)
def test_keyed_hash_is_hmac_sha256_of_the_normalised_value(
    secret: str, value: str, same_as: str
) -> None:
    import hashlib
    import hmac

    from app.audit import keyed_hash

    want = hmac.new(secret.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()
    assert keyed_hash(secret, value) == want == keyed_hash(secret, same_as)
    assert keyed_hash(secret + "x", value) != want


def test_observers_see_each_batch_after_it_is_written(tmp_path: Path) -> None:
    """The notifier's hook: called in the writer's thread once the database holds a
    batch, never for a batch that failed; an observer that raises holds nothing up."""
    written: list[Any] = []
    seen: list[list[int]] = []
    down = [True]

    def writer(batch: Any) -> None:
        if down[0]:
            raise ConnectionError("database down")
        written.extend(e["n"] for e in batch)

    def broken(batch: Any) -> None:
        raise RuntimeError("observer bug")

    sink = AuditSink(writer, tmp_path / "audit-spool.jsonl")
    sink.add_observer(broken)
    sink.add_observer(lambda batch: seen.append([e["n"] for e in batch]))
    for n in range(3):
        sink.submit({"n": n, "tenant_id": "t", "kind": "check"})
    assert sink.flush() == 0 and seen == []  # not written: not observed
    down[0] = False
    assert sink.flush() == 3
    assert written == [0, 1, 2] and seen == [[0, 1, 2]]
    sink.close()


def test_ids_are_version_7_uuids_that_sort_by_time() -> None:
    """Event and check ids are RFC 9562 version 7 UUIDs: their first 48 bits are
    the time in milliseconds, so the audit table's id indexes grow at one end."""
    import time
    import uuid

    from app.audit import time_ordered_id

    before_ms = time.time_ns() // 1_000_000
    ids = [time_ordered_id() for _ in range(1000)]
    time.sleep(0.002)
    later = time_ordered_id()
    after_ms = time.time_ns() // 1_000_000
    assert len(set(ids)) == len(ids)
    for text in ids:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 7 and u.variant == uuid.RFC_4122
        assert before_ms <= int(text.replace("-", "")[:12], 16) <= after_ms
    assert all(later > x for x in ids)
