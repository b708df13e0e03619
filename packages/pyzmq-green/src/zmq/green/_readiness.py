"""Waiting for zmq sockets in gevent's hub without ever losing a wake-up.

libzmq's ZMQ_FD is edge-triggered: it turns readable when a socket's state
may have changed, and any operation that processes the socket's commands
(reading EVENTS, send, recv, poll) resets it, whoever makes it. So a greenlet
that must wait for a socket:

1. registers its interest (POLLIN, POLLOUT) with the socket's
   :class:`Readiness`, shared by every wrapper of the libzmq socket, which
   arms the socket's edge hook while anyone waits;
2. reads EVENTS: what arrived while the FD was already reset by someone
   else is seen here, and then there is no need to sleep;
3. sleeps until the FD turns readable, the edge hook reports an operation
   that may have consumed the edge, or its timeout passes.

The edge hook is called by the compiled layer after every such operation,
through any wrapper, in whichever greenlet or thread made it. It does not
look at the socket itself (it runs at the end of someone else's operation):
it schedules one look in the hub, which reads EVENTS with the hook disarmed
(so that looking does not schedule another look) and wakes the waiters the
socket is now ready for. A woken greenlet retries its operation, and waits
again if another greenlet took what it was woken for.
"""

from __future__ import annotations

from _thread import get_ident
from collections.abc import Iterable
from operator import index
from time import monotonic
from typing import Any, Callable, ClassVar, TypeVar

from gevent import get_hub
from gevent.hub import Waiter

import zmq
from zmq.backend import Socket as _SocketBase
from zmq.integration import add_edge_hook, remove_edge_hook

__all__ = ["Readiness", "Sleep", "wait_until"]

_T = TypeVar("_T")

_EVENTS = int(zmq.EVENTS)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
# libev's event bits, as gevent's io watchers take them
_READ = 1
_WRITE = 2

_get = _SocketBase.get
_fileno = _SocketBase.fileno


