"""Poller and select: wait for events on several sockets at once."""

from __future__ import annotations

from typing import Any

from zmq.backend import Poller
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
        Those that are ready.
    """
    ms = None if timeout is None or _waits_forever(timeout) else timeout * 1000.0
    wanted: dict[Any, int] = {}
    for items, flag in ((rlist, POLLIN), (wlist, POLLOUT), (xlist, POLLERR)):
        for item in items:
            wanted[item] = wanted.get(item, 0) | flag
    poller = Poller()
    for item, flags in wanted.items():
        poller.register(item, flags)
    ready = dict(poller.poll(ms))
    return (
        [s for s in rlist if ready.get(s, 0) & POLLIN],
        [s for s in wlist if ready.get(s, 0) & POLLOUT],
        [s for s in xlist if ready.get(s, 0) & POLLERR],
    )
