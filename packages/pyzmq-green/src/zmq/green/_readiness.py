"""Waiting for zmq sockets in gevent's hub without ever losing a wake-up.

libzmq's ZMQ_FD is edge-triggered: any operation that processes a socket's
commands resets it, whoever makes it. The protocol that copes with it is the
core's :class:`zmq.integration.Readiness`; here it serves greenlets. A
greenlet that must wait for a socket:

1. registers its interest (POLLIN, POLLOUT) with the socket's
   :class:`SharedReadiness`, shared by every wrapper of the libzmq socket,
   which arms the socket's edge hook while anyone waits;
2. looks (reads EVENTS): what arrived while the FD was already reset by
   someone else is seen here, and then there is no need to sleep;
3. sleeps until the FD turns readable, a look of the readiness (scheduled in
   the hub by the edge hook, after an operation that may have consumed the
   edge) wakes it, or its timeout passes.

A woken greenlet retries its operation, and waits again if another greenlet
took what it was woken for.
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
from zmq.integration import Readiness

__all__ = ["SharedReadiness", "Sleep", "wait_until"]

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
        self._interests: list[SharedReadiness] = []
        self._woken = False

    def __enter__(self) -> Sleep:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for watcher in self._watchers:
            watcher.close()
        self._watchers.clear()
        for shared in self._interests:
            shared.remove(self)
        self._interests.clear()

    def watch_socket(self, socket: _SocketBase, flags: int) -> int:
        """Watch a zmq socket for ``flags``.

        Returns
        -------
        int
            The events of ``flags`` the socket has now: if any, do not sleep.
        """
        shared = SharedReadiness.of(socket)
        self._interests.append(shared)
        ready = shared.add(self, flags) & flags
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
    """A sleeping greenlet's interest in some events of a socket: a watcher
    of the socket's readiness, which wakes the greenlet."""

    __slots__ = ("active", "sleep")

    def __init__(self, sleep: Sleep) -> None:
        self.sleep = sleep
        # not before the greenlet's own first look, which it acts on itself
        self.active = False

    def serve(self, events: int) -> bool:
        if self.active:
            self.sleep.wake()
        return False


class _Interests(list):  # type: ignore[type-arg]
    """The interests in one socket, and what its readiness calls back.

    The readiness's callbacks are bound to this list, not to the
    SharedReadiness: one is made for every wait, and must go with its last
    reference (no reference cycle).
    """

    __slots__ = ("socket",)

    def __init__(self, socket: _SocketBase) -> None:
        super().__init__()
        self.socket = socket

    def call_soon(self, callback: Callable[[], object]) -> bool:
        """Run ``callback`` in the hub of the first greenlet that waits."""
        if not self:
            return False  # nobody waits (the hook is being disarmed)
        self[0].sleep.call_soon(callback)
        return True

    def in_first_look(self) -> bool:
        """Whether a greenlet makes its own first look (it acts on what it meets)."""
        return bool(self) and not self[-1].active

    def wake_all(self) -> None:
        """Closed, or its context terminated: each waiter retries and meets the error itself."""
        if self.in_first_look():
            _get(self.socket, _EVENTS)  # raises the socket's own error
        for interest in self:
            if interest.active:
                interest.sleep.wake()

    def failed(self, error: zmq.ZMQError) -> None:
        if self.in_first_look():
            raise error
        self.wake_all()


class SharedReadiness:
    """Who waits for one libzmq socket, shared by every wrapper of it and every hub.

    A :class:`zmq.integration.Readiness` whose looks run in the hub of the
    first greenlet that waits, and that wakes the greenlets whose events it
    sees: a woken greenlet retries its operation itself.
    """

    __slots__ = ("_address", "_interests", "readiness")

    # by address of the libzmq socket, while someone waits for it
    _registry: ClassVar[dict[int, SharedReadiness]] = {}

    def __init__(self, address: int, socket: _SocketBase) -> None:
        self._address = address
        interests = self._interests = _Interests(socket)
        self.readiness = Readiness(
            socket, interests.call_soon, interests.wake_all, on_error=interests.failed
        )

    @classmethod
    def of(cls, socket: _SocketBase) -> SharedReadiness:
        """The SharedReadiness of ``socket``'s libzmq socket."""
        address = socket.underlying
        shared = cls._registry.get(address)
        if shared is None:
            shared = cls._registry[address] = cls(address, socket)
        return shared

    def add(self, sleep: Sleep, flags: int) -> int:
        """Register a sleep's interest in ``flags``; wake the others the socket is ready for.

        Returns
        -------
        int
            The socket's EVENTS now: if any of ``flags``, do not sleep.
        """
        interest = _Interest(sleep)
        self._interests.append(interest)
        self.readiness.watch(interest, flags)
        events = self.readiness.look()
        interest.active = True
        return events

    def remove(self, sleep: Sleep) -> None:
        """Forget a sleep's interest; disarm the hook when nobody waits any more."""
        interests = self._interests
        for interest in interests:
            if interest.sleep is sleep:
                interests.remove(interest)
                self.readiness.discard(interest)
                break
        if not interests and self._registry.get(self._address) is self:
            del self._registry[self._address]


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
