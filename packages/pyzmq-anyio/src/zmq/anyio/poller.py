"""zmq.anyio.Poller: wait for events on several sockets and descriptors at once."""

from __future__ import annotations

from typing import Any

import anyio

import zmq
from zmq.anyio._waiting import wait_events
from zmq.integration import timeout_seconds

__all__ = ["Poller"]

_POLLIN = int(zmq.POLLIN)
_POLLOUT = int(zmq.POLLOUT)


class Poller(zmq.Poller):
    """Poller()

    A :class:`zmq.Poller` whose :meth:`poll` is a coroutine. It may mix
    zmq sockets of any class (zmq.anyio, blocking, shadows) and file
    descriptors (an int, or an object with ``fileno()``).
    """

    async def poll(  # type: ignore[override]
        self, timeout: float | None = None
    ) -> list[tuple[Any, int]]:
        """poll(timeout=None)

        Wait until some registered item is ready, at most ``timeout``
        milliseconds (None or negative: no limit).

        Returns
        -------
        list of (socket or fd, events)
            What is ready, as :meth:`zmq.Poller.poll` gives it; empty on timeout.
        """
        delay = timeout_seconds(timeout)
        ready: list[tuple[Any, int]] = super().poll(0)
        if ready or delay == 0:
            return ready
        with anyio.move_on_after(delay):
            while True:
                failures: list[BaseException] = []
                async with anyio.create_task_group() as group:
                    if not self.sockets:
                        await anyio.sleep_forever()
                    for item, flags in self.sockets:
                        if isinstance(item, zmq.Socket):
                            group.start_soon(_first_of, group, failures, wait_events, item, flags)
                            continue
                        if flags & _POLLIN:
                            group.start_soon(_first_of, group, failures, anyio.wait_readable, item)
                        if flags & _POLLOUT:
                            group.start_soon(_first_of, group, failures, anyio.wait_writable, item)
                if failures:
                    raise failures[0]
                ready = super().poll(0)
                if ready:
                    return ready
        return []


async def _first_of(
    group: anyio.abc.TaskGroup, failures: list[BaseException], wait: Any, *args: Any
) -> None:
    """Run one wait of a poll: the first to end (or fail) ends the others."""
    try:
        await wait(*args)
    except Exception as error:
        # raised by poll itself, not as an exception group
        failures.append(error)
    group.cancel_scope.cancel()
