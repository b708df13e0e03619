"""The awaitable sockets shared by zmq.asyncio and zmq.eventloop.future.

An operation that can complete now (a message is there, or can be queued)
completes at once, in one compiled call, and returns a future that is already
done: awaiting it does not go through the event loop. Only an operation that
must wait makes a waiter, queued on the socket.

Each socket registers one reader for its ZMQ_FD on the event loop, and keeps
it while it is open. The FD is edge-triggered: any operation that processes
the socket's commands resets it, whoever makes it. So the dispatcher serves
waiters while EVENTS says it can, and reads EVENTS last before going back to
sleep; and while waiters are queued, the socket's edge hook (called by the
compiled layer after every such operation, through any wrapper of the
socket) schedules the dispatcher to look again.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections import deque
from typing import Any, Callable, ClassVar

import zmq
from zmq.backend import Poller as _PollerBase
from zmq.backend import Socket as _SocketBase
from zmq.backend.cython._zmq import _waits_forever
from zmq.error import Again

__all__ = ["_AsyncContext", "_AsyncPoller", "_AsyncSocket"]

_DONTWAIT = int(zmq.DONTWAIT)
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_EVENTS = int(zmq.EVENTS)
_RCVTIMEO = int(zmq.RCVTIMEO)
_SNDTIMEO = int(zmq.SNDTIMEO)
# waiters served per dispatch before yielding to the other callbacks of the loop
_DISPATCH_BUDGET = 64

_recv = _SocketBase.recv
_recv_multipart = _SocketBase.recv_multipart
_recv_into = _SocketBase.recv_into
_send = _SocketBase.send
_send_multipart = _SocketBase.send_multipart
_get = _SocketBase.get
_close = _SocketBase.close


def _current_loop() -> asyncio.AbstractEventLoop:
    """The running loop, or the loop asyncio would give outside of one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return asyncio.get_event_loop_policy().get_event_loop()


def _new_future(
    loop: asyncio.AbstractEventLoop, future_class: type[asyncio.Future[Any]] | None
) -> asyncio.Future[Any]:
    """A future on ``loop``: the loop's own, or one of ``future_class``."""
    return loop.create_future() if future_class is None else future_class(loop=loop)


def _done(future: asyncio.Future[Any], result: Any) -> asyncio.Future[Any]:
    future.set_result(result)
    return future


def _failed(future: asyncio.Future[Any], error: BaseException) -> asyncio.Future[Any]:
    future.set_exception(error)
    return future


class _Waiter:
    """An operation waiting for its socket to be ready."""

    __slots__ = ("args", "future", "load", "operation", "queue", "timer")

    def __init__(
        self,
        future: asyncio.Future[Any],
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        queue: deque[_Waiter],
    ) -> None:
        self.future = future
        self.operation = operation
        self.args = args
        self.queue = queue
        self.timer: asyncio.TimerHandle | None = None
        # applied to the result (recv_json & co. complete the same future)
        self.load: Callable[[Any], Any] | None = None

    def __call__(self, future: asyncio.Future[Any]) -> None:
        """Done callback: forget a waiter that was cancelled or timed out."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if future.cancelled():
            self.forget()

    def forget(self) -> None:
        """Leave the socket's queue (if still in it)."""
        with contextlib.suppress(ValueError):
            self.queue.remove(self)

    def expire(self) -> None:
        """The socket's RCVTIMEO/SNDTIMEO passed: fail like a blocking call would."""
        self.timer = None
        if not self.future.done():
            self.forget()
            self.future.set_exception(Again(zmq.EAGAIN))


