"""Poller and select: wait for events on several sockets at once."""

from __future__ import annotations

from typing import Any

from zmq.backend import Poller
from zmq.backend.cython._zmq import _select

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
    return _select(rlist, wlist, xlist, timeout)
