"""ZMQStream served by the green IOLoop.

:class:`zmq.eventloop.zmqstream.ZMQStream`, whose default loop is this
thread's :class:`zmq.green.eventloop.ioloop.IOLoop`, so that its callbacks
run while other greenlets do. It serves green and plain sockets alike: it
never waits in a socket call, only in the loop.
"""

from __future__ import annotations

from typing import Any

from tornado.ioloop import IOLoop as _TornadoIOLoop

import zmq
from zmq.eventloop.zmqstream import ZMQStream as _ZMQStream
from zmq.green.eventloop.ioloop import IOLoop

__all__ = ["ZMQStream"]


class ZMQStream(_ZMQStream):
    """ZMQStream(socket, io_loop=None)

    A :class:`zmq.eventloop.zmqstream.ZMQStream` whose default loop is the
    green :meth:`IOLoop.current() <zmq.green.eventloop.ioloop.IOLoop.current>`.
    """

    def __init__(self, socket: zmq.Socket[Any], io_loop: _TornadoIOLoop | None = None) -> None:
        super().__init__(socket, IOLoop.current() if io_loop is None else io_loop)
