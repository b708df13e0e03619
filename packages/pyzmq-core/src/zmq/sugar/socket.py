"""Socket: the compiled socket plus Python conveniences.

The hot methods (send, recv, send_multipart, recv_multipart, get, set, poll)
are the compiled ones, inherited as they are; this class adds what is
convenience: serialization helpers, endpoints as context managers, options as
attributes, monitoring.
"""

from __future__ import annotations

import errno as errno_mod
import pickle
import random
from contextlib import suppress
from itertools import count
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Generic, TypeVar

import zmq
from zmq import constants
from zmq.backend import Socket as SocketBase
from zmq.backend.cython._zmq import _SocketOptionAttribute
from zmq.constants import SocketOption, SocketType
from zmq.error import ZMQBindError, ZMQError
from zmq.utils import jsonapi

if TYPE_CHECKING:
    from types import TracebackType

    from typing_extensions import TypeAlias

    from zmq.sugar.context import Context

__all__ = ["Socket", "SyncSocket"]

_SocketSelf = TypeVar("_SocketSelf", bound="Socket[Any]")
_T = TypeVar("_T")
_monitor_ids = count()
#: send_pyobj's default pickle protocol (PyZMQ's name for it)
DEFAULT_PROTOCOL = pickle.DEFAULT_PROTOCOL


class _SocketContext(Generic[_SocketSelf]):
    """What bind and connect return: undoes them when used as a context manager."""

    def __init__(self, socket: _SocketSelf, kind: str, addr: str) -> None:
        self.socket = socket
        self.kind = kind
        self.addr = addr

    def __repr__(self) -> str:
        return f"<SocketContext({self.kind}={self.addr!r})>"

    def __enter__(self) -> _SocketSelf:
        return self.socket

    def __exit__(self, *exc_info: object) -> None:
        if self.socket.closed:
            return
        if self.kind == "bind":
            self.socket.unbind(self.addr)
        else:
            self.socket.disconnect(self.addr)


