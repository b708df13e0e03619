"""What zmq.anyio needs from the event loop it runs in, for asyncio and for trio.

A :class:`Loop` parks a waiting task until it is woken, watches a file
descriptor for one task at a time, and runs a callback soon from any
thread. Each is the loop's cheapest native means: a future and ``add_reader``
on asyncio, ``wait_task_rescheduled`` and ``wait_readable`` on trio. The
loop is found with sniffio when it is installed (trio needs it), else it is
asyncio's running loop.
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Protocol

if TYPE_CHECKING:
    from zmq.anyio._waiting import Waiter

try:
    from sniffio import AsyncLibraryNotFoundError, current_async_library
except ImportError:  # anyio runs without it on asyncio; trio needs it
    current_async_library = None  # type: ignore[assignment]

__all__ = ["Loop", "current_loop"]


class Loop(Protocol):
    """The event loop a socket's waiters run in."""

    def is_current(self) -> bool:
        """Whether the caller runs in this loop (its thread, while it runs)."""

    async def park(self, waiter: Waiter) -> None:
        """Suspend the calling task until ``waiter.unpark()`` (or cancellation).

        While suspended, ``waiter.unpark`` resumes the task; the loop's
        thread only.
        """

    async def watch(self, fd: int, waiter: Waiter) -> None:
        """Suspend the calling task until ``fd`` is readable, or ``waiter.unpark()``.

        Unparking a task watching a file descriptor stops the watch at once,
        so that the descriptor may be closed right after.
        """

    def call_soon(self, callback: Callable[[], None]) -> bool:
        """Run ``callback()`` in the loop soon, from any thread; False once the loop ended."""


def current_loop() -> Loop:
    """The loop the calling task runs in.

    Raises
    ------
    RuntimeError
        When called outside of an asyncio or trio event loop.
    """
    library = None
    if current_async_library is not None:
        with suppress(AsyncLibraryNotFoundError):
            library = current_async_library()
    if library == "trio":
        return TrioLoop()
    try:
        return AsyncioLoop(asyncio.get_running_loop())
    except RuntimeError:
        raise RuntimeError(
            "zmq.anyio sockets wait in an event loop: await them in a task of anyio, "
            "asyncio or trio"
        ) from None


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class AsyncioLoop:
    """An asyncio event loop (anyio's asyncio backend, or asyncio alone)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.thread = threading.get_ident()

    def is_current(self) -> bool:
        if threading.get_ident() != self.thread:
            return False
        try:
            return asyncio.get_running_loop() is self.loop
        except RuntimeError:
            return False

    async def park(self, waiter: Waiter) -> None:
        future = self.loop.create_future()
        waiter.unpark = partial(_resolve, future)
        try:
            await future
        finally:
            waiter.unpark = None

    async def watch(self, fd: int, waiter: Waiter) -> None:
        loop = self.loop
        future = loop.create_future()
        watching = True

        def stop() -> None:
            nonlocal watching
            if watching:
                watching = False
                loop.remove_reader(fd)
            _resolve(future)

        loop.add_reader(fd, stop)
        waiter.unpark = stop
        try:
            await future
        finally:
            waiter.unpark = None
            if watching:  # cancelled
                watching = False
                loop.remove_reader(fd)

    def call_soon(self, callback: Callable[[], None]) -> bool:
        if self.is_current():
            self.loop.call_soon(callback)
        elif self.loop.is_closed():
            return False
        else:
            self.loop.call_soon_threadsafe(callback)
        return True


class TrioLoop:
    """A trio run (anyio's trio backend, or trio alone)."""

    def __init__(self) -> None:
        import trio

        self.trio = trio
        self.token = trio.lowlevel.current_trio_token()
        self.thread = threading.get_ident()

    def is_current(self) -> bool:
        if threading.get_ident() != self.thread:
            return False
        try:
            return self.trio.lowlevel.current_trio_token() is self.token
        except RuntimeError:
            return False

    async def park(self, waiter: Waiter) -> None:
        lowlevel = self.trio.lowlevel
        waiter.unpark = partial(lowlevel.reschedule, lowlevel.current_task())

        def abort(_: Any) -> Any:
            waiter.unpark = None
            return lowlevel.Abort.SUCCEEDED

        await lowlevel.wait_task_rescheduled(abort)

    async def watch(self, fd: int, waiter: Waiter) -> None:
        # cancelling the scope unregisters the descriptor at once (trio runs
        # the wait's abort in cancel()), before libzmq may close it
        with self.trio.CancelScope() as scope:
            waiter.unpark = scope.cancel
            try:
                await self.trio.lowlevel.wait_readable(fd)
            finally:
                waiter.unpark = None

    def call_soon(self, callback: Callable[[], None]) -> bool:
        try:
            self.token.run_sync_soon(callback)
        except self.trio.RunFinishedError:
            return False
        return True
