"""The audit writer's child process (app/store/audit_process.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.audit import AuditSink, is_transient
from app.store import Store
from app.store.audit_process import AuditWriteFailed, ProcessWriter
from app.store.models import AuditEvent


@pytest.fixture
def writer(db_url: str, store: Store) -> Iterator[ProcessWriter]:
    w = ProcessWriter(db_url)
    yield w
    w.close()


def _events(tid: str, n: int, prefix: str = "e") -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [
        {
            "event_id": f"{prefix}{i}",
            "tenant_id": tid,
            "at": now,
            "kind": "check",
            "codes": "SUB001",
        }
        for i in range(n)
    ]


def _rows(store: Store) -> list[tuple[str, str]]:
    with store.db.session() as s:
        return [(e, c) for e, c in s.execute(select(AuditEvent.event_id, AuditEvent.codes)).all()]


def test_a_batch_is_written_by_another_process_and_a_replay_is_harmless(
    store: Store, writer: ProcessWriter
) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    batch = _events(tid, 3)
    writer(batch[:2])
    assert writer.pid is not None and writer.pid != os.getpid()
    writer(batch)  # the first two again, as after a crash
    assert sorted(_rows(store)) == [("e0", "SUB001"), ("e1", "SUB001"), ("e2", "SUB001")]


def test_an_empty_batch_starts_nothing(writer: ProcessWriter) -> None:
    writer([])
    assert writer.pid is None


def test_a_batch_the_database_will_never_take_is_rejected_not_retried(
    store: Store, writer: ProcessWriter
) -> None:
    with pytest.raises(AuditWriteFailed) as caught:
        writer([{"event_id": "x", "kind": "check"}])  # no school: a KeyError in the child
    assert caught.value.cause == "KeyError" and caught.value.transient is False
    assert is_transient(caught.value) is False
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    writer(_events(tid, 1))  # the same child goes on
    assert len(_rows(store)) == 1


def test_an_unreachable_database_is_transient(tmp_path: Path) -> None:
    w = ProcessWriter("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(AuditWriteFailed) as caught:
            w(_events("t", 1))
    finally:
        w.close()
    assert caught.value.cause == "OperationalError" and is_transient(caught.value) is True


def test_a_killed_child_loses_the_batch_to_a_retry_and_is_started_again(
    store: Store, writer: ProcessWriter
) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    writer(_events(tid, 1, "first"))
    pid = writer.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    end = time.monotonic() + 5
    while writer.pid is not None and time.monotonic() < end:
        time.sleep(0.01)
    # Whether the death is seen before or while sending, the batch is kept
    # (transient) or written by a new child: never lost.
    batch = _events(tid, 2, "second")
    try:
        writer(batch)
    except AuditWriteFailed as exc:
        assert is_transient(exc)
        writer(batch)
    assert writer.pid not in (None, pid)
    assert len(_rows(store)) == 3


def test_the_sink_writes_through_the_child_and_empties_its_log(
    store: Store, writer: ProcessWriter, tmp_path: Path
) -> None:
    tid = store.create_tenant("a", "A", ["a.sch.uk"])
    sink = AuditSink(writer, tmp_path / "wal" / "audit-spool.jsonl")
    for e in _events(tid, 5):
        sink.submit(e)
    assert sink.flush() == 5 and sink.pending == 0
    with store.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 5
    sink.close()
    assert not list((tmp_path / "wal").glob("audit-wal.*.jsonl"))
