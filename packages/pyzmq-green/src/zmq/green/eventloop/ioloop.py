"""A tornado IOLoop that waits in gevent's hub.

Its asyncio loop selects with :class:`gevent.selectors.GeventSelector`, so
that while it waits for events or timers, the other greenlets run; and it
serves green and plain zmq sockets alike (through
:class:`zmq.green.eventloop.zmqstream.ZMQStream` or ``add_handler``). No
monkey-patching is needed.

asyncio allows one running event loop per thread, so run one IOLoop per
thread (in any greenlet of it).

Importing it warns that it is deprecated, as PyZMQ's does (PyZMQ's is
``zmq.eventloop.ioloop``, deprecated since PyZMQ 17); it keeps working.
"""

from __future__ import annotations

import asyncio
import threading
import warnings
from typing import Any

from gevent.selectors import GeventSelector
from tornado.ioloop import IOLoop as _TornadoIOLoop
from tornado.ioloop import PeriodicCallback
from tornado.platform.asyncio import AsyncIOLoop
from tornado.util import TimeoutError

__all__ = ["IOLoop", "PeriodicCallback", "TimeoutError", "ZMQIOLoop", "install"]

# the green IOLoop made current last in each thread
_current = threading.local()

# stacklevel 2 names the module that imports this one (import frames are skipped)
warnings.warn(
    "zmq.green.eventloop.ioloop is deprecated, as zmq.eventloop.ioloop is; it still works. "
    "tornado's own IOLoop lets the other greenlets run when its asyncio loop waits with "
    "gevent.selectors.GeventSelector",
    DeprecationWarning,
    stacklevel=2,
)


class IOLoop(AsyncIOLoop):
    """IOLoop(make_current=True)

    A tornado IOLoop (an ``AsyncIOLoop``) whose waiting lets the other
    greenlets of its thread run.

    Parameters
    ----------
    make_current : bool
        Make it the current loop of this thread, as tornado does.
    asyncio_loop : asyncio.AbstractEventLoop, optional
        The asyncio loop to run on (default: a new one that waits in
        gevent's hub); it must wait cooperatively for the hub to run.
    """

    def initialize(self, **kwargs: Any) -> None:  # type: ignore[override]
        if "asyncio_loop" in kwargs:
            super().initialize(**kwargs)
        else:
            loop = asyncio.SelectorEventLoop(GeventSelector())
            try:
                super().initialize(asyncio_loop=loop, **kwargs)
            except Exception:
                loop.close()
                raise
        if kwargs.get("make_current", True):
            _current.loop = self

    @staticmethod
    def current(instance: bool = True) -> _TornadoIOLoop | None:  # type: ignore[override]
        """current(instance=True)

        The running IOLoop if called from one, else the green IOLoop made
        last in this thread (and not closed), or else a new one if ``instance``.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            loop: IOLoop | None = getattr(_current, "loop", None)
            if loop is None or loop.asyncio_loop.is_closed():
                loop = IOLoop() if instance else None
            return loop
        return _TornadoIOLoop.current(instance)

    @staticmethod
    def instance() -> _TornadoIOLoop:
        """instance()

        Deprecated alias of :meth:`current`.
        """
        loop = IOLoop.current()
        assert loop is not None
        return loop


#: the name older PyZMQ gave its IOLoop
ZMQIOLoop = IOLoop


def install() -> None:
    """install()

    Deprecated, does nothing: make the loop with :meth:`IOLoop.current`.
    """
    warnings.warn(
        "zmq.green.eventloop.ioloop.install() does nothing: use IOLoop.current()",
        DeprecationWarning,
        stacklevel=2,
    )
