"""zmq.integration.timeouts: one validation of timeouts, as the blocking calls do it."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest

import zmq
from zmq.integration import timeout_seconds, waits_forever


@pytest.mark.parametrize("timeout", [None, -1, -0.5, -math.inf, Decimal(-2)])
def test_none_and_negative_timeouts_wait_forever(timeout):
    assert waits_forever(timeout) is True
    assert timeout_seconds(timeout) is None


@pytest.mark.parametrize(
    ("timeout", "seconds"),
    [(0, 0.0), (1, 0.001), (1500, 1.5), (2.5, 0.0025), (True, 0.001), (Fraction(1, 2), 0.0005)],
)
def test_other_timeouts_are_milliseconds(timeout, seconds):
    assert waits_forever(timeout) is False
    assert timeout_seconds(timeout) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("timeout", "error", "message"),
    [
        ("10", TypeError, "timeout must be a number or None, got str"),
        ([], TypeError, "timeout must be a number or None, got list"),
        (object(), TypeError, "timeout must be a number or None, got object"),
        (math.nan, ValueError, "timeout must be a number, not NaN"),
        (math.inf, OverflowError, r"timeout must be finite \(None waits forever\)"),
    ],
)
def test_bad_timeouts_are_refused_with_the_blocking_calls_errors(timeout, error, message, pair):
    with pytest.raises(error, match=message):
        waits_forever(timeout)
    with pytest.raises(error, match=message):
        timeout_seconds(timeout)
    # the blocking poll refuses it the same way
    _a, b = pair()
    with pytest.raises(error, match=message):
        b.poll(timeout)
    with pytest.raises(error, match=message):
        zmq.Poller().poll(timeout)
