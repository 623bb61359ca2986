"""Background loops that stop cleanly: a step is finished, not abandoned.

Cancelling a task that awaits ``asyncio.to_thread`` stops the task at once but
not the thread: the blocking call goes on, holding a database connection, while
the lifespan that cancelled the task disposes of the engine. The connection is
then handed back to a pool nobody closes and is left for the garbage collector
(psycopg's "connection ... was deleted while still open"), or is checked out of
the engine's fresh pool after the dispose and never closed at all.
:func:`run_to_end` runs one step of a loop (a tick: its lease, its database
calls, its sends) so that a cancellation waits for the step to finish first.
:class:`Background` holds the work a request starts and does not wait for (the
console's Sync now), so that the lifespan waits for it before the dispose.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

# How long a cancelled loop waits for its step (a tick's sends have their own timeouts).
GRACE_SECONDS = 10.0


async def run_to_end(step: Coroutine[Any, Any, T], *, grace: float = GRACE_SECONDS) -> T:
    """Await ``step`` in a task of its own that cancelling the caller does not
    interrupt: the cancelled caller waits up to ``grace`` seconds for the step
    (and the threads it waits on) to finish, then is cancelled as asked. A step
    still running after ``grace`` is cancelled too."""
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        done, _ = await asyncio.wait([task], timeout=grace)
        if not done:
            task.cancel()
        elif not task.cancelled():
            task.exception()  # retrieved: the caller is stopping, the loop logs nothing more
        raise


class Background:
    """Tasks a request starts and leaves running (the console's Sync now). The
    lifespan awaits :meth:`drain` before it disposes of the engine: a task left
    to the event loop's end was cancelled there while its thread went on, took a
    connection from the engine's fresh pool after the dispose and left it there
    open, for the garbage collector to find in whatever test ran by then."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[Hashable, asyncio.Task[Any]] = {}

    def spawn(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def name(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        """Know a running task by ``key`` (a sync's school and run id) until it ends."""
        if task.done():
            return
        self._named[key] = task

        def forget(t: asyncio.Task[Any]) -> None:
            if self._named.get(key) is t:
                del self._named[key]

        task.add_done_callback(forget)

    def running(self, key: Hashable) -> bool:
        """Whether a task named ``key`` is still running."""
        return key in self._named

    async def drain(self, *, grace: float = GRACE_SECONDS) -> None:
        """Wait up to ``grace`` seconds for every task to finish; cancel the rest."""
        if not self._tasks:
            return
        _, late = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)
