"""The compiled layer of zmq, the only code that calls libzmq.

``zmq.backend.Socket`` and friends are the compiled base classes of
:class:`zmq.Socket` & co. ``zmq.backend.monitored_queue`` is pyzmq-devices'
(imported when first asked for: an ImportError says to install it).
"""

from importlib.util import find_spec
from typing import Any

from zmq.backend import select as select
from zmq.backend.cython import *  # noqa: F403
from zmq.backend.cython import __all__ as _backend_all
from zmq.backend.select import monitored_queue_function
from zmq.backend.select import select_backend as select_backend


def zmq_version() -> str:
    """Return the version of the linked libzmq as a string, e.g. ``'4.3.4'``."""
    return "{}.{}.{}".format(*zmq_version_info())  # noqa: F405


def __getattr__(name: str) -> Any:
    if name == "monitored_queue":
        return monitored_queue_function()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [*_backend_all, "zmq_version"]
# listed only when pyzmq-devices is there (found, not imported): "import *"
# and tools that walk dir() then get no ImportError
if find_spec("zmq.devices") is not None:
    __all__.append("monitored_queue")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
