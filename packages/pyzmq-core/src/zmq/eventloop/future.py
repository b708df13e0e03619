"""zmq for tornado: sockets whose operations return tornado Futures.

The same machinery as :mod:`zmq.asyncio` (tornado's IOLoop runs on asyncio,
and its Futures are asyncio's), with tornado's IOLoop accepted wherever
PyZMQ takes one.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from tornado.ioloop import IOLoop

from zmq._future import _AsyncContext, _AsyncPoller, _AsyncSocket

__all__ = ["CancelledError", "Context", "Poller", "Socket"]

#: what awaiting a cancelled operation of these sockets raises (these are
#: asyncio futures, which tornado uses); PyZMQ had a class of its own here
CancelledError = asyncio.CancelledError


def _asyncio_loop(io_loop: IOLoop | asyncio.AbstractEventLoop | None) -> Any:
    if isinstance(io_loop, IOLoop):
        return io_loop.asyncio_loop  # type: ignore[attr-defined]
    return io_loop


class Socket(_AsyncSocket):
    """Socket(context=None, socket_type=-1, io_loop=None, **kwargs)

    A zmq socket whose operations return tornado Futures.
    """

    _repr_cls: ClassVar[str] = "zmq.eventloop.future.Socket"

    def __init__(
        self,
        context: Any = None,
        socket_type: int = -1,
        io_loop: IOLoop | asyncio.AbstractEventLoop | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(context, socket_type, io_loop=_asyncio_loop(io_loop), **kwargs)


class Context(_AsyncContext):
    """Context(io_threads=1, shadow=0)

    A Context whose sockets are :class:`zmq.eventloop.future.Socket`.
    """

    _socket_class = Socket
    _instance: ClassVar[Any] = None
    _repr_cls: ClassVar[str] = "zmq.eventloop.future.Context"


class Poller(_AsyncPoller):
    """Poller()

    A Poller whose poll() returns a tornado Future.
    """
