"""Poller and select: wait for events on several sockets at once."""

from __future__ import annotations

from typing import Any

from zmq.backend import Poller, zmq_poll
from zmq.backend.cython._zmq import _waits_forever
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
        Those that are ready; an item that is not a zmq socket is given by
        its fd number, as :meth:`Poller.poll` gives it.
    """
    ms = -1 if timeout is None or _waits_forever(timeout) else int(timeout * 1000.0)
    # each object once, in the order given (PyZMQ polls a set of them)
    wanted: dict[Any, int] = {}
    for items, flag in ((rlist, POLLIN), (wlist, POLLOUT), (xlist, POLLERR)):
        for item in items:
            wanted[item] = wanted.get(item, 0) | flag
    readable: list[Any] = []
    writable: list[Any] = []
    failed: list[Any] = []
    # as zmq_poll reports them: a non-zmq item by its fd number
    for item, events in zmq_poll(list(wanted.items()), ms):
        if events & POLLIN:
            readable.append(item)
        if events & POLLOUT:
            writable.append(item)
        if events & POLLERR:
            failed.append(item)
    return readable, writable, failed
