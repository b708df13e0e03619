"""The gevent-cooperative Socket and Context.

Every operation first tries at once, without waiting (one compiled call, as
in :mod:`zmq`); only if the socket cannot do it now does the greenlet wait in
gevent's hub (see :mod:`zmq.green._readiness`), and retry when woken. A
multipart message is sent and received by one compiled call, so messages of
greenlets sharing a socket are never interleaved.
"""

from __future__ import annotations

import warnings
from typing import Any, Callable, ClassVar, TypeVar

from gevent import get_hub, getcurrent

import zmq
from zmq.backend import Context as _ContextBase
from zmq.backend import Socket as _SocketBase
from zmq.error import Again
from zmq.green._readiness import Sleep, wait_until
from zmq.green._timeouts import poll_seconds

__all__ = ["TIMEOS", "Context", "Socket"]

_T = TypeVar("_T")

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)

#: The options that have no effect on a green socket's waits (as in PyZMQ).
TIMEOS: tuple[zmq.SocketOption, ...] = (zmq.RCVTIMEO, zmq.SNDTIMEO)
_TIMEOS_IGNORED = "TIMEO socket options have no effect in zmq.green"

_send = _SocketBase.send
_send_multipart = _SocketBase.send_multipart
_recv = _SocketBase.recv
_recv_multipart = _SocketBase.recv_multipart
_recv_into = _SocketBase.recv_into
_poll = _SocketBase.poll
_get = _SocketBase.get
_set = _SocketBase.set


