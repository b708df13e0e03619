"""Timeouts given in milliseconds, as the blocking API takes them."""

from __future__ import annotations

from zmq.backend.cython._zmq import _waits_forever

__all__ = ["delay_of"]


def delay_of(timeout: float | None) -> float | None:
    """The delay in seconds of a timeout in milliseconds; None: no limit.

    Raises
    ------
    TypeError, ValueError, OverflowError
        For what the blocking API refuses too: a non-number, NaN, infinity.
    """
    if _waits_forever(timeout):
        return None
    return float(timeout) / 1000  # type: ignore[arg-type]
