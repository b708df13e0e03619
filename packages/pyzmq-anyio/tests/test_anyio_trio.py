"""zmq.anyio under trio.run, with trio's own primitives only in the caller's code."""

from __future__ import annotations

from typing import Any, Callable

import trio
import trio.testing

import zmq
import zmq.anyio


def run(body: Callable[[zmq.anyio.Context], Any]) -> None:
    async def main() -> None:
        with zmq.anyio.Context() as ctx, trio.fail_after(10):
            await body(ctx)

    trio.run(main)


def test_push_pull_req_rep():
    async def body(ctx):
        with ctx.socket(zmq.PULL) as pull, ctx.socket(zmq.PUSH) as push:
            pull.bind("inproc://trio-push")
            push.connect("inproc://trio-push")
            async with trio.open_nursery() as nursery:
                nursery.start_soon(push.send_multipart, [b"a", b"b"])
                assert await pull.recv_multipart() == [b"a", b"b"]
        with ctx.socket(zmq.REP) as rep, ctx.socket(zmq.REQ) as req:
            port = rep.bind_to_random_port("tcp://127.0.0.1")
            req.connect(f"tcp://127.0.0.1:{port}")

            async def serve():
                await rep.send_json({"echo": await rep.recv_json()})

            async with trio.open_nursery() as nursery:
                nursery.start_soon(serve)
                await req.send_json([1, 2])
                assert await req.recv_json() == {"echo": [1, 2]}

    run(body)


def test_cancelled_receive_under_move_on_after_keeps_the_message():
    async def body(ctx):
        with ctx.socket(zmq.PULL) as pull, ctx.socket(zmq.PUSH) as push:
            pull.bind("inproc://trio-cancel")
            push.connect("inproc://trio-cancel")
            with trio.move_on_after(0.02) as scope:
                await pull.recv()
            assert scope.cancelled_caught
            await push.send(b"kept")
            assert await pull.recv() == b"kept"

    run(body)


def test_nursery_cancellation_of_many_waiters_then_order():
    async def body(ctx):
        with ctx.socket(zmq.PULL) as pull, ctx.socket(zmq.PUSH) as push:
            pull.bind("inproc://trio-order")
            push.connect("inproc://trio-order")
            async with trio.open_nursery() as nursery:
                for _ in range(5):
                    nursery.start_soon(pull.recv)
                await trio.testing.wait_all_tasks_blocked()
                nursery.cancel_scope.cancel()
            got = []

            async def receive(number):
                got.append((number, await pull.recv()))

            async with trio.open_nursery() as nursery:
                for number in range(5):
                    nursery.start_soon(receive, number)
                    await trio.testing.wait_all_tasks_blocked()
                for number in range(5):
                    await push.send(b"%d" % number)
            assert got == [(n, b"%d" % n) for n in range(5)]

    run(body)


def test_closing_wakes_a_trio_waiter_with_enotsock():
    async def body(ctx):
        pull = ctx.socket(zmq.PULL)
        pull.bind("inproc://trio-close")
        errors = []

        async def receive():
            try:
                await pull.recv()
            except zmq.ZMQError as error:
                errors.append(error.errno)

        async with trio.open_nursery() as nursery:
            nursery.start_soon(receive)
            await trio.testing.wait_all_tasks_blocked()
            pull.close()
        assert errors == [zmq.ENOTSOCK]

    run(body)


def test_poll_and_poller_time_out():
    async def body(ctx):
        with ctx.socket(zmq.PULL) as pull:
            pull.bind("inproc://trio-poll")
            assert await pull.poll(10) == 0
            poller = zmq.anyio.Poller()
            poller.register(pull, zmq.POLLIN)
            assert await poller.poll(10) == []

    run(body)


def test_a_trio_task_and_a_trio_thread():
    async def body(ctx):
        with ctx.socket(zmq.PULL) as pull:
            port = pull.bind_to_random_port("tcp://127.0.0.1")

            def produce():
                with zmq.Context.instance().socket(zmq.PUSH) as push:
                    push.connect(f"tcp://127.0.0.1:{port}")
                    for number in range(50):
                        push.send(b"%d" % number)

            async with trio.open_nursery() as nursery:
                nursery.start_soon(trio.to_thread.run_sync, produce)
                got = [await pull.recv() for _ in range(50)]
            assert got == [b"%d" % n for n in range(50)]

    run(body)
