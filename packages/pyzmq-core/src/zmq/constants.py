"""ZMQ constants: the one table of libzmq's numbers, as enums and flat names.

Every flat name is the enum member itself (``zmq.PUSH is zmq.SocketType.PUSH``).
Values are libzmq's ABI numbers (``zmq.h``; a test checks them against the
header of the linked libzmq). Names that only a libzmq built with the draft API
(or a newer libzmq) understands are listed in :data:`DRAFT_SOCKET_TYPES` and
:data:`DRAFT_SOCKET_OPTIONS`: using them on a libzmq without them raises
:class:`zmq.ZMQVersionError`.
"""

from __future__ import annotations

import errno as _errno
import typing as _typing
from enum import Enum, IntEnum, IntFlag

_HAUSNUMERO = 156384712


def _errno_or_zmq(name: str, offset: int) -> int:
    """The platform's errno value, or libzmq's own number where the OS has none."""
    return getattr(_errno, name, _HAUSNUMERO + offset)


class Errno(IntEnum):
    """Error numbers that libzmq reports."""

    EAGAIN = _errno.EAGAIN
    EFAULT = _errno.EFAULT
    EINVAL = _errno.EINVAL
    ENOTSUP = _errno_or_zmq("ENOTSUP", 1)
    EPROTONOSUPPORT = _errno_or_zmq("EPROTONOSUPPORT", 2)
    ENOBUFS = _errno_or_zmq("ENOBUFS", 3)
    ENETDOWN = _errno_or_zmq("ENETDOWN", 4)
    EADDRINUSE = _errno_or_zmq("EADDRINUSE", 5)
    EADDRNOTAVAIL = _errno_or_zmq("EADDRNOTAVAIL", 6)
    ECONNREFUSED = _errno_or_zmq("ECONNREFUSED", 7)
    EINPROGRESS = _errno_or_zmq("EINPROGRESS", 8)
    ENOTSOCK = _errno_or_zmq("ENOTSOCK", 9)
    EMSGSIZE = _errno_or_zmq("EMSGSIZE", 10)
    EAFNOSUPPORT = _errno_or_zmq("EAFNOSUPPORT", 11)
    ENETUNREACH = _errno_or_zmq("ENETUNREACH", 12)
    ECONNABORTED = _errno_or_zmq("ECONNABORTED", 13)
    ECONNRESET = _errno_or_zmq("ECONNRESET", 14)
    ENOTCONN = _errno_or_zmq("ENOTCONN", 15)
    ETIMEDOUT = _errno_or_zmq("ETIMEDOUT", 16)
    EHOSTUNREACH = _errno_or_zmq("EHOSTUNREACH", 17)
    ENETRESET = _errno_or_zmq("ENETRESET", 18)
    # libzmq's own errors
    EFSM = _HAUSNUMERO + 51
    ENOCOMPATPROTO = _HAUSNUMERO + 52
    ETERM = _HAUSNUMERO + 53
    EMTHREAD = _HAUSNUMERO + 54


class ContextOption(IntEnum):
    """Options for :meth:`zmq.Context.set` / :meth:`zmq.Context.get`."""

    IO_THREADS = 1
    MAX_SOCKETS = 2
    SOCKET_LIMIT = 3
    THREAD_PRIORITY = 3
    THREAD_SCHED_POLICY = 4
    MAX_MSGSZ = 5
    MSG_T_SIZE = 6
    THREAD_AFFINITY_CPU_ADD = 7
    THREAD_AFFINITY_CPU_REMOVE = 8
    THREAD_NAME_PREFIX = 9


class SocketType(IntEnum):
    """The type of a socket, given to :meth:`zmq.Context.socket`."""

    PAIR = 0
    PUB = 1
    SUB = 2
    REQ = 3
    REP = 4
    DEALER = 5
    ROUTER = 6
    PULL = 7
    PUSH = 8
    XPUB = 9
    XSUB = 10
    STREAM = 11
    # deprecated aliases
    XREQ = DEALER
    XREP = ROUTER
    # draft socket types
    SERVER = 12
    CLIENT = 13
    RADIO = 14
    DISH = 15
    GATHER = 16
    SCATTER = 17
    DGRAM = 18
    PEER = 19
    CHANNEL = 20


