"""The tasks waiting on one libzmq socket, on the core's readiness protocol.

:class:`zmq.integration.Readiness` runs libzmq's edge-triggered readiness
protocol: it arms the socket's edge hook while someone waits, and each of its
looks reads EVENTS and serves the waiters in order. What this module adds is
what anyio and trio need on top:

- No task ever takes a message for another. Serving a waiter only wakes its
  task, which makes its own non-blocking attempt when it runs, and returns
  what it got with no suspension in between: a cancellation strikes before
  the attempt (nothing was taken or sent) or after the return (the caller
  has it). Until then the waiter stays at the head of its queue, so tasks
  are served in order; its own attempt triggers the edge hook, and so
  another look, which serves the next.
- No task runs in the background: one of the waiting tasks watches the FD
  for all (trio lets only one task wait on a descriptor) and makes the look
  when it turns readable. When it stops waiting, another takes over: after
  each look, if nobody watches, a waiting task is woken to watch.
- Every wrapper of one libzmq socket shares its waiting state, so that
  shadows and a Poller holding a blocking socket wait together.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import Any, Callable

from anyio.lowlevel import checkpoint

import zmq
from zmq.anyio._loops import Loop, current_loop
from zmq.integration import Readiness, readiness_fd

__all__ = ["PollWaiter", "SocketWaiters", "Waiter", "wait_events"]

_EVENTS = int(zmq.EVENTS)
_get = zmq.Socket.get

# the waiting state of each libzmq socket that tasks wait on, by address
_waiting: dict[int, SocketWaiters] = {}
_waiting_lock = threading.Lock()


class Waiter:
    """A task waiting to receive or send: served, it is woken, and attempts itself."""

    __slots__ = ("events", "state", "unpark", "woken")

    def __init__(self, state: SocketWaiters) -> None:
        self.state = state
        #: how the loop resumes the task while it is suspended; None otherwise
        self.unpark: Callable[[], None] | None = None
        #: woken and not yet running again
        self.woken = False
        #: the events of the look that served it last
        self.events = 0

    def serve(self, events: int) -> bool:
        """The readiness protocol's call: the socket shows ``events`` for this waiter.

        Wakes the task, which makes its own attempt; it stays at the head of
        its queue until then (False: the waiters behind it wait).
        """
        self.events = events
        self.state.wake(self)
        return False


class PollWaiter(Waiter):
    """A task waiting for events, to take nothing: served, it is done."""

    __slots__ = ()

    def serve(self, events: int) -> bool:
        self.events = events
        self.state.wake(self)
        return True


class SocketWaiters:
    """The waiting tasks of one libzmq socket, in one event loop."""

    def __init__(self, socket: zmq.Socket[Any], loop: Loop) -> None:
        self.address = socket.underlying
        self.loop = loop
        self.fd = readiness_fd(socket)
        self.readiness = Readiness(
            socket, self.call_soon, self.closed, in_loop=loop.is_current, on_error=self.failed
        )
        #: every waiter, in the order it came
        self.waiters: list[Waiter] = []
        self.watcher: Waiter | None = None

    @classmethod
    def join(cls, socket: zmq.Socket[Any]) -> SocketWaiters:
        """The waiting state of ``socket``'s libzmq socket, made when none waits.

        Raises
        ------
        RuntimeError
            Outside of an event loop, or if tasks of another loop wait on it.
        """
        with _waiting_lock:
            state = _waiting.get(socket.underlying)
            if state is None or state.readiness.socket.closed:
                state = _waiting[socket.underlying] = cls(socket, current_loop())
                return state
        if not state.loop.is_current():
            raise RuntimeError(
                "tasks of another event loop (or thread) wait on this socket: "
                "a zmq socket is waited on from one event loop at a time"
            )
        return state

    def enter(self, waiter: Waiter, flags: int) -> None:
        """``waiter`` starts waiting: for its turn to receive or send, or to poll ``flags``."""
        if isinstance(waiter, PollWaiter):
            self.readiness.watch(waiter, flags)
        else:
            self.readiness.wait(waiter, flags)
        self.waiters.append(waiter)

    def leave(self, waiter: Waiter) -> None:
        """``waiter`` stops waiting (served, failed or cancelled): hand its turn on."""
        self.readiness.discard(waiter)
        with suppress(ValueError):
            self.waiters.remove(waiter)
        if self.waiters:
            # the next in line may be able to go on now
            self.readiness.schedule()
        else:
            self.release()

    def release(self) -> None:
        with _waiting_lock:
            if _waiting.get(self.address) is self:
                del _waiting[self.address]

    async def park(self, waiter: Waiter) -> None:
        """Suspend until the socket may be ready for ``waiter``; watch the FD if nobody does."""
        if waiter.woken:
            # woken while running (between an attempt and now): a checkpoint
            # keeps a socket that says ready but refuses from spinning
            waiter.woken = False
            await checkpoint()
            return
        if self.watcher is not None:
            await self.loop.park(waiter)
            waiter.woken = False
            return
        self.watcher = waiter
        try:
            await self.loop.watch(self.fd, waiter)
            # still the watcher while it looks: nobody else is woken to watch,
            # as it goes on watching if it cannot go on
            self.look()
        finally:
            self.watcher = None
        waiter.woken = False

    def wake(self, waiter: Waiter) -> None:
        """Resume ``waiter``'s task, suspended in its loop's park or watch."""
        waiter.woken = True
        unpark = waiter.unpark
        if unpark is not None:
            waiter.unpark = None
            unpark()

    def look(self) -> None:
        """The protocol's look; then, if nobody watches the FD, wake a task to watch it."""
        self.readiness.look()
        if self.watcher is None:
            for waiter in self.waiters:
                if not waiter.woken:
                    # it will find nobody watching, and watch
                    self.wake(waiter)
                    break

    def call_soon(self, callback: Callable[[], object]) -> bool:
        """The call-soon the protocol schedules its looks with (from any thread)."""
        return self.loop.call_soon(self.look)

    def failed(self, error: zmq.ZMQError) -> None:
        """EVENTS could not be read (a terminated context): each waiter's own attempt
        raises the error."""
        for waiter in self.waiters:
            self.wake(waiter)

    def closed(self) -> None:
        """The socket is closed: every waiter wakes, and its own attempt raises ENOTSOCK."""
        self.readiness.clear()
        for waiter in self.waiters:
            self.wake(waiter)
        self.release()


async def wait_events(socket: zmq.Socket[Any], flags: int) -> int:
    """Wait until ``socket`` is ready for some of ``flags``; returns those.

    ``socket`` may be of any class: the waiters of its libzmq socket are shared.
    """
    ready: int = _get(socket, _EVENTS) & flags
    if ready:
        return ready
    state = SocketWaiters.join(socket)
    waiter = PollWaiter(state)
    state.enter(waiter, flags)
    try:
        while True:
            await state.park(waiter)
            ready = _get(socket, _EVENTS) & flags
            if ready:
                return ready
            if waiter.events:
                # served (it left the protocol's watchers), and no longer ready
                waiter.events = 0
                state.readiness.watch(waiter, flags)
    finally:
        state.leave(waiter)
