"""zmq for asyncio: sockets whose operations return awaitables.

>>> import zmq, zmq.asyncio
>>> ctx = zmq.asyncio.Context()
>>> sock = ctx.socket(zmq.PULL)
>>> message = await sock.recv()  # in a coroutine

Works on any asyncio event loop that supports ``add_reader`` (the default
loop on POSIX, uvloop...); no special loop is needed.
"""

from __future__ import annotations

import asyncio
import selectors
import warnings
from typing import Any, ClassVar

from zmq._future import _AsyncContext, _AsyncPoller, _AsyncSocket

__all__ = ["Context", "Poller", "Socket", "ZMQEventLoop", "install"]


class ProactorSelectorThreadWarning(RuntimeWarning):
    """PyZMQ's warning about the selector thread it starts for Windows'
    proactor event loop.

    Never emitted here (the proactor loop, which has no ``add_reader``, is
    not supported); defined so that warning filters written for PyZMQ work.
    """


class Socket(_AsyncSocket):
    """Socket(context=None, socket_type=-1, io_loop=None, **kwargs)

    A zmq socket for asyncio: recv, send, their multipart and serialization
    forms, recv_into and poll return awaitables (asyncio Futures).
    """

    _repr_cls: ClassVar[str] = "zmq.asyncio.Socket"


class Context(_AsyncContext):
    """Context(io_threads=1, shadow=0)

    A Context whose sockets are :class:`zmq.asyncio.Socket`. Given a blocking
    :class:`zmq.Context`, it wraps the same libzmq context.
    """

    _socket_class = Socket
    _instance: ClassVar[Any] = None
    _repr_cls: ClassVar[str] = "zmq.asyncio.Context"


class Poller(_AsyncPoller):
    """Poller()

    A Poller whose poll() returns an awaitable; it may mix asyncio sockets,
    blocking sockets and file descriptors.
    """


class ZMQEventLoop(asyncio.SelectorEventLoop):
    """Deprecated: any asyncio event loop works with zmq.asyncio."""

    def __init__(self, selector: selectors.BaseSelector | None = None) -> None:
        warnings.warn(
            "ZMQEventLoop is not needed: zmq.asyncio works with any asyncio event loop",
            DeprecationWarning,
            stacklevel=2,
        )
        super().__init__(selector)


def install() -> None:
    """Deprecated, does nothing: zmq.asyncio works with any asyncio event loop."""
    warnings.warn(
        "zmq.asyncio.install() is not needed: zmq.asyncio works with any asyncio event loop",
        DeprecationWarning,
        stacklevel=2,
    )