class _OptType(Enum):
    """How a socket option's value is passed to libzmq."""

    int = "int"
    int64 = "int64"
    bytes = "bytes"
    fd = "fd"


class SocketOption(IntEnum):
    """Options for :meth:`zmq.Socket.set` / :meth:`zmq.Socket.get`.

    Each member's ``_opt_type`` tells how its value is passed (``int``,
    ``int64``, ``bytes`` or ``fd``).
    """

    _opt_type: _OptType

    def __new__(cls, value: int, opt_type: _OptType = _OptType.int) -> SocketOption:
        member = int.__new__(cls, value)
        member._value_ = value
        member._opt_type = opt_type
        return member

    # pseudo-option: sets or gets both SNDHWM and RCVHWM
    HWM = 1
    AFFINITY = 4, _OptType.int64
    ROUTING_ID = 5, _OptType.bytes
    SUBSCRIBE = 6, _OptType.bytes
    UNSUBSCRIBE = 7, _OptType.bytes
    RATE = 8
    RECOVERY_IVL = 9
    SNDBUF = 11
    RCVBUF = 12
    RCVMORE = 13
    FD = 14, _OptType.fd
    EVENTS = 15
    TYPE = 16
    LINGER = 17
    RECONNECT_IVL = 18
    BACKLOG = 19
    RECONNECT_IVL_MAX = 21
    MAXMSGSIZE = 22, _OptType.int64
    SNDHWM = 23
    RCVHWM = 24
    MULTICAST_HOPS = 25
    RCVTIMEO = 27
    SNDTIMEO = 28
    LAST_ENDPOINT = 32, _OptType.bytes
    ROUTER_MANDATORY = 33
    TCP_KEEPALIVE = 34
    TCP_KEEPALIVE_CNT = 35
    TCP_KEEPALIVE_IDLE = 36
    TCP_KEEPALIVE_INTVL = 37
    IMMEDIATE = 39
    XPUB_VERBOSE = 40
    ROUTER_RAW = 41
    IPV6 = 42
    MECHANISM = 43
    PLAIN_SERVER = 44
    PLAIN_USERNAME = 45, _OptType.bytes
    PLAIN_PASSWORD = 46, _OptType.bytes
    CURVE_SERVER = 47
    CURVE_PUBLICKEY = 48, _OptType.bytes
    CURVE_SECRETKEY = 49, _OptType.bytes
    CURVE_SERVERKEY = 50, _OptType.bytes
    PROBE_ROUTER = 51
    REQ_CORRELATE = 52
    REQ_RELAXED = 53
    CONFLATE = 54
    ZAP_DOMAIN = 55, _OptType.bytes
    ROUTER_HANDOVER = 56
    TOS = 57
    CONNECT_ROUTING_ID = 61, _OptType.bytes
    GSSAPI_SERVER = 62
    GSSAPI_PRINCIPAL = 63, _OptType.bytes
    GSSAPI_SERVICE_PRINCIPAL = 64, _OptType.bytes
    GSSAPI_PLAINTEXT = 65
    HANDSHAKE_IVL = 66
    SOCKS_PROXY = 68, _OptType.bytes
    XPUB_NODROP = 69
    BLOCKY = 70
    XPUB_MANUAL = 71
    XPUB_WELCOME_MSG = 72, _OptType.bytes
    STREAM_NOTIFY = 73
    INVERT_MATCHING = 74
    HEARTBEAT_IVL = 75
    HEARTBEAT_TTL = 76
    HEARTBEAT_TIMEOUT = 77
    XPUB_VERBOSER = 78
    CONNECT_TIMEOUT = 79
    TCP_MAXRT = 80
    THREAD_SAFE = 81
    MULTICAST_MAXTPDU = 84
    VMCI_BUFFER_SIZE = 85, _OptType.int64
    VMCI_BUFFER_MIN_SIZE = 86, _OptType.int64
    VMCI_BUFFER_MAX_SIZE = 87, _OptType.int64
    VMCI_CONNECT_TIMEOUT = 88
    USE_FD = 89
    GSSAPI_PRINCIPAL_NAMETYPE = 90
    GSSAPI_SERVICE_PRINCIPAL_NAMETYPE = 91
    BINDTODEVICE = 92, _OptType.bytes
    # deprecated aliases
    IDENTITY = ROUTING_ID
    CONNECT_RID = CONNECT_ROUTING_ID
    TCP_ACCEPT_FILTER = 38, _OptType.bytes
    IPC_FILTER_PID = 58
    IPC_FILTER_UID = 59
    IPC_FILTER_GID = 60
    IPV4ONLY = 31
    DELAY_ATTACH_ON_CONNECT = IMMEDIATE
    FAIL_UNROUTABLE = ROUTER_MANDATORY
    ROUTER_BEHAVIOR = ROUTER_MANDATORY
    # draft options (libzmq 4.3 built with the draft API)
    ZAP_ENFORCE_DOMAIN = 93
    LOOPBACK_FASTPATH = 94
    METADATA = 95, _OptType.bytes
    MULTICAST_LOOP = 96
    ROUTER_NOTIFY = 97
    XPUB_MANUAL_LAST_VALUE = 98
    SOCKS_USERNAME = 99, _OptType.bytes
    SOCKS_PASSWORD = 100, _OptType.bytes
    IN_BATCH_SIZE = 101
    OUT_BATCH_SIZE = 102
    WSS_KEY_PEM = 103, _OptType.bytes
    WSS_CERT_PEM = 104, _OptType.bytes
    WSS_TRUST_PEM = 105, _OptType.bytes
    WSS_HOSTNAME = 106, _OptType.bytes
    WSS_TRUST_SYSTEM = 107
    ONLY_FIRST_SUBSCRIBE = 108
    RECONNECT_STOP = 109
    HELLO_MSG = 110, _OptType.bytes
    DISCONNECT_MSG = 111, _OptType.bytes
    PRIORITY = 112
    # draft options of libzmq newer than 4.3
    BUSY_POLL = 113
    HICCUP_MSG = 114, _OptType.bytes
    XSUB_VERBOSE_UNSUBSCRIBE = 115
    TOPICS_COUNT = 116
    NORM_MODE = 117
    NORM_UNICAST_NACK = 118
    NORM_BUFFER_SIZE = 119
    NORM_SEGMENT_SIZE = 120
    NORM_BLOCK_SIZE = 121
    NORM_NUM_PARITY = 122
    NORM_NUM_AUTOPARITY = 123
    NORM_PUSH = 124


