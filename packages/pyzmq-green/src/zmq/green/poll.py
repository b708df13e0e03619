"""The gevent-cooperative Poller and select."""

from __future__ import annotations

from typing import Any

import zmq
from zmq.backend import Poller as _PollerBase
from zmq.green._readiness import Sleep, wait_until
from zmq.green._timeouts import poll_seconds, select_seconds
from zmq.sugar.poll import select as _select

__all__ = ["Poller", "select"]

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_POLLERR = int(zmq.POLLERR)


class Poller(_PollerBase):
    """Poller()

    A :class:`zmq.Poller` whose poll blocks only the calling greenlet. It
    polls zmq sockets (green or not), file descriptors and objects with
    fileno(), as :class:`zmq.Poller` does, and reports those that are not
    zmq sockets by their fd number, as PyZMQ does. What is registered
    while a greenlet polls is polled from then on.
    """

    def __init__(self) -> None:
        super().__init__()
        self._sleeping: set[Sleep] = set()

    def register(self, socket: Any, flags: int = _POLLIN | _POLLOUT) -> None:
        """register(socket, flags=zmq.POLLIN | zmq.POLLOUT)

        Watch a socket or file descriptor; see :meth:`zmq.Poller.register`.
        """
        super().register(socket, flags)
        # the greenlets polling wait for what was registered before: let them look again
        for sleep in self._sleeping:
            sleep.wake()

    def poll(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        """poll(timeout=None)

        Wait for events on the registered sockets.

        Parameters
        ----------
        timeout : int, optional
            Milliseconds to wait at most; None, a negative number or
            infinity waits forever (with nothing registered too, as in
            PyZMQ's zmq.green, until something is).

        Returns
        -------
        list of (socket or fd, event)
            The sockets that are ready, with their events (empty on timeout).
        """
        seconds = poll_seconds(timeout)
        ready: list[tuple[Any, int]] = wait_until(
            lambda: _PollerBase.poll(self, 0),
            lambda: list(self.sockets),
            seconds,
            bool,
            self._sleeping,
        )
        return ready


def _any_ready(lists: tuple[list[Any], list[Any], list[Any]]) -> bool:
    return any(lists)


def select(
    rlist: list[Any], wlist: list[Any], xlist: list[Any], timeout: float | None = None
) -> tuple[list[Any], list[Any], list[Any]]:
    """select(rlist, wlist, xlist, timeout=None)

    Like :func:`zmq.select`, blocking only the calling greenlet.

    Parameters
    ----------
    rlist, wlist, xlist : list
        Sockets or fds to wait on for reading, writing and errors.
    timeout : float, optional
        Seconds to wait at most; None (or a negative number) waits forever.

    Returns
    -------
    (rlist, wlist, xlist) : tuple of lists
        Those that are ready, as :func:`zmq.select` gives them.
    """
    seconds = select_seconds(timeout)
    items = [
        *((item, _POLLIN) for item in rlist),
        *((item, _POLLOUT) for item in wlist),
        *((item, _POLLERR) for item in xlist),
    ]
    if not items and seconds is None:
        return [], [], []  # as zmq.select: nothing to wait for
    return wait_until(lambda: _select(rlist, wlist, xlist, 0), lambda: items, seconds, _any_ready)


# PyZMQ's name for this class, which code written for it may import
_Poller = Poller
