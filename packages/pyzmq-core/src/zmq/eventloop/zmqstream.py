"""ZMQStream: a zmq socket served by a tornado IOLoop, through callbacks.

::

    stream = ZMQStream(socket)
    stream.on_recv(stream.send_multipart)  # an echo server

Received messages are passed to the :meth:`~ZMQStream.on_recv` callback;
messages to send are queued and sent as soon as the socket can take them.
Everything runs on the IOLoop's thread.

Why no wake-up is ever lost
---------------------------
A stream registers one reader on the socket's FD, and watches the socket
through a :class:`zmq.integration.Readiness` while it has something to do (an
on_recv callback, messages to send). Each time the readiness finds the socket
ready, the stream runs: it receives and sends until EVENTS shows nothing it
can act on; only then does it wait for the FD again. Operations that other
code makes on the same libzmq socket (through it or any shadow of it) make
the readiness look again.
"""

from __future__ import annotations

import asyncio
import errno
import pickle
import warnings
from collections import deque
from functools import partial
from inspect import isawaitable
from typing import TYPE_CHECKING, Any, Callable, Optional

from tornado.gen import convert_yielded
from tornado.ioloop import IOLoop
from tornado.log import gen_log

import zmq
from zmq._future import _AsyncSocket
from zmq.backend import Socket as SocketBase
from zmq.error import ZMQError
from zmq.integration import Readiness
from zmq.utils import jsonapi

if TYPE_CHECKING:
    from asyncio import Future
    from collections.abc import Sequence

__all__ = ["ZMQStream"]

# plain ints: enum arithmetic costs microseconds on every message
_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)
_BOTH = _POLLIN | _POLLOUT
_EVENTS = int(zmq.EVENTS)
_FD = int(zmq.FD)
_DONTWAIT = int(zmq.DONTWAIT)
_ETERM = int(zmq.ETERM)

#: messages handled in one run before the loop may serve others
_BATCH = 64

_RecvCallback = Callable[[list[Any]], Any]
_SendCallback = Callable[[list[Any], Optional[zmq.MessageTracker]], Any]


class _NotCallableError(TypeError, AssertionError):
    """A callback that cannot be called (PyZMQ asserts callability: AssertionError)."""


class _WrongObjectError(TypeError, AttributeError):
    """Not a socket, or not an IOLoop (PyZMQ fails looking up an attribute of it)."""


class _SocketClosedError(ZMQError, OSError):  # type: ignore[misc]
    """The stream's socket was closed directly, not by the stream.

    PyZMQ raises ZMQError (ENOTSOCK) until it notices, then OSError as for any
    closed stream: this is both.
    """

    def __init__(self, action: str) -> None:
        super().__init__(
            errno.ENOTSOCK,
            f"cannot {action}: the ZMQStream's socket was closed directly "
            "(use stream.close() instead)",
        )


def _check_callback(callback: object, method: str) -> None:
    if callback is not None and not callable(callback):
        raise _NotCallableError(
            f"ZMQStream.{method} needs a callable or None, "
            f"got {type(callback).__name__}: {callback!r:.40}"
        )


def _warn_not_callable(callback: object, method: str) -> None:
    """Warn where PyZMQ accepts a callback that will fail when called."""
    if callback is not None and not callable(callback):
        warnings.warn(
            f"ZMQStream.{method} got a {type(callback).__name__}, which is not callable: "
            "calling it will fail (and be logged)",
            DeprecationWarning,
            stacklevel=3,
        )


def _log_callback_error() -> None:
    gen_log.error("Uncaught exception in ZMQStream callback", exc_info=True)


def _log_failure(future: Future[Any]) -> None:
    """Log what a coroutine callback raised, instead of losing it."""
    if not future.cancelled() and future.exception() is not None:
        gen_log.error("Uncaught exception in ZMQStream callback", exc_info=future.exception())


