"""The audit trail's database inserts, in a process of their own.

:class:`~app.audit.AuditSink` appends every event to its write-ahead log
before the check answers (the durability guarantee) and hands batches to a
writer. Inserting a batch (SQLAlchemy, the driver, the commit) is a few
milliseconds of interpreter time; in a thread of the serving process it held
the interpreter lock the event loop was waiting for, under load about a tenth
of the process's samples. :class:`ProcessWriter` is that writer with the
insert moved to a child process: the serving process pickles the batch into a
pipe and waits (the wait releases the lock) for the child's answer.

The child is forked from a ``multiprocessing`` fork server that imports
this module (and so SQLAlchemy and the store) once, so a child starts in
milliseconds and never inherits the serving process's threads or pools. It
runs :meth:`~app.store.repository.Store.write_audit` on its own engine for
the same database URL (SQLite or PostgreSQL alike) and answers ``ok`` or how
the batch failed: ``transient`` (the database is away: the sink keeps the
batch and retries) or ``rejected`` (the database will never take it: the sink
sets it aside), judged by :func:`app.audit.is_transient` in the child, where
the exception is. A child that dies is started again at the next batch; the
batch it had is reported as transient, so nothing is lost (a replay of
events it had already committed is ignored by their ``event_id``).

As with every ``multiprocessing`` child, the child imports the parent's main
script (as ``__mp_main__``) before it starts: a script that starts the
service must do so under ``if __name__ == "__main__":`` (the ``etiquette``
command, ``uvicorn``, ``python -m ...`` and pytest all do); a script read
from standard input cannot start the child at all, and its events then wait
in the write-ahead log, with a warning per attempt, until a process that
can write them starts.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from app.audit import is_transient
from app.errors import EtiquetteError
from app.store.db import Database
from app.store.repository import Store

_CTX = multiprocessing.get_context("forkserver")


class AuditWriteFailed(EtiquetteError):
    """The child process could not insert a batch; ``transient`` says whether
    retrying later can succeed (read by :func:`app.audit.is_transient`)."""

    def __init__(self, cause: str, *, transient: bool) -> None:
        super().__init__(f"audit insert failed in the writer process: {cause}")
        self.cause = cause
        self.transient = transient


class ProcessWriter:
    """A :data:`app.audit.Writer` whose inserts run in a child process.

    Started lazily at the first batch; :meth:`close` ends the child (the sink's
    final flush comes first). Calls are serialised (the sink flushes one batch
    at a time anyway)."""

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        self.url = url
        self._timeout = timeout
        self._lock = threading.Lock()
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id, while it runs."""
        proc = self._proc
        return proc.pid if proc is not None and proc.is_alive() else None

    def __call__(self, events: Sequence[dict[str, Any]]) -> None:
        if not events:
            return
        with self._lock:
            conn = self._conn if self._proc is not None and self._proc.is_alive() else None
            if conn is None:
                conn = self._start()
            try:
                conn.send(list(events))
                if not conn.poll(self._timeout):
                    raise TimeoutError("no answer")
                status, cause = conn.recv()
            except (OSError, EOFError, TimeoutError) as exc:
                # The child died or hangs: start a new one next time; the batch is kept.
                self._stop()
                raise AuditWriteFailed(type(exc).__name__, transient=True) from None
        if status != "ok":
            raise AuditWriteFailed(cause, transient=status == "transient")

    def _start(self) -> Connection:
        self._stop()
        _CTX.set_forkserver_preload([__name__])
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(target=_serve, args=(child, self.url), name="etiquette-audit-writer")
        proc.daemon = True
        proc.start()
        child.close()  # so the child sees EOF on its end when this process goes
        self._proc, self._conn = proc, parent
        return parent

    def _stop(self) -> None:
        conn, proc = self._conn, self._proc
        self._conn = self._proc = None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if proc is not None:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)

    def close(self) -> None:
        """End the child process (it disposes of its engine first)."""
        with self._lock:
            self._stop()


def _serve(conn: Connection, url: str) -> None:
    """The child: insert each batch received, answer how it went, until told to stop."""
    # Ctrl-C reaches the whole process group; the parent decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    db = Database(url)
    store = Store(db)
    try:
        while True:
            try:
                batch = conn.recv()
            except (EOFError, OSError):
                return  # the parent is gone
            if batch is None:
                return
            try:
                store.write_audit(batch)
            except Exception as exc:
                answer = ("transient" if is_transient(exc) else "rejected", type(exc).__name__)
            else:
                answer = ("ok", "")
            try:
                conn.send(answer)
            except OSError:
                return
    finally:
        db.dispose()
