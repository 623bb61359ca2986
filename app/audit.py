"""The audit trail's write path: accepted events are never lost.

A check must not wait on the database, and neither a database outage nor a
crash may lose what was already accepted. Each event is appended to a local
write-ahead log (a segment file per process, JSON lines, codes and counts
only) *before* the check answers, then queued in memory; a background task
writes the queue to the database in batches. Guarantees and their limits:

- **A killed process** (``kill -9``, OOM): nothing accepted is lost. The line
  is in the kernel (``os.write`` on an ``O_APPEND`` file) before the answer is
  sent; the next start claims the dead process's segments (their ``flock`` is
  gone) and writes them. ``benchmarks/crash_audit.py`` measures it.
- **Power loss or a kernel crash**: at most the last flush interval (1 s by
  default): every flush calls ``fsync`` on the segment before writing the batch.
- **Replays are harmless**: an event written just before a crash is replayed
  after it, and the database ignores a second copy of an ``event_id``.
- **The bound** (``ETIQUETTE_AUDIT_QUEUE_MAX``, 100,000 events): past it,
  new events are not held in memory but appended to the spool file
  (``audit-spool.jsonl``, the same durability), and read back as
  soon as the database has drained the queue. Memory stays bounded and
  nothing is refused or dropped; only the disk grows.
- A segment is deleted once every event in it is in the database (or, for a
  batch the database refuses outright, in ``audit-rejected.jsonl``).

Events hold rule codes, actions, counts, timings, the policy version and a
keyed hash of the sender. Never subjects, bodies, names or addresses.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hmac
import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic_core import to_json

log = logging.getLogger("etiquette.audit")

Writer = Callable[[Sequence[dict[str, Any]]], None]


def is_transient(exc: BaseException) -> bool:
    """A fault worth retrying (the database is away), as opposed to a batch it
    will never accept. Unknown errors count as transient: retrying is safe.
    An error that says so itself (a ``transient`` flag: the writer process's
    ``AuditWriteFailed``, judged where the database error was) is taken at its word."""
    said = getattr(exc, "transient", None)
    if isinstance(said, bool):
        return said
    from sqlalchemy.exc import DBAPIError, StatementError

    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or type(exc).__name__ in (
            "OperationalError",
            "InterfaceError",
        )
    return not isinstance(exc, StatementError | ValueError | TypeError | KeyError)


def time_ordered_id() -> str:
    """A new event or check id: a version 7 UUID (RFC 9562, section 5.7) as text.

    The first 48 bits are the Unix time in milliseconds, the rest random (74
    bits), so ids made later sort later. The audit table's unique ``event_id``
    and ``check_id`` indexes then grow at one end instead of taking each id at
    a random place: on SQLite with 200,000 rows the writer's CPU per event fell
    from about 53 to 16 microseconds (``benchmarks/bench_audit_ids.py``), most
    of it system time spent writing index pages all over the file. The time
    in an id is the time of the check, which its client and the audit row
    (``at``) already have. (Python 3.14's ``uuid.uuid7`` makes the same
    layout; this one is text at once, as the callers need.)"""
    b = bytearray((time.time_ns() // 1_000_000).to_bytes(6, "big") + os.urandom(10))
    b[6] = (b[6] & 0x0F) | 0x70  # version 7
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 9562 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def keyed_hash(secret: str, value: str) -> str:
    """HMAC-SHA256 of a normalised value: stable per deployment, useless without the key."""
    return hmac.digest(secret.encode(), value.strip().lower().encode(), "sha256").hex()


class _Segment:
    """One write-ahead file of this process. Deleted when it is no longer the
    current segment and every event in it has been written."""

    __slots__ = ("fd", "outstanding", "path", "sealed")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.outstanding = 0
        self.sealed = False

    def close(self, *, delete: bool) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
        if delete:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


class AuditSink:
    def __init__(self, writer: Writer, spool: Path, *, max_queue: int = 100_000) -> None:
        self._writer = writer
        self._spool = spool
        self._rejected = spool.with_name("audit-rejected.jsonl")
        self._dir = spool.parent
        self._queue: deque[tuple[_Segment | None, dict[str, Any]]] = deque()
        self._max = max_queue
        self._lock = threading.Lock()  # guards the queue, the segments and the counters
        self._flush_lock = threading.Lock()  # one writer at a time
        self._segment: _Segment | None = None
        self._segments: list[_Segment] = []
        self._seq = 0
        self._lock_fd: int | None = None
        # Unique per sink (several instances may share a process and a folder).
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._spool_dirty = False
        self._spooled = 0
        self.spooled_total = 0  # events ever sent to the spool file (a counter, for /metrics)
        self._disk_failing = False
        self._in_flight = 0  # popped for a write, not yet done: still held in memory
        self.failures = 0
        self.written = 0
        self._observers: list[Callable[[Sequence[dict[str, Any]]], object]] = []

    # -- the public counters (metrics read these) ------------------------------

    @property
    def pending(self) -> int:
        """Events queued in memory for the database (the queue depth)."""
        return len(self._queue)

    @property
    def spooled(self) -> int:
        """Events past the queue's bound, kept in the spool file until there is room."""
        return self._spooled

    def add_observer(self, observer: Callable[[Sequence[dict[str, Any]]], object]) -> None:
        """Call ``observer`` with each batch once the database holds it, in the
        writer's thread (never on a check's path). Its errors are logged, not
        raised: an observer cannot hold the audit trail up."""
        self._observers.append(observer)

    def _tell(self, batch: Sequence[dict[str, Any]]) -> None:
        for observer in self._observers:
            try:
                observer(batch)
            except Exception as exc:
                log.warning("audit observer failed (%s)", type(exc).__name__)

    # -- accepting ---------------------------------------------------------------

    def submit(self, event: dict[str, Any]) -> None:
        """Accept an event: on disk before this returns, then queued (or spooled)."""
        # Not ``setdefault``: its default would be computed even for a
        # check's event, which brings its own id.
        if "event_id" not in event:
            event["event_id"] = time_ordered_id()
        if "at" not in event:
            event["at"] = datetime.now(UTC)
        line = _line(event)
        with self._lock:
            if len(self._queue) + self._in_flight >= self._max:
                # Memory is bounded: past it the event waits in the spool file.
                try:
                    _append(self._spool, [line])
                except OSError:
                    pass  # the disk refuses it too: keep it in memory (logged below)
                else:
                    self._spool_dirty = True
                    self._spooled += 1
                    self.spooled_total += 1
                    return
            self._enqueue(event, line)

    def _enqueue(self, event: dict[str, Any], line: bytes) -> None:
        """Under the lock: log, then queue.

        If the disk refuses the line (full, read-only), the check still
        answers and the event is still queued, in memory only: a check must not
        fail because of its audit. It is said once in the log, and again when
        the disk takes lines again."""
        seg: _Segment | None
        try:
            seg = self._current()
            _write_all(seg.fd, line)
        except OSError as exc:
            if not self._disk_failing:
                self._disk_failing = True
                log.error(
                    "audit: the write-ahead log cannot be written (%s); events are kept in "
                    "memory only until it can",
                    type(exc).__name__,
                )
            seg = None
        else:
            if self._disk_failing:
                self._disk_failing = False
                log.warning("audit: the write-ahead log is written again")
            seg.outstanding += 1
        self._queue.append((seg, event))

    def _current(self) -> _Segment:
        if self._segment is None:
            if self._lock_fd is None:
                self._dir.mkdir(parents=True, exist_ok=True)
                fd = os.open(self._dir / f"audit-wal.{self._owner}.lock", os.O_RDWR | os.O_CREAT)
                fcntl.flock(fd, fcntl.LOCK_EX)  # released by the kernel if we die
                self._lock_fd = fd
            self._seq += 1
            self._segment = _Segment(self._dir / f"audit-wal.{self._owner}.{self._seq}.jsonl")
            self._segments.append(self._segment)
            _fsync_dir(self._dir)
        return self._segment

    def _done(self, entries: Sequence[tuple[_Segment | None, dict[str, Any]]]) -> None:
        """Under the lock: these events are in the database (or rejected for good)."""
        for seg, _ in entries:
            if seg is not None:
                seg.outstanding -= 1
        self._collect()

    def _collect(self) -> None:
        keep = []
        for seg in self._segments:
            if seg.sealed and seg.outstanding <= 0:
                seg.close(delete=True)
            else:
                keep.append(seg)
        self._segments = keep

    def _sync(self) -> None:
        """``fsync`` what was accepted so far and start a new segment (once per flush)."""
        with self._lock:
            seg = self._segment
            if seg is not None and seg.outstanding > 0:
                self._segment = None
                seg.sealed = True
            spool_dirty, self._spool_dirty = self._spool_dirty, False
        if seg is not None and seg.sealed:
            os.fsync(seg.fd)
        if spool_dirty:
            with contextlib.suppress(FileNotFoundError):
                fd = os.open(self._spool, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        with self._lock:
            self._collect()

    # -- writing -------------------------------------------------------------------

    def flush(self, batch_size: int = 500) -> int:
        """Write queued events; returns how many were written. Raises nothing.

        One flush at a time: the final flush at shutdown waits for one still
        running in a worker thread (its task was cancelled, the thread was
        not), so no connection is in use when the pool is disposed.
        """
        with self._flush_lock:
            try:
                self._sync()
            except OSError as exc:  # a full or failing disk must not stop the writes
                log.error("audit: write-ahead log sync failed (%s)", type(exc).__name__)
            return self._flush(batch_size)

    def _flush(self, batch_size: int) -> int:
        written = 0
        while True:
            with self._lock:
                entries = [self._queue.popleft() for _ in range(min(batch_size, len(self._queue)))]
                self._in_flight = len(entries)
            if not entries:
                # The database has caught up: bring back what waited past the bound.
                if self._spooled and self._restore_spool():
                    continue
                return written
            batch = [e for _, e in entries]
            try:
                self._writer(batch)
            except Exception as exc:
                self.failures += 1
                if not is_transient(exc):
                    # The database will never take this batch: keep it on disk for
                    # an operator rather than block every later event behind it.
                    _append(self._rejected, [_line(e) for e in batch], sync=True)
                    with self._lock:
                        self._in_flight = 0
                        self._done(entries)
                    log.error(
                        "audit batch rejected (%s); %d events kept in %s",
                        type(exc).__name__,
                        len(batch),
                        self._rejected,
                    )
                    continue
                # The database is away: keep the batch, try later.
                log.warning(
                    "audit write failed (%s); %d events kept", type(exc).__name__, len(batch)
                )
                with self._lock:
                    self._in_flight = 0
                    self._queue.extendleft(reversed(entries))
                return written
            with self._lock:
                self._in_flight = 0
                self._done(entries)
            written += len(batch)
            self.written += len(batch)
            self._tell(batch)

    async def run(self, interval: float) -> None:
        delay = interval
        while True:
            await asyncio.sleep(delay)
            before = self.failures
            await asyncio.to_thread(self.flush)
            delay = min(delay * 2, 30.0) if self.failures > before else interval

    # -- spool and recovery -----------------------------------------------------------

    def _restore_spool(self) -> int:
        """Move events from the spool file into the log and the queue, as far
        as the bound allows; the rest go back to the spool. Returns how many."""
        claimed = self._spool.with_name(f"{self._spool.name}.{self._owner}.restoring")
        with self._lock:
            try:
                os.replace(self._spool, claimed)
            except FileNotFoundError:
                self._spooled = 0
                return 0
        events = _read_lines(claimed)
        with self._lock:
            room = max(self._max - len(self._queue) - self._in_flight, 0)
            for e in events[:room]:
                self._enqueue(e, _line(e))
            rest = events[room:]
            if rest:
                _append(self._spool, [_line(e) for e in rest])
            self._spooled = _count_lines(self._spool)
            seg = self._segment
        if seg is not None:
            os.fsync(seg.fd)  # in the log for good before the claimed file goes
        claimed.unlink()
        return min(len(events), room)

    def spool_remaining(self) -> int:
        """At shutdown: move what is left to the spool file and close the log."""
        with self._lock:
            rest = [e for _, e in self._queue]
            self._queue.clear()
        if rest:
            _append(self._spool, [_line(e) for e in rest], sync=True)
            self.spooled_total += len(rest)
            log.warning("audit: %d events spooled to %s", len(rest), self._spool)
        self.close()
        return len(rest)

    def close(self) -> None:
        """Close (and delete) this process's log: call only once nothing is queued."""
        with self._lock:
            for seg in self._segments:
                seg.close(delete=not self._queue)
            self._segments, self._segment = [], None
            if self._lock_fd is not None:
                if not self._queue:
                    with contextlib.suppress(FileNotFoundError):
                        (self._dir / f"audit-wal.{self._owner}.lock").unlink()
                os.close(self._lock_fd)
                self._lock_fd = None

    def load_spool(self) -> int:
        """At start: queue what earlier runs did not write. Returns how many.

        First the write-ahead logs of processes that died (their ``flock`` is
        free), then the spool file. Each is claimed before it is read (a lock,
        an atomic rename), so when several workers start together each event
        is restored by exactly one of them.
        """
        return self._recover_logs() + self._restore_spool()

    def _recover_logs(self) -> int:
        n = 0
        for lock_path in sorted(self._dir.glob("audit-wal.*.lock")):
            owner = lock_path.name.split(".")[1]
            try:
                fd = os.open(lock_path, os.O_RDWR)
            except FileNotFoundError:
                continue
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its process is alive
                segments = sorted(
                    self._dir.glob(f"audit-wal.{owner}.*.jsonl"),
                    key=lambda p: int(p.name.split(".")[2]),
                )
                for path in segments:
                    events = _read_lines(path)
                    with self._lock:
                        for e in events:
                            if len(self._queue) < self._max:
                                self._enqueue(e, _line(e))
                            else:
                                _append(self._spool, [_line(e)])
                                self._spooled += 1
                                self.spooled_total += 1
                        seg = self._segment
                    if seg is not None:
                        os.fsync(seg.fd)
                    path.unlink()
                    n += len(events)
                with contextlib.suppress(FileNotFoundError):
                    lock_path.unlink()
            finally:
                os.close(fd)
        if n:
            log.warning("audit: %d events recovered from the write-ahead log of a dead process", n)
        return n


def _line(event: dict[str, Any]) -> bytes:
    # pydantic-core's encoder: a fifth of ``json.dumps`` with a ``default``
    # (this is on every check's path). Datetimes as ISO 8601 (UTC as ``Z``),
    # which ``_read_lines`` reads back with ``datetime.fromisoformat``.
    return to_json(event) + b"\n"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _append(path: Path, lines: Sequence[bytes], *, sync: bool = False) -> None:
    """Append lines to a file other processes may append to or claim (rename)
    at the same time: under ``flock``, and again if it was claimed meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"".join(lines)
    while True:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_nlink == 0:
                continue  # claimed and removed while we waited: open the new one
            _write_all(fd, data)
            if sync:
                os.fsync(fd)
            return
        finally:
            os.close(fd)


def _read_lines(path: Path) -> list[dict[str, Any]]:
    events = []
    for raw in path.read_bytes().splitlines():
        try:
            e = json.loads(raw)
        except ValueError:
            continue  # a torn last line (power loss) or garbage
        if not isinstance(e, dict):
            continue
        if isinstance(e.get("at"), str):
            e["at"] = datetime.fromisoformat(e["at"])
        events.append(e)
    return events


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except FileNotFoundError:
        return 0


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