class Sleep:
    """One greenlet's wait for any of several sockets and file descriptors.

    Used as a context manager, which stops watching on exit.
    """

    __slots__ = ("_hub", "_interests", "_thread", "_waiter", "_watchers", "_woken")

    def __init__(self) -> None:
        self._hub = get_hub()
        self._waiter = Waiter(self._hub)
        self._thread = get_ident()
        self._watchers: list[Any] = []
        self._interests: list[tuple[Readiness, _Interest]] = []
        self._woken = False

    def __enter__(self) -> Sleep:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for watcher in self._watchers:
            watcher.close()
        self._watchers.clear()
        for readiness, interest in self._interests:
            readiness.remove(interest)
        self._interests.clear()

    def watch_socket(self, socket: _SocketBase, flags: int) -> int:
        """Watch a zmq socket for ``flags``.

        Returns
        -------
        int
            The events of ``flags`` the socket has now: if any, do not sleep.
        """
        readiness = Readiness.of(socket)
        self._interests.append((readiness, readiness.add(self, socket, flags)))
        ready = readiness.look(socket, exclude=self) & flags
        if not ready:
            self.watch_fd(_fileno(socket), _READ)
        return ready

    def watch_fd(self, fd: int, events: int) -> None:
        """Watch a file descriptor for ``events`` (1: readable, 2: writable)."""
        watcher = self._hub.loop.io(fd, events)
        watcher.start(self._waiter.switch, True)
        self._watchers.append(watcher)

    def watch(self, items: Iterable[tuple[Any, int]]) -> bool:
        """Watch what a Poller polls: zmq sockets, fds, objects with fileno().

        Returns
        -------
        bool
            Whether a zmq socket is ready now (then do not sleep).
        """
        for item, flags in items:
            if isinstance(item, _SocketBase):
                if self.watch_socket(item, flags):
                    return True
                continue
            fd = index(item) if hasattr(item, "__index__") else index(item.fileno())
            if fd < 0:
                continue  # as poll(2) does: never ready
            events = (_WRITE if flags & _POLLOUT else 0) | (
                _READ if flags & ~_POLLOUT or not flags else 0
            )
            self.watch_fd(fd, events)
        return False

    def call_soon(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` in this sleep's hub, from any thread."""
        if get_ident() == self._thread:
            self._hub.loop.run_callback(function, *args)
        else:
            self._hub.loop.run_callback_threadsafe(function, *args)

    def wake(self) -> None:
        """Wake the sleeping greenlet (once), from any greenlet or thread."""
        if not self._woken:
            self._woken = True
            self.call_soon(self._waiter.switch, True)

    def sleep(self, timeout: float | None) -> bool:
        """Sleep until woken or ``timeout`` seconds pass (None: no limit).

        Returns
        -------
        bool
            True if woken, False if the timeout passed.
        """
        if timeout is None:
            return bool(self._waiter.get())
        timer = self._hub.loop.timer(max(timeout, 0.0))
        timer.start(self._waiter.switch, False)
        try:
            return bool(self._waiter.get())
        finally:
            timer.close()


class _Interest:
    """A sleeping greenlet's interest in some events of a socket."""

    __slots__ = ("flags", "sleep", "socket")

    def __init__(self, sleep: Sleep, socket: _SocketBase, flags: int) -> None:
        self.sleep = sleep
        self.socket = socket
        self.flags = flags


class Readiness:
    """Who waits for one libzmq socket, shared by every wrapper of it."""

    __slots__ = ("_address", "_interests", "_look_pending")

    # by address of the libzmq socket, while someone waits for it
    _registry: ClassVar[dict[int, Readiness]] = {}

    def __init__(self, address: int) -> None:
        self._address = address
        self._interests: list[_Interest] = []
        self._look_pending = False

    @classmethod
    def of(cls, socket: _SocketBase) -> Readiness:
        """The Readiness of ``socket``'s libzmq socket."""
        address = socket.underlying
        readiness = cls._registry.get(address)
        if readiness is None:
            readiness = cls._registry[address] = cls(address)
        return readiness

    def add(self, sleep: Sleep, socket: _SocketBase, flags: int) -> _Interest:
        """Register a sleep's interest in ``flags`` of ``socket``."""
        interest = _Interest(sleep, socket, flags)
        self._interests.append(interest)
        if len(self._interests) == 1:
            add_edge_hook(socket, self._edge_consumed)
        return interest

    def remove(self, interest: _Interest) -> None:
        """Forget an interest; disarm the hook when nobody waits any more."""
        self._interests.remove(interest)
        if not self._interests:
            remove_edge_hook(interest.socket, self._edge_consumed)
            if self._registry.get(self._address) is self:
                del self._registry[self._address]

    def look(self, socket: _SocketBase, exclude: Sleep | None = None) -> int:
        """Read EVENTS, and wake the waiters (but ``exclude``) it shows ready.

        Returns
        -------
        int
            The socket's EVENTS.
        """
        remove_edge_hook(socket, self._edge_consumed)
        try:
            events: int = _get(socket, _EVENTS)
        finally:
            if self._interests:
                add_edge_hook(socket, self._edge_consumed)
        for interest in self._interests:
            if interest.flags & events and interest.sleep is not exclude:
                interest.sleep.wake()
        return events

    def _edge_consumed(self) -> None:
        """The edge hook: an operation may have reset the FD; look soon."""
        if self._look_pending:
            return
        try:
            first = self._interests[0]
        except IndexError:  # nobody waits (the hook is being disarmed)
            return
        self._look_pending = True
        first.sleep.call_soon(self._look_again)

    def _look_again(self) -> None:
        self._look_pending = False
        if not self._interests:
            return
        try:
            self.look(self._interests[0].socket)
        except zmq.ZMQError:
            # closed, or its context terminated: each waiter retries and
            # meets the error itself
            for interest in self._interests:
                interest.sleep.wake()


def wait_until(
    check: Callable[[], _T],
    items: Callable[[], list[tuple[Any, int]]],
    timeout: float | None,
    ready: Callable[[_T], bool] = bool,
    sleeping: set[Sleep] | None = None,
) -> _T:
    """Call ``check()`` until ``ready`` says its result is, waiting for ``items`` between.

    Parameters
    ----------
    check : callable
        A non-blocking look (a poll with timeout 0).
    items : callable
        Returns what may make ``check`` ready, as a Poller registers it: a
        list of (socket or fd, flags), looked at again before each wait.
    timeout : float or None
        Seconds to try for at most (None: no limit).
    ready : callable
        Whether a result of ``check`` is ready (default: whether it is true).
    sleeping : set of Sleep, optional
        Where to keep the Sleep while waiting, so that whoever changes
        ``items`` can wake it.

    Returns
    -------
    The first ready result, or the last one when the time is up.
    """
    deadline = None if timeout is None else monotonic() + timeout
    while True:
        result = check()
        if ready(result):
            return result
        remaining = None if deadline is None else deadline - monotonic()
        if remaining is not None and remaining <= 0:
            return result
        with Sleep() as sleep:
            if sleeping is not None:
                sleeping.add(sleep)
            try:
                if not sleep.watch(items()):
                    sleep.sleep(remaining)
            finally:
                if sleeping is not None:
                    sleeping.discard(sleep)
