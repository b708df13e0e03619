"""A simple monotonic stopwatch, in microseconds."""

from __future__ import annotations

import time
import warnings

__all__ = ["Stopwatch"]


class Stopwatch:
    """Stopwatch()

    Measure elapsed time in microseconds on a monotonic clock.
    """

    _start: int | None

    def __init__(self) -> None:
        self._start = None

    def start(self) -> None:
        """Start (or restart) the stopwatch."""
        self._start = time.monotonic_ns()

    def stop(self) -> int:
        """Stop the stopwatch and return the microseconds since :meth:`start`.

        Stopping a stopwatch that was not started warns, and gives the
        microseconds since the monotonic clock's origin, as PyZMQ does.
        """
        if self._start is None:
            # PyZMQ measures from its clock's origin then
            warnings.warn(
                "Stopwatch.stop() before start(): the time since the clock's origin",
                DeprecationWarning,
                stacklevel=2,
            )
        elapsed = (time.monotonic_ns() - (self._start or 0)) // 1000
        self._start = None
        return elapsed
