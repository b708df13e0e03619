"""The awaitable sockets shared by zmq.asyncio and zmq.eventloop.future.

An operation that can complete now (a message is there, or can be queued)
completes at once, in one compiled call, and returns a future that is already
done: awaiting it does not go through the event loop. Only an operation that
must wait makes a waiter, queued on the socket.

Each socket registers one reader for its ZMQ_FD on the event loop, and keeps
it while it is open; its waiters are served by a :class:`zmq.integration.Readiness`,
which never loses a wake-up of the edge-triggered FD.
"""

from __future__ import annotations

import asyncio
import warnings
from asyncio.events import _get_running_loop
from collections.abc import Sequence
from typing import Any, Callable, ClassVar

import zmq
from zmq.backend import Poller as _PollerBase
from zmq.backend import Socket as _SocketBase
from zmq.error import Again
from zmq.integration import Readiness, readiness_fd, timeout_seconds

__all__ = ["_AsyncContext", "_AsyncPoller", "_AsyncSocket"]

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_EVENTS = int(zmq.EVENTS)
_TYPE = int(zmq.TYPE)
_RCVTIMEO = int(zmq.RCVTIMEO)
_SNDTIMEO = int(zmq.SNDTIMEO)
# waiters served per dispatch before yielding to the other callbacks of the loop
_DISPATCH_BUDGET = 64
# the socket types whose receive waits whenever no message is there (see _ReceiveHint)
_LOOK_FIRST_TYPES = frozenset(
    int(t)
    for t in (zmq.PAIR, zmq.DEALER, zmq.ROUTER, zmq.PULL, zmq.SUB, zmq.XSUB, zmq.XPUB, zmq.STREAM)
)

# PyZMQ's futures, whatever the loop's create_future() would make (and a type
# call costs less than that Python method of asyncio's loop)
_Future = asyncio.Future

_recv = _SocketBase.recv
_recv_multipart = _SocketBase.recv_multipart
_recv_into = _SocketBase.recv_into
_send = _SocketBase.send
_send_multipart = _SocketBase.send_multipart
_get = _SocketBase.get
_close = _SocketBase.close


def _current_loop() -> asyncio.AbstractEventLoop:
    """The running loop, or the loop asyncio would give outside of one."""
    loop = _get_running_loop()
    if loop is not None:
        return loop
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return asyncio.get_event_loop_policy().get_event_loop()


def _new_future(
    loop: asyncio.AbstractEventLoop, future_class: type[asyncio.Future[Any]] | None
) -> asyncio.Future[Any]:
    """A future on ``loop``: an asyncio Future, or one of ``future_class``."""
    return (future_class or _Future)(loop=loop)


def _done(future: asyncio.Future[Any], result: Any) -> asyncio.Future[Any]:
    future.set_result(result)
    return future


def _failed(future: asyncio.Future[Any], error: BaseException) -> asyncio.Future[Any]:
    future.set_exception(error)
    return future


class _Waiter:
    """An operation waiting for its socket to be ready."""

    __slots__ = ("args", "future", "load", "operation", "readiness", "socket", "timer")

    def __init__(
        self,
        future: asyncio.Future[Any],
        socket: _AsyncSocket,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        readiness: Readiness,
    ) -> None:
        self.future = future
        self.socket = socket
        self.operation = operation
        self.args = args
        self.readiness = readiness
        self.timer: asyncio.TimerHandle | None = None
        # applied to the result (recv_json & co. complete the same future)
        self.load: Callable[[Any], Any] | None = None

    def serve(self, events: int) -> bool:
        """Make the operation now that the socket looks ready; False: it was not."""
        future = self.future
        if future.done():
            return True
        try:
            result = self.operation(self.socket, *self.args)
        except Again:
            return False
        except Exception as error:
            self.settle()
            future.set_exception(error)
            return True
        self.settle()
        if self.load is None:
            future.set_result(result)
        else:
            try:
                future.set_result(self.load(result))
            except Exception as error:
                future.set_exception(error)
        return True

    def settle(self) -> None:
        """Before completing the future: its done callback has nothing left to do.

        Taken off rather than run: the loop would run it as one more handle.
        """
        self.future.remove_done_callback(self)
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def __call__(self, future: asyncio.Future[Any]) -> None:
        """Done callback: forget a waiter that was cancelled or timed out."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if future.cancelled():
            self.forget()

    def forget(self) -> None:
        """Leave the socket's queue (if still in it)."""
        self.readiness.discard(self)

    def expire(self) -> None:
        """The socket's RCVTIMEO/SNDTIMEO passed: fail like a blocking call would."""
        self.timer = None
        if not self.future.done():
            self.forget()
            self.future.set_exception(Again(zmq.EAGAIN))


