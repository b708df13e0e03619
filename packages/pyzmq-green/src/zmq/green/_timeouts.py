"""Timeouts of the green poll and select, in seconds for gevent.

They take what PyZMQ's do: ``Socket.poll`` and ``Poller.poll`` (PyZMQ's
green ones) wait forever for None, a negative number, infinity and NaN;
``select`` (PyZMQ's is zmq's own) refuses NaN, infinity and a timeout too
long for libzmq, as :func:`zmq.select` does.
"""

from __future__ import annotations

import math
import warnings
from numbers import Real
from typing import Any

from zmq.integration import timeout_seconds, waits_forever

__all__ = ["poll_seconds", "select_seconds"]

# libzmq takes its poll timeout in milliseconds, as a C long
_LONGEST_MS = 2**63 - 1


def _real(timeout: Any) -> float:
    """``timeout`` as a float: PyZMQ's green calls divide it by a float."""
    if isinstance(timeout, Real):
        return float(timeout)
    waits_forever(timeout)  # refuses what is no number, as the blocking calls do
    raise TypeError(f"timeout must be a real number or None, got {type(timeout).__name__}")


def poll_seconds(timeout: Any) -> float | None:
    """Seconds to wait for a poll timeout given in milliseconds (None: forever).

    Raises
    ------
    TypeError
        If ``timeout`` is not a real number or None.
    """
    if timeout is None:
        return None
    milliseconds = _real(timeout)
    if math.isnan(milliseconds):
        warnings.warn(
            "poll(timeout=nan) waits forever, as in PyZMQ's zmq.green: pass None to say so",
            DeprecationWarning,
            stacklevel=3,
        )
        return None
    if math.isinf(milliseconds):
        return None
    return timeout_seconds(milliseconds)


def select_seconds(timeout: Any) -> float | None:
    """Seconds to wait for a select timeout given in seconds (None: forever).

    Raises
    ------
    TypeError
        If ``timeout`` is not a real number or None.
    ValueError
        If ``timeout`` is NaN.
    OverflowError
        If ``timeout`` is infinite, or longer than libzmq can wait.
    """
    if timeout is None:
        return None
    seconds = _real(timeout)
    # abs: minus infinity is refused too, as by PyZMQ's select
    if waits_forever(abs(seconds) if math.isinf(seconds) else seconds):
        return None
    if seconds * 1000 > _LONGEST_MS:
        raise OverflowError(f"timeout is too long: at most {_LONGEST_MS // 1000} seconds")
    return seconds
