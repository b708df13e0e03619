"""The readiness protocol of libzmq's edge-triggered FD, for any event loop.

libzmq's ZMQ_FD turns readable when a socket's state may have changed, and
any operation that processes the socket's commands (reading EVENTS, send,
recv, poll) resets it, whoever makes it. An event loop that only watched the
FD would miss what another operation consumed. The protocol:

- while someone waits, the socket's *edge hook* is armed: the compiled layer
  calls it after every such operation, through any wrapper of the libzmq
  socket, in whichever thread made it;
- the hook does not look at the socket (it runs at the end of someone
  else's operation): edge notifications are coalesced into one *look*,
  scheduled in the loop through a thread-safe call-soon;
- a look reads EVENTS with the hook disarmed (its own operations must not
  schedule another look) and serves the waiters, in order, while EVENTS
  says the socket can; EVENTS read last means the edge is consumed, and
  whatever happens next signals the FD again;
- the hook is also called when the socket is closed, while its FD is still
  open: the loop must stop watching the FD then.

:class:`Readiness` is that protocol for one socket in one loop. The loop's
code supplies only how to watch the FD, how to schedule a callback in the
loop and what completes a waiter::

    readiness = Readiness(socket, loop.call_soon_threadsafe, on_close=stop_watching)
    loop.add_reader(readiness_fd(socket), readiness.look)
    readiness.wait(waiter, zmq.POLLIN)  # waiter.serve(events) -> bool
    readiness.schedule()  # look once: what came before the reader signals nothing
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import index
from typing import Callable, NoReturn, Protocol

import zmq
from zmq.backend.cython._zmq import Socket as _SocketBase
from zmq.backend.cython._zmq import add_edge_hook, readiness_fd, remove_edge_hook
from zmq.error import ZMQError

__all__ = ["Readiness", "Waiter", "add_edge_hook", "readiness_fd", "remove_edge_hook"]

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_EVENTS = int(zmq.EVENTS)
_get = _SocketBase.get


class Waiter(Protocol):
    """What waits on a :class:`Readiness`: the loop's code defines it."""

    def serve(self, events: int) -> bool:
        """Called in the loop when the socket shows ``events`` it waits for.

        A waiter queued by :meth:`Readiness.wait` makes its operation (without
        blocking) and completes; a watcher (:meth:`Readiness.watch`) is told
        the events.

        Returns
        -------
        bool
            True when done: it leaves the queue. False: it waits on (a
            queued waiter whose operation could not complete: the socket
            was not ready after all, and the waiters behind it wait too).
        """
        ...


def _refuse_callback(name: str, value: object) -> NoReturn:
    raise TypeError(f"{name} must be callable, got {type(value).__name__}")


def _refuse_direction(flags: object) -> NoReturn:
    raise ValueError(f"flags must be zmq.POLLIN or zmq.POLLOUT, got {flags!r}")


def _check_waiter(waiter: object) -> None:
    if not callable(getattr(waiter, "serve", None)):
        raise TypeError(f"a waiter needs a serve(events) method, got {type(waiter).__name__}")


