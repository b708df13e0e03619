"""The gevent-cooperative device: libzmq's proxy as a greenlet loop."""

from __future__ import annotations

import warnings
from typing import Any, NoReturn

import zmq
from zmq.error import Again
from zmq.green.core import Socket
from zmq.green.poll import Poller

# Poller too, as PyZMQ's module has it
__all__ = ["Poller", "device"]

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
# messages forwarded from one socket before the other gets its turn
_BATCH = 64


def _green(socket: Any, role: str) -> Socket[Any]:
    """``socket`` itself if green, else a green shadow of it."""
    if isinstance(socket, Socket):
        return socket
    if not isinstance(socket, zmq.Socket):
        raise TypeError(f"the {role} must be a zmq.Socket, got {type(socket).__name__}")
    return Socket(socket)


def _is_minus_one(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value == -1


def device(device_type: int, isocket: Any, osocket: Any) -> NoReturn:
    """device(device_type, isocket, osocket)

    Forward messages between two sockets, both ways, until the context is
    terminated, blocking only the calling greenlet (run it in its own:
    ``gevent.spawn(zmq.green.device, zmq.QUEUE, isocket, osocket)``).

    Parameters
    ----------
    device_type : int
        ``zmq.QUEUE``, ``zmq.FORWARDER`` or ``zmq.STREAMER``: as in PyZMQ,
        it is not looked at, and every device forwards both ways.
    isocket, osocket : Socket
        The sockets to connect: green or not, the device waits cooperatively.
        An ``osocket`` of -1 (as PyZMQ's green device allows) is ``isocket``
        itself: what it receives, it sends back.

    Raises
    ------
    zmq.ContextTerminated
        When the context is terminated (the usual way for a device to end).
    zmq.ZMQError
        ENOTSOCK when a socket is closed.
    TypeError
        If a socket is not a zmq.Socket.
    """
    if not hasattr(type(device_type), "__index__"):
        warnings.warn(
            f"device_type should be zmq.QUEUE, zmq.FORWARDER or zmq.STREAMER, got {device_type!r}",
            DeprecationWarning,
            stacklevel=2,
        )
    front = _green(isocket, "isocket")
    back = front if _is_minus_one(osocket) else _green(osocket, "osocket")
    peer = {front: back, back: front}
    poller = Poller()
    for socket in peer:
        poller.register(socket, _POLLIN)
    while True:
        for source, _ in poller.poll():
            target = peer[source]
            for _ in range(_BATCH):
                try:
                    message = source.recv_multipart(_DONTWAIT, copy=False)
                except Again:
                    break
                target.send_multipart(message, copy=False)
