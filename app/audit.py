"""The audit trail's write path: accepted events are never lost.

A check must not wait on the database, and a database outage must not lose
what was already accepted. Events go into a bounded in-memory queue that a
background task flushes in batches. If the database is down the batch stays
queued and is retried with back-off; at shutdown whatever could not be
written is appended to a local spool file (JSON lines, codes and counts only),
which the next start loads back into the queue.

Events hold rule codes, actions, counts, timings, the policy version and a
keyed hash of the sender. Never subjects, bodies, names or addresses.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("etiquette.audit")

Writer = Callable[[Sequence[dict[str, Any]]], None]


def is_transient(exc: BaseException) -> bool:
    """A fault worth retrying (the database is away), as opposed to a batch it
    will never accept. Unknown errors count as transient: retrying is safe."""
    from sqlalchemy.exc import DBAPIError, StatementError

    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or type(exc).__name__ in (
            "OperationalError",
            "InterfaceError",
        )
    return not isinstance(exc, StatementError | ValueError | TypeError | KeyError)


def keyed_hash(secret: str, value: str) -> str:
    """HMAC-SHA256 of a normalised value: stable per deployment, useless without the key."""
    return hmac.new(secret.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


class AuditSink:
    def __init__(self, writer: Writer, spool: Path, *, max_queue: int = 100_000) -> None:
        self._writer = writer
        self._spool = spool
        self._rejected = spool.with_name("audit-rejected.jsonl")
        self._queue: deque[dict[str, Any]] = deque()
        self._max = max_queue
        self._lock = threading.Lock()  # guards the queue
        self._flush_lock = threading.Lock()  # one writer at a time
        self.failures = 0
        self.written = 0
        self.spooled = 0  # events appended to the spool file (read by /metrics)

    def submit(self, event: dict[str, Any]) -> None:
        event.setdefault("event_id", str(uuid.uuid4()))
        event.setdefault("at", datetime.now(UTC))
        with self._lock:
            if len(self._queue) >= self._max:
                # Memory is bounded; overflow goes straight to the spool file.
                self._append_spool([event])
                return
            self._queue.append(event)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def flush(self, batch_size: int = 500) -> int:
        """Write queued events; returns how many were written. Raises nothing.

        One flush at a time: the final flush at shutdown waits for one still
        running in a worker thread (its task was cancelled, the thread was
        not), so no connection is in use when the pool is disposed.
        """
        with self._flush_lock:
            return self._flush(batch_size)

    def _flush(self, batch_size: int) -> int:
        written = 0
        while True:
            with self._lock:
                batch = [self._queue.popleft() for _ in range(min(batch_size, len(self._queue)))]
            if not batch:
                return written
            try:
                self._writer(batch)
            except Exception as exc:
                self.failures += 1
                if not is_transient(exc):
                    # The database will never take this batch: keep it on disk for
                    # an operator rather than block every later event behind it.
                    self._append_spool(batch, self._rejected)
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
                    self._queue.extendleft(reversed(batch))
                return written
            written += len(batch)
            self.written += len(batch)

    async def run(self, interval: float) -> None:
        delay = interval
        while True:
            await asyncio.sleep(delay)
            before = self.failures
            await asyncio.to_thread(self.flush)
            delay = min(delay * 2, 30.0) if self.failures > before else interval

    # -- spool -----------------------------------------------------------------

    def _append_spool(self, events: Sequence[dict[str, Any]], path: Path | None = None) -> None:
        if path is None:
            self.spooled += len(events)
        path = path or self._spool
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            for e in events:
                fh.write(json.dumps(e, default=_json_default) + "\n")

    def spool_remaining(self) -> int:
        """At shutdown: write what is left to the spool file."""
        with self._lock:
            rest = list(self._queue)
            self._queue.clear()
        if rest:
            self._append_spool(rest)
            log.warning("audit: %d events spooled to %s", len(rest), self._spool)
        return len(rest)

    def load_spool(self) -> int:
        """At start: queue events a previous run could not write.

        The file is first claimed by an atomic rename, so when several worker
        processes start together exactly one of them restores it.
        """
        claimed = self._spool.with_name(f"{self._spool.name}.{os.getpid()}.restoring")
        try:
            os.replace(self._spool, claimed)
        except FileNotFoundError:
            return 0
        events = []
        for line in claimed.read_text(encoding="utf-8").splitlines():
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(e.get("at"), str):
                e["at"] = datetime.fromisoformat(e["at"])
            events.append(e)
        with self._lock:
            self._queue.extend(events)
        claimed.unlink()
        return len(events)


def _json_default(o: object) -> str:
    if isinstance(o, datetime):
        return o.isoformat()
    raise TypeError(type(o).__name__)
