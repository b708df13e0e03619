"""The ``timeout`` of the tunnel functions: how long a tunnel waits for its first connection."""

from __future__ import annotations

import math
import warnings
from numbers import Real
from typing import Any

__all__ = ["DEFAULT_TIMEOUT", "setup_seconds", "tunnel_seconds"]

#: PyZMQ's default timeout, in seconds
DEFAULT_TIMEOUT = 60.0


def tunnel_seconds(timeout: Any) -> float:
    """The seconds a tunnel stays up without a connection: ``timeout``, or what PyZMQ made of it.

    A positive number is taken as it is, infinity too (the tunnel then stays
    until it is closed). PyZMQ took anything (it wrote it into the remote
    ``sleep`` command, or ignored it), so the rest warns with a
    :class:`DeprecationWarning`: a number in a string is that number, and
    anything else (0, a negative number, NaN, None...) is the default, 60.
    """
    if isinstance(timeout, Real) and not isinstance(timeout, bool):
        try:
            seconds = float(timeout)
        except OverflowError:  # an int too large for a float: as good as forever
            seconds = math.inf
        if seconds > 0:
            return seconds
    if isinstance(timeout, str):
        try:
            seconds = float(timeout)
        except ValueError:
            pass
        else:
            if seconds > 0:
                _warn(f"timeout should be a number of seconds, not the string {timeout!r}")
                return seconds
    _warn(
        f"timeout must be a positive number of seconds, not {timeout!r}: "
        f"the tunnel uses {DEFAULT_TIMEOUT:g}"
    )
    return DEFAULT_TIMEOUT


def setup_seconds(timeout: float) -> float:
    """The seconds allowed for setting a tunnel up: its timeout, a minute if that is infinite."""
    return timeout if math.isfinite(timeout) else DEFAULT_TIMEOUT


def _warn(message: str) -> None:
    # stacklevel: the caller of openssh_tunnel or paramiko_tunnel
    warnings.warn(message, DeprecationWarning, stacklevel=4)
