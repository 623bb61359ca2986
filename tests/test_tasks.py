"""app.tasks.run_to_end: a cancelled loop finishes its step (and the thread the
step waits on) before it stops; a step past the grace period is cancelled.
Background.drain: the same for work a request left running."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from app.tasks import Background, run_to_end


@pytest.mark.parametrize(
    ("step_seconds", "grace", "finished_before_stop"),
    [
        (0.3, 5.0, True),  # the usual case: the thread's call completes first
        (2.0, 0.1, False),  # a step that hangs: the loop stops after the grace
    ],
)
def test_a_cancelled_loop_waits_for_its_step(
    step_seconds: float, grace: float, finished_before_stop: bool
) -> None:
    started, finished = threading.Event(), threading.Event()

    def blocking_call() -> None:  # e.g. a database call holding a connection
        started.set()
        time.sleep(step_seconds)
        finished.set()

    async def loop() -> None:
        while True:
            await run_to_end(asyncio.to_thread(blocking_call), grace=grace)

    async def main() -> bool:
        task = asyncio.create_task(loop())
        while not started.is_set():
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return finished.is_set()

    assert asyncio.run(main()) is finished_before_stop
    finished.wait(5)  # the hung thread of the second case ends before the next test


def test_an_uncancelled_step_answers_or_raises_as_itself() -> None:
    async def ok() -> int:
        return 7

    async def bad() -> None:
        raise ValueError("step failed")

    assert asyncio.run(run_to_end(ok())) == 7
    with pytest.raises(ValueError, match="step failed"):
        asyncio.run(run_to_end(bad()))


@pytest.mark.parametrize(("seconds", "grace", "finished"), [(0.2, 5.0, True), (5.0, 0.1, False)])
def test_drain_waits_for_background_work_then_cancels_the_rest(
    seconds: float, grace: float, finished: bool
) -> None:
    async def main() -> asyncio.Task[None]:
        background = Background()
        task = background.spawn(asyncio.sleep(seconds))
        await background.drain(grace=grace)
        return task

    task = asyncio.run(main())
    assert task.done() and task.cancelled() is not finished


def test_a_named_task_is_running_until_it_ends_and_no_longer() -> None:
    """The console's Sync now page asks whether run N is still running here:
    the name lasts as long as the task, and a later task may take the name."""

    async def main() -> list[bool]:
        background = Background()
        gate = asyncio.Event()

        async def work() -> None:
            await gate.wait()

        seen = [background.running(("school", 1))]
        task = background.spawn(work())
        background.name(("school", 1), task)
        seen += [background.running(("school", 1)), background.running(("school", 2))]
        gate.set()
        await task
        await asyncio.sleep(0)  # done callbacks run on the next turn of the loop
        seen.append(background.running(("school", 1)))
        finished = background.spawn(work())
        await finished
        background.name(("school", 3), finished)  # already over: never named
        seen.append(background.running(("school", 3)))
        return seen

    assert asyncio.run(main()) == [False, True, False, False, False]
