"""zmq.anyio.Poller: zmq sockets of any class and file descriptors, on both backends."""

from __future__ import annotations

import socket

import anyio
import pytest

import zmq
import zmq.anyio

pytestmark = pytest.mark.anyio


async def test_poll_finds_what_is_ready(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    poller = zmq.anyio.Poller()
    poller.register(pull, zmq.POLLIN)
    poller.register(push, zmq.POLLOUT)
    with anyio.fail_after(10):
        assert await poller.poll(0) == [(push, zmq.POLLOUT)]
        poller.unregister(push)
        assert await poller.poll(20) == []
        await push.send(b"x")
        assert await poller.poll() == [(pull, zmq.POLLIN)]


async def test_poll_waits_for_any_of_several(pair):
    first, _ = pair(zmq.PULL, zmq.PUSH)
    second, second_peer = pair(zmq.PULL, zmq.PUSH)
    blocking = zmq.Socket.shadow(second.underlying)
    poller = zmq.anyio.Poller()
    poller.register(first, zmq.POLLIN)
    poller.register(blocking, zmq.POLLIN)

    async def send_later():
        await anyio.wait_all_tasks_blocked()
        await second_peer.send(b"second")

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(send_later)
            assert await poller.poll() == [(blocking, zmq.POLLIN)]
        assert await second.recv() == b"second"


async def test_poll_watches_file_descriptors():
    left, right = socket.socketpair()
    with left, right:
        poller = zmq.anyio.Poller()
        poller.register(left, zmq.POLLIN)
        poller.register(right.fileno(), zmq.POLLOUT)
        with anyio.fail_after(10):
            assert await poller.poll() == [(right.fileno(), zmq.POLLOUT)]
            poller.unregister(right.fileno())
            assert await poller.poll(20) == []

            async def write_later():
                await anyio.wait_all_tasks_blocked()
                right.send(b"!")

            async with anyio.create_task_group() as group:
                group.start_soon(write_later)
                assert await poller.poll() == [(left.fileno(), zmq.POLLIN)]


async def test_an_empty_poller_times_out():
    with anyio.fail_after(10):
        assert await zmq.anyio.Poller().poll(20) == []


async def test_a_cancelled_poll_leaves_the_sockets_usable(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    poller = zmq.anyio.Poller()
    poller.register(pull, zmq.POLLIN)
    with anyio.move_on_after(0.05):
        await poller.poll()
    await push.send(b"after")
    with anyio.fail_after(10):
        assert await pull.recv() == b"after"


async def test_a_socket_closed_while_polled_raises_a_zmq_error(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    poller = zmq.anyio.Poller()
    poller.register(pull, zmq.POLLIN)

    errors = []

    async def poll():
        try:
            await poller.poll()
        except zmq.ZMQError as error:
            errors.append(error.errno)

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(poll)
            await anyio.wait_all_tasks_blocked()
            pull.close()
    assert errors == [zmq.ENOTSOCK]


@pytest.mark.parametrize(
    ("timeout", "error"),
    [("soon", TypeError), (float("nan"), ValueError), (float("inf"), OverflowError)],
)
async def test_bad_timeouts(pair, timeout, error):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    poller = zmq.anyio.Poller()
    poller.register(pull, zmq.POLLIN)
    with pytest.raises(error):
        await poller.poll(timeout)
    with pytest.raises(error):
        await pull.poll(timeout)
