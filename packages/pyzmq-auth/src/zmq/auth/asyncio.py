"""AsyncioAuthenticator: an authenticator that answers ZAP requests in an asyncio loop."""

from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any, ClassVar, cast

import zmq

try:
    import zmq.asyncio
except ImportError as _error:
    raise ImportError(
        "zmq.auth.asyncio needs zmq.asyncio, which this pyzmq-core does not have; "
        "upgrade pyzmq-core"
    ) from _error

from .base import Authenticator

__all__ = ["AsyncioAuthenticator"]


class AsyncioAuthenticator(Authenticator):
    """An :class:`~zmq.auth.base.Authenticator` served by a task of an asyncio loop.

    Callbacks of :meth:`configure_curve_callback` may be coroutine functions; they run
    in the loop, and requests are answered one at a time.

    Parameters
    ----------
    context : zmq.Context, optional
        The context whose sockets are guarded (a :class:`zmq.asyncio.Context` or not);
        ``zmq.Context.instance()`` by default.
    loop : asyncio.AbstractEventLoop, optional
        Deprecated, as in PyZMQ (a DeprecationWarning): the loop that serves the
        requests; the running loop by default.
    encoding : str
        The encoding of domains, addresses, user names and passwords.
    log : logging.Logger, optional
        Where decisions are logged; the ``zmq.auth`` logger by default.
    """

    _zap_socket_class: ClassVar[Any] = zmq.asyncio.Socket

    def __init__(
        self,
        context: zmq.Context[Any] | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        super().__init__(context, encoding, log)
        if loop is not None:
            warnings.warn(
                f"{type(self).__name__}(loop) is deprecated: start it in the running loop",
                DeprecationWarning,
                stacklevel=2,
            )
        self._loop = loop
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Bind the ZAP socket and start the task that answers it.

        Call it in the running loop, or give the authenticator a ``loop``: the task then
        runs once that loop does.

        Raises
        ------
        RuntimeError
            If this authenticator is already started.
        zmq.ZMQError
            ``EADDRINUSE`` if another ZAP handler serves the context already.
        """
        loop = self._loop if self._loop is not None else _current_loop()
        super().start()
        self._task = loop.create_task(self._serve())

    def stop(self) -> None:
        """Cancel the task and close the ZAP socket.

        Stopping a stopped authenticator does nothing.
        """
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().stop()

    async def _serve(self) -> None:
        zap = cast("zmq.asyncio.Socket", self.zap_socket)
        assert zap is not None  # start() binds it before creating this task
        while True:
            await self.handle_zap_message(await zap.recv_multipart())


def _current_loop() -> asyncio.AbstractEventLoop:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        # started before the loop runs, as PyZMQ allows: the loop that will run
        return asyncio.get_event_loop()