class Readiness:
    """The waiters of one socket in one event loop, and its edge hook.

    Parameters
    ----------
    socket : zmq.Socket
        The socket (any wrapper of the libzmq socket); kept while this lives.
    call_soon : callable
        ``call_soon(callback)`` runs ``callback()`` soon in the loop, called
        from any thread. It may return False when it cannot (the loop is
        closed): nothing is scheduled then.
    on_close : callable
        ``on_close()``, called in the loop when the socket is found closed:
        stop watching its FD and end what waits (:meth:`clear` gives it).
    in_loop : callable, optional
        ``in_loop()``: whether the caller runs in the loop. When the socket
        is closed from the loop's own thread, ``on_close`` is then called at
        once, while the FD is still open; otherwise from the next look.
    budget : int
        Waiters served by one look before it lets the loop run others (and
        schedules another look).
    on_error : callable, optional
        ``on_error(error)``, called in the look instead of raising when
        reading EVENTS fails with a :class:`zmq.ZMQError` (its context was
        terminated): each waiter may then meet the error itself. Without
        it, the error propagates to the loop.

    Raises
    ------
    TypeError
        If ``socket`` is not a zmq socket, or a callback is not callable.
    ValueError
        If ``budget`` is less than 1.
    """

    __slots__ = (
        "_armed",
        "_budget",
        "_call_soon",
        "_in_loop",
        "_looking",
        "_on_close",
        "_on_error",
        "_receivers",
        "_scheduled",
        "_senders",
        "_socket",
        "_watchers",
    )

    def __init__(
        self,
        socket: _SocketBase,
        call_soon: Callable[[Callable[[], object]], object],
        on_close: Callable[[], object],
        *,
        in_loop: Callable[[], bool] | None = None,
        budget: int = 64,
        on_error: Callable[[ZMQError], object] | None = None,
    ) -> None:
        if not isinstance(socket, _SocketBase):
            raise TypeError(f"Readiness needs a zmq socket, got {type(socket).__name__}")
        # (made for every green wait: checks without building tuples)
        if not callable(call_soon):
            _refuse_callback("call_soon", call_soon)
        if not callable(on_close):
            _refuse_callback("on_close", on_close)
        if in_loop is not None and not callable(in_loop):
            _refuse_callback("in_loop", in_loop)
        if on_error is not None and not callable(on_error):
            _refuse_callback("on_error", on_error)
        budget = index(budget)
        if budget < 1:
            raise ValueError(f"budget must be at least 1, got {budget}")
        self._socket = socket
        self._call_soon = call_soon
        self._on_close = on_close
        self._in_loop = in_loop
        self._on_error = on_error
        self._budget = budget
        # made on first use (zmq.green makes a Readiness for every wait)
        self._receivers: deque[Waiter] | tuple[()] = ()
        self._senders: deque[Waiter] | tuple[()] = ()
        self._watchers: list[tuple[Waiter, int]] = []
        self._scheduled = False
        self._armed = False
        # looks and disarmed() sections in progress: the hook waits for their end
        self._looking = 0
        # The hook is self._edge, bound anew each time (bound methods compare
        # equal): a stored one would keep this object in a reference cycle.

    @property
    def socket(self) -> _SocketBase:
        """The socket."""
        return self._socket

    @property
    def waiting(self) -> bool:
        """Whether anyone waits (then the edge hook is armed)."""
        return bool(self._receivers or self._senders or self._watchers)

    @property
    def armed(self) -> bool:
        """Whether the edge hook is armed now (never during a look)."""
        return self._armed

    def queue(self, flags: int) -> Sequence[Waiter]:
        """The waiters for ``zmq.POLLIN`` or ``zmq.POLLOUT``, first first.

        The live queue, to read: change it with :meth:`wait` and :meth:`discard`.
        """
        return self._queue(flags)

    def wait(self, waiter: Waiter, flags: int) -> None:
        """Queue ``waiter`` until the socket can receive (POLLIN) or send (POLLOUT).

        The waiters of one direction are served in order, one operation
        after another: ``waiter.serve(events)`` makes its operation, and
        returns False if it could not (the waiters behind it then wait too).

        Raises
        ------
        TypeError
            If ``waiter`` has no ``serve`` method.
        ValueError
            If ``flags`` is not zmq.POLLIN or zmq.POLLOUT.
        """
        # a hot path: _check_waiter inlined
        queue = (
            self._receivers if flags == _POLLIN else self._senders if flags == _POLLOUT else None
        )
        if not isinstance(queue, deque):
            queue = self._queue(flags)  # made on first use; other flags refused
        if not callable(getattr(waiter, "serve", None)):
            _check_waiter(waiter)
        queue.append(waiter)
        if not self._armed and not self._looking:
            self._arm()

    def watch(self, waiter: Waiter, flags: int) -> None:
        """Tell ``waiter`` whenever a look shows any of ``flags``.

        ``waiter.serve(events & flags)`` is called in every look that shows
        them (it makes no operation that would take them from the queued
        waiters); it leaves when it returns True.

        Raises
        ------
        TypeError
            If ``waiter`` has no ``serve`` method, or ``flags`` is not an int.
        """
        if not callable(getattr(waiter, "serve", None)):
            _check_waiter(waiter)
        self._watchers.append((waiter, flags if type(flags) is int else index(flags)))
        if not self._armed and not self._looking:
            self._arm()

    def discard(self, waiter: Waiter) -> bool:
        """Stop waiting for ``waiter`` (queued or watching); True if it waited."""
        found = False
        watchers = self._watchers
        for position, entry in enumerate(watchers):
            if entry[0] is waiter:
                del watchers[position]
                found = True
                break
        else:
            for queue in (self._receivers, self._senders):
                # `in` first: a missing waiter costs no exception
                if isinstance(queue, deque) and waiter in queue:
                    queue.remove(waiter)
                    found = True
                    break
        if found and self._armed and not (self._receivers or self._senders or watchers):
            self._disarm()
        return found

    def clear(self) -> list[Waiter]:
        """Stop waiting for everyone; returns who waited (to end them)."""
        waiters = [*self._receivers, *self._senders, *(entry[0] for entry in self._watchers)]
        # in place: what queue() gave stays live
        if isinstance(self._receivers, deque):
            self._receivers.clear()
        if isinstance(self._senders, deque):
            self._senders.clear()
        self._watchers.clear()
        if self._armed:
            self._disarm()
        return waiters

    def schedule(self) -> None:
        """Look soon, from the loop; several calls before it looks make one look.

        Safe from any thread (this is what the edge hook does).
        """
        if self._scheduled:
            return
        self._scheduled = True
        if self._call_soon(self.look) is False:
            self._scheduled = False

    def look(self) -> int:
        """Read EVENTS and serve the waiters while the socket can; in the loop.

        What the loop calls when the FD turns readable, and what
        :meth:`schedule` runs. If the socket is closed (or a waiter closes
        it), calls ``on_close``.

        Returns
        -------
        int
            The socket's EVENTS, as last read (0 if it is closed, or
            could not be read).
        """
        self._scheduled = False
        socket = self._socket
        if socket.closed:
            self._closed()
            return 0
        # our own operations below must not schedule another look
        self._looking += 1
        if self._armed:
            self._armed = False
            remove_edge_hook(socket, self._edge)
        receivers, senders, watchers = self._receivers, self._senders, self._watchers
        budget = self._budget
        events: int = 0
        try:
            while True:
                try:
                    events = _get(socket, _EVENTS)
                except ZMQError as error:
                    if socket.closed:
                        break  # by a waiter: told below
                    if self._on_error is None:
                        raise
                    self._on_error(error)
                    break
                served = 0
                if events & _POLLIN and receivers:
                    waiter = receivers[0]
                    if waiter.serve(events):
                        served = 1
                        if receivers and receivers[0] is waiter:
                            receivers.popleft()
                if events & _POLLOUT and senders:
                    waiter = senders[0]
                    if waiter.serve(events):
                        served += 1
                        if senders and senders[0] is waiter:
                            senders.popleft()
                if watchers:
                    for entry in watchers.copy():
                        ready = events & entry[1]
                        if ready and entry[0].serve(ready) and entry in watchers:
                            watchers.remove(entry)
                if not served or not (receivers or senders):
                    # EVENTS was read last: the FD's edge is consumed, and
                    # whatever happens next signals it again
                    break
                budget -= served
                if budget <= 0:
                    # more may be ready: let the loop run others first
                    self.schedule()
                    break
        finally:
            looking = self._looking = self._looking - 1
            if socket.closed:
                if not looking:
                    # closed by a waiter: the hook, disarmed, could not tell
                    self._closed()
            elif not looking and (self._receivers or self._senders or watchers):
                # (a hot path: _rearm and _arm inlined)
                add_edge_hook(socket, self._edge)
                self._armed = True
        return events

    @contextmanager
    def disarmed(self) -> Iterator[None]:
        """Make operations on the socket, outside a look, that schedule no look.

        For the loop's own operations that serve what waits (a stream's
        flush): the hook is disarmed inside, and armed again on exit if
        someone waits. Sections (and looks) may nest.
        """
        self._looking += 1
        if self._armed:
            self._disarm()
        try:
            yield
        finally:
            self._looking -= 1
            self._rearm()

    def _edge(self) -> None:
        """The edge hook: an operation may have consumed the edge, or the socket closes."""
        if self._in_loop is not None and self._socket.closed and self._in_loop():
            self._closed()
            return
        self.schedule()

    def _queue(self, flags: int) -> deque[Waiter]:
        if flags == _POLLIN:
            if not isinstance(self._receivers, deque):
                self._receivers = deque()
            return self._receivers
        if flags == _POLLOUT:
            if not isinstance(self._senders, deque):
                self._senders = deque()
            return self._senders
        _refuse_direction(flags)

    def _closed(self) -> None:
        if self._armed:
            self._disarm()
        self._on_close()

    def _rearm(self) -> None:
        if not self._looking and not self._armed and self.waiting:
            self._arm()

    def _arm(self) -> None:
        socket = self._socket
        if not socket.closed:
            add_edge_hook(socket, self._edge)
            self._armed = True

    def _disarm(self) -> None:
        self._armed = False
        remove_edge_hook(self._socket, self._edge)
