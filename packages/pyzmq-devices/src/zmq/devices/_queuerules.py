"""What monitored_queue accepts: sockets able to do their part, and bytes prefixes.

Checked by the compiled function, and by the monitored-queue devices as soon
as they are made, rather than in the thread or process that runs them.
"""

from __future__ import annotations

import errno
import warnings

import zmq

# the socket types whose messages may have several parts, as monitored_queue's do
_CLASSIC = (
    zmq.PAIR, zmq.PUB, zmq.SUB, zmq.REQ, zmq.REP, zmq.DEALER, zmq.ROUTER,
    zmq.PULL, zmq.PUSH, zmq.XPUB, zmq.XSUB, zmq.STREAM,
)  # fmt: skip
RECEIVERS = frozenset(_CLASSIC) - {zmq.PUB, zmq.PUSH}
SENDERS = frozenset(_CLASSIC) - {zmq.SUB, zmq.PULL}


def _name(socket_type: int) -> str:
    try:
        return f"zmq.{zmq.SocketType(socket_type).name}"
    except ValueError:
        return f"socket type {socket_type}"


class UnforwardableError(zmq.ZMQError, ValueError):
    """Socket types that could never do their part in monitored_queue.

    PyZMQ starts such a queue, and then fails with ZMQError (ENOTSUP) at the
    first message it cannot send, or waits forever for one none can receive.
    """

    def __init__(self, message: str) -> None:
        super().__init__(errno.ENOTSUP, message)


def warn_socket_types(in_type: object, out_type: object, mon_type: object) -> None:
    """Warn, where a device is made, about types its monitored_queue will refuse."""
    try:
        check_socket_types(in_type, out_type, mon_type)  # type: ignore[arg-type]
    except UnforwardableError as error:
        warnings.warn(
            f"{error}: the device will fail when it runs", DeprecationWarning, stacklevel=4
        )


def warn_prefix(prefix: object, name: str) -> None:
    """Warn, where a device is made, about a prefix its monitored_queue will refuse."""
    try:
        check_prefix(prefix, name)
    except TypeError as error:
        warnings.warn(
            f"{error}: the device will fail when it runs", DeprecationWarning, stacklevel=4
        )


def check_socket_types(in_type: int, out_type: int, mon_type: int) -> None:
    """Refuse socket types that could never do the part they are given.

    Raises
    ------
    UnforwardableError
        Naming the socket type that cannot send or receive what it should (a
        :class:`zmq.ZMQError`, ENOTSUP, as PyZMQ's first failed send, and a
        ValueError).
    """
    for socket_type in (in_type, out_type, mon_type):
        if socket_type not in RECEIVERS and socket_type not in SENDERS:
            raise UnforwardableError(
                "monitored_queue needs sockets whose messages may have several parts; "
                f"{_name(socket_type)} is not one of them"
            )
    if mon_type not in SENDERS:
        raise UnforwardableError(
            f"the monitor socket must be able to send; {_name(mon_type)} cannot"
        )
    if in_type not in RECEIVERS and out_type not in RECEIVERS:
        raise UnforwardableError(
            f"neither {_name(in_type)} nor {_name(out_type)} can receive: "
            "nothing would ever be forwarded"
        )
    for source, target in ((in_type, out_type), (out_type, in_type)):
        if source in RECEIVERS and target not in SENDERS:
            raise UnforwardableError(
                f"messages received on the {_name(source)} socket could not be sent on "
                f"the {_name(target)} socket"
            )


def check_prefix(prefix: object, name: str) -> bytes:
    """Return ``prefix`` if it is bytes; raise TypeError otherwise."""
    if not isinstance(prefix, bytes):
        hint = " (encode it first)" if isinstance(prefix, str) else ""
        raise TypeError(f"{name} must be bytes, not {type(prefix).__name__}{hint}")
    return prefix
