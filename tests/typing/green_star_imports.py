"""``from zmq.green import *`` gives type checkers the green classes and every other name."""

from __future__ import annotations

from zmq.green import *  # noqa: F403
from zmq.green.core import Socket as GreenSocket


def pull(context: Context) -> GreenSocket[bytes]:  # noqa: F405
    sock = context.socket(PULL)  # noqa: F405
    sock.setsockopt(LINGER, 0)  # noqa: F405
    ready: list[tuple[GreenSocket[bytes] | int, int]] = Poller().poll(0)  # noqa: F405
    assert not ready
    return sock
