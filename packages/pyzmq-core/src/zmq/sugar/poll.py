"""Poller and select: wait for events on several sockets at once."""

from __future__ import annotations

from typing import Any

from zmq.backend import Poller, zmq_poll
from zmq.backend.cython._zmq import waits_forever
from zmq.constants import POLLERR, POLLIN, POLLOUT

__all__ = ["Poller", "select"]


def select(
    rlist: list[Any], wlist: list[Any], xlist: list[Any], timeout: float | None = None
) -> tuple[list[Any], list[Any], list[Any]]:
    """select(rlist, wlist, xlist, timeout=None)

    Like :func:`select.select`, for zmq sockets and file descriptors.

    Parameters
    ----------
    rlist, wlist, xlist : list
        Sockets or fds to wait on for reading, writing and errors.
    timeout : float, optional
        Seconds to wait at most (unlike :meth:`Poller.poll`, which takes
        milliseconds); None waits forever.

    Returns
    -------
    (rlist, wlist, xlist) : tuple of lists
        Those that are ready, in the order of ``set(rlist + wlist + xlist)``
        (PyZMQ's); an item that is not a zmq socket is given by its fd
        number, as :meth:`Poller.poll` gives it.
    """
    ms = -1 if timeout is None or waits_forever(timeout) else int(timeout * 1000.0)
    wanted = [
        (
            item,
            (POLLIN if item in rlist else 0)
            | (POLLOUT if item in wlist else 0)
            | (POLLERR if item in xlist else 0),
        )
        for item in set(rlist + wlist + xlist)
    ]
    readable: list[Any] = []
    writable: list[Any] = []
    failed: list[Any] = []
    # as zmq_poll reports them: a non-zmq item by its fd number
    for item, events in zmq_poll(wanted, ms):
        if events & POLLIN:
            readable.append(item)
        if events & POLLOUT:
            writable.append(item)
        if events & POLLERR:
            failed.append(item)
    return readable, writable, failed
