"""Cancellation at any point, chosen by hypothesis: never a lost or duplicated message.

Each operation runs in a cancel scope that another task cancels after a
number of scheduler steps that hypothesis draws, so that the cancellation
strikes before, during or after the wait, and sometimes as the message
arrives. Each example runs its own event loop, on each backend.
"""

from __future__ import annotations

from typing import Any, Callable

import anyio
import anyio.lowlevel
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zmq
import zmq.anyio

BACKENDS = ["asyncio", "trio"]
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# None: not cancelled; n: cancelled after n scheduler steps
cancel_points = st.lists(st.none() | st.integers(0, 6), min_size=1, max_size=30)


async def _cancel_after(steps: int, scope: anyio.CancelScope) -> None:
    for _ in range(steps):
        await anyio.lowlevel.checkpoint()
    scope.cancel()


async def _attempt(
    group: anyio.abc.TaskGroup, steps: int | None, operation: Callable[[], Any]
) -> tuple[bool, Any]:
    """(True, result) if ``operation()`` completed, (False, None) if cancelled."""
    with anyio.CancelScope() as scope:
        if steps is not None:
            group.start_soon(_cancel_after, steps, scope)
        return True, await operation()
    return False, None


def _run(backend: str, hwm: int, body: Callable[[Any, Any], Any]) -> None:
    """Run ``await body(pull, push)`` on ``backend``, with a connected pair of sockets."""

    async def main() -> None:
        with (
            zmq.anyio.Context() as ctx,
            ctx.socket(zmq.PULL) as pull,
            ctx.socket(zmq.PUSH) as push,
        ):
            pull.linger = push.linger = 0
            pull.rcvhwm = push.sndhwm = hwm
            port = pull.bind_to_random_port("tcp://127.0.0.1")
            push.connect(f"tcp://127.0.0.1:{port}")
            with push, anyio.fail_after(20):
                await body(pull, push)

    anyio.run(main, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
@given(receives=cancel_points, multipart=st.booleans())
@EXAMPLES
def test_cancelled_receives_lose_and_duplicate_nothing(backend, receives, multipart):
    async def body(pull, push):
        count = len(receives)
        sent = [[b"%d" % n, b"part"] if multipart else [b"%d" % n] for n in range(count)]
        got = []

        async def produce():
            for parts in sent:
                await anyio.lowlevel.checkpoint()
                await push.send_multipart(parts)

        async with anyio.create_task_group() as group:
            group.start_soon(produce)
            for steps in receives:
                done, parts = await _attempt(group, steps, pull.recv_multipart)
                if done:
                    got.append(parts)
            while len(got) < count:
                got.append(await pull.recv_multipart())
        assert got == sent
        assert await pull.poll(10) == 0

    _run(backend, 1000, body)


@pytest.mark.parametrize("backend", BACKENDS)
@given(sends=cancel_points)
@EXAMPLES
def test_cancelled_sends_send_all_or_nothing(backend, sends):
    async def body(pull, push):
        completed = []
        got = []

        async def consume():
            while True:
                await anyio.lowlevel.checkpoint()
                got.append(await pull.recv_multipart())

        async with anyio.create_task_group() as group:
            group.start_soon(consume)
            for number, steps in enumerate(sends):
                parts = [b"%d" % number, b"second", b"third"]
                done, _ = await _attempt(group, steps, lambda p=parts: push.send_multipart(p))
                if done:
                    completed.append(parts)
            while len(got) < len(completed):
                await anyio.sleep(0.001)
            assert await pull.poll(10) == 0
            group.cancel_scope.cancel()
        assert got == completed

    _run(backend, 1, body)


@pytest.mark.parametrize("backend", BACKENDS)
@given(waiters=st.lists(st.none() | st.integers(0, 4), min_size=1, max_size=12))
@EXAMPLES
def test_many_waiters_some_cancelled_get_each_message_once(backend, waiters):
    async def body(pull, push):
        got: list[bytes] = []

        async def receive(steps, group):
            done, message = await _attempt(group, steps, pull.recv)
            if done:
                got.append(message)

        async with anyio.create_task_group() as group:
            for steps in waiters:
                group.start_soon(receive, steps, group)
            await anyio.lowlevel.checkpoint()
            for number in range(len(waiters)):
                await push.send(b"%d" % number)
        leftover = []
        while len(got) + len(leftover) < len(waiters):
            leftover.append(await pull.recv())
        assert await pull.poll(10) == 0
        assert sorted(got + leftover, key=int) == [b"%d" % n for n in range(len(waiters))]
        # the waiters that got one got them in the order they were sent
        assert got == sorted(got, key=int)

    _run(backend, 1000, body)
