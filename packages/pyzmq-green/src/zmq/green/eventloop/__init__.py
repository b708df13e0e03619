"""zmq.green.eventloop: tornado-style code (IOLoop, ZMQStream) on gevent.

:mod:`zmq.green.eventloop.ioloop` has an IOLoop that waits in gevent's hub,
so that the greenlets run while it waits, without monkey-patching;
:mod:`zmq.green.eventloop.zmqstream` has a ZMQStream served by it.

Needs tornado 6.1 or newer: ``pip install pyzmq-core[tornado]``.
"""

from __future__ import annotations

try:
    import zmq.eventloop  # noqa: F401  (its error says what is missing and how to install it)
except ImportError as error:
    raise ImportError(f"zmq.green.eventloop cannot be used: {error}", name=error.name) from error

from zmq.green.eventloop.ioloop import IOLoop as IOLoop

__all__ = ["IOLoop"]
