"""SocketPlan: what a device does to one of its sockets, recorded before the socket exists."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

import zmq


class SocketPlan:
    """The type, options, binds and connects of one of a device's sockets.

    A device records them when it is configured, and applies them where it
    runs (its thread or process), so that its sockets never change threads.

    Parameters
    ----------
    socket_type : int
        The socket's :class:`zmq.SocketType`.
    """

    def __init__(self, socket_type: int) -> None:
        self.socket_type = socket_type
        self.sockopts: list[tuple[int, Any]] = []
        self.binds: list[str] = []
        self.connects: list[str] = []

    def open(self, context: zmq.Context[Any], opened: list[zmq.Socket[Any]]) -> zmq.Socket[Any]:
        """Make the socket, set its options, then bind and connect it.

        Parameters
        ----------
        context : Context
            The context to make the socket with.
        opened : list
            The socket is appended to it as soon as it exists, so that it is
            closed with the others even if one of the later steps fails.
        """
        socket: zmq.Socket[Any] = context.socket(self.socket_type)
        opened.append(socket)
        # options first: some (ROUTING_ID, SUBSCRIBE...) must precede connecting
        for option, value in self.sockopts:
            socket.setsockopt(option, value)
        for addr in self.binds:
            socket.bind(addr)
        for addr in self.connects:
            socket.connect(addr)
        return socket


def reserve_random_port(
    addr: str,
    min_port: int = 49152,
    max_port: int = 65536,
    max_tries: int = 100,
    reserved: Iterable[str] = (),
) -> int:
    """Find a port of ``addr`` that is free now, for a socket that binds it later.

    The port is bound once in a private context, which is terminated before
    returning, so that the listening socket is really gone when the device
    binds the port.

    Parameters
    ----------
    reserved : iterable of str
        Endpoints reserved before for the same device: they are held while
        choosing, so that the new port is none of them.

    Raises
    ------
    zmq.ZMQBindError
        If no port of the range could be bound in ``max_tries`` tries.
    """
    context: zmq.Context[Any] = zmq.Context()
    probe: zmq.Socket[Any] = context.socket(zmq.PUSH)
    try:
        for endpoint in reserved:
            # one already taken by another socket cannot be chosen anyway
            with contextlib.suppress(zmq.ZMQError):
                probe.bind(endpoint)
        return probe.bind_to_random_port(addr, min_port, max_port, max_tries)
    finally:
        probe.close(linger=0)
        context.term()
