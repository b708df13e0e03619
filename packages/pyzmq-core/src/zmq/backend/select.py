"""PyZMQ's backend selection, kept for code that calls it: this project has
one backend, the compiled module ``zmq.backend.cython``.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import import_module
from typing import Any, Callable

__all__ = ["public_api", "select_backend"]

#: the names every backend provides, as in PyZMQ
public_api = [
    "Context",
    "Socket",
    "Frame",
    "Message",
    "proxy",
    "proxy_steerable",
    "zmq_poll",
    "strerror",
    "zmq_errno",
    "has",
    "curve_keypair",
    "curve_public",
    "zmq_version_info",
    "IPC_PATH_MAX_LEN",
    "PYZMQ_DRAFT_API",
]


def monitored_queue_function() -> Callable[..., Any]:
    """The ``monitored_queue`` PyZMQ's backend has, which pyzmq-devices provides here.

    Raises
    ------
    ImportError
        If pyzmq-devices is not installed (the message says so).
    """
    try:
        from zmq.devices.monitoredqueue import monitored_queue
    except ModuleNotFoundError as error:
        if error.name != "zmq.devices":
            raise
        raise ImportError(
            "monitored_queue is in pyzmq-devices, which is not installed: "
            "pip install pyzmq-devices",
            name=error.name,
        ) from error
    return monitored_queue


def select_backend(name: str) -> dict[str, Any]:
    """select_backend(name)

    The namespace of the backend module ``name`` (``"zmq.backend.cython"``):
    the names of :data:`public_api`, and ``monitored_queue`` when
    pyzmq-devices is installed.

    Raises
    ------
    ImportError
        If the module cannot be imported (as in PyZMQ, also when importing
        it raises something else).
    """
    try:
        module = import_module(name)
    except ImportError:
        raise
    except Exception as error:
        raise ImportError(f"Importing {name} failed with {error}") from error
    namespace = {key: getattr(module, key) for key in public_api}
    with suppress(ImportError):
        namespace["monitored_queue"] = monitored_queue_function()
    return namespace