class _PollWaiter(_Waiter):
    """A poll() waiting for some events of its socket."""

    __slots__ = ()

    def serve(self, events: int) -> bool:
        if not self.future.done():
            self.future.set_result(events)
        return True


class _PollerCheck:
    """An awaitable Poller's look at its sockets, completing its future when ready."""

    __slots__ = ("future", "poller")

    def __init__(self, poller: _PollerBase, future: asyncio.Future[Any]) -> None:
        self.poller = poller
        self.future = future

    def __call__(self) -> None:
        if self.future.done():
            return
        try:
            now = _PollerBase.poll(self.poller, 0)
        except Exception as error:
            self.future.set_exception(error)
            return
        if now:
            self.future.set_result(now)

    def serve(self, events: int) -> bool:
        """A polled socket's look found it ready for the poller: look at them all."""
        self()
        return False


class _ReceiveHint:
    """Whether a receive should look at EVENTS before it tries.

    A receive that finds nothing fails with Again, which costs more than
    reading EVENTS: after a receive had to wait, the next one looks first (a
    request-reply pattern waits every time); after one completed at once, the
    next one just tries (a stream of messages seldom waits). Apart from the
    socket, whose option-aware ``__setattr__`` is too slow for the hot path.
    """

    __slots__ = ("allowed", "waited")

    def __init__(self, socket_type: int) -> None:
        # not for sockets whose receive may fail at once while nothing is
        # there (REQ and REP out of turn, types that never receive): their
        # receive must fail, not wait
        self.allowed = socket_type in _LOOK_FIRST_TYPES
        self.waited = False


