"""Versions of pyzmq-core and of the libzmq it is linked with."""

from __future__ import annotations

from zmq.backend import zmq_version, zmq_version_info

__version__ = "27.3.0"
__revision__ = ""

VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH = (int(part) for part in __version__.split(".")[:3])
#: a suffix such as "dev" for development builds, "" for releases
VERSION_EXTRA = ""
#: the version of pyzmq-core as a tuple of ints
version_info = (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH)

__all__ = [
    "__revision__",
    "__version__",
    "pyzmq_version",
    "pyzmq_version_info",
    "zmq_version",
    "zmq_version_info",
]


def pyzmq_version() -> str:
    """Return the version of pyzmq-core as a string."""
    return __version__


def pyzmq_version_info() -> tuple[int, int, int] | tuple[int, int, int, float]:
    """Return the version of pyzmq-core as a tuple of numbers.

    Development builds get a fourth member, ``inf``, so that they compare
    greater than the release they lead to.
    """
    if VERSION_EXTRA:
        return (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH, float("inf"))
    return (VERSION_MAJOR, VERSION_MINOR, VERSION_PATCH)
