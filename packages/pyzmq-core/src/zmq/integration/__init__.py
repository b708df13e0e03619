"""The seam between zmq's sockets and event loops, for integration authors.

zmq.asyncio, ZMQStream and zmq.green are built on it; a new event loop
needs nothing else of the core:

- :func:`readiness_fd` gives the FD to watch for readability;
- :class:`Readiness` runs the edge-triggered readiness protocol for one
  socket in one loop: the loop's code supplies how to schedule a callback
  (from any thread), what to do when the socket closes, and waiters whose
  ``serve(events)`` completes them; it calls :meth:`Readiness.look` when
  the FD turns readable;
- :func:`add_edge_hook` and :func:`remove_edge_hook` are the compiled
  layer's notification under it, for integrations that run the protocol
  themselves;
- :func:`waits_forever` and :func:`timeout_seconds` validate timeouts as the
  blocking calls do, with the same errors.

Example, for a loop with ``add_reader`` and a thread-safe ``call_soon``::

    readiness = Readiness(socket, loop.call_soon_threadsafe, on_close=stop_watching)
    loop.add_reader(readiness_fd(socket), readiness.look)
    readiness.schedule()  # what arrived before the reader signals nothing
    readiness.wait(waiter, zmq.POLLIN)  # waiter.serve(events) receives, completes
"""

from zmq.integration.readiness import (
    Readiness,
    Waiter,
    add_edge_hook,
    readiness_fd,
    remove_edge_hook,
)
from zmq.integration.timeouts import timeout_seconds, waits_forever

__all__ = [
    "Readiness",
    "Waiter",
    "add_edge_hook",
    "readiness_fd",
    "remove_edge_hook",
    "timeout_seconds",
    "waits_forever",
]