class Socket(SocketBase, Generic[_T]):
    """Socket(ctx_or_socket=None, socket_type=0, *, shadow=0, copy_threshold=None)

    A ZMQ socket. Usually made with :meth:`zmq.Context.socket`.

    Parameters
    ----------
    ctx_or_socket : Context or Socket
        The context to make the socket in, or a Socket to shadow.
    socket_type : int
        A :class:`zmq.SocketType` (``zmq.PUSH``, ``zmq.SUB``...).
    shadow : int, optional
        The address of a libzmq socket to wrap without owning it.
    copy_threshold : int, optional
        Messages shorter than this are copied even when sent with copy=False
        (default: :data:`zmq.COPY_THRESHOLD`).

    Notes
    -----
    Every socket option is also an attribute: ``s.linger = 0`` is
    ``s.set(zmq.LINGER, 0)``; an unknown name raises AttributeError.
    """

    _repr_cls: ClassVar[str] = "zmq.Socket"
    _monitor_socket: Socket[Any] | None = None
    _shadowed: SocketBase | None = None

    if TYPE_CHECKING:
        # options are descriptors installed below; to type checkers, any name
        def __getattr__(self, name: str) -> Any: ...

    def __init__(
        self,
        ctx_or_socket: Context[Any] | Socket[Any] | None = None,
        socket_type: int = 0,
        *,
        shadow: Socket[Any] | int = 0,
        copy_threshold: int | None = None,
    ) -> None:
        if copy_threshold is None:
            copy_threshold = zmq.COPY_THRESHOLD
        if isinstance(ctx_or_socket, SocketBase):
            shadow = ctx_or_socket
            context = ctx_or_socket.context
        else:
            context = ctx_or_socket
            if isinstance(shadow, SocketBase):
                context = shadow.context
        super().__init__(context, socket_type, shadow=shadow, copy_threshold=copy_threshold)
        if isinstance(shadow, SocketBase):
            # dropped while this shadow uses it, the wrapped Socket would warn it was left open
            self._shadowed = shadow

    def __repr__(self) -> str:
        cls = type(self)
        name = cls.__dict__.get("_repr_cls") or f"{cls.__module__}.{cls.__name__}"
        try:
            # the socket's own type, not what code may have set as s.type (as PyZMQ's)
            socket_type = vars(SocketBase)["type"].__get__(self, cls)
        except ZMQError:
            socket_type = "UNKNOWN"  # a shadow of an address that holds no socket
        type_name = socket_type.name if isinstance(socket_type, SocketType) else socket_type
        closed = " closed" if self.closed else ""
        return f"<{name}(zmq.{type_name}) at {hex(id(self))}{closed}>"

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(SocketOption.__members__))

    def __enter__(self: _SocketSelf) -> _SocketSelf:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __copy__(self: _SocketSelf, memo: Any = None) -> _SocketSelf:
        """A shadow of this socket."""
        return type(self)(self)

    __deepcopy__ = __copy__

    @classmethod
    def shadow(cls: type[_SocketSelf], address: int | Socket[Any]) -> _SocketSelf:
        """shadow(address)

        Wrap an existing socket without owning it.

        Parameters
        ----------
        address : int or Socket
            The socket's address (its ``underlying``), or the Socket itself.
        """
        return cls(shadow=address)

    @property
    def socket_type(self) -> int:
        """Deprecated: use :attr:`type`."""
        import warnings

        warnings.warn(
            "Socket.socket_type is deprecated, use Socket.type", DeprecationWarning, stacklevel=2
        )
        return self.type

    # endpoints, usable as context managers

    def bind(self: _SocketSelf, addr: str) -> _SocketContext[_SocketSelf]:
        """bind(addr)

        Accept connections on an endpoint.

        Parameters
        ----------
        addr : str
            ``transport://address``: ``tcp://127.0.0.1:5555``, ``tcp://*:5555``,
            ``ipc:///tmp/feed``, ``inproc://workers``...

        Returns
        -------
        A context manager that unbinds on exit: ``with s.bind(url): ...``.
        It unbinds the endpoint that was bound (``last_endpoint``), so that
        ``with s.bind("tcp://127.0.0.1:0"):`` unbinds the port it got.
        """
        super().bind(addr)
        # unbind what was bound: 'tcp://127.0.0.1:0' resolves to a port
        with suppress(ZMQError, UnicodeDecodeError):
            addr = self.get(constants.LAST_ENDPOINT).decode("utf-8")
        return _SocketContext(self, "bind", addr)

    def connect(self: _SocketSelf, addr: str) -> _SocketContext[_SocketSelf]:
        """connect(addr)

        Connect to an endpoint.

        Returns
        -------
        A context manager that disconnects on exit: ``with s.connect(url): ...``
        """
        super().connect(addr)
        return _SocketContext(self, "connect", addr)

    def bind_to_random_port(
        self,
        addr: str,
        min_port: int = 49152,
        max_port: int = 65536,
        max_tries: int = 100,
    ) -> int:
        """bind_to_random_port(addr, min_port=49152, max_port=65536, max_tries=100)

        Bind to a free port of ``addr``, chosen at random, and return it.

        Parameters
        ----------
        addr : str
            The address without port, e.g. ``tcp://127.0.0.1``.
        min_port, max_port : int
            The range to choose from (max excluded). With the defaults, the
            system picks the port.
        max_tries : int
            How many ports to try.

        Returns
        -------
        int
            The port.

        Raises
        ------
        zmq.ZMQBindError
            If no port of the range could be bound in ``max_tries`` tries.
        ValueError
            If the range is empty.
        """
        if min_port == 49152 and max_port == 65536:
            SocketBase.bind(self, f"{addr}:*")
            endpoint = self.get(constants.LAST_ENDPOINT).decode("utf-8")
            return int(endpoint.rsplit(":", 1)[-1])
        if not min_port < max_port:
            raise ValueError(
                f"no port in [{min_port}, {max_port}): min_port must be below max_port"
            )
        for _ in range(max_tries):
            port = random.randrange(min_port, max_port)
            try:
                SocketBase.bind(self, f"{addr}:{port}")
            except ZMQError as error:
                if error.errno in (errno_mod.EADDRINUSE, errno_mod.EACCES):
                    continue
                raise
            return port
        raise ZMQBindError(
            f"could not bind to a random port of {addr} in [{min_port}, {max_port}) "
            f"after {max_tries} tries"
        )

    # options

    setsockopt = SocketBase.set
    getsockopt = SocketBase.get

    def set_string(self, option: int, optval: str, encoding: str = "utf-8") -> None:
        """set_string(option, optval, encoding='utf-8')

        Set a bytes socket option from text.
        """
        if not isinstance(optval, str):
            raise TypeError(f"set_string takes str, got {type(optval).__name__}")
        try:
            encoded = optval.encode(encoding)
        except UnicodeEncodeError as error:
            failure = f"{error.reason} at position {error.start}"
        else:
            self.set(option, encoded)
            return
        # raised out of the except block: the UnicodeEncodeError holds the whole
        # text (a password, a key), and must not travel on as the context
        raise ValueError(
            f"option {option!r}: its text cannot be encoded as {encoding} ({failure})"
        )

    def get_string(self, option: int, encoding: str = "utf-8") -> str:
        """get_string(option, encoding='utf-8')

        Get a bytes socket option as text.
        """
        value = self.get(option)
        if not isinstance(value, bytes):
            raise TypeError(f"option {option!r} is not a bytes option")
        return value.decode(encoding)

    setsockopt_string = setsockopt_unicode = set_string
    getsockopt_string = getsockopt_unicode = get_string

    @property
    def hwm(self) -> int:
        """The high-water mark: setting sets SNDHWM and RCVHWM; reading gives
        SNDHWM (RCVHWM if the socket has no SNDHWM). ``zmq.HWM`` itself is no
        option of libzmq 3 and later: get and set refuse it, as in PyZMQ."""
        try:
            return self.get(constants.SNDHWM)  # type: ignore[no-any-return]
        except ZMQError:
            return self.get(constants.RCVHWM)  # type: ignore[no-any-return]

    @hwm.setter
    def hwm(self, value: int) -> None:
        # both are tried, and the last failure raised, as in PyZMQ
        failure: Exception | None = None
        for option in (constants.SNDHWM, constants.RCVHWM):
            try:
                self.set(option, value)
            except Exception as error:
                failure = error
        if failure is not None:
            raise failure

    def get_hwm(self) -> int:
        """get_hwm()

        The high-water mark (SNDHWM).
        """
        return self.hwm

    def set_hwm(self, value: int) -> None:
        """set_hwm(value)

        Set both SNDHWM and RCVHWM.
        """
        self.hwm = value

    def subscribe(self, topic: str | bytes) -> None:
        """subscribe(topic)

        Subscribe to messages starting with ``topic`` (SUB sockets; b'' is all).
        """
        if isinstance(topic, str):
            topic = topic.encode("utf-8")
        self.set(constants.SUBSCRIBE, topic)

    def unsubscribe(self, topic: str | bytes) -> None:
        """unsubscribe(topic)

        Undo a :meth:`subscribe`.
        """
        if isinstance(topic, str):
            topic = topic.encode("utf-8")
        self.set(constants.UNSUBSCRIBE, topic)

    # serialization helpers, written once for every Socket class:
    # _deserialize is what async sockets override to apply to a future

    def _deserialize(self, received: Any, load: Callable[[Any], Any]) -> Any:
        """Apply ``load`` to what a recv returned."""
        return load(received)

    def send_string(
        self, u: str, flags: int = 0, copy: bool = True, encoding: str = "utf-8", **kwargs: Any
    ) -> Any:
        """send_string(u, flags=0, copy=True, encoding='utf-8', **kwargs)

        Send text, encoded.

        Parameters
        ----------
        u : str
            The text.
        flags, copy, **kwargs
            As for :meth:`send`.
        encoding : str
            The encoding to send it in.
        """
        if not isinstance(u, str):
            raise TypeError(f"send_string takes str, got {type(u).__name__}")
        return self.send(u.encode(encoding), flags, copy, **kwargs)

    send_unicode = send_string

    def recv_string(self, flags: int = 0, encoding: str = "utf-8") -> Any:
        """recv_string(flags=0, encoding='utf-8')

        Receive text, decoded.
        """
        return self._deserialize(self.recv(flags), lambda data: data.decode(encoding))

    recv_unicode = recv_string

    def send_pyobj(
        self, obj: Any, flags: int = 0, protocol: int = pickle.DEFAULT_PROTOCOL, **kwargs: Any
    ) -> Any:
        """send_pyobj(obj, flags=0, protocol=pickle.DEFAULT_PROTOCOL, **kwargs)

        Send a Python object, pickled.
        """
        return self.send(pickle.dumps(obj, protocol), flags, **kwargs)

    def recv_pyobj(self, flags: int = 0) -> Any:
        """recv_pyobj(flags=0)

        Receive a pickled Python object. Only unpickle what you trust.
        """
        return self._deserialize(self.recv(flags), pickle.loads)

    def send_json(self, obj: Any, flags: int = 0, **kwargs: Any) -> Any:
        """send_json(obj, flags=0, **kwargs)

        Send an object as JSON (utf-8).

        Parameters
        ----------
        obj : object
            What to send.
        flags : int
            As for :meth:`send`.
        **kwargs
            ``routing_id``/``group`` go to :meth:`send`, the rest to :func:`json.dumps`.
        """
        send_kwargs = {key: kwargs.pop(key) for key in ("routing_id", "group") if key in kwargs}
        return self.send(jsonapi.dumps(obj, **kwargs), flags, **send_kwargs)

    def recv_json(self, flags: int = 0, **kwargs: Any) -> Any:
        """recv_json(flags=0, **kwargs)

        Receive an object sent as JSON; ``kwargs`` go to :func:`json.loads`.
        """
        return self._deserialize(self.recv(flags), lambda data: jsonapi.loads(data, **kwargs))

    def send_serialized(
        self,
        msg: Any,
        serialize: Callable[[Any], list[Any]],
        flags: int = 0,
        copy: bool = True,
        **kwargs: Any,
    ) -> Any:
        """send_serialized(msg, serialize, flags=0, copy=True, **kwargs)

        Send ``serialize(msg)``, a list of parts, as one multipart message.
        """
        return self.send_multipart(serialize(msg), flags, copy, **kwargs)

    def recv_serialized(
        self, deserialize: Callable[[list[Any]], Any], flags: int = 0, copy: bool = True
    ) -> Any:
        """recv_serialized(deserialize, flags=0, copy=True)

        Receive a multipart message and return ``deserialize(parts)``.
        """
        return self._deserialize(self.recv_multipart(flags, copy), deserialize)

    # monitoring

    def get_monitor_socket(
        self, events: int | None = None, addr: str | None = None
    ) -> Socket[Any]:
        """get_monitor_socket(events=None, addr=None)

        Start monitoring this socket, and return a PAIR socket that receives
        its events (see :func:`zmq.utils.monitor.recv_monitor_message`).

        Parameters
        ----------
        events : int, optional
            The :class:`zmq.Event` flags to report (default: all).
        addr : str, optional
            The inproc endpoint to use (default: a unique one).
        """
        if self._monitor_socket is not None:
            if not self._monitor_socket.closed:
                return self._monitor_socket
            self._monitor_socket = None
        if self.context is None:
            raise ValueError(
                "cannot monitor a socket shadowed from an address: its context is unknown"
            )
        if addr is None:
            addr = f"inproc://zmq.monitor.{self.underlying:x}.{next(_monitor_ids)}"
        self.monitor(addr, constants.EVENT_ALL if events is None else events)
        monitor: Socket[Any] = self.context.socket(constants.PAIR)
        monitor.connect(addr)
        self._monitor_socket = monitor
        return monitor

    def disable_monitor(self) -> None:
        """disable_monitor()

        Stop monitoring (the monitor socket receives MONITOR_STOPPED; close
        it when done with it).
        """
        # Stop first: libzmq's MONITOR_STOPPED send blocks (holding this thread)
        # if the PAIR it goes to has lost its peer, which dropping ours may do.
        self.monitor(None, 0)
        self._monitor_socket = None


# Every option (aliases included) as an attribute, in lower and upper case,
# unless a method or property has that name (subscribe and unsubscribe are
# methods, and settable as options too). Descriptors, so that reading or
# setting an option never falls back to __getattr__.
for _alias, _option in SocketOption.__members__.items():
    for _name in (_alias.lower(), _alias):
        if _name not in Socket.__dict__ and _name not in SocketBase.__dict__:
            setattr(Socket, _name, _SocketOptionAttribute(_option))
del _option, _alias, _name

#: a blocking Socket, as type checkers see it (``Socket[bytes]``, as in PyZMQ)
SyncSocket: TypeAlias = Socket[bytes]
