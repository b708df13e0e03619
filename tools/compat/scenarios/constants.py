"""Constants and enums: values, identity between the flat names and the enums, option types."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps

ENUMS = [
    "SocketType",
    "SocketOption",
    "ContextOption",
    "Event",
    "Flag",
    "PollEvent",
    "MessageOption",
    "Errno",
    "DeviceType",
    "SecurityMechanism",
    "ReconnectStop",
    "RouterNotify",
    "NormMode",
]


def run(c: Steps) -> None:
    c("import zmq, zmq.constants, zmq.green")
    c(
        "{n: int(v) for n, v in vars(zmq.constants).items() if isinstance(v, int) and not n.startswith('_') and n != 'TYPE_CHECKING'}",
        norm="superset",
    )
    c(
        "{n: type(v).__name__ for n, v in vars(zmq).items() if isinstance(v, int) and not n.startswith('_') and n != 'TYPE_CHECKING'}",
        norm="superset",
    )
    for name in ENUMS:
        c(f"{{m.name: int(m) for m in zmq.{name}}}", norm="superset")
        c(f"[c.__name__ for c in zmq.{name}.__mro__]")
    c("{m.name: m._opt_type.name for m in zmq.SocketOption}", norm="superset")
    c("zmq.PUSH is zmq.SocketType.PUSH")
    c("zmq.POLLIN is zmq.PollEvent.POLLIN")
    c("zmq.constants.SUBSCRIBE is zmq.SocketOption.SUBSCRIBE")
    c("zmq.RCVTIMEO is zmq.green.RCVTIMEO")
    c("zmq.IDENTITY is zmq.ROUTING_ID")
    c(
        "(zmq.XREQ, zmq.XREP, zmq.NOBLOCK, zmq.HWM, zmq.DELAY_ATTACH_ON_CONNECT, zmq.FAIL_UNROUTABLE)"
    )
    c("[name for name in zmq.Event.__members__ if name not in repr(zmq.Event[name])]")
    c("zmq.Event.CONNECTED | zmq.Event.ACCEPTED")
    c("zmq.SocketType(9999)")
    c("zmq.SocketType['NOPE']")
    c("zmq.POLLIN | zmq.POLLOUT")
    c("repr(zmq.PUSH), str(zmq.PUSH), format(zmq.PUSH)")
    c(
        "(zmq.COPY_THRESHOLD, zmq.IPC_PATH_MAX_LEN, zmq.DRAFT_API, zmq.PYZMQ_DRAFT_API)",
        norm="type",
    )
    c("zmq.EVENT_ALL, zmq.EVENT_ALL_V1, zmq.EVENT_ALL_V2")
    c(
        "zmq.PROTOCOL_ERROR_ZMTP_UNSPECIFIED, zmq.PROTOCOL_ERROR_ZAP_UNSPECIFIED, zmq.PROTOCOL_ERROR_WS_UNSPECIFIED"
    )