def _complete(
    socket: Socket[Any],
    flags: int,
    events: int,
    operation: Callable[..., Any],
    /,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """Run ``operation`` (which does not wait) now; if it would block and
    ``flags`` let the caller wait, wait in the hub until ``socket`` is ready
    for ``events`` and retry, until it completes.

    As in PyZMQ's zmq.green, RCVTIMEO and SNDTIMEO do not limit the wait
    (gevent.Timeout does).
    """
    while True:
        try:
            return operation(socket, *args, **kwargs)
        except Again:
            if flags & _DONTWAIT:
                raise
        with Sleep() as sleep:
            if not sleep.watch_socket(socket, events):
                sleep.sleep(None)


def _warn_timeos_ignored(option: Any, stacklevel: int) -> None:
    if option in TIMEOS:
        warnings.warn(_TIMEOS_IGNORED, UserWarning, stacklevel=stacklevel + 1)


class _IgnoredTimeoutOption:
    """RCVTIMEO or SNDTIMEO as an attribute of a green socket, which warns
    that it has no effect, as PyZMQ's does."""

    def __init__(self, option: zmq.SocketOption) -> None:
        self._option = option

    def __get__(self, socket: Socket[Any] | None, owner: type | None = None) -> Any:
        if socket is None:
            return self
        _warn_timeos_ignored(self._option, 2)
        return _get(socket, self._option)

    def __set__(self, socket: Socket[Any], value: Any) -> None:
        _warn_timeos_ignored(self._option, 2)
        _set(socket, self._option, value)


class Socket(zmq.Socket[_T]):
    """Socket(ctx_or_socket=None, socket_type=0, *, shadow=0, copy_threshold=None)

    A :class:`zmq.Socket` whose waiting blocks only the calling greenlet.

    send, recv, their multipart, string, json, pyobj and serialized forms,
    recv_into and poll wait in gevent's hub. As in PyZMQ, the RCVTIMEO and
    SNDTIMEO options do not limit these waits, and reading or setting them
    with :meth:`get`, :meth:`set` or as attributes warns so (use
    ``gevent.Timeout``, or ``poll(timeout)``). Closing the socket, through
    any wrapper, wakes the greenlets waiting on it with :class:`zmq.ZMQError`
    ENOTSOCK; terminating its context, with :class:`zmq.ContextTerminated`.
    """

    _repr_cls: ClassVar[str] = "zmq.green.Socket"

    rcvtimeo = RCVTIMEO = _IgnoredTimeoutOption(zmq.RCVTIMEO)
    sndtimeo = SNDTIMEO = _IgnoredTimeoutOption(zmq.SNDTIMEO)

    # the parameters are named as in PyZMQ's green socket
    def get(self, opt: int) -> Any:
        """get(opt)

        Get a socket option; see :meth:`zmq.Socket.get`. RCVTIMEO and
        SNDTIMEO warn that they have no effect here.
        """
        _warn_timeos_ignored(opt, 2)
        return _get(self, opt)

    def set(self, opt: int, val: Any) -> None:
        """set(opt, val)

        Set a socket option; see :meth:`zmq.Socket.set`. RCVTIMEO and
        SNDTIMEO warn that they have no effect here.
        """
        _warn_timeos_ignored(opt, 2)
        _set(self, opt, val)

    def send(
        self,
        data: Any,
        flags: int = 0,
        copy: bool = True,
        track: bool = False,
        routing_id: int | None = None,
        group: str | None = None,
    ) -> Any:
        """send(data, flags=0, copy=True, track=False, routing_id=None, group=None)

        Send one message part; see :meth:`zmq.Socket.send`.
        """
        return _complete(
            self,
            flags,
            _POLLOUT,
            _send,
            data,
            flags | _DONTWAIT,
            copy,
            track,
            routing_id,
            group,
        )

    def send_multipart(
        self, msg_parts: Any, flags: int = 0, copy: bool = True, track: bool = False, **kwargs: Any
    ) -> Any:
        """send_multipart(msg_parts, flags=0, copy=True, track=False, **kwargs)

        Send a whole message, atomically; see :meth:`zmq.Socket.send_multipart`.
        """
        return _complete(
            self,
            flags,
            _POLLOUT,
            _send_multipart,
            msg_parts,
            flags | _DONTWAIT,
            copy,
            track,
            **kwargs,
        )

    def recv(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv(flags=0, copy=True, track=False)

        Receive one message part; see :meth:`zmq.Socket.recv`.
        """
        return _complete(self, flags, _POLLIN, _recv, flags | _DONTWAIT, copy, track)

    def recv_multipart(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv_multipart(flags=0, copy=True, track=False)

        Receive a whole message; see :meth:`zmq.Socket.recv_multipart`.
        """
        return _complete(self, flags, _POLLIN, _recv_multipart, flags | _DONTWAIT, copy, track)

    def recv_into(self, buffer: Any, /, *, nbytes: int = 0, flags: int = 0) -> Any:
        """recv_into(buffer, /, *, nbytes=0, flags=0)

        Receive one message part into ``buffer``; see :meth:`zmq.Socket.recv_into`.
        """
        return _complete(
            self,
            flags,
            _POLLIN,
            _recv_into,
            buffer,
            nbytes=nbytes,
            flags=flags | _DONTWAIT,
        )

    def poll(self, timeout: float | None = None, flags: int = _POLLIN) -> int:
        """poll(timeout=None, flags=zmq.POLLIN)

        Wait until the socket can receive (or send, with POLLOUT).

        Parameters
        ----------
        timeout : int, optional
            Milliseconds to wait at most; None, a negative number or
            infinity waits forever.
        flags : int
            ``zmq.POLLIN``, ``zmq.POLLOUT`` or both.

        Returns
        -------
        int
            The events that are ready (0 on timeout).
        """
        seconds = poll_seconds(timeout)
        events: int = wait_until(lambda: _poll(self, 0, flags), lambda: [(self, flags)], seconds)
        return events


class Context(zmq.Context[Socket[Any]]):
    """Context(io_threads=1, shadow=0)

    A :class:`zmq.Context` whose sockets are :class:`zmq.green.Socket`.

    Its :meth:`instance` is its own, apart from :class:`zmq.Context`'s, and
    :meth:`term` lets the other greenlets run while it waits.
    """

    _socket_class = Socket
    _instance: ClassVar[Any] = None
    _repr_cls: ClassVar[str] = "zmq.green.Context"

    def term(self) -> None:
        """term()

        Terminate the context; see :meth:`zmq.Context.term`.

        It waits in a thread of gevent's pool, so that the greenlets that
        use its sockets run meanwhile: those waiting on a socket get
        :class:`zmq.ContextTerminated`, and may close it, which term waits for.
        """
        hub = get_hub()
        if self.closed or getcurrent() is hub:
            _ContextBase.term(self)
        else:
            hub.threadpool.apply(_ContextBase.term, (self,))


# PyZMQ's names for these classes, which code written for it may import
_Socket = Socket
_Context = Context