class MessageOption(IntEnum):
    """Options for :meth:`zmq.Frame.get`."""

    MORE = 1
    SHARED = 3
    SRCFD = 2


class Flag(IntFlag):
    """Flags for send and recv."""

    DONTWAIT = 1
    SNDMORE = 2
    NOBLOCK = DONTWAIT


class SecurityMechanism(IntEnum):
    """Values of the MECHANISM socket option."""

    NULL = 0
    PLAIN = 1
    CURVE = 2
    GSSAPI = 3


class ReconnectStop(IntEnum):
    """Values of the RECONNECT_STOP socket option (draft)."""

    CONN_REFUSED = 0x1
    HANDSHAKE_FAILED = 0x2
    # libzmq 4.3.4's header said 0x3 here, a bug fixed in 4.3.5; 4 is what it checks
    AFTER_DISCONNECT = 0x4


class Event(IntFlag):
    """Socket monitor events."""

    PROTOCOL_ERROR_WS_UNSPECIFIED = 0x30000000
    PROTOCOL_ERROR_ZMTP_UNSPECIFIED = 0x10000000
    PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND = 0x10000001
    PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE = 0x10000002
    PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE = 0x10000003
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED = 0x10000011
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE = 0x10000012
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO = 0x10000013
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE = 0x10000014
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR = 0x10000015
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY = 0x10000016
    PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME = 0x10000017
    PROTOCOL_ERROR_ZMTP_INVALID_METADATA = 0x10000018
    PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC = 0x11000001
    PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH = 0x11000002
    PROTOCOL_ERROR_ZAP_UNSPECIFIED = 0x20000000
    PROTOCOL_ERROR_ZAP_MALFORMED_REPLY = 0x20000001
    PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID = 0x20000002
    PROTOCOL_ERROR_ZAP_BAD_VERSION = 0x20000003
    PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE = 0x20000004
    PROTOCOL_ERROR_ZAP_INVALID_METADATA = 0x20000005

    CONNECTED = 0x0001
    CONNECT_DELAYED = 0x0002
    CONNECT_RETRIED = 0x0004
    LISTENING = 0x0008
    BIND_FAILED = 0x0010
    ACCEPTED = 0x0020
    ACCEPT_FAILED = 0x0040
    CLOSED = 0x0080
    CLOSE_FAILED = 0x0100
    DISCONNECTED = 0x0200
    MONITOR_STOPPED = 0x0400
    HANDSHAKE_FAILED_NO_DETAIL = 0x0800
    HANDSHAKE_SUCCEEDED = 0x1000
    HANDSHAKE_FAILED_PROTOCOL = 0x2000
    HANDSHAKE_FAILED_AUTH = 0x4000
    ALL_V1 = 0xFFFF
    ALL = ALL_V1
    # draft
    PIPES_STATS = 0x10000
    ALL_V2 = ALL_V1 | PIPES_STATS


