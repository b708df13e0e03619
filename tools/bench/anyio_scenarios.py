"""PUSH to PULL throughput of one async implementation, in this process.

Run by bench_anyio.py in fresh processes, under this project's interpreter
(zmq.anyio, zmq.asyncio) or the reference's (the zmq-anyio package over
PyZMQ). Prints one JSON line: messages per second at the receiver.

Usage: python anyio_scenarios.py IMPLEMENTATION BACKEND TRANSPORT [MESSAGES]
  IMPLEMENTATION  zmq.anyio | zmq.asyncio | zmq-anyio
  BACKEND         asyncio | trio (anyio.run) | trio-alone (trio.run; zmq.anyio only)
  TRANSPORT       tcp | inproc
  MESSAGES        how many (default 100000)
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, Callable

import anyio

import zmq

COUNT = int(sys.argv[4]) if len(sys.argv) > 4 else 100_000
PAYLOAD = b"x" * 100


def _pair(ctx: zmq.Context[Any], transport: str) -> tuple[zmq.Socket[Any], zmq.Socket[Any]]:
    pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    pull.rcvhwm = push.sndhwm = 10_000
    if transport == "tcp":
        push.connect(f"tcp://127.0.0.1:{pull.bind_to_random_port('tcp://127.0.0.1')}")
    else:
        pull.bind("inproc://bench")
        push.connect("inproc://bench")
    return pull, push


async def _run(
    send: Callable[[bytes], Any], recv: Callable[[], Any], spawn: Callable[..., Any]
) -> float:
    """Time COUNT - 1 receives, from the first message on, with a producer task."""

    async def produce() -> None:
        for _ in range(COUNT):
            await send(PAYLOAD)

    await spawn(produce)
    await recv()
    start = time.perf_counter()
    for _ in range(COUNT - 1):
        await recv()
    return time.perf_counter() - start


async def ours(transport: str) -> float:
    import zmq.anyio

    with zmq.anyio.Context() as ctx:
        pull, push = _pair(ctx, transport)
        with pull, push:
            async with anyio.create_task_group() as group:

                async def spawn(function: Callable[[], Any]) -> None:
                    group.start_soon(function)

                return await _run(push.send, pull.recv, spawn)
    raise AssertionError("unreachable")


async def asyncio_ours(transport: str) -> float:
    import asyncio

    import zmq.asyncio

    ctx = zmq.asyncio.Context()
    pull, push = _pair(ctx, transport)
    tasks = []

    async def spawn(function: Callable[[], Any]) -> None:
        tasks.append(asyncio.ensure_future(function()))

    elapsed = await _run(push.send, pull.recv, spawn)
    await tasks[0]
    pull.close()
    push.close(linger=0)
    ctx.term()
    return elapsed


async def reference(transport: str) -> float:
    import zmq_anyio

    ctx: zmq.Context[Any] = zmq.Context()
    pull, push = _pair(ctx, transport)
    async with (
        zmq_anyio.Socket(pull) as apull,
        zmq_anyio.Socket(push) as apush,
        anyio.create_task_group() as group,
    ):

        async def spawn(function: Callable[[], Any]) -> None:
            group.start_soon(function)

        async def send(data: bytes) -> None:
            await apush.asend(data).wait()

        async def recv() -> Any:
            return await apull.arecv().wait()

        elapsed = await _run(send, recv, spawn)
    ctx.destroy(linger=0)
    return elapsed


def main(implementation: str, backend: str, transport: str) -> None:
    scenario = {"zmq.anyio": ours, "zmq.asyncio": asyncio_ours, "zmq-anyio": reference}[
        implementation
    ]
    if backend == "trio-alone":
        import trio

        elapsed = trio.run(scenario, transport)
    else:
        elapsed = anyio.run(scenario, transport, backend=backend)
    print(json.dumps({"value": (COUNT - 1) / elapsed, "unit": "msg/s"}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
