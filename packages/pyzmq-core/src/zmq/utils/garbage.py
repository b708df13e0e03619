"""The zero-copy collector, as PyZMQ's ``zmq.utils.garbage`` presents it.

PyZMQ keeps the buffer of each zero-copy message alive in a dict, ``gc.refs``,
emptied by a thread that libzmq notifies over an inproc socket. Here libzmq
releases buffers through a queue that needs no thread and no socket ("Compared
with PyZMQ" in the documentation); this module offers the same names over
it, so that code that inspects, stops or starts the collector keeps working:

- ``gc.refs`` is a dict of the buffers libzmq still uses and of what
  :meth:`GarbageCollector.store` holds, as PyZMQ's is: a new one at each
  access, taken then, since nothing here keeps such a dict up to date (and
  changing it must not release a buffer libzmq still reads);
- ``start()``, ``stop()`` and ``is_alive()`` change and report a flag, and
  ``stop()`` drops what :meth:`GarbageCollector.store` holds: releasing
  zero-copy buffers never stops, as it must not while libzmq uses them;
- ``context`` is a Context made when first asked for, terminated by
  ``stop()``; nothing uses it;
- :class:`GarbageCollectorThread` is PyZMQ's class of the collector's
  thread; nothing needs one here.
"""

from __future__ import annotations

import atexit
import os
import threading
from typing import TYPE_CHECKING, NamedTuple

from zmq.backend.cython._zmq import _zero_copy_refs

if TYPE_CHECKING:
    import zmq

__all__ = ["GarbageCollector", "GarbageCollectorThread", "gc", "gcref"]


class gcref(NamedTuple):
    """What the collector holds for one message: its buffer's owner and its tracker event."""

    obj: object
    event: object | None


class GarbageCollectorThread(threading.Thread):
    """GarbageCollectorThread(gc)

    PyZMQ's thread that released zero-copy buffers for ``gc``. Releasing
    needs no thread here: started, it is ready at once, and ends.

    Parameters
    ----------
    gc : GarbageCollector
        The collector it serves.
    """

    def __init__(self, gc: GarbageCollector) -> None:
        super().__init__(daemon=True)
        self.gc = gc
        self.pid = os.getpid()
        self.ready = threading.Event()

    def run(self) -> None:
        """Set :attr:`ready`: there is nothing to wait for."""
        self.ready.set()


class GarbageCollector:
    """GarbageCollector(context=None)

    PyZMQ's zero-copy collector, over this project's release queue.

    Parameters
    ----------
    context : zmq.Context, optional
        Kept as :attr:`context`; nothing uses it.
    """

    url = "inproc://pyzmq.gc.01"

    def __init__(self, context: zmq.Context | None = None) -> None:
        self._context = context
        self._own_context = False
        self._stored: dict[int, gcref] = {}
        self._lock = threading.Lock()
        self.pid: int | None = None

    @property
    def refs(self) -> dict[int, gcref]:
        """The buffers libzmq still uses, and what :meth:`store` holds, by key.

        A new dict at each access: changing it changes nothing.
        """
        refs = {key: gcref(obj, event) for key, obj, event in _zero_copy_refs()}
        refs.update(self._stored)
        return refs

    @property
    def context(self) -> zmq.Context:
        """A Context of the collector's (made when first asked for)."""
        if self._context is None:
            import zmq

            self._context = zmq.Context()
            self._own_context = True
        return self._context

    @context.setter
    def context(self, ctx: zmq.Context | None) -> None:
        self.stop()
        self._context = ctx
        self._own_context = False

    def is_alive(self) -> bool:
        """Whether :meth:`start` (or :meth:`store`) was called in this process,
        and :meth:`stop` not since."""
        return self.pid == os.getpid()

    def start(self) -> None:
        """Mark the collector started; buffers are released either way."""
        with self._lock:
            if self.pid != os.getpid():
                self._stored.clear()
            self.pid = os.getpid()

    def stop(self) -> None:
        """Mark the collector stopped, drop what :meth:`store` holds, and
        terminate the Context it made. Buffers libzmq still uses stay held."""
        with self._lock:
            self.pid = None
            self._stored.clear()
            context, self._context = self._context, None
            own, self._own_context = self._own_context, False
        if own and context is not None:
            context.term()

    def store(self, obj: object, event: object | None = None) -> int:
        """store(obj, event=None)

        Hold ``obj`` (and ``event``) until :meth:`stop`; return its key in :attr:`refs`.
        """
        if not self.is_alive():
            self.start()
        ref = gcref(obj, event)
        self._stored[id(ref)] = ref
        return id(ref)


#: the collector of this process
gc = GarbageCollector()
atexit.register(gc.stop)
