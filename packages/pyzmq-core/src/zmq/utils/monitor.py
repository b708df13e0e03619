"""Reading the events a monitored socket publishes (see Socket.get_monitor_socket)."""

from __future__ import annotations

import contextlib
import struct
from typing import Any, TypedDict

from zmq.constants import Event

__all__ = ["parse_monitor_message", "recv_monitor_message"]

_HEADER = struct.Struct("=HI")


class _MonitorMessage(TypedDict):
    event: int
    value: int
    endpoint: bytes


class _NotAMonitorEvent(ValueError, RuntimeError):
    """Not a monitor event: caught by ``except ValueError``, and by the
    ``except RuntimeError`` that PyZMQ's users write."""


class _NotMonitorEventParts(TypeError, RuntimeError):
    """Parts that are not bytes: a TypeError, and PyZMQ's RuntimeError."""


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
        ``event`` (a :class:`zmq.Event` when known), ``value`` (an fd, an
        errno or a reconnect interval, by event: an int, given as a
        :class:`zmq.Event` as PyZMQ does) and ``endpoint`` (bytes).

    Raises
    ------
    ValueError
        If ``msg`` is not a monitor event (also a RuntimeError, which PyZMQ
        raises there).
    TypeError
        If ``msg`` is not a list of bytes or Frames (parts that are not
        bytes: also a RuntimeError, as in PyZMQ).
    """
    if not isinstance(msg, (list, tuple)):
        raise TypeError(f"a monitor event is a list of 2 parts, got {type(msg).__name__}")
    if len(msg) != 2:
        raise _NotAMonitorEvent(f"a monitor event has 2 parts, got {len(msg)}")
    try:
        # memoryview: an int part must not become a buffer of that many zeros
        header, endpoint = (bytes(memoryview(part)) for part in msg)
    except TypeError:
        raise _NotMonitorEventParts(
            f"a monitor event's parts are bytes or Frames, got {[type(p).__name__ for p in msg]}"
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
    return {"event": event, "value": value, "endpoint": endpoint}


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
