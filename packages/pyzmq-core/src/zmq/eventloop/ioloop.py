"""Deprecated: tornado's own IOLoop serves zmq sockets, use tornado.ioloop.

Old code imports ``IOLoop``, ``ZMQIOLoop`` and ``PeriodicCallback`` from here
and calls :func:`install`; all of it still works, importing this module warns.
"""

from __future__ import annotations

import warnings

from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.util import TimeoutError

__all__ = ["IOLoop", "PeriodicCallback", "TimeoutError", "ZMQIOLoop", "install"]

_DEPRECATED = (
    "zmq.eventloop.ioloop is deprecated: tornado's own IOLoop serves zmq sockets, "
    "use tornado.ioloop.IOLoop"
)

# stacklevel 2 names the module that imports this one (import frames are skipped)
warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=2)

#: tornado's IOLoop, under the name older PyZMQ gave its own subclass
ZMQIOLoop = IOLoop


def install() -> None:
    """install()

    Deprecated, does nothing: there is no special IOLoop to install.
    """
    warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=2)
