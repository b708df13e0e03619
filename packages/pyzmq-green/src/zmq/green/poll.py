"""The gevent-cooperative Poller and select."""

from __future__ import annotations

from typing import Any

import zmq
from zmq.backend import Poller as _PollerBase
from zmq.green._readiness import seconds_of, wait_until
from zmq.sugar.poll import select as _select

__all__ = ["Poller", "select"]

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_POLLERR = int(zmq.POLLERR)


class Poller(_PollerBase):
    """Poller()

    A :class:`zmq.Poller` whose poll blocks only the calling greenlet. It
    polls zmq sockets (green or not), file descriptors and objects with
    fileno(), as :class:`zmq.Poller` does.
    """

    def poll(self, timeout: float | None = None) -> list[tuple[Any, int]]:
        """poll(timeout=None)

        Wait for events on the registered sockets.

        Parameters
        ----------
        timeout : int, optional
            Milliseconds to wait at most; None (or a negative number) waits forever.

        Returns
        -------
        list of (socket, event)
            The sockets that are ready, with their events (empty on timeout).
        """
        seconds = seconds_of(timeout, 0.001)
        ready: list[tuple[Any, int]] = wait_until(
            lambda: _PollerBase.poll(self, 0), list(self.sockets), seconds
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
        Those that are ready.
    """
    seconds = seconds_of(timeout, 1.0)
    items = [
        *((item, _POLLIN) for item in rlist),
        *((item, _POLLOUT) for item in wlist),
        *((item, _POLLERR) for item in xlist),
    ]
    return wait_until(lambda: _select(rlist, wlist, xlist, 0), items, seconds, _any_ready)
