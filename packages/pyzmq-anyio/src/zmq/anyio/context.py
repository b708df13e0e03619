"""zmq.anyio.Context: a zmq context that makes zmq.anyio sockets."""

from __future__ import annotations

from typing import Any, ClassVar

import zmq
from zmq.anyio.socket import Socket

__all__ = ["Context"]


class Context(zmq.Context[Socket]):
    """Context(io_threads=1, shadow=0)

    A :class:`zmq.Context` whose sockets are :class:`zmq.anyio.Socket`.
    Given a context of any class (``Context(other)``, or
    ``Context.shadow(other.underlying)``), it wraps the same libzmq context.
    """

    _repr_cls: ClassVar[str] = "zmq.anyio.Context"
    # Context.instance() of this class is its own, not zmq.Context's
    _instance: ClassVar[Any] = None

    def socket(
        self, socket_type: int, socket_class: type[zmq.Socket[Any]] | None = None, **kwargs: Any
    ) -> Any:
        """socket(socket_type, socket_class=None, **kwargs)

        Make a :class:`zmq.anyio.Socket` (or a ``socket_class``) of this context.
        """
        return super().socket(socket_type, socket_class or Socket, **kwargs)
