"""zmq.hello: a third-party plugin of the zmq namespace."""

try:
    from zmq import Context
except ImportError as error:  # zmq is then an empty namespace: pyzmq-core is missing
    raise ImportError("zmq.hello needs pyzmq-core: pip install pyzmq-core") from error

import zmq

__version__ = "1.0"


def roundtrip(data: bytes) -> bytes:
    """Send ``data`` through a pair of inproc sockets, and return what arrived."""
    with Context() as ctx, ctx.socket(zmq.PAIR) as a, ctx.socket(zmq.PAIR) as b:
        a.bind("inproc://hello")
        b.connect("inproc://hello")
        a.send(data)
        return b.recv()