class _AsyncSocket(zmq.Socket[Any]):
    """A socket whose operations return awaitables (see the module docstring)."""

    _loop: asyncio.AbstractEventLoop | None
    _reader_fd: int | None
    _recv_waiters: deque[_Waiter]
    _send_waiters: deque[_Waiter]
    _poll_waiters: deque[_Waiter]
    _listeners: list[tuple[Callable[[], None], int]]
    _dispatch_scheduled: bool
    _repr_cls: ClassVar[str] = "zmq.asyncio.Socket"
    #: the class of the futures it returns; None: the loop's (asyncio's)
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
        self._recv_waiters = deque()
        self._send_waiters = deque()
        self._poll_waiters = deque()
        self._listeners = []
        self._dispatch_scheduled = False
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

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Watch the socket's FD on ``loop`` (moving from another loop if need be)."""
        if self._loop is loop and self._reader_fd is not None:
            return
        self._detach()
        # a thread-safe socket's FD is a poller's, which EVENTS reads keep
        # edge-triggered like ZMQ_FD: _dispatch reads EVENTS on every wake-up
        fd = self._readiness_fd()
        loop.add_reader(fd, self._dispatch)
        self._loop = loop
        self._reader_fd = fd
        # that poller is made on first use, and what reached the socket before
        # signals nothing: look once
        self._schedule_dispatch()

    def _detach(self) -> None:
        """Stop watching the FD; fail what waits on a loop that is gone."""
        loop, fd = self._loop, self._reader_fd
        self._loop = None
        self._reader_fd = None
        if loop is None:
            return
        if not loop.is_closed() and fd is not None:
            loop.remove_reader(fd)
        self._cancel_waiters()

    def _loop_for_waiting(self) -> asyncio.AbstractEventLoop:
        loop = _current_loop()
        if self._loop is not loop or self._loop.is_closed():
            self._attach(loop)
        return loop

    def _cancel_waiters(self) -> None:
        for queue in (self._recv_waiters, self._send_waiters, self._poll_waiters):
            while queue:
                waiter = queue.popleft()
                if not waiter.future.done() and not waiter.future.get_loop().is_closed():
                    waiter.future.cancel()
        self._update_hook()

    def _waiting(self) -> bool:
        return bool(
            self._recv_waiters or self._send_waiters or self._poll_waiters or self._listeners
        )

    def _update_hook(self) -> None:
        if self._waiting() and not self.closed:
            self._add_edge_hook(self._edge_consumed)
        else:
            self._remove_edge_hook(self._edge_consumed)

    def _edge_consumed(self) -> None:
        """Another operation may have reset the FD: look at EVENTS again soon.

        Also called when the socket is being closed, through any wrapper:
        then stop watching its FD now, while it is still open.
        """
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if self.closed and running is loop:
            self._detach()
            return
        if self._dispatch_scheduled:
            return
        self._dispatch_scheduled = True
        if running is loop:
            loop.call_soon(self._dispatch)
        else:
            loop.call_soon_threadsafe(self._dispatch)

    def _schedule_dispatch(self) -> None:
        if not self._dispatch_scheduled and self._loop is not None:
            self._dispatch_scheduled = True
            self._loop.call_soon(self._dispatch)

    def _dispatch(self) -> None:
        """Serve the waiters while the socket can; called by the loop."""
        self._dispatch_scheduled = False
        if self.closed:
            self._detach()
            return
        # our own operations below must not schedule us again
        self._remove_edge_hook(self._edge_consumed)
        try:
            budget = _DISPATCH_BUDGET
            while budget > 0:
                events = _get(self, _EVENTS)
                served = 0
                if events & _POLLIN and self._recv_waiters:
                    served += self._serve(self._recv_waiters)
                if events & _POLLOUT and self._send_waiters:
                    served += self._serve(self._send_waiters)
                if self._poll_waiters:
                    self._serve_polls(events)
                if not served or not (self._recv_waiters or self._send_waiters):
                    # EVENTS was read at the top: the FD's edge is consumed,
                    # and whatever happens next signals it again
                    break
                budget -= served
            else:
                # more may be ready: let the loop run others before serving it
                self._schedule_dispatch()
            # a poller only looks (at every socket it polls) when this one is
            # ready for it: looking resets the others' edges, which must not
            # make them wake it again when nothing is ready
            for listener, flags in list(self._listeners):
                if events & flags:
                    listener()
        finally:
            if not self.closed:
                self._update_hook()

    def _serve(self, queue: deque[_Waiter]) -> int:
        """Complete the first live waiter of ``queue``; 1 if one completed."""
        while queue:
            waiter = queue[0]
            if waiter.future.done():
                queue.popleft()
                continue
            try:
                result = waiter.operation(self, *waiter.args)
            except Again:
                return 0
            except Exception as error:
                queue.popleft()
                waiter.future.set_exception(error)
                return 1
            queue.popleft()
            if waiter.load is None:
                waiter.future.set_result(result)
            else:
                try:
                    waiter.future.set_result(waiter.load(result))
                except Exception as error:
                    waiter.future.set_exception(error)
            return 1
        return 0

    def _serve_polls(self, events: int) -> None:
        for waiter in list(self._poll_waiters):
            ready = events & waiter.args[0]
            if ready and not waiter.future.done():
                self._poll_waiters.remove(waiter)
                waiter.future.set_result(ready)

    def _wait(
        self,
        queue: deque[_Waiter],
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        timeout_option: int,
    ) -> asyncio.Future[Any]:
        """Queue an operation that could not complete now."""
        loop = self._loop_for_waiting()
        # a hot path too: _new_future inlined
        future_class = self._future_class
        future = loop.create_future() if future_class is None else future_class(loop=loop)
        waiter = _Waiter(future, operation, args, queue)
        queue.append(waiter)
        future.add_done_callback(waiter)
        if timeout_option:
            timeout = _get(self, timeout_option)
            if timeout >= 0:
                waiter.timer = loop.call_later(timeout / 1000, waiter.expire)
        # Callers just looked at the socket (an attempt, or EVENTS), which reset
        # the FD; anything that happens from now on signals it again.
        self._update_hook()
        return future

    def _attempt(
        self,
        queue: deque[_Waiter],
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        flags: int,
        timeout_option: int,
    ) -> asyncio.Future[Any]:
        """Complete now if nobody waits before us and the socket can; else wait."""
        # The loop first: without one, this raises before a message is taken or sent.
        loop = _current_loop()
        if not queue:
            try:
                result = operation(self, *args)
            except Again as error:
                if flags & _DONTWAIT:
                    return _failed(_new_future(loop, self._future_class), error)
            except Exception as error:
                return _failed(_new_future(loop, self._future_class), error)
            else:
                # the hot path: _new_future inlined (a call cost 10% here)
                future_class = self._future_class
                future = loop.create_future() if future_class is None else future_class(loop=loop)
                future.set_result(result)
                return future
        elif flags & _DONTWAIT:
            return _failed(_new_future(loop, self._future_class), Again(zmq.EAGAIN))
        return self._wait(queue, operation, args, timeout_option)

    # the awaitable API: same signatures as zmq.Socket

    def recv(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv(flags=0, copy=True, track=False)

        Receive one message part; returns an awaitable of bytes (or Frame).
        """
        return self._attempt(
            self._recv_waiters, _recv, (flags | _DONTWAIT, copy, track), flags, _RCVTIMEO
        )

    def recv_multipart(self, flags: int = 0, copy: bool = True, track: bool = False) -> Any:
        """recv_multipart(flags=0, copy=True, track=False)

        Receive a whole message; returns an awaitable of its parts.
        """
        return self._attempt(
            self._recv_waiters,
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
            self._recv_waiters, _recv_into_dontwait, (buffer, nbytes, flags), flags, _RCVTIMEO
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
                _send_multipart_routed,
                (msg_parts, flags | _DONTWAIT, copy, track, kwargs),
                flags,
                _SNDTIMEO,
            )
        return self._attempt(
            self._send_waiters,
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
            delay = None if timeout is None or _waits_forever(timeout) else timeout / 1000
        except (TypeError, ValueError, OverflowError) as error:
            return _failed(_new_future(_current_loop(), self._future_class), error)
        events = _get(self, _EVENTS) & flags
        if events or delay == 0:
            return _done(_new_future(_current_loop(), self._future_class), events)
        loop = self._loop_for_waiting()
        future = _new_future(loop, self._future_class)
        waiter = _Waiter(future, _get, (flags,), self._poll_waiters)
        self._poll_waiters.append(waiter)
        future.add_done_callback(waiter)
        if delay is not None:
            waiter.timer = loop.call_later(delay, _resolve_poll_timeout, waiter)
        self._update_hook()
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

    # listeners: how a Poller is woken by a socket that dispatches itself

    def _add_listener(self, listener: Callable[[], None], flags: int) -> None:
        """Call ``listener()`` when a dispatch finds the socket ready for ``flags``."""
        self._loop_for_waiting()
        self._listeners.append((listener, flags))
        self._update_hook()

    def _remove_listener(self, listener: Callable[[], None]) -> None:
        self._listeners = [entry for entry in self._listeners if entry[0] is not listener]
        if not self.closed:
            self._update_hook()

    def close(self, linger: int | None = None) -> None:
        """close(linger=None)

        Close the socket; what waits on it is cancelled.
        """
        if not self.closed:
            self._remove_edge_hook(self._edge_consumed)
        self._detach()
        self._cancel_waiters()
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

    #: the class of the futures it returns; None: the loop's (asyncio's)
    _future_class: ClassVar[type[asyncio.Future[Any]] | None] = None

    def poll(self, timeout: float | None = None) -> Any:
        """poll(timeout=None)

        Wait for events on the registered sockets; returns an awaitable of
        the list of ``(socket, event)`` that are ready (empty after
        ``timeout`` milliseconds).
        """
        loop = _current_loop()
        try:
            delay = None if timeout is None or _waits_forever(timeout) else timeout / 1000
            ready = super().poll(0)
        except Exception as error:
            return _failed(_new_future(loop, self._future_class), error)
        if ready or delay == 0:
            return _done(_new_future(loop, self._future_class), ready)
        future = _new_future(loop, self._future_class)
        registered = list(self.sockets)
        watched_fds: list[tuple[int, bool]] = []
        listening: list[_AsyncSocket] = []

        def check() -> None:
            if future.done():
                return
            try:
                now = _PollerBase.poll(self, 0)
            except Exception as error:
                future.set_exception(error)
                return
            if now:
                future.set_result(now)

        for item, flags in registered:
            if isinstance(item, _AsyncSocket):
                item._add_listener(check, flags)
                listening.append(item)
            else:
                if isinstance(item, _SocketBase):
                    fd = item._readiness_fd()
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
