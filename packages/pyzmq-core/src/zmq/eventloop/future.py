"""zmq for tornado: sockets whose operations return tornado Futures.

The same machinery as :mod:`zmq.asyncio` (tornado's IOLoop runs on asyncio,
and its Futures are asyncio's), with tornado's IOLoop accepted wherever
PyZMQ takes one. As in PyZMQ, ``future.cancel()`` completes a future with
:class:`CancelledError`, an ``Exception``.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any, ClassVar

from tornado.concurrent import Future
from tornado.ioloop import IOLoop

import zmq
from zmq._future import _AsyncContext, _AsyncPoller, _AsyncSocket

__all__ = ["CancelledError", "Context", "Poller", "Socket"]


class CancelledError(Exception):
    """What awaiting an operation raises after ``future.cancel()``, as in PyZMQ."""


#: tells ``cancel()`` called by code (PyZMQ's cancellation) from asyncio
#: cancelling a task that awaits the future (which passes a message)
_NO_MESSAGE: Any = object()


class _TornadoFuture(Future):  # type: ignore[type-arg]
    """The futures of these sockets: tornado's, cancelled as PyZMQ's are.

    ``cancel()`` completes the future with :class:`CancelledError`. When
    asyncio cancels a task awaiting one (``Task.cancel()``, ``asyncio.timeout``,
    ``gather``), it passes a message: that is an asyncio cancellation, so that
    the task ends cancelled. Either way the operation is withdrawn: a
    cancelled receive takes no message.
    """

    def cancel(self, msg: Any = _NO_MESSAGE) -> bool:
        if msg is not _NO_MESSAGE:
            return super().cancel(msg)
        if self.done():
            return False
        self.set_exception(CancelledError())
        # a cancellation nobody awaits is not an error to report at collection
        self._log_traceback = False
        return True

    def cancelled(self) -> bool:
        return super().cancelled() or (
            self.done() and isinstance(self.exception(), CancelledError)
        )


def _asyncio_loop(io_loop: IOLoop | asyncio.AbstractEventLoop | None) -> Any:
    if isinstance(io_loop, IOLoop):
        return io_loop.asyncio_loop  # type: ignore[attr-defined]
    return io_loop


class Socket(_AsyncSocket):
    """Socket(context=None, socket_type=-1, io_loop=None, _from_socket=None, **kwargs)

    A zmq socket whose operations return tornado Futures.
    """

    _repr_cls: ClassVar[str] = "zmq.eventloop.future.Socket"
    _future_class = _TornadoFuture

    def __init__(
        self,
        context: Any = None,
        socket_type: int = -1,
        io_loop: IOLoop | asyncio.AbstractEventLoop | None = None,
        _from_socket: zmq.Socket[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            context,
            socket_type,
            io_loop=_asyncio_loop(io_loop),
            _from_socket=_from_socket,
            **kwargs,
        )


class Context(_AsyncContext):
    """Context(io_threads=1, shadow=0)

    A Context whose sockets are :class:`zmq.eventloop.future.Socket`.
    """

    _socket_class = Socket
    _instance: ClassVar[Any] = None
    _repr_cls: ClassVar[str] = "zmq.eventloop.future.Context"
    #: PyZMQ's, always None: sockets use the loop running when they wait
    io_loop: ClassVar[Any] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.pop("io_loop", None) is not None:
            warnings.warn(
                f"{type(self).__name__}(io_loop) argument is deprecated in pyzmq 22.2: "
                "the loop running when a socket waits is used",
                DeprecationWarning,
                stacklevel=2,
            )
        super().__init__(*args, **kwargs)


class Poller(_AsyncPoller):
    """Poller()

    A Poller whose poll() returns a tornado Future.
    """

    _future_class = _TornadoFuture
