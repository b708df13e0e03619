"""The tasks waiting on one libzmq socket, and how they are woken.

libzmq's ZMQ_FD is edge-triggered: it becomes readable when the socket's
state may have changed, and any operation on the socket (a send, a receive,
reading EVENTS), through any wrapper and from any thread, resets it. So:

- No task ever takes a message for another. A woken task makes its own
  non-blocking attempt, in its own frame, and returns what it got with no
  suspension in between: a cancellation can only strike before the attempt
  (nothing was taken or sent) or after the return (the caller has it).
- Tasks are served in order: each direction (receive, send) has a queue,
  only its head attempts, and a newcomer queues behind waiters instead of
  overtaking them.
- No task runs in the background: one of the waiting tasks watches the FD for
  all (trio lets only one task wait on a descriptor), and when it stops
  waiting, another takes over.
- No wake-up is lost: whenever a task stops waiting, or another operation
  on the socket may have consumed the FD's edge (the core's edge hook tells
  of those, from any wrapper or thread), EVENTS is read again and the head
  of each ready queue is woken.
"""

from __future__ import annotations

import threading
from collections import deque
from contextlib import suppress
from itertools import chain
from typing import Any, Callable

from anyio.lowlevel import checkpoint

import zmq
from zmq.anyio._loops import Loop, current_loop

__all__ = ["Readiness", "Waiter", "wait_events"]

_EVENTS = int(zmq.EVENTS)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_get = zmq.Socket.get

# the waiting state of each libzmq socket with waiters, by address: every
# wrapper of one socket shares it (trio lets one task watch a descriptor)
_waiting: dict[int, Readiness] = {}
_waiting_lock = threading.Lock()


class Waiter:
    """A task waiting on a socket."""

    __slots__ = ("flags", "unpark", "woken")

    def __init__(self, flags: int) -> None:
        self.flags = flags
        #: how the loop resumes the task while it is suspended; None otherwise
        self.unpark: Callable[[], None] | None = None
        #: woken and not yet running again
        self.woken = False


class Readiness:
    """The waiters of one libzmq socket, in one event loop."""

    def __init__(self, socket: zmq.Socket[Any], loop: Loop) -> None:
        self.socket = socket
        self.address = socket.underlying
        self.loop = loop
        self.fd: int = socket.get(zmq.FD)
        self.receivers: deque[Waiter] = deque()
        self.senders: deque[Waiter] = deque()
        self.pollers: list[Waiter] = []
        self.watcher: Waiter | None = None
        self.recheck_scheduled = False
        # set while this state's own code operates on the socket: the edge
        # hook need not schedule a look then, the code looks itself
        self.operating = False

    @classmethod
    def join(cls, socket: zmq.Socket[Any]) -> Readiness:
        """The waiting state of ``socket``'s libzmq socket, made when none waits."""
        loop = None
        with _waiting_lock:
            state = _waiting.get(socket.underlying)
            if state is not None and state.socket.closed:
                state = None
            if state is None:
                loop = current_loop()
                state = _waiting[socket.underlying] = cls(socket, loop)
                socket._add_edge_hook(state.on_edge)
        if loop is None and not state.loop.is_current():
            raise RuntimeError(
                "tasks of another event loop (or thread) wait on this socket: "
                "a zmq socket is waited on from one event loop at a time"
            )
        return state

    def queue(self, flags: int) -> deque[Waiter]:
        return self.receivers if flags == _POLLIN else self.senders

    def has_waiters(self) -> bool:
        return bool(self.receivers or self.senders or self.pollers)

    def leave(self, waiter: Waiter, queue: deque[Waiter] | list[Waiter]) -> None:
        """``waiter`` stops waiting (served, failed or cancelled): hand its turn on."""
        with suppress(ValueError):
            queue.remove(waiter)
        if self.has_waiters():
            self.recheck()
            return
        with _waiting_lock:
            if _waiting.get(self.address) is self:
                del _waiting[self.address]
        if not self.socket.closed:
            self.socket._remove_edge_hook(self.on_edge)

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
        finally:
            self.watcher = None
        waiter.woken = False
        self.recheck(promote=False)

    def wake(self, waiter: Waiter) -> None:
        waiter.woken = True
        self.loop.wake(waiter)

    def wake_all(self) -> None:
        for waiter in chain(self.receivers, self.senders, self.pollers):
            self.wake(waiter)

    def events(self) -> int:
        """The socket's EVENTS, read by this state (its edge hook stays quiet)."""
        self.operating = True
        try:
            return _get(self.socket, _EVENTS)  # type: ignore[no-any-return]
        finally:
            self.operating = False

    def recheck(self, promote: bool = True) -> None:
        """Read EVENTS and wake whoever can go on; make sure someone watches the FD."""
        self.recheck_scheduled = False
        if self.socket.closed:
            self.wake_all()
            return
        try:
            events = self.events()
        except zmq.ZMQError:
            # a terminated context: each waiter's own attempt raises the error
            self.wake_all()
            return
        if events & _POLLIN and self.receivers:
            self.wake(self.receivers[0])
        if events & _POLLOUT and self.senders:
            self.wake(self.senders[0])
        for waiter in self.pollers:
            if events & waiter.flags:
                self.wake(waiter)
        if promote and self.watcher is None:
            for waiter in chain(self.receivers, self.senders, self.pollers):
                if not waiter.woken:
                    # it will find nobody watching, and watch
                    self.wake(waiter)
                    break

    def on_edge(self) -> None:
        """The core's edge hook: an operation on the socket may have reset its FD.

        Called from any thread, by any wrapper's operations, and once when the
        socket is closed (its FD still open): then the watch stops at once.
        """
        if self.operating:
            return
        if self.socket.closed and self.loop.is_current():
            self.wake_all()
            return
        if not self.recheck_scheduled:
            self.recheck_scheduled = True
            self.loop.call_soon(self.recheck)


async def wait_events(socket: zmq.Socket[Any], flags: int) -> int:
    """Wait until ``socket`` is ready for some of ``flags``; returns those.

    ``socket`` may be of any class: its libzmq socket's waiters are shared.
    """
    ready: int = _get(socket, _EVENTS) & flags
    if ready:
        return ready
    state = Readiness.join(socket)
    waiter = Waiter(flags)
    state.pollers.append(waiter)
    try:
        while True:
            await state.park(waiter)
            ready = state.events() & flags
            if ready:
                return ready
    finally:
        state.leave(waiter, state.pollers)