def _stream_serving(io_loop: IOLoop, fd: int) -> ZMQStream | None:
    """The stream whose reader ``io_loop`` runs for ``fd``, if a stream's."""
    # tornado's asyncio IOLoops keep fd -> (file object, handler) in .handlers
    handlers = getattr(io_loop, "handlers", None)
    entry = handlers.get(fd) if isinstance(handlers, dict) else None
    holder = getattr(entry[1], "__self__", None) if entry else None
    return holder if isinstance(holder, ZMQStream) else None


class ZMQStream:
    """ZMQStream(socket, io_loop=None)

    Serve a zmq socket from a tornado IOLoop: call back on every message
    received, send queued messages as soon as the socket can take them.

    Parameters
    ----------
    socket : zmq.Socket
        The socket (a shadow of a socket works too). The stream owns it from
        now on: :meth:`close` closes it. An awaitable (:mod:`zmq.asyncio`)
        socket is served through a plain shadow of it, with a RuntimeWarning.
    io_loop : tornado.ioloop.IOLoop, optional
        The loop to serve it from (default: ``IOLoop.current()``). The stream
        registers the socket itself with it, as PyZMQ does: closing the loop
        with ``all_fds=True`` closes the socket.

    Raises
    ------
    TypeError
        If ``socket`` is not a zmq socket, or ``io_loop`` not an IOLoop (also
        an AttributeError, as in PyZMQ).
    ValueError
        If the socket already has a stream on this loop: one stream per socket.

    Notes
    -----
    Callbacks run on the loop's thread; an exception they raise in the loop
    is logged (logger ``tornado.general``) and the stream goes on; under
    :meth:`flush` or :meth:`close` it is logged and raised, as in PyZMQ. A
    callback that returns an awaitable (a coroutine function's result) has it
    run on the loop, and what it raises logged.

    Close the stream with :meth:`close`, not its socket: a stream whose
    socket was closed directly (or by ``Context.destroy()``) stops watching it
    at once, and closes with a UserWarning, as PyZMQ's, when the program next
    calls one of its methods (:meth:`closed`, :meth:`close`, :meth:`send`...).

    Use a stream from its loop's thread, as its socket: from another
    thread, hand the call to the loop (``io_loop.add_callback(stream.send,
    msg)``).

    One stream per socket: the stream sets the socket's edge hook, and a
    libzmq socket has one, so a second stream on the same socket on another
    loop would take it over (and closing either stream removes it).
    """

    #: the socket; None once the stream is closed (typed as PyZMQ types it,
    #: so that code using an open stream's socket needs no None checks)
    socket: zmq.Socket[Any]
    io_loop: IOLoop

    def __init__(self, socket: zmq.Socket[Any], io_loop: IOLoop | None = None) -> None:
        if not isinstance(socket, SocketBase):
            raise _WrongObjectError(f"ZMQStream needs a zmq.Socket, got {type(socket).__name__}")
        if isinstance(socket, _AsyncSocket):
            warnings.warn(
                f"ZMQStream serves plain zmq.Socket objects, not "
                f"{type(socket).__module__}.{type(socket).__qualname__}: "
                "it uses a zmq.Socket shadow of this one. Make it with "
                "zmq.Socket(shadow=sock), or with ctx.socket(socket_type, "
                "socket_class=zmq.Socket), to say so.",
                RuntimeWarning,
                stacklevel=2,
            )
            # an awaitable socket would hand futures to on_recv and hide send errors
            socket = zmq.Socket(shadow=socket)
        io_loop = io_loop or IOLoop.current()
        if not isinstance(io_loop, IOLoop):
            raise _WrongObjectError(
                f"io_loop must be a tornado.ioloop.IOLoop, got {type(io_loop).__name__}"
            )
        fd = socket.get(_FD)
        self.socket = socket
        self.io_loop = io_loop
        self._fd: int = fd
        self._recv_callback: Callable[..., Any] | None = None
        self._recv_with_stream = False
        self._recv_copy = True
        self._send_callback: Callable[..., Any] | None = None
        self._send_with_stream = False
        self._close_callback: Callable[[], Any] | None = None
        # (message, flags, copy, track, send_multipart keyword arguments)
        self._queue: deque[tuple[Any, Any, Any, Any, dict[str, Any]]] = deque()
        self._depth = 0  # how many runs are in progress (flush may nest in a callback)
        self._readiness = Readiness(
            socket,
            io_loop.add_callback,
            self._let_go,
            in_loop=partial(_in_loop_thread, io_loop),
            on_error=self._look_failed,
        )
        self._runner = _Runner(self)
        self._interested = False  # whether the readiness watches for the stream
        self._watching = False
        # closed because its socket was closed directly
        self._closed_under = False
        # PyZMQ's shortcuts to the socket's methods
        self.bind = socket.bind
        self.bind_to_random_port = socket.bind_to_random_port
        self.connect = socket.connect
        self.setsockopt = socket.setsockopt
        self.getsockopt = socket.getsockopt
        self.setsockopt_string = socket.setsockopt_string
        self.getsockopt_string = socket.getsockopt_string
        self.setsockopt_unicode = socket.setsockopt_unicode
        self.getsockopt_unicode = socket.getsockopt_unicode
        # The socket itself, not its FD's number, as PyZMQ: IOLoop.close(all_fds=True)
        # then closes the socket, where it would os.close() libzmq's own FD.
        try:
            io_loop.add_handler(socket, self._handle_events, IOLoop.READ)
        except ValueError as error:
            # A stream whose socket was closed directly from another thread
            # may still hold the FD's number, which libzmq gives to the next
            # socket: free it.
            holder = _stream_serving(io_loop, fd)
            if holder is None or not holder.closed():
                raise ValueError(
                    f"the socket's FD {fd} is already served by this IOLoop "
                    "(one ZMQStream per socket: close the other stream first)"
                ) from error
            io_loop.add_handler(socket, self._handle_events, IOLoop.READ)
        self._watching = True

    def __repr__(self) -> str:
        state = "closed" if self.socket is None else f"on {self.socket!r}"
        return f"<{type(self).__module__}.{type(self).__name__} {state}>"

    # callbacks

    def on_recv(self, callback: _RecvCallback | None, copy: bool = True) -> None:
        """on_recv(callback, copy=True)

        Call ``callback(msg)`` with every message received.

        Parameters
        ----------
        callback : callable or None
            Called with the message, a list of its parts. May be a coroutine
            function. None stops receiving: messages wait in the socket.
        copy : bool
            True passes the parts as bytes, False as :class:`zmq.Frame`.

        Raises
        ------
        OSError
            If the stream is closed.
        TypeError
            If ``callback`` is neither callable nor None (also an
            AssertionError, as in PyZMQ).
        """
        self._set_recv_callback(callback, copy, with_stream=False, method="on_recv")

    def on_recv_stream(
        self, callback: Callable[[ZMQStream, list[Any]], Any] | None, copy: bool = True
    ) -> None:
        """on_recv_stream(callback, copy=True)

        Like :meth:`on_recv`, calling ``callback(stream, msg)``. A callback
        that is not callable is taken with a DeprecationWarning (as PyZMQ
        takes it); calling it then fails, and the failure is logged.
        """
        _warn_not_callable(callback, "on_recv_stream")
        self._set_recv_callback(callback, copy, with_stream=True, method="on_recv_stream")

    def stop_on_recv(self) -> None:
        """stop_on_recv()

        Stop receiving: messages wait in the socket until a new callback.

        Raises
        ------
        OSError
            If the stream is closed.
        """
        self.on_recv(None)

    def on_send(self, callback: _SendCallback | None) -> None:
        """on_send(callback)

        Call ``callback(msg, status)`` after every message sent.

        Parameters
        ----------
        callback : callable or None
            Called with the message as given to send/send_multipart (send
            passes ``[msg]``) and what ``Socket.send_multipart`` returned (a
            :class:`zmq.MessageTracker` when sent with ``copy=False,
            track=True``, else None), or the :class:`zmq.ZMQError` the socket
            refused the message with.

        Raises
        ------
        OSError
            If the stream is closed.
        TypeError
            If ``callback`` is neither callable nor None (also an
            AssertionError, as in PyZMQ).
        """
        self._set_send_callback(callback, with_stream=False, method="on_send")

    def on_send_stream(
        self,
        callback: Callable[[ZMQStream, list[Any], zmq.MessageTracker | None], Any] | None,
    ) -> None:
        """on_send_stream(callback)

        Like :meth:`on_send`, calling ``callback(stream, msg, status)``. A
        callback that is not callable is taken with a DeprecationWarning, as
        for :meth:`on_recv_stream`.
        """
        _warn_not_callable(callback, "on_send_stream")
        self._set_send_callback(callback, with_stream=True, method="on_send_stream")

    def stop_on_send(self) -> None:
        """stop_on_send()

        Stop calling back after sends (queued messages are still sent).

        Raises
        ------
        OSError
            If the stream is closed.
        """
        self.on_send(None)

    def on_err(self, callback: Callable[..., Any] | None) -> None:
        """on_err(callback)

        Deprecated, does nothing: errors are raised or logged where they happen.
        """
        gen_log.warning("on_err does nothing, and will be removed")
        warnings.warn(
            "ZMQStream.on_err is deprecated and does nothing", DeprecationWarning, stacklevel=2
        )

    def stop_on_err(self) -> None:
        """stop_on_err()

        Deprecated, does nothing.
        """
        gen_log.warning("on_err does nothing, and will be removed")
        warnings.warn(
            "ZMQStream.stop_on_err is deprecated and does nothing",
            DeprecationWarning,
            stacklevel=2,
        )

    def set_close_callback(self, callback: Callable[[], Any] | None) -> None:
        """set_close_callback(callback)

        Call ``callback()`` once, when the stream closes: by :meth:`close`,
        or when the stream finds its socket closed or its context terminated.
        A callback that is not callable is taken with a DeprecationWarning (as
        PyZMQ takes it); closing the stream then raises TypeError.
        """
        _warn_not_callable(callback, "set_close_callback")
        self._close_callback = callback

    # sending

    def send(
        self,
        msg: Any,
        flags: int = 0,
        copy: bool = True,
        track: bool = False,
        callback: _SendCallback | None = None,
        **kwargs: Any,
    ) -> None:
        """send(msg, flags=0, copy=True, track=False, callback=None, **kwargs)

        Queue a one-part message, to be sent when the socket can take it.

        The same as ``send_multipart([msg], ...)``.
        """
        self.send_multipart([msg], flags, copy, track, callback, **kwargs)

    def send_multipart(
        self,
        msg: Sequence[Any],
        flags: int = 0,
        copy: bool = True,
        track: bool = False,
        callback: _SendCallback | None = None,
        **kwargs: Any,
    ) -> None:
        """send_multipart(msg, flags=0, copy=True, track=False, callback=None, **kwargs)

        Queue a message, to be sent when the socket can take it.

        Messages are sent in the order they were queued, from the loop, with
        ``Socket.send_multipart`` (DONTWAIT added). As in PyZMQ, nothing about
        the message is checked here: a message the socket refuses with a
        :class:`zmq.ZMQError` (say EHOSTUNREACH from a ROUTER_MANDATORY
        router) is logged and passed to the :meth:`on_send` callback as its
        status; one that cannot be sent at all (a part that is not bytes, a
        Frame or a buffer) is logged and dropped.

        Parameters
        ----------
        msg : sequence of bytes, Frames or buffers
            The message parts.
        flags, copy, track, **kwargs
            As for ``Socket.send_multipart``.
        callback : callable, optional
            If given, replaces the :meth:`on_send` callback, as
            ``on_send(callback)`` would.

        Raises
        ------
        OSError
            If the stream is closed.
        """
        self._check_open("send")
        was_idle = not self._queue
        self._queue.append((msg, flags, copy, track, kwargs))
        if was_idle and not self._depth:
            self._update_interest()
            self._readiness.schedule()
        # after queueing, as PyZMQ: a callback refused leaves the message queued
        if callback:
            self.on_send(callback)

    def send_string(
        self,
        u: str,
        flags: int = 0,
        encoding: str = "utf-8",
        callback: _SendCallback | None = None,
        **kwargs: Any,
    ) -> None:
        """send_string(u, flags=0, encoding='utf-8', callback=None, **kwargs)

        Queue text, encoded, as a one-part message (see :meth:`send`).
        """
        if not isinstance(u, str):
            raise TypeError(f"send_string takes str, got {type(u).__name__}")
        self.send(u.encode(encoding), flags, callback=callback, **kwargs)

    send_unicode = send_string

    def send_json(
        self, obj: Any, flags: int = 0, callback: _SendCallback | None = None, **kwargs: Any
    ) -> None:
        """send_json(obj, flags=0, callback=None, **kwargs)

        Queue an object as JSON (see :meth:`send`, which gets ``kwargs``).
        """
        self.send(jsonapi.dumps(obj), flags, callback=callback, **kwargs)

    def send_pyobj(
        self,
        obj: Any,
        flags: int = 0,
        protocol: int = pickle.HIGHEST_PROTOCOL,
        callback: _SendCallback | None = None,
        **kwargs: Any,
    ) -> None:
        """send_pyobj(obj, flags=0, protocol=pickle.HIGHEST_PROTOCOL, callback=None, **kwargs)

        Queue a Python object, pickled (see :meth:`send`).
        """
        self.send(pickle.dumps(obj, protocol), flags, callback=callback, **kwargs)

    # state

    def receiving(self) -> bool:
        """receiving()

        Whether the stream has an on_recv callback (kept after it closes, as
        in PyZMQ).
        """
        return self._recv_callback is not None

    def sending(self) -> bool:
        """sending()

        Whether messages are queued, waiting to be sent.
        """
        return bool(self._queue)

    def closed(self) -> bool:
        """closed()

        Whether the stream is closed; a stream whose socket was closed
        directly is closed on the spot (its close callback runs), with a
        UserWarning.
        """
        socket = self.socket
        if socket is None:
            return True
        if socket.closed:
            self._close(None, raising=True, stacklevel=3)
            return True
        return False

    def flush(self, flag: int = zmq.POLLIN | zmq.POLLOUT, limit: int | None = None) -> int:
        """flush(flag=POLLIN|POLLOUT, limit=None)

        Handle now, without waiting for the loop, the messages that can be:
        receive them and pass them to the on_recv callback (POLLIN), send
        queued ones (POLLOUT).

        Parameters
        ----------
        flag : int
            ``zmq.POLLIN``, ``zmq.POLLOUT`` or both.
        limit : int, optional
            Stop once this many messages were handled (None or 0: no limit).
            The loop handles the rest.

        Returns
        -------
        int
            How many messages were received or sent.

        Raises
        ------
        OSError
            If the stream is closed.
        Exception
            What a callback raised, or why a queued message could not be sent
            (it is dropped), as in PyZMQ.

        Notes
        -----
        Without an on_recv callback, messages received are dropped: as in
        PyZMQ, ``flush(zmq.POLLIN)`` discards what is waiting.
        """
        self._check_open("flush")
        with self._readiness.disarmed():
            return self._run(flag & _BOTH, limit, flushing=True)

    def close(self, linger: int | None = None) -> None:
        """close(linger=None)

        Close the stream and its socket; queued messages are not sent.

        Parameters
        ----------
        linger : int, optional
            Passed to ``Socket.close``: how long libzmq may still try to
            deliver what it was given (milliseconds).

        Raises
        ------
        Exception
            What the close callback raised (logged too), as in PyZMQ.

        Warns
        -----
        UserWarning
            If the socket was closed directly, not by the stream.
        """
        self._close(linger, raising=True, stacklevel=3)

    # internals

    def _check_open(self, action: str) -> None:
        socket = self.socket
        if socket is not None and socket.closed:
            self._close(None, raising=False, stacklevel=4)
        if self.socket is None:
            if self._closed_under:
                raise _SocketClosedError(action)
            raise OSError(f"cannot {action}: Stream is closed")

    def _close(self, linger: int | None, raising: bool, stacklevel: int) -> None:
        """Close the stream; ``raising``: raise what the close callback raised."""
        socket = self.socket
        if socket is None:
            return
        self.socket = None  # type: ignore[assignment]
        under = self._closed_under = socket.closed
        self._interested = False
        self._readiness.clear()
        self._unwatch()
        if not under:
            socket.close(linger)
        callback, self._close_callback = self._close_callback, None
        try:
            if under:
                warnings.warn(
                    f"The socket of this ZMQStream (FD {self._fd}) was closed directly. "
                    "Please use stream.close() instead of closing the socket directly.",
                    UserWarning,
                    stacklevel=stacklevel,
                )
        finally:
            if callback is not None:
                self._notify(callback, raising=raising)

    def _let_go(self) -> None:
        """Stop waiting on a socket that was closed directly.

        The stream itself closes, with PyZMQ's warning, when the program next
        calls it (``closed()``, ``close()``, ``send()``...), as PyZMQ's does.
        Called by the readiness while the FD is still open.
        """
        self._interested = False
        self._readiness.clear()
        self._unwatch()

    def _look_failed(self, error: ZMQError) -> None:
        """The readiness could not read EVENTS: the stream closes if the context is gone."""
        socket = self.socket
        if socket is None:
            return
        if error.errno != _ETERM and not socket.closed:
            raise error
        if socket.closed:
            self._let_go()
        else:
            self._close(None, raising=False, stacklevel=5)

    def _unwatch(self) -> None:
        """Stop the IOLoop watching the socket's FD."""
        if self._watching:
            self._watching = False
            self.io_loop.remove_handler(self._fd)

    def _set_recv_callback(
        self, callback: Callable[..., Any] | None, copy: bool, with_stream: bool, method: str
    ) -> None:
        self._check_open(f"call {method}")
        if not with_stream:
            _check_callback(callback, method)
        self._recv_callback = callback
        self._recv_copy = copy
        self._recv_with_stream = with_stream
        if not self._depth:
            self._update_interest()
            if callback is not None:
                # messages may be waiting whose edge is long gone
                self._readiness.schedule()

    def _set_send_callback(
        self, callback: Callable[..., Any] | None, with_stream: bool, method: str
    ) -> None:
        self._check_open(f"call {method}")
        if not with_stream:
            _check_callback(callback, method)
        self._send_callback = callback
        self._send_with_stream = with_stream

    def _notify(self, callback: Callable[..., Any], *args: Any, raising: bool) -> None:
        """Call a send or close callback, logging what it raises (and raising it)."""
        try:
            result = callback(*args)
        except Exception:
            _log_callback_error()
            if raising:
                raise
        else:
            if result is not None:
                self._watch(result)

    def _watch(self, result: Any) -> None:
        """Run an awaitable a callback returned, logging what it raises."""
        if isawaitable(result):
            try:
                self.io_loop.add_future(convert_yielded(result), _log_failure)
            except Exception:
                _log_callback_error()

    def _update_interest(self) -> None:
        """Have the readiness watch while the stream waits for something."""
        wanted = self._recv_callback is not None or bool(self._queue)
        if wanted != self._interested and self.socket is not None:
            self._interested = wanted
            if wanted:
                self._readiness.watch(self._runner, _BOTH)
            else:
                self._readiness.discard(self._runner)

    def _handle_events(self, fd: object, events: int) -> None:
        """The FD's reader."""
        self._readiness.look()

    def _run(self, mask: int, limit: Any, flushing: bool, events: int | None = None) -> int:
        """Receive and send while EVENTS allows, up to ``limit`` messages.

        Ends when EVENTS shows nothing the stream can act on: only then may it
        wait for the FD again. Ending for any other reason, it schedules
        another run.

        ``flushing``: PyZMQ's flush, which receives without a callback (and
        drops what it receives), raises what callbacks and sends raise, and
        takes any ``limit`` (None or 0: no limit; checked before each round).

        ``events``: EVENTS, just read by the caller. Called by a look of the
        readiness, or with its hook disarmed.
        """
        socket = self.socket
        if socket.closed:
            self._let_go()
            return 0
        count = 0
        settled = False  # the last EVENTS read showed nothing to act on
        rerun = mask != _BOTH  # what the mask hid may be waiting
        self._depth += 1
        first = events
        try:
            while not (flushing and limit and not count < limit):
                if first is None:
                    events = socket.get(_EVENTS) & mask
                else:
                    events, first = first & mask, None
                acted = False
                callback = self._recv_callback
                if events & _POLLIN and (callback is not None or flushing):
                    acted = True
                    try:
                        msg = socket.recv_multipart(_DONTWAIT, self._recv_copy)
                    except zmq.Again:
                        # taken by other code since EVENTS: stop receiving in
                        # this run, and look again in the next
                        mask &= ~_POLLIN
                        rerun = True
                    else:
                        count += 1
                        # the common path: no allocation beyond the message
                        try:
                            if callback is None:
                                result = None
                            elif self._recv_with_stream:
                                result = callback(self, msg)
                            else:
                                result = callback(msg)
                        except Exception:
                            _log_callback_error()
                            if flushing:
                                raise
                        else:
                            if result is not None:
                                self._watch(result)
                        if self.socket is None:
                            settled = True
                            return count
                if events & _POLLOUT and self._queue:
                    acted = True
                    if self._send_next(socket, flushing):
                        count += 1
                    else:
                        # POLLOUT yet EAGAIN (a ROUTER_MANDATORY router whose
                        # peer is full): libzmq signals the FD when it drains
                        mask &= ~_POLLOUT
                    if self.socket is None:
                        settled = True
                        return count
                if not acted:
                    settled = not rerun
                    return count
                if not flushing and count >= limit:
                    return count
            return count
        except ZMQError as error:
            if error.errno != _ETERM and not socket.closed:
                raise
            settled = True
            if socket.closed and not flushing:
                self._let_go()
            else:
                self._close(None, raising=flushing, stacklevel=5)
            if flushing:
                raise
            return count
        finally:
            self._depth -= 1
            if not self._depth and self.socket is not None and not self.socket.closed:
                self._update_interest()
                if not settled:
                    self._readiness.schedule()

    def _send_next(self, socket: zmq.Socket[Any], flushing: bool) -> bool:
        """Send the first queued message; False if the socket cannot take it now."""
        msg, flags, copy, track, kwargs = self._queue[0]
        try:
            status = socket.send_multipart(msg, flags | _DONTWAIT, copy, track, **kwargs)
        except zmq.Again:
            return False
        except ZMQError as error:
            if error.errno == _ETERM or socket.closed:
                raise  # the stream closes
            # PyZMQ's: log it, and tell the send callback
            self._queue.popleft()
            gen_log.error("SEND Error: %s", error)
            status = error
        except Exception:
            self._queue.popleft()
            gen_log.error("ZMQStream could not send a message, dropped it", exc_info=True)
            if flushing:
                raise
            return True
        else:
            self._queue.popleft()
        callback = self._send_callback
        if callback is not None:
            if self._send_with_stream:
                self._notify(callback, self, msg, status, raising=flushing)
            else:
                self._notify(callback, msg, status, raising=flushing)
        return True


class _Runner:
    """The stream, as a waiter of its readiness: runs it when the socket is ready."""

    __slots__ = ("stream",)

    def __init__(self, stream: ZMQStream) -> None:
        self.stream = stream

    def serve(self, events: int) -> bool:
        stream = self.stream
        if stream.socket is not None and not stream._depth:
            stream._run(_BOTH, _BATCH, flushing=False, events=events)
        return False


def _in_loop_thread(io_loop: IOLoop) -> bool:
    """Whether the caller runs in ``io_loop``'s thread (inside the loop)."""
    try:
        return asyncio.get_running_loop() is io_loop.asyncio_loop  # type: ignore[attr-defined]
    except RuntimeError:
        return False
