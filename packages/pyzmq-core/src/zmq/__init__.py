"""Python bindings for ZeroMQ (libzmq).

>>> import zmq
>>> ctx = zmq.Context()
>>> push = ctx.socket(zmq.PUSH)

This distribution, pyzmq-core, provides ``zmq`` itself; ``zmq.devices``,
``zmq.auth``, ``zmq.green``, ``zmq.ssh``, ``zmq.log`` and ``zmq.anyio`` come from their own
distributions (``pip install pyzmq`` installs them all).
"""

# Must come first: every other distribution installs its subpackage into this
# namespace (zmq.devices, zmq.auth, ...), possibly from another directory on
# sys.path (an editable install); merge those directories into __path__.
from pkgutil import extend_path as _extend_path

__path__ = _extend_path(__path__, __name__)

import os as _os
import typing as _typing

from zmq import backend, constants, error, sugar  # noqa: F401

# "name as name": exported to type checkers, which see no __all__ here (below)
from zmq.backend import IPC_PATH_MAX_LEN as IPC_PATH_MAX_LEN
from zmq.backend import PYZMQ_DRAFT_API as PYZMQ_DRAFT_API
from zmq.backend import curve_keypair as curve_keypair
from zmq.backend import curve_public as curve_public
from zmq.backend import has as has
from zmq.backend import proxy as proxy
from zmq.backend import proxy_steerable as proxy_steerable
from zmq.backend import strerror as strerror
from zmq.backend import zmq_errno as zmq_errno
from zmq.backend import zmq_poll as zmq_poll
from zmq.constants import *  # noqa: F403
from zmq.error import *  # noqa: F403
from zmq.sugar import *  # noqa: F403

#: messages shorter than this are copied even when sent with copy=False
COPY_THRESHOLD: int = backend.COPY_THRESHOLD
#: whether libzmq's draft API (SERVER/CLIENT, RADIO/DISH...) is available
DRAFT_API = PYZMQ_DRAFT_API and has("draft")


def get_includes() -> list[str]:
    """Directories to add to a C/Cython build that cimports zmq.

    Returns
    -------
    list of str
        The directory holding the ``zmq`` package, and ``zmq/utils``; with a
        libzmq bundled (``ZMQ_PREFIX=bundled``), the folder of its headers.
    """
    here = _os.path.dirname(_os.path.abspath(__file__))
    bundled = _os.path.join(here, ".libzmq", "include")
    return [
        _os.path.dirname(here),
        _os.path.join(here, "utils"),
        *([bundled] if _os.path.isdir(bundled) else []),
    ]


def get_library_dirs() -> list[str]:
    """Directories to add to the link of an extension built against zmq.

    With a libzmq bundled (``ZMQ_PREFIX=bundled``), the folder of that library.
    """
    here = _os.path.dirname(_os.path.abspath(__file__))
    bundled = _os.path.join(here, ".libzmq", "lib")
    return [here, *([bundled] if _os.path.isdir(bundled) else [])]


if _typing.TYPE_CHECKING:
    # Type checkers take __all__ only as a list of literal names, and would
    # export nothing else; without one, they export every name star-imported
    # above and every "name as name". zmq.asyncio is in the build, so that
    # "zmq.asyncio.Socket" resolves after "import zmq" (see __getattr__).
    import zmq.asyncio as _asyncio  # noqa: F401
else:
    __all__ = [
        "COPY_THRESHOLD",
        "DRAFT_API",
        "IPC_PATH_MAX_LEN",
        "PYZMQ_DRAFT_API",
        "curve_keypair",
        "curve_public",
        "get_includes",
        "has",
        "proxy",
        "proxy_steerable",
        "strerror",
        "zmq_errno",
        "zmq_poll",
        *constants.__all__,
        *sugar.__all__,
    ]

    def __getattr__(name: str) -> object:
        # zmq.asyncio without importing it first: code written for PyZMQ
        # reaches it after importing modules that import it there
        # (zmq.utils.monitor, zmq.auth.thread)
        if name == "asyncio":
            import zmq.asyncio

            return zmq.asyncio
        raise AttributeError(f"module 'zmq' has no attribute {name!r}")
