"""The gevent-cooperative Socket and Context.

Every operation first tries at once, without waiting (one compiled call, as
in :mod:`zmq`); only if the socket cannot do it now does the greenlet wait in
gevent's hub (see :mod:`zmq.green._readiness`), and retry when woken. A
multipart message is sent and received by one compiled call, so messages of
greenlets sharing a socket are never interleaved.
"""

from __future__ import annotations

from time import monotonic
from typing import Any, Callable, ClassVar, TypeVar

from gevent import get_hub, getcurrent

import zmq
from zmq.backend import Context as _ContextBase
from zmq.backend import Socket as _SocketBase
from zmq.error import Again
from zmq.green._readiness import Sleep, seconds_of, wait_until

__all__ = ["Context", "Socket"]

_T = TypeVar("_T")

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_RCVTIMEO = int(zmq.RCVTIMEO)
_SNDTIMEO = int(zmq.SNDTIMEO)
_EAGAIN = int(zmq.EAGAIN)

_send = _SocketBase.send
_send_multipart = _SocketBase.send_multipart
_recv = _SocketBase.recv
_recv_multipart = _SocketBase.recv_multipart
_recv_into = _SocketBase.recv_into
_poll = _SocketBase.poll
_get = _SocketBase.get


def _complete(
    socket: Socket[Any],
    flags: int,
    events: int,
    timeout_option: int,
    operation: Callable[..., Any],
    /,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """Run ``operation`` (which does not wait) now; if it would block and
    ``flags`` let the caller wait, wait in the hub until ``socket`` is ready
    for ``events`` and retry, until it completes or the socket's timeout
    (``timeout_option``) passes.
    """
    try:
        return operation(socket, *args, **kwargs)
    except Again:
        if flags & _DONTWAIT:
            raise
    timeout = _get(socket, timeout_option)
    deadline = None if timeout < 0 else monotonic() + timeout / 1000
    while True:
        remaining = None if deadline is None else deadline - monotonic()
        if remaining is not None and remaining <= 0:
            raise Again(_EAGAIN)
        with Sleep() as sleep:
            if not sleep.watch_socket(socket, events):
                sleep.sleep(remaining)
        try:
            return operation(socket, *args, **kwargs)
        except Again:
            pass


class Socket(zmq.Socket[_T]):
    """Socket(ctx_or_socket=None, socket_type=0, *, shadow=0, copy_threshold=None)

    A :class:`zmq.Socket` whose waiting blocks only the calling greenlet.

    send, recv, their multipart, string, json, pyobj and serialized forms,
    recv_into and poll wait in gevent's hub; the RCVTIMEO and SNDTIMEO
    options are honoured (:class:`zmq.Again` after the timeout). Closing the
    socket, through any wrapper, wakes the greenlets waiting on it with
    :class:`zmq.ZMQError` ENOTSOCK; terminating its context, with
    :class:`zmq.ContextTerminated`.
    """

    _repr_cls: ClassVar[str] = "zmq.green.Socket"

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
            _SNDTIMEO,
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
            _SNDTIMEO,
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
        return _complete(self, flags, _POLLIN, _RCVTIMEO, _recv, flags | _DONTWAIT, copy, track)

    def recv_multipart(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv_multipart(flags=0, copy=True, track=False)

        Receive a whole message; see :meth:`zmq.Socket.recv_multipart`.
        """
        return _complete(
            self, flags, _POLLIN, _RCVTIMEO, _recv_multipart, flags | _DONTWAIT, copy, track
        )

    def recv_into(self, buffer: Any, /, *, nbytes: int = 0, flags: int = 0) -> Any:
        """recv_into(buffer, /, *, nbytes=0, flags=0)

        Receive one message part into ``buffer``; see :meth:`zmq.Socket.recv_into`.
        """
        return _complete(
            self,
            flags,
            _POLLIN,
            _RCVTIMEO,
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
            Milliseconds to wait at most; None (or a negative number) waits forever.
        flags : int
            ``zmq.POLLIN``, ``zmq.POLLOUT`` or both.

        Returns
        -------
        int
            The events that are ready (0 on timeout).
        """
        seconds = seconds_of(timeout, 0.001)
        events: int = wait_until(lambda: _poll(self, 0, flags), [(self, flags)], seconds)
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
