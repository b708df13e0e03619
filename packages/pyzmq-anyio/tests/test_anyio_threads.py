"""zmq.anyio beside the blocking API: other threads, other wrappers of one socket."""

from __future__ import annotations

import threading

import anyio
import pytest

import zmq

pytestmark = pytest.mark.anyio


async def test_a_thread_sends_with_the_blocking_api(ctx):
    pull = ctx.socket(zmq.PULL)
    pull.linger = 0
    port = pull.bind_to_random_port("tcp://127.0.0.1")

    def produce():
        with zmq.Context.instance().socket(zmq.PUSH) as push:
            push.connect(f"tcp://127.0.0.1:{port}")
            for number in range(200):
                push.send(b"%d" % number)

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(anyio.to_thread.run_sync, produce)
            got = [await pull.recv() for _ in range(200)]
    assert got == [b"%d" % n for n in range(200)]


async def test_waiters_wake_while_another_thread_consumes_the_fd_edge(pair):
    """Another thread reads EVENTS through a blocking wrapper of the same socket,
    over and over: each read resets the edge-triggered FD, and the waiting
    task must still wake for every message (the core's edge hook tells it)."""
    pull, push = pair(zmq.PULL, zmq.PUSH)
    blocking = zmq.Socket.shadow(pull.underlying)
    stop = threading.Event()

    def consume_edges():
        while not stop.is_set():
            blocking.get(zmq.EVENTS)

    thread = threading.Thread(target=consume_edges)
    thread.start()
    try:
        with anyio.fail_after(20):
            for number in range(50):
                async with anyio.create_task_group() as group:

                    async def send_later(n=number):
                        await anyio.sleep(0.001)
                        await push.send(b"%d" % n)

                    group.start_soon(send_later)
                    assert await pull.recv() == b"%d" % number
    finally:
        stop.set()
        thread.join()


async def test_a_blocking_wrapper_in_the_loop_thread_does_not_hide_messages(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    blocking = zmq.Socket.shadow(pull.underlying)
    got = []

    async def receive():
        got.append(await pull.recv())

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(receive)
            await anyio.wait_all_tasks_blocked()
            await push.send(b"seen")
            # the blocking wrapper processes the socket's commands (and the FD's
            # edge) before the loop looks at the FD
            while not blocking.poll(0):
                pass
    assert got == [b"seen"]


async def test_blocking_and_awaiting_receivers_share_the_messages(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    for number in range(10):
        await push.send(b"%d" % number)
    with anyio.fail_after(10):
        assert await pull.poll() == zmq.POLLIN
        blocking = zmq.Socket.shadow(pull.underlying)
        first = blocking.recv()
        rest = [await pull.recv() for _ in range(9)]
    assert [first, *rest] == [b"%d" % n for n in range(10)]


async def test_waiting_from_two_event_loops_is_refused(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    errors = []

    def other_loop():
        async def wait():
            with anyio.move_on_after(0.5):
                await pull.recv()

        try:
            anyio.run(wait)
        except RuntimeError as error:
            errors.append(str(error))

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(pull.recv)
            await anyio.wait_all_tasks_blocked()
            await anyio.to_thread.run_sync(other_loop)
            group.cancel_scope.cancel()
    assert errors and "one event loop at a time" in errors[0]
