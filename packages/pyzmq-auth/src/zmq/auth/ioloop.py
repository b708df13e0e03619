"""IOLoopAuthenticator: an authenticator served by a tornado IOLoop (deprecated).

tornado's IOLoop runs on asyncio: use :class:`zmq.auth.asyncio.AsyncioAuthenticator`.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import zmq

try:
    from tornado.ioloop import IOLoop
except ImportError as _error:
    raise ImportError(
        "zmq.auth.ioloop needs tornado; install it with 'pip install pyzmq-auth[tornado]'"
    ) from _error

from .asyncio import AsyncioAuthenticator

__all__ = ["IOLoopAuthenticator"]

warnings.warn(
    "zmq.auth.ioloop.IOLoopAuthenticator is deprecated: use zmq.auth.asyncio.AsyncioAuthenticator",
    DeprecationWarning,
    stacklevel=2,
)


class IOLoopAuthenticator(AsyncioAuthenticator):
    """An authenticator served by a tornado IOLoop (the asyncio loop under it).

    Deprecated: use :class:`zmq.auth.asyncio.AsyncioAuthenticator`.

    Parameters
    ----------
    context : zmq.Context, optional
        The context whose sockets are guarded; ``zmq.Context.instance()`` by default.
    encoding : str
        The encoding of domains, addresses, user names and passwords.
    log : logging.Logger, optional
        Where decisions are logged; the ``zmq.auth`` logger by default.
    io_loop : tornado.ioloop.IOLoop, optional
        Deprecated, as in PyZMQ (a DeprecationWarning): the loop that serves the
        requests; the current one by default.
    """

    def __init__(
        self,
        context: zmq.Context[Any] | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
        io_loop: IOLoop | None = None,
    ) -> None:
        loop = None
        if io_loop is not None:
            warnings.warn(
                f"{type(self).__name__}(io_loop) is deprecated: start it in the running loop",
                DeprecationWarning,
                stacklevel=2,
            )
            loop = io_loop.asyncio_loop  # type: ignore[attr-defined]
        super().__init__(context, loop, encoding, log)
