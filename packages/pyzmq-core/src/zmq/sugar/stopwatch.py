"""A simple monotonic stopwatch, in microseconds."""

from __future__ import annotations

import time

from zmq.error import ZMQError

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

        Raises
        ------
        zmq.ZMQError
            If the stopwatch was not started.
        """
        if self._start is None:
            raise ZMQError(22, "the stopwatch must be started before it is stopped")
        elapsed = (time.monotonic_ns() - self._start) // 1000
        self._start = None
        return elapsed