def _loop_caller(loop: asyncio.AbstractEventLoop) -> Callable[[Callable[[], object]], bool]:
    """``loop``'s call-soon from any thread; False once the loop is closed."""

    def call_soon(callback: Callable[[], object]) -> bool:
        if loop.is_closed():
            return False
        if _running_loop() is loop:
            loop.call_soon(callback)
        else:
            loop.call_soon_threadsafe(callback)
        return True

    return call_soon


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class _AsyncSocket(zmq.Socket[Any]):
    """A socket whose operations return awaitables (see the module docstring)."""

    _loop: asyncio.AbstractEventLoop | None
    _reader_fd: int | None
    _readiness: Readiness | None
    # the readiness's queues while attached to a loop (nobody waits otherwise)
    _recv_waiters: Sequence[_Waiter]
    _send_waiters: Sequence[_Waiter]
    _receive_hint: _ReceiveHint
    _repr_cls: ClassVar[str] = "zmq.asyncio.Socket"
    #: the class of the futures it returns; None: asyncio's
    _future_class: ClassVar[type[asyncio.Future[Any]] | None] = None

    def __init__(
        self,
        context: Any = None,
        socket_type: int = -1,
        io_loop: asyncio.AbstractEventLoop | None = None,
        _from_socket: zmq.Socket[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if _from_socket is not None:
            super().__init__(_from_socket, **kwargs)
        else:
            super().__init__(context, socket_type, **kwargs)
        self._loop = None
        self._reader_fd = None
        self._readiness = None
        self._recv_waiters = self._send_waiters = ()
        try:
            socket_type = _get(self, _TYPE)
        except zmq.ZMQError:
            # a shadow of nothing: every operation fails, none waits
            socket_type = -1
        self._receive_hint = _ReceiveHint(socket_type)
        if io_loop is not None:
            self._attach(io_loop)

    @classmethod
    def from_socket(
        cls, socket: zmq.Socket[Any], io_loop: asyncio.AbstractEventLoop | None = None
    ) -> Any:
        """from_socket(socket, io_loop=None)

        Wrap an existing (blocking) socket: both share the libzmq socket.
        """
        return cls(io_loop=io_loop, _from_socket=socket)

    @classmethod
    def shadow(cls, address: Any, io_loop: asyncio.AbstractEventLoop | None = None) -> Any:
        """shadow(address, io_loop=None)

        Wrap an existing socket, by address (``underlying``) or Socket.
        """
        return cls(io_loop=io_loop, shadow=address)

    # the event loop

    def _attach(self, loop: asyncio.AbstractEventLoop) -> Readiness:
        """Watch the socket's FD on ``loop`` (moving from another loop if need be)."""
        readiness = self._readiness
        if self._loop is loop and readiness is not None:
            return readiness
        self._detach()
        # a thread-safe socket's FD is a poller's, which EVENTS reads keep
        # edge-triggered like ZMQ_FD: a look reads EVENTS on every wake-up
        fd = readiness_fd(self)
        readiness = Readiness(
            self,
            _loop_caller(loop),
            self._detach,
            in_loop=lambda: _running_loop() is loop,
            budget=_DISPATCH_BUDGET,
        )
        loop.add_reader(fd, readiness.look)
        self._loop = loop
        self._reader_fd = fd
        self._readiness = readiness
        self._recv_waiters = readiness.queue(_POLLIN)  # type: ignore[assignment]
        self._send_waiters = readiness.queue(_POLLOUT)  # type: ignore[assignment]
        # that poller is made on first use, and what reached the socket before
        # signals nothing: look once
        readiness.schedule()
        return readiness

    def _detach(self) -> None:
        """Stop watching the FD; fail what waits on a loop that is gone."""
        loop, fd, readiness = self._loop, self._reader_fd, self._readiness
        self._loop = None
        self._reader_fd = None
        self._readiness = None
        self._recv_waiters = self._send_waiters = ()
        if loop is None or readiness is None:
            return
        if not loop.is_closed() and fd is not None:
            loop.remove_reader(fd)
        for waiter in readiness.clear():
            future = waiter.future  # type: ignore[attr-defined]
            if not future.done() and not future.get_loop().is_closed():
                future.cancel()

    def _readiness_on(self, loop: asyncio.AbstractEventLoop) -> Readiness:
        """The readiness on ``loop`` (the socket moves to it if need be)."""
        readiness = self._readiness
        if (
            self._loop is not loop
            or readiness is None
            # (a running loop is not closed: the hot path asks no more)
            or (loop is not _get_running_loop() and loop.is_closed())
        ):
            readiness = self._attach(loop)
        return readiness

    def _wait(
        self,
        loop: asyncio.AbstractEventLoop,
        direction: int,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        timeout_option: int,
    ) -> asyncio.Future[Any]:
        """Queue an operation that could not complete now."""
        readiness = self._readiness_on(loop)
        # a hot path too: _new_future inlined
        future = (self._future_class or _Future)(loop=loop)
        waiter = _Waiter(future, self, operation, args, readiness)
        future.add_done_callback(waiter)
        if timeout_option:
            timeout = _get(self, timeout_option)
            if timeout >= 0:
                waiter.timer = loop.call_later(timeout / 1000, waiter.expire)
        # Callers just looked at the socket (an attempt, or EVENTS), which reset
        # the FD; anything that happens from now on signals it again.
        readiness.wait(waiter, direction)
        return future

    def _attempt(
        self,
        queue: Sequence[_Waiter],
        direction: int,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        flags: int,
        timeout_option: int,
    ) -> asyncio.Future[Any]:
        """Complete now if nobody waits before us and the socket can; else wait."""
        # The loop first: without one, this raises before a message is taken or sent.
        # (_current_loop's first step inlined: a call costs here)
        loop = _get_running_loop() or _current_loop()
        if not queue:
            hint = self._receive_hint if direction == _POLLIN else None
            if hint is not None and hint.waited and not flags & _DONTWAIT:
                try:
                    ready = _get(self, _EVENTS) & _POLLIN
                except Exception:
                    ready = True  # the receive itself says why
                if not ready:
                    return self._wait(loop, direction, operation, args, timeout_option)
            try:
                result = operation(self, *args)
            except Again as error:
                if flags & _DONTWAIT:
                    return _failed(_new_future(loop, self._future_class), error)
                if hint is not None:
                    hint.waited = hint.allowed
            except Exception as error:
                return _failed(_new_future(loop, self._future_class), error)
            else:
                if hint is not None:
                    hint.waited = False
                # the hot path: _new_future inlined (a call cost 10% here)
                future = (self._future_class or _Future)(loop=loop)
                future.set_result(result)
                return future
        elif flags & _DONTWAIT:
            return _failed(_new_future(loop, self._future_class), Again(zmq.EAGAIN))
        return self._wait(loop, direction, operation, args, timeout_option)

    # the awaitable API: same signatures as zmq.Socket

    def recv(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv(flags=0, copy=True, track=False)

        Receive one message part; returns an awaitable of bytes (or Frame).
        """
        return self._attempt(
            self._recv_waiters, _POLLIN, _recv, (flags | _DONTWAIT, copy, track), flags, _RCVTIMEO
        )

    def recv_multipart(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv_multipart(flags=0, copy=True, track=False)

        Receive a whole message; returns an awaitable of its parts.
        """
        return self._attempt(
            self._recv_waiters,
            _POLLIN,
            _recv_multipart,
            (flags | _DONTWAIT, copy, track),
            flags,
            _RCVTIMEO,
        )

    def recv_into(self, buffer: Any, /, *, nbytes: int = 0, flags: int = 0) -> Any:
        """recv_into(buffer, /, *, nbytes=0, flags=0)

        Receive into a buffer; returns an awaitable of the part's size.
        """
        return self._attempt(
            self._recv_waiters,
            _POLLIN,
            _recv_into_dontwait,
            (buffer, nbytes, flags),
            flags,
            _RCVTIMEO,
        )

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

        Send one message part; returns an awaitable (of the MessageTracker
        when tracking).
        """
        return self._attempt(
            self._send_waiters,
            _POLLOUT,
            _send,
            (data, flags | _DONTWAIT, copy, track, routing_id, group),
            flags,
            _SNDTIMEO,
        )

    def send_multipart(
        self,
        msg_parts: Any,
        flags: int = 0,
        copy: bool = True,
        track: bool = False,
        **kwargs: Any,
    ) -> Any:
        """send_multipart(msg_parts, flags=0, copy=True, track=False, **kwargs)

        Send a whole message; returns an awaitable.
        """
        if kwargs:
            return self._attempt(
                self._send_waiters,
                _POLLOUT,
                _send_multipart_routed,
                (msg_parts, flags | _DONTWAIT, copy, track, kwargs),
                flags,
                _SNDTIMEO,
            )
        return self._attempt(
            self._send_waiters,
            _POLLOUT,
            _send_multipart,
            (msg_parts, flags | _DONTWAIT, copy, track),
            flags,
            _SNDTIMEO,
        )

    def poll(self, timeout: float | None = None, flags: int = _POLLIN) -> Any:
        """poll(timeout=None, flags=zmq.POLLIN)

        Wait until the socket can receive (or send, with POLLOUT); returns an
        awaitable of the ready events (0 after ``timeout`` milliseconds).
        """
        if self.closed:
            return _failed(_new_future(_current_loop(), self._future_class), self._closed_error())
        try:
            delay = timeout_seconds(timeout)
        except (TypeError, ValueError, OverflowError) as error:
            return _failed(_new_future(_current_loop(), self._future_class), error)
        events = _get(self, _EVENTS) & flags
        if events or delay == 0:
            return _done(_new_future(_current_loop(), self._future_class), events)
        loop = _current_loop()
        readiness = self._readiness_on(loop)
        future = _new_future(loop, self._future_class)
        waiter = _PollWaiter(future, self, _get, (flags,), readiness)
        future.add_done_callback(waiter)
        if delay is not None:
            waiter.timer = loop.call_later(delay, _resolve_poll_timeout, waiter)
        readiness.watch(waiter, flags)
        return future

    def get(self, key: int) -> Any:
        """get(key)

        Get a socket option (see :meth:`zmq.Socket.get`); not awaitable.
        """
        return _get(self, key)

    def _closed_error(self) -> zmq.ZMQError:
        return zmq.ZMQError(zmq.ENOTSOCK, "the socket is closed")

    def _deserialize(self, received: Any, load: Callable[[Any], Any]) -> Any:
        """A future of ``load(result)`` for the future of a receive.

        A receive that waits completes its own future with the loaded value,
        so that cancelling what recv_json & co. return cancels the receive
        itself, at once, before any message is taken for it.
        """
        if received.done():
            if received.cancelled() or received.exception() is not None:
                return received
            future = _new_future(received.get_loop(), self._future_class)
            try:
                return _done(future, load(received.result()))
            except Exception as error:
                return _failed(future, error)
        waiter = self._recv_waiters[-1] if self._recv_waiters else None
        if waiter is None or waiter.future is not received:
            raise RuntimeError("_deserialize needs the future of the latest receive")
        if waiter.load is None:
            waiter.load = load
        else:
            first = waiter.load
            waiter.load = lambda result: load(first(result))
        return received

    # listeners: how a Poller is woken by a socket that serves its own waiters

    def _add_listener(self, listener: _PollerCheck, flags: int) -> None:
        """Run ``listener`` when a look finds the socket ready for ``flags``.

        A poller only looks (at every socket it polls) when this one is
        ready for it: looking resets the others' edges, which must not make
        them wake it again when nothing is ready.
        """
        self._readiness_on(_current_loop()).watch(listener, flags)

    def _remove_listener(self, listener: _PollerCheck) -> None:
        if self._readiness is not None:
            self._readiness.discard(listener)

    def close(self, linger: int | None = None) -> None:
        """close(linger=None)

        Close the socket; what waits on it is cancelled.
        """
        self._detach()
        _close(self, linger)


def _recv_into_dontwait(socket: Any, buffer: Any, nbytes: int, flags: int) -> int:
    nowait = flags | _DONTWAIT
    try:
        return _recv_into(socket, buffer, nbytes=nbytes, flags=nowait)  # type: ignore[no-any-return]
    except (BufferError, TypeError, ValueError):
        # As PyZMQ's, a receive that may wait looks at its buffer only once a
        # message is there: until then the future waits (and may time out).
        if flags & _DONTWAIT or _get(socket, _EVENTS) & _POLLIN:
            raise
        raise Again(zmq.EAGAIN) from None


def _send_multipart_routed(
    socket: Any, parts: Any, flags: int, copy: bool, track: bool, kwargs: dict[str, Any]
) -> Any:
    return _send_multipart(socket, parts, flags, copy, track, **kwargs)


def _resolve_poll_timeout(waiter: _Waiter) -> None:
    waiter.timer = None
    if not waiter.future.done():
        waiter.forget()
        waiter.future.set_result(0)


class _AsyncContext(zmq.Context[Any]):
    """A Context that makes awaitable sockets.

    Given a blocking Context (``Context(sync_context)``), it shadows it: both
    share the libzmq context.
    """

    _instance: ClassVar[Any] = None
    _repr_cls: ClassVar[str] = "zmq.asyncio.Context"


class _AsyncPoller(_PollerBase):
    """A Poller whose poll() returns an awaitable; sockets and fds of any kind."""

    #: the class of the futures it returns; None: asyncio's
    _future_class: ClassVar[type[asyncio.Future[Any]] | None] = None

    def poll(self, timeout: float | None = None) -> Any:
        """poll(timeout=None)

        Wait for events on the registered sockets; returns an awaitable of
        the list of ``(socket, event)`` that are ready (empty after
        ``timeout`` milliseconds).
        """
        loop = _current_loop()
        try:
            delay = timeout_seconds(timeout)
            ready = super().poll(0)
        except Exception as error:
            return _failed(_new_future(loop, self._future_class), error)
        if ready or delay == 0:
            return _done(_new_future(loop, self._future_class), ready)
        future = _new_future(loop, self._future_class)
        registered = list(self.sockets)
        watched_fds: list[tuple[int, bool]] = []
        listening: list[_AsyncSocket] = []
        check = _PollerCheck(self, future)
        for item, flags in registered:
            if isinstance(item, _AsyncSocket):
                item._add_listener(check, flags)
                listening.append(item)
            else:
                if isinstance(item, _SocketBase):
                    fd = readiness_fd(item)
                else:
                    fd = item.fileno() if hasattr(item, "fileno") else item
                if isinstance(item, _SocketBase) or flags & _POLLIN:
                    loop.add_reader(fd, check)
                    watched_fds.append((fd, True))
                if not isinstance(item, _SocketBase) and flags & _POLLOUT:
                    loop.add_writer(fd, check)
                    watched_fds.append((fd, False))

        def expire() -> None:
            if not future.done():
                future.set_result([])

        timer = None if delay is None else loop.call_later(delay, expire)
        # a thread-safe socket's FD may be made just now, after the poll above
        # looked: what reached the socket in between signals nothing
        loop.call_soon(check)

        def cleanup(_: asyncio.Future[Any]) -> None:
            if timer is not None:
                timer.cancel()
            for sock in listening:
                sock._remove_listener(check)
            if not loop.is_closed():
                for fd, reading in watched_fds:
                    if reading:
                        loop.remove_reader(fd)
                    else:
                        loop.remove_writer(fd)

        future.add_done_callback(cleanup)
        return future
