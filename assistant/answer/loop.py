"""One background event loop for the LLM client's asynchronous calls, usable from any thread or loop.

The OpenAI client keeps one asynchronous HTTP connection pool per process, and such a pool belongs to
the event loop that first used it. So every LLM call runs on this one loop, in a daemon thread, and
callers wait for it: synchronous callers (the CLI, the chat UI's worker threads) block on a future;
asynchronous callers (the HTTP routes, on the server's loop) await it. Either way a caller that goes
away — its task cancelled, its generator closed — cancels the call on the loop, which closes the HTTP
request, and a total deadline bounds every call.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import queue
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
_ITEM, _END, _ERROR = "item", "end", "error"


class LoopThread:
    """An asyncio event loop running in a daemon thread, started on first use."""

    def __init__(self, name: str = "policyqa-llm-loop") -> None:
        self.name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def loop(self) -> asyncio.AbstractEventLoop:
        """The running loop (started now if needed)."""
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name=self.name, daemon=True).start()
                self._loop = loop
            return self._loop

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule ``coro`` on the loop; cancelling the returned future cancels it there."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop())

    def call(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run ``coro`` on the loop and wait for it (blocking; TimeoutError after ``timeout`` s)."""
        future = self.submit(_within(coro, timeout))
        try:
            return future.result()
        finally:
            future.cancel()  # no-op once done; stops the call when this thread is interrupted

    async def acall(self, coro: Coroutine[Any, Any, T], timeout: float) -> T:
        """Await ``coro`` run on the loop (TimeoutError after ``timeout`` s; cancelling the caller
        cancels the call)."""
        return await asyncio.wrap_future(self.submit(_within(coro, timeout)))

    def iterate(self, make: Callable[[], AsyncIterator[T]], timeout: float) -> Iterator[T]:
        """Iterate, blocking, over the async iterator ``make()`` run on the loop; all of it within
        ``timeout`` s (TimeoutError). Closing this generator early cancels the iteration."""
        items: queue.Queue = queue.Queue()
        future = self.submit(_pump(make, items.put_nowait, timeout))
        try:
            while True:
                kind, value = items.get()
                if kind == _ITEM:
                    yield value
                elif kind == _END:
                    return
                else:
                    raise value
        finally:
            future.cancel()

    async def aiterate(self, make: Callable[[], AsyncIterator[T]], timeout: float) -> AsyncIterator[T]:
        """As :meth:`iterate`, for a caller on another event loop."""
        caller = asyncio.get_running_loop()
        items: asyncio.Queue = asyncio.Queue()

        def put(message: tuple[str, Any]) -> None:
            with contextlib.suppress(RuntimeError):  # the caller's loop is closed: nobody listens
                caller.call_soon_threadsafe(items.put_nowait, message)

        future = self.submit(_pump(make, put, timeout))
        try:
            while True:
                kind, value = await items.get()
                if kind == _ITEM:
                    yield value
                elif kind == _END:
                    return
                else:
                    raise value
        finally:
            future.cancel()


async def _within(coro: Awaitable[T], timeout: float) -> T:
    async with asyncio.timeout(timeout):
        return await coro


async def _pump(make: Callable[[], AsyncIterator[T]], put: Callable[[tuple[str, Any]], None],
                timeout: float) -> None:
    """Send each item of ``make()`` to ``put``, then the end or the error (a timeout included)."""
    try:
        async with asyncio.timeout(timeout):
            async for item in make():
                put((_ITEM, item))
    except Exception as exc:  # handed to the consumer, which raises it
        put((_ERROR, exc))
    else:
        put((_END, None))


# The loop of every LLM call of this process (see the module docstring).
LLM_LOOP = LoopThread()
