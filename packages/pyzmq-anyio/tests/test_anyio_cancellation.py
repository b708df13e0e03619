"""Cancellation, timeouts, closing and termination while tasks wait, on both backends."""

from __future__ import annotations

import threading

import anyio
import pytest

import zmq

pytestmark = pytest.mark.anyio


async def test_a_cancelled_receive_takes_no_message(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.move_on_after(0.05) as scope:
        await pull.recv()
    assert scope.cancelled_caught
    await push.send(b"kept")
    with anyio.fail_after(10):
        assert await pull.recv() == b"kept"


async def test_a_receive_cancelled_by_its_task_group_takes_no_message(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(pull.recv)
            group.start_soon(pull.recv_multipart)
            await anyio.wait_all_tasks_blocked()
            group.cancel_scope.cancel()
        await push.send(b"kept")
        assert await pull.recv() == b"kept"


async def test_a_receive_woken_then_cancelled_hands_the_message_on(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    got = []

    async def receive(scope_holder):
        with anyio.CancelScope() as scope:
            scope_holder.append(scope)
            got.append(await pull.recv())

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            first, second = [], []
            group.start_soon(receive, first)
            await anyio.wait_all_tasks_blocked()
            group.start_soon(receive, second)
            await anyio.wait_all_tasks_blocked()
            # the message arrives, and the first waiter is cancelled before it runs
            await push.send(b"one")
            first[0].cancel()
        # the second got it instead; nothing was lost
    assert got == [b"one"]


async def test_a_cancelled_send_sends_nothing(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvhwm = push.sndhwm = 1
    with anyio.fail_after(10):
        sent = []
        with anyio.move_on_after(0.2):
            while True:
                await push.send_multipart([b"%d" % len(sent), b"second part"])
                sent.append(b"%d" % len(sent))
        got = []
        while len(got) < len(sent):
            got.append(await pull.recv_multipart())
        assert got == [[number, b"second part"] for number in sent]
        assert not await pull.poll(100)


async def test_rcvtimeo_raises_again(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    pull.rcvtimeo = 30
    with anyio.fail_after(10), pytest.raises(zmq.Again):
        await pull.recv()


async def test_sndtimeo_raises_again(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvhwm = push.sndhwm = 1
    push.sndtimeo = 30
    with anyio.fail_after(10), pytest.raises(zmq.Again):
        while True:
            await push.send(b"x")


async def test_dontwait_raises_again_at_once(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.Again):
        await pull.recv(zmq.DONTWAIT)
    with pytest.raises(zmq.Again):
        await pull.recv_multipart(flags=zmq.NOBLOCK)
    await push.send(b"there")
    with anyio.fail_after(10):
        assert await pull.poll() == zmq.POLLIN
    assert await pull.recv(zmq.DONTWAIT) == b"there"


async def test_dontwait_does_not_overtake_waiting_tasks(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    got = []

    async def receive():
        got.append(await pull.recv())

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(receive)
            await anyio.wait_all_tasks_blocked()
            with pytest.raises(zmq.Again):
                await pull.recv(zmq.DONTWAIT)
            await push.send(b"first come")
    assert got == [b"first come"]


async def test_poll_times_out_with_zero(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.fail_after(10):
        assert await pull.poll(20) == 0
        assert await pull.poll(0) == 0
        assert await push.poll(20, zmq.POLLOUT) == zmq.POLLOUT
        await push.send(b"x")
        assert await pull.poll(None) == zmq.POLLIN
        assert await pull.poll(-1, zmq.POLLIN | zmq.POLLOUT) == zmq.POLLIN
        assert await pull.recv() == b"x"


@pytest.mark.parametrize("method", ["recv", "recv_multipart", "poll"])
async def test_closing_wakes_waiters_with_enotsock(pair, method):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    errors = []

    async def wait():
        try:
            await getattr(pull, method)()
        except zmq.ZMQError as error:
            errors.append(error.errno)

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(wait)
            await anyio.wait_all_tasks_blocked()
            pull.close()
    assert errors == [zmq.ENOTSOCK] * 3


async def test_closing_a_sending_socket_wakes_its_waiters(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvhwm = push.sndhwm = 1
    errors = []

    async def fill():
        try:
            while True:
                await push.send(b"x")
        except zmq.ZMQError as error:
            errors.append(error.errno)

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(fill)
            await anyio.wait_all_tasks_blocked()
            push.close()
    assert errors == [zmq.ENOTSOCK]


async def _errno_of_waiting(receive, interrupt):
    """The errno that ``receive()`` fails with when ``interrupt()`` runs while it waits."""
    errors = []

    async def wait():
        try:
            await receive()
        except zmq.ZMQError as error:
            errors.append(error.errno)

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(wait)
            await anyio.wait_all_tasks_blocked()
            await interrupt()
    assert len(errors) == 1
    return errors[0]


async def test_closing_through_another_wrapper_wakes_waiters(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    blocking = zmq.Socket.shadow(pull.underlying)

    async def close():
        blocking.close()

    assert await _errno_of_waiting(pull.recv, close) == zmq.ENOTSOCK


async def test_closing_from_a_thread_wakes_waiters(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)

    async def close():
        await anyio.to_thread.run_sync(pull.close)

    assert await _errno_of_waiting(pull.recv, close) == zmq.ENOTSOCK


async def test_destroying_the_context_from_a_thread_wakes_waiters(ctx):
    pull = ctx.socket(zmq.PULL)
    pull.bind("inproc://destroyed")

    async def destroy():
        await anyio.to_thread.run_sync(ctx.destroy, 0)

    assert await _errno_of_waiting(pull.recv, destroy) in (zmq.ENOTSOCK, zmq.ETERM)


async def test_terminating_the_context_wakes_waiters_with_context_terminated():
    import zmq.anyio

    ctx = zmq.anyio.Context()
    pull = ctx.socket(zmq.PULL)
    pull.bind("inproc://terminated")
    errors = []

    async def receive():
        try:
            await pull.recv()
        except zmq.ContextTerminated as error:
            errors.append(error)

    terminated = threading.Event()

    def term():
        ctx.term()
        terminated.set()

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(receive)
            group.start_soon(receive)
            await anyio.wait_all_tasks_blocked()
            thread = threading.Thread(target=term)
            thread.start()
        assert len(errors) == 2
        pull.close()
        await anyio.to_thread.run_sync(thread.join)
    assert terminated.is_set()


async def test_many_waiters_are_served_in_order(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    got = []

    async def receive(number):
        got.append((number, await pull.recv()))

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            for number in range(20):
                group.start_soon(receive, number)
                await anyio.wait_all_tasks_blocked()
            for number in range(20):
                await push.send(b"%d" % number)
    assert got == [(number, b"%d" % number) for number in range(20)]


async def test_cancelled_waiters_leave_the_queue_in_order(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    got = []

    async def receive(number, scopes):
        with anyio.CancelScope() as scope:
            scopes[number] = scope
            got.append((number, await pull.recv()))

    with anyio.fail_after(10):
        scopes = {}
        async with anyio.create_task_group() as group:
            for number in range(10):
                group.start_soon(receive, number, scopes)
                await anyio.wait_all_tasks_blocked()
            for number in range(0, 10, 2):
                scopes[number].cancel()
            for number in range(5):
                await push.send(b"%d" % number)
    assert got == [(waiter, b"%d" % n) for n, waiter in enumerate(range(1, 10, 2))]


async def test_receivers_and_senders_wait_on_one_socket_together(pair):
    first, second = pair(zmq.PAIR, zmq.PAIR)
    first.sndhwm = first.rcvhwm = second.sndhwm = second.rcvhwm = 2
    count = 300

    async def send_all():
        for number in range(count):
            await first.send(b"%d" % number)

    async def echo():
        for _ in range(count):
            await second.send(await second.recv())

    with anyio.fail_after(20):
        async with anyio.create_task_group() as group:
            group.start_soon(send_all)
            group.start_soon(echo)
            assert [await first.recv() for _ in range(count)] == [b"%d" % n for n in range(count)]
