"""A simple monotonic stopwatch, in microseconds (deprecated, as in PyZMQ)."""

from __future__ import annotations

import time
import warnings

__all__ = ["Stopwatch"]


class Stopwatch:
    """Stopwatch()

    Measure elapsed time in microseconds on a monotonic clock.

    Deprecated, as in PyZMQ (making one warns): use :func:`time.monotonic`.
    """

    _start: int

    def __init__(self) -> None:
        warnings.warn(
            "zmq.Stopwatch is deprecated: use time.monotonic() and friends",
            DeprecationWarning,
            stacklevel=2,
        )
        # PyZMQ's origin: stop() before start() measures from the clock's origin
        self._start = 0

    def start(self) -> None:
        """Start (or restart) the stopwatch."""
        self._start = time.monotonic_ns()

    def stop(self) -> int:
        """Return the microseconds since :meth:`start`.

        The stopwatch keeps running: each call measures from the same start.
        """
        return (time.monotonic_ns() - self._start) // 1000
