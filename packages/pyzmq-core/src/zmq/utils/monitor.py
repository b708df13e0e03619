"""Reading the events a monitored socket publishes (see Socket.get_monitor_socket)."""

from __future__ import annotations

import contextlib
import struct
from typing import Any, TypedDict

from zmq.constants import Event

__all__ = ["parse_monitor_message", "recv_monitor_message"]

# signed, as PyZMQ reads them (a value of -1 is an Event of its own)
_HEADER = struct.Struct("=hi")


class _MonitorMessage(TypedDict):
    event: int
    value: int
    endpoint: bytes


class _NotAMonitorEvent(ValueError, RuntimeError):
    """Not a monitor event: caught by ``except ValueError``, and by the
    ``except RuntimeError`` that PyZMQ's users write."""


class _NotMonitorEventParts(TypeError, RuntimeError):
    """A first part that is not bytes: a TypeError, and PyZMQ's RuntimeError."""


def parse_monitor_message(msg: list[bytes]) -> _MonitorMessage:
    """parse_monitor_message(msg)

    Decode a monitor event: ``[event(2 bytes) + value(4 bytes), endpoint]``.

    Parameters
    ----------
    msg : list of bytes
        The two parts received from a monitor socket.

    Returns
    -------
    dict
        ``event`` (a :class:`zmq.Event`), ``value`` (an fd, an errno or a
        reconnect interval, by event: an int, given as a :class:`zmq.Event`
        as PyZMQ does) and ``endpoint`` (the second part as it was given:
        bytes, from a monitor socket).

    Raises
    ------
    ValueError
        If ``msg`` is not a monitor event (also a RuntimeError, which PyZMQ
        raises there).
    TypeError
        If ``msg`` has no length, or its first part is not bytes or a Frame
        (also a RuntimeError, as in PyZMQ).
    """
    try:
        count = len(msg)
    except TypeError:
        raise TypeError(
            f"a monitor event is a list of 2 parts, got {type(msg).__name__}"
        ) from None
    if count != 2:
        raise _NotAMonitorEvent(f"a monitor event has 2 parts, got {count}")
    try:
        # memoryview: an int part must not become a buffer of that many zeros
        header = bytes(memoryview(msg[0]))
    except TypeError:
        raise _NotMonitorEventParts(
            f"a monitor event's first part is bytes or a Frame, got {type(msg[0]).__name__}"
        ) from None
    if len(header) != _HEADER.size:
        raise _NotAMonitorEvent(
            f"a monitor event's first part is {_HEADER.size} bytes long, got {len(header)}"
        )
    event, value = _HEADER.unpack(header)
    # both as PyZMQ gives them: zmq.Event flags, equal to the ints
    with contextlib.suppress(ValueError):
        event = Event(event)
    with contextlib.suppress(ValueError):
        value = Event(value)
    return {"event": event, "value": value, "endpoint": msg[1]}


def recv_monitor_message(socket: Any, flags: int = 0) -> Any:
    """recv_monitor_message(socket, flags=0)

    Receive and decode one event from a monitor socket.

    Parameters
    ----------
    socket : Socket
        The monitor socket (from :meth:`zmq.Socket.get_monitor_socket`).
    flags : int
        As for :meth:`zmq.Socket.recv_multipart`.

    Returns
    -------
    dict
        As :func:`parse_monitor_message` gives; with an async socket, an
        awaitable of it.
    """
    return socket._deserialize(socket.recv_multipart(flags), parse_monitor_message)
