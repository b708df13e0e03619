"""The compiled layer of zmq, the only code that calls libzmq.

``zmq.backend.Socket`` and friends are the compiled base classes of
:class:`zmq.Socket` & co.
"""

from zmq.backend.cython import *  # noqa: F403
from zmq.backend.cython import __all__ as _backend_all


def zmq_version() -> str:
    """Return the version of the linked libzmq as a string, e.g. ``'4.3.4'``."""
    return "{}.{}.{}".format(*zmq_version_info())  # noqa: F405


__all__ = [*_backend_all, "zmq_version"]
