"""The LLM loop: calls from threads and from other event loops, total deadlines, cancellation."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from assistant.answer.loop import LoopThread


@pytest.fixture()
def loop_thread() -> LoopThread:
    return LoopThread("test-loop")


class Tracked:
    """An async source that records whether it was cancelled and whether it finished cleaning up."""

    def __init__(self, pieces: int, pause: float) -> None:
        self.pieces, self.pause = pieces, pause
        self.cancelled = threading.Event()
        self.closed = threading.Event()

    async def reply(self) -> str:
        try:
            await asyncio.sleep(self.pause)
            return "done"
        except asyncio.CancelledError:
            self.cancelled.set()
            raise

    async def stream(self):
        try:
            for i in range(self.pieces):
                await asyncio.sleep(self.pause if i else 0)
                yield i
        except asyncio.CancelledError:
            self.cancelled.set()
            raise
        finally:
            self.closed.set()


def test_a_blocking_call_returns_or_times_out(loop_thread: LoopThread) -> None:
    assert loop_thread.call(Tracked(1, 0.01).reply(), timeout=5) == "done"
    slow = Tracked(1, 30)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        loop_thread.call(slow.reply(), timeout=0.3)
    assert time.monotonic() - started < 2 and slow.cancelled.wait(2)


def test_closing_a_blocking_iteration_cancels_the_source(loop_thread: LoopThread) -> None:
    source = Tracked(100, 30)
    items = loop_thread.iterate(source.stream, timeout=60)
    assert next(items) == 0  # then the source stalls for 30 s
    items.close()
    assert source.cancelled.wait(2) and source.closed.wait(2)


def test_a_whole_iteration_has_one_deadline(loop_thread: LoopThread) -> None:
    source = Tracked(100, 0.2)  # every piece in time, but not all of them
    seen = []
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        for item in loop_thread.iterate(source.stream, timeout=1.0):
            seen.append(item)
    assert 3 <= len(seen) <= 7 and time.monotonic() - started < 2 and source.closed.wait(2)


def test_cancelling_an_awaiting_task_on_another_loop_cancels_the_call(loop_thread: LoopThread) -> None:
    call, stream = Tracked(1, 30), Tracked(100, 30)

    async def consume() -> None:
        async for _ in loop_thread.aiterate(stream.stream, timeout=60):
            pass

    async def main() -> None:
        tasks = [asyncio.ensure_future(loop_thread.acall(call.reply(), timeout=60)), asyncio.ensure_future(consume())]
        await asyncio.sleep(0.3)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert await loop_thread.acall(Tracked(1, 0).reply(), timeout=5) == "done"

    asyncio.run(main())  # a loop of its own, as a server's would be
    assert call.cancelled.wait(2) and stream.cancelled.wait(2) and stream.closed.wait(2)