class PollEvent(IntFlag):
    """Events to poll for."""

    POLLIN = 1
    POLLOUT = 2
    POLLERR = 4
    POLLPRI = 8


class DeviceType(IntEnum):
    """Device types for :func:`zmq.device`."""

    STREAMER = 1
    FORWARDER = 2
    QUEUE = 3


class RouterNotify(IntEnum):
    """Values of the ROUTER_NOTIFY socket option (draft)."""

    CONNECT = 1
    DISCONNECT = 2


class NormMode(IntEnum):
    """Values of the NORM_MODE socket option (draft)."""

    FIXED = 0
    CC = 1
    CCL = 2
    CCE = 3
    CCE_ECNONLY = 4


#: socket types that need a libzmq built with the draft API
DRAFT_SOCKET_TYPES: frozenset[SocketType] = frozenset(
    t for t in SocketType if t >= SocketType.SERVER
)
#: socket options that need a libzmq built with the draft API (or a newer libzmq)
DRAFT_SOCKET_OPTIONS: frozenset[SocketOption] = frozenset(
    o for o in SocketOption if o >= SocketOption.ZAP_ENFORCE_DOMAIN
)

# Flat names: each enum member under its zmq-level name, the member itself
# (zmq.PUSH is zmq.SocketType.PUSH). Derived here, at import; type checkers
# read them from the stub zmq/_flat_constants.pyi, written from this module by
# tools/constants-stub (test_constants checks that it is current).

#: the prefix of an enum's flat names (PROTOCOL_ERROR_* events have none)
_FLAT_PREFIXES: dict[type[Enum], str] = {
    Event: "EVENT_",
    NormMode: "NORM_",
    ReconnectStop: "RECONNECT_STOP_",
    RouterNotify: "NOTIFY_",
}


def _enums() -> list[type[Enum]]:
    """The public enums of this module, by name."""
    return sorted(
        (
            value
            for name, value in globals().items()
            if isinstance(value, type)
            and issubclass(value, Enum)
            and value.__module__ == __name__
            and not name.startswith("_")
        ),
        key=lambda enum: enum.__name__,
    )


def _flat_names() -> dict[str, Enum]:
    """Every flat name and the enum member it is, aliases included."""
    flat: dict[str, Enum] = {}
    for enum in _enums():
        for name, member in enum.__members__.items():
            prefix = "" if name.startswith("PROTOCOL_ERROR_") else _FLAT_PREFIXES.get(enum, "")
            flat[prefix + name] = member
    return flat


if _typing.TYPE_CHECKING:
    # no __all__ here: type checkers take only a literal one, and would export
    # nothing else (as in zmq/__init__.py)
    from zmq._flat_constants import *  # noqa: F403
else:
    globals().update(_flat_names())
    __all__ = [
        *sorted(_flat_names()),
        *sorted(enum.__name__ for enum in (*_enums(), Enum, IntEnum, IntFlag)),
    ]
