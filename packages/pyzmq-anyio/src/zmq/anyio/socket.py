"""zmq.anyio.Socket: a zmq socket whose waiting methods are coroutines."""

from __future__ import annotations

import pickle
from typing import Any, Callable, ClassVar, TypeVar

from anyio import move_on_after
from anyio.lowlevel import checkpoint

import zmq
from zmq.anyio._waiting import SocketWaiters, Waiter, wait_events
from zmq.integration import timeout_seconds

__all__ = ["Socket"]

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_RCVTIMEO = int(zmq.RCVTIMEO)
_SNDTIMEO = int(zmq.SNDTIMEO)
_EVENTS = int(zmq.EVENTS)
# operations that complete at once in a row before one yields to the scheduler:
# often enough that other tasks run and cancellation gets through, rarely
# enough to cost little
_YIELD_EVERY = 64

_Core = zmq.Socket
_recv = _Core.recv
_recv_multipart = _Core.recv_multipart
_recv_into = _Core.recv_into
_send = _Core.send
_send_multipart = _Core.send_multipart
_get = _Core.get

_T = TypeVar("_T")


class Socket(zmq.Socket[Any]):
    """Socket(ctx_or_socket=None, socket_type=0, *, shadow=0, copy_threshold=None)

    A zmq socket for anyio (asyncio or trio backend) and for trio: ``send``,
    ``recv``, their multipart, string, JSON, pickle and serialized forms,
    ``recv_into`` and ``poll`` are coroutines; everything else is
    :class:`zmq.Socket`'s.

    An operation that can complete at once does, in one call to the core;
    one that must wait queues behind the tasks already waiting and is served
    in order. Cancelling a waiting operation (a cancel scope, a timeout,
    a task group's cancellation) takes or sends nothing. Closing the socket
    wakes its waiters with :class:`zmq.ZMQError` (ENOTSOCK); terminating its
    context, with :class:`zmq.ContextTerminated`.
    """

    _repr_cls: ClassVar[str] = "zmq.anyio.Socket"
    _waiters: SocketWaiters | None = None
    _streak: int = 0

    @classmethod
    def from_socket(cls, socket: zmq.Socket[Any]) -> Socket:
        """from_socket(socket)

        Wrap an existing socket (of any class): both share the libzmq socket.
        """
        return cls(shadow=socket)

    async def __aenter__(self) -> Socket:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    # the waiting machinery

    async def _complete(
        self,
        flags: int,
        operation: Callable[..., _T],
        args: tuple[Any, ...],
        direction: int,
        timeout_option: int,
    ) -> _T:
        """``operation(self, *args)`` (non-blocking) now, or once the socket is ready."""
        state = self._waiters
        if state is None or not state.readiness.queue(direction):
            self._streak += 1
            if self._streak >= _YIELD_EVERY:
                self._streak = 0
                await checkpoint()
            try:
                return operation(self, *args)
            except zmq.Again:
                if flags & _DONTWAIT:
                    raise
            return await self._wait_for(operation, args, direction, timeout_option, tried=True)
        if flags & _DONTWAIT:
            raise zmq.Again(zmq.EAGAIN)
        return await self._wait_for(operation, args, direction, timeout_option, tried=False)

    async def _wait_for(
        self,
        operation: Callable[..., _T],
        args: tuple[Any, ...],
        direction: int,
        timeout_option: int,
        tried: bool,
    ) -> _T:
        state = self._waiters = SocketWaiters.join(self)
        self._streak = 0
        waiter = Waiter(state)
        state.enter(waiter, direction)
        try:
            timeout = _get(self, timeout_option)
            if timeout < 0:
                return await self._take_turn(waiter, direction, operation, args, tried)
            with move_on_after(timeout / 1000):
                return await self._take_turn(waiter, direction, operation, args, tried)
            raise zmq.Again(zmq.EAGAIN)
        finally:
            state.leave(waiter)

    async def _take_turn(
        self,
        waiter: Waiter,
        direction: int,
        operation: Callable[..., _T],
        args: tuple[Any, ...],
        tried: bool,
    ) -> _T:
        """Attempt whenever woken at the head of the queue, until it completes."""
        state = waiter.state
        queue = state.readiness.queue(direction)
        while True:
            # an empty queue: the socket closed, and the attempt raises ENOTSOCK
            if not tried and (not queue or queue[0] is waiter):
                try:
                    return operation(self, *args)
                except zmq.Again:
                    pass
            tried = False
            await state.park(waiter)

    # receiving

    # the waiting methods are coroutines where zmq.Socket's return their result:
    # an override that type checkers must accept as it is
    async def recv(  # type: ignore[override]
        self, flags: int = 0, copy: bool = True, track: bool = False
    ) -> Any:
        """recv(flags=0, copy=True, track=False)

        Receive one message part: bytes, or a :class:`zmq.Frame` with
        ``copy=False``. With ``zmq.DONTWAIT``, raise :class:`zmq.Again` when
        none is there; else wait (at most RCVTIMEO milliseconds if set, then
        raise :class:`zmq.Again`).
        """
        return await self._complete(
            flags, _recv, (flags | _DONTWAIT, copy, track), _POLLIN, _RCVTIMEO
        )

    async def recv_multipart(  # type: ignore[override]
        self, flags: int = 0, copy: bool = True, track: bool = False
    ) -> list[Any]:
        """recv_multipart(flags=0, copy=True, track=False)

        Receive a whole message: the list of its parts (all are there at once).
        """
        return await self._complete(
            flags, _recv_multipart, (flags | _DONTWAIT, copy, track), _POLLIN, _RCVTIMEO
        )

    async def recv_into(self, buffer: Any, /, *, nbytes: int = 0, flags: int = 0) -> int:
        """recv_into(buffer, /, *, nbytes=0, flags=0)

        Receive one part into a writable buffer; returns the part's full size
        (larger than the buffer when it was truncated, as with libzmq).
        """
        return await self._complete(
            flags, _recv_into_dontwait, (buffer, nbytes, flags | _DONTWAIT), _POLLIN, _RCVTIMEO
        )

    async def recv_string(self, flags: int = 0, encoding: str = "utf-8") -> str:
        """recv_string(flags=0, encoding='utf-8')

        Receive text, decoded.
        """
        return await _Core.recv_string(self, flags, encoding)  # type: ignore[no-any-return]

    recv_unicode = recv_string

    async def recv_pyobj(self, flags: int = 0) -> Any:
        """recv_pyobj(flags=0)

        Receive a pickled Python object. Only unpickle what you trust.
        """
        return await _Core.recv_pyobj(self, flags)

    async def recv_json(self, flags: int = 0, **kwargs: Any) -> Any:
        """recv_json(flags=0, **kwargs)

        Receive an object sent as JSON; ``kwargs`` go to :func:`json.loads`.
        """
        return await _Core.recv_json(self, flags, **kwargs)

    async def recv_serialized(
        self, deserialize: Callable[[list[Any]], _T], flags: int = 0, copy: bool = True
    ) -> _T:
        """recv_serialized(deserialize, flags=0, copy=True)

        Receive a multipart message and return ``deserialize(parts)``.
        """
        return await _Core.recv_serialized(self, deserialize, flags, copy)  # type: ignore[no-any-return]

    def _deserialize(self, received: Any, load: Callable[[Any], Any]) -> Any:
        # the core's string, JSON, pickle and serialized forms load what
        # ``received`` (our coroutine) gives: one implementation of each form
        return _loaded(received, load)

    # sending

    async def send(  # type: ignore[override]
        self,
        data: Any,
        flags: int = 0,
        copy: bool = True,
        track: bool = False,
        routing_id: int | None = None,
        group: str | None = None,
    ) -> Any:
        """send(data, flags=0, copy=True, track=False, routing_id=None, group=None)

        Send one message part (with ``zmq.SNDMORE``, more follow). Returns
        None, or a :class:`zmq.MessageTracker` with ``track=True``. Waits
        while the socket cannot send (at most SNDTIMEO milliseconds if set).
        """
        return await self._complete(
            flags,
            _send,
            (data, flags | _DONTWAIT, copy, track, routing_id, group),
            _POLLOUT,
            _SNDTIMEO,
        )

    async def send_multipart(
        self, msg_parts: Any, flags: int = 0, copy: bool = True, track: bool = False, **kwargs: Any
    ) -> Any:
        """send_multipart(msg_parts, flags=0, copy=True, track=False, **kwargs)

        Send a whole message: all of its parts, or (cancelled, timed out) none.
        """
        return await self._complete(
            flags,
            _send_multipart_with,
            (msg_parts, flags | _DONTWAIT, copy, track, kwargs),
            _POLLOUT,
            _SNDTIMEO,
        )

    async def send_string(
        self, u: str, flags: int = 0, copy: bool = True, encoding: str = "utf-8", **kwargs: Any
    ) -> Any:
        """send_string(u, flags=0, copy=True, encoding='utf-8', **kwargs)

        Send text, encoded.
        """
        return await _Core.send_string(self, u, flags, copy, encoding, **kwargs)

    send_unicode = send_string

    async def send_pyobj(
        self, obj: Any, flags: int = 0, protocol: int = pickle.DEFAULT_PROTOCOL, **kwargs: Any
    ) -> Any:
        """send_pyobj(obj, flags=0, protocol=pickle.DEFAULT_PROTOCOL, **kwargs)

        Send a Python object, pickled.
        """
        return await _Core.send_pyobj(self, obj, flags, protocol, **kwargs)

    async def send_json(self, obj: Any, flags: int = 0, **kwargs: Any) -> Any:
        """send_json(obj, flags=0, **kwargs)

        Send an object as JSON (utf-8); ``routing_id``/``group`` go to
        :meth:`send`, the other ``kwargs`` to :func:`json.dumps`.
        """
        return await _Core.send_json(self, obj, flags, **kwargs)

    async def send_serialized(
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
        return await _Core.send_serialized(self, msg, serialize, flags, copy, **kwargs)

    # polling

    async def poll(  # type: ignore[override]
        self, timeout: float | None = None, flags: int = _POLLIN
    ) -> int:
        """poll(timeout=None, flags=zmq.POLLIN)

        Wait until the socket can receive (or send, with ``zmq.POLLOUT``), at
        most ``timeout`` milliseconds (None or negative: no limit). Returns
        the events that are ready, 0 on timeout. Takes nothing from the socket.
        """
        delay = timeout_seconds(timeout)
        if not isinstance(flags, int) or not flags & (_POLLIN | _POLLOUT):
            raise ValueError(f"poll flags must include zmq.POLLIN or zmq.POLLOUT, got {flags!r}")
        if delay == 0:
            return _get(self, _EVENTS) & flags  # type: ignore[no-any-return]
        with move_on_after(delay):
            return await wait_events(self, flags)
        return 0


async def _loaded(received: Any, load: Callable[[Any], Any]) -> Any:
    return load(await received)


def _recv_into_dontwait(socket: Any, buffer: Any, nbytes: int, flags: int) -> int:
    return _recv_into(socket, buffer, nbytes=nbytes, flags=flags)  # type: ignore[no-any-return]


def _send_multipart_with(
    socket: Any, parts: Any, flags: int, copy: bool, track: bool, kwargs: dict[str, Any]
) -> Any:
    return _send_multipart(socket, parts, flags, copy, track, **kwargs)
