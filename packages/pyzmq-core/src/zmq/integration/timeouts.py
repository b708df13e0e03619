"""Timeouts as the blocking calls take them, for integrations that wait elsewhere.

A blocking ``poll``, ``Poller.poll``, ``MessageTracker.wait`` and the
awaitable sockets all validate a timeout the same way, with the same errors:
an integration that waits in its own event loop uses these to do the same.
"""

from __future__ import annotations

from zmq.backend.cython._zmq import waits_forever

__all__ = ["timeout_seconds", "waits_forever"]


def timeout_seconds(timeout: float | None) -> float | None:
    """Seconds to wait for a timeout given in milliseconds, as ``poll`` takes it.

    Parameters
    ----------
    timeout : float or None
        Milliseconds; None or a negative number waits forever.

    Returns
    -------
    float or None
        The timeout in seconds, or None to wait forever.

    Raises
    ------
    TypeError
        If ``timeout`` is not a number or None.
    ValueError
        If ``timeout`` is NaN.
    OverflowError
        If ``timeout`` is infinite (None waits forever).
    """
    return None if timeout is None or waits_forever(timeout) else timeout / 1000
