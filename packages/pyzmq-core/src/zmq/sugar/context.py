"""Context: where sockets are made, with default options for them."""

from __future__ import annotations

import os
import threading
import warnings
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from weakref import ref

from zmq import constants
from zmq.backend import Context as ContextBase
from zmq.constants import ContextOption, SocketOption
from zmq.error import ZMQError
from zmq.sugar.attrsettr import AttributeSetter
from zmq.sugar.socket import Socket
from zmq.utils.interop import cast_int_addr

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["Context", "SyncContext"]

if TYPE_CHECKING:
    # a default lets type checkers infer Context() as Context[Socket[bytes]]
    from typing_extensions import TypeVar as _DefaultTypeVar

    _SocketType = _DefaultTypeVar(
        "_SocketType", bound=Socket[Any], covariant=True, default=Socket[bytes]
    )
else:
    _SocketType = TypeVar("_SocketType", bound=Socket, covariant=True)
_ContextType = TypeVar("_ContextType", bound="Context[Any]")


class Context(ContextBase, AttributeSetter, Generic[_SocketType]):
    """Context(io_threads=1, shadow=0)

    A ZMQ context: it makes sockets, and runs the I/O threads they share.

    Parameters
    ----------
    io_threads : int or Context
        The number of I/O threads (given a Context: shadow it).
    shadow : int or Context
        Wrap an existing context (by address, or a Context) without owning it.

    Notes
    -----
    Socket options set as attributes (``ctx.linger = 0``) become defaults for
    the sockets made afterwards; options that do not apply to a socket's type
    are skipped for it. Context options (``ctx.io_threads``) are set on the
    context itself.
    """

    sockopts: dict[int, Any]
    # the sockets made here, for destroy(): weak references by id, changed and
    # listed under the lock, by any thread (a WeakSet is changed by the garbage
    # collector's callbacks too, which break another thread's iteration)
    _sockets: dict[int, ref[Socket[Any]]]
    _sockets_lock: threading.Lock
    _sockets_pruned_at: int
    _socket_class: type[Socket[Any]] = Socket
    _repr_cls: ClassVar[str] = "zmq.Context"
    _instance: ClassVar[Context[Any] | None] = None
    _instance_lock: ClassVar[threading.Lock] = threading.Lock()
    _instance_pid: ClassVar[int | None] = None

    def __init__(
        self: Context[Socket[bytes]],
        io_threads: int | Context[Any] = 1,
        shadow: Context[Any] | int = 0,
    ) -> None:
        super().__init__(io_threads, shadow)
        self.sockopts = {}
        self._sockets = {}
        self._sockets_lock = threading.Lock()
        self._sockets_pruned_at = 0

    def __repr__(self) -> str:
        cls = type(self)
        name = cls.__dict__.get("_repr_cls") or f"{cls.__module__}.{cls.__name__}"
        if self.closed:
            return f"<{name}() at {hex(id(self))} closed>"
        count = self._socket_count
        sockets = f"{count} socket{'' if count == 1 else 's'}" if count else ""
        return f"<{name}({sockets}) at {hex(id(self))}>"

    def __del__(self) -> None:
        if not self._shadow and not self.closed and warnings is not None:
            warnings.warn(f"Unclosed context {self!r}", ResourceWarning, stacklevel=2, source=self)

    def __enter__(self: _ContextType) -> _ContextType:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._destroy(warn=True)

    def __copy__(self: _ContextType, memo: Any = None) -> _ContextType:
        """A shadow of this context."""
        return type(self)(shadow=self)

    __deepcopy__ = __copy__

    @classmethod
    def shadow(cls: type[_ContextType], address: int | Context[Any]) -> _ContextType:
        """shadow(address)

        Wrap an existing context without owning it.

        Parameters
        ----------
        address : int or Context
            The context's address (its ``underlying``), or the Context itself.
        """
        return cls(shadow=address)

    @classmethod
    def shadow_pyczmq(cls: type[_ContextType], ctx: Any) -> _ContextType:
        """shadow_pyczmq(ctx)

        Wrap the libzmq context of a pyczmq ``zctx_t *`` without owning it.

        Raises
        ------
        ImportError
            If pyczmq is not installed.
        """
        from pyczmq import zctx

        return cls(shadow=cast_int_addr(zctx.underlying(ctx)))

    @classmethod
    def instance(cls: type[_ContextType], io_threads: int = 1) -> _ContextType:
        """instance(io_threads=1)

        The global Context: made on first use, and made again after it was
        terminated or in a forked child. Thread-safe.

        A subclass shares its base class's global Context (a Context, not of
        the subclass) while that one is usable, unless it sets its own
        ``_instance = None`` in its body; otherwise it makes one of its own
        class when it needs one. (This is class-attribute inheritance, as in
        PyZMQ.)

        Parameters
        ----------
        io_threads : int
            I/O threads for a newly made context.
        """
        if cls._instance is None or cls._instance_pid != os.getpid() or cls._instance.closed:
            with cls._instance_lock:
                if (
                    cls._instance is None
                    or cls._instance_pid != os.getpid()
                    or cls._instance.closed
                ):
                    cls._instance = cls(io_threads)
                    cls._instance_pid = os.getpid()
        return cls._instance  # type: ignore[return-value]

    def socket(
        self, socket_type: int, socket_class: type[Socket[Any]] | None = None, **kwargs: Any
    ) -> _SocketType:
        """socket(socket_type, socket_class=None, **kwargs)

        Make a socket of this context.

        Parameters
        ----------
        socket_type : int
            A :class:`zmq.SocketType` (``zmq.PUSH``, ``zmq.SUB``...).
        socket_class : type, optional
            The Socket class to make (default: this context's ``_socket_class``).
        **kwargs
            Given to the socket class.

        Returns
        -------
        Socket
            With this context's default options (:attr:`sockopts`) applied.
        """
        if self.closed:
            raise ZMQError(constants.ENOTSUP, self._unusable_reason())
        cls = self._socket_class if socket_class is None else socket_class
        socket = cls(self, socket_type, **kwargs)
        # a copy (made atomically): other threads may change the defaults meanwhile
        for option, value in self.sockopts.copy().items():
            # skip options that do not apply (a default SUBSCRIBE on a PUSH)
            with suppress(ZMQError):
                socket.set(option, value)
        with self._sockets_lock:
            self._sockets[id(socket)] = ref(socket)
            if len(self._sockets) > 2 * self._sockets_pruned_at + 64:
                # forget the dead, as often as the living double
                self._sockets = {key: known for key, known in self._sockets.items() if known()}
                self._sockets_pruned_at = len(self._sockets)
        return socket  # type: ignore[return-value]

    def _made_sockets(self) -> list[Socket[Any]]:
        """The sockets made here that are still alive (closed or not)."""
        with self._sockets_lock:
            known = list(self._sockets.values())
        return [socket for socket in (each() for each in known) if socket is not None]

    def _destroy(self, linger: int | None = None, warn: bool = False) -> None:
        if not self.closed:
            # closing a socket under another thread's call would abort
            self._interrupt_blocked_calls(linger)
        for socket in self._made_sockets():
            if socket.closed:
                continue
            if warn:
                warnings.warn(
                    f"Destroying context with unclosed socket {socket!r}",
                    ResourceWarning,
                    stacklevel=3,
                    source=socket,
                )
            # the socket's own close: async sockets cancel what waits on them
            socket.close(linger)
        if not self.closed:
            self._close_sockets(linger)
        self.term()

    def destroy(self, linger: int | None = None) -> None:
        """destroy(linger=None)

        Close every socket made by this context, then terminate it.

        Calls that other threads wait in on these sockets end first, with
        :class:`zmq.ContextTerminated` (the context is shut down for that).

        Parameters
        ----------
        linger : int, optional
            A LINGER to set on each socket before closing it (0 drops
            unsent messages, so destroy never waits for peers).
        """
        self._destroy(linger)

    def setsockopt(self, opt: int, value: Any) -> None:
        """setsockopt(opt, value)

        Set a default socket option for the sockets made afterwards.
        """
        self.sockopts[opt] = value

    def getsockopt(self, opt: int) -> Any:
        """getsockopt(opt)

        The default value of a socket option (KeyError if none is set).
        """
        return self.sockopts[opt]

    @property
    def _socket_count(self) -> int:
        return sum(1 for socket in self._made_sockets() if not socket.closed)

    # options as attributes: context options go to the context,
    # socket options become defaults for new sockets

    @classmethod
    def _option_names(cls) -> list[str]:
        return [*ContextOption.__members__, *SocketOption.__members__]

    def _set_attr_opt(self, name: str, opt: int, value: Any) -> None:
        if name in ContextOption.__members__:
            self.set(ContextOption[name], value)
        elif name in SocketOption.__members__:
            self.sockopts[SocketOption[name]] = value
        else:
            raise AttributeError(f"{type(self).__name__} has no such option: {name}")

    def _get_attr_opt(self, name: str, opt: int) -> Any:
        if name in ContextOption.__members__:
            return self.get(ContextOption[name])
        option = SocketOption.__members__.get(name)
        if option is None or option not in self.sockopts:
            raise AttributeError(name)
        return self.sockopts[option]

    def __delattr__(self, key: str) -> None:
        option = SocketOption.__members__.get(key.upper())
        if option is not None and option in self.sockopts:
            del self.sockopts[option]
            return
        if option is not None:
            raise AttributeError(key.upper())
        super().__delattr__(key)


SyncContext = Context
