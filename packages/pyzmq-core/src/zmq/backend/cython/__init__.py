"""The Cython backend of zmq: the compiled module ``_zmq``."""

try:
    from zmq.backend.cython import _zmq  # noqa: F401
except ImportError as error:  # pragma: no cover - only without a build
    raise ImportError(
        "zmq's compiled backend is missing: pyzmq-core must be installed with "
        "'pip install pyzmq-core' (or, in a source checkout, 'tools/setup'), "
        f"not imported from its sources ({error})"
    ) from error

from zmq.backend.cython._zmq import (
    COPY_THRESHOLD,
    IPC_PATH_MAX_LEN,
    PYZMQ_DRAFT_API,
    Context,
    Frame,
    Message,
    Poller,
    Socket,
    curve_keypair,
    curve_public,
    device,
    has,
    proxy,
    proxy_steerable,
    strerror,
    zmq_errno,
    zmq_poll,
    zmq_version_info,
)

__all__ = [
    "COPY_THRESHOLD",
    "IPC_PATH_MAX_LEN",
    "PYZMQ_DRAFT_API",
    "Context",
    "Frame",
    "Message",
    "Poller",
    "Socket",
    "curve_keypair",
    "curve_public",
    "device",
    "has",
    "proxy",
    "proxy_steerable",
    "strerror",
    "zmq_errno",
    "zmq_poll",
    "zmq_version_info",
]
