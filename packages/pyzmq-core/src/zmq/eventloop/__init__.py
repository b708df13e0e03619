"""Tornado integration: ZMQStream (zmq.eventloop.zmqstream) and tornado futures.

Needs tornado 6.1 or newer: ``pip install pyzmq-core[tornado]``.
"""

from __future__ import annotations

try:
    import tornado
    from tornado.ioloop import IOLoop
except ImportError as error:
    # Only a missing tornado gets the hint; a tornado that is there but fails
    # to import is a different problem, and its own error says which.
    if error.name is None or error.name.partition(".")[0] != "tornado":
        raise
    raise ImportError(
        "zmq.eventloop needs tornado, which is not installed: pip install pyzmq-core[tornado]",
        name=error.name,
    ) from error

if tornado.version_info < (6, 1):
    raise ImportError(
        f"zmq.eventloop needs tornado 6.1 or newer, found tornado {tornado.version}: "
        "pip install -U pyzmq-core[tornado]"
    )

__all__ = ["IOLoop"]
