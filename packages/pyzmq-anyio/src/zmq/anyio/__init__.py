"""zmq.anyio: zmq sockets for anyio (asyncio or trio backend) and for trio.

>>> import zmq, zmq.anyio
>>> ctx = zmq.anyio.Context()
>>> sock = ctx.socket(zmq.PULL)
>>> message = await sock.recv()  # in a task of anyio, asyncio or trio

The waiting methods of :class:`Socket` and :class:`Poller` are plain
coroutines: no task runs in the background, nothing needs starting. Part of
the pyzmq-anyio distribution, which installs into the ``zmq`` package of
``pyzmq-core``.
"""

try:
    from zmq import Context as _Context  # noqa: F401
except ImportError as _error:  # zmq is then an empty namespace: the core is missing
    raise ImportError(
        "zmq.anyio needs the pyzmq-core distribution; install it with 'pip install pyzmq-core'"
    ) from _error

from zmq.anyio.context import Context
from zmq.anyio.poller import Poller
from zmq.anyio.socket import Socket

__version__ = "0.1.0"

__all__ = ["Context", "Poller", "Socket"]
