"""Benchmark scenarios, run the same way against any implementation of zmq.

Each scenario prints one JSON object: {"value": number, "unit": "..."}.
It uses only PyZMQ's public API, so that the same file measures this project
and PyZMQ.

Usage: python scenarios.py SCENARIO [ARG...]
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import socket
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

import zmq
import zmq.asyncio

INPROC = "inproc://bench"


def _endpoints(transport: str, sock: zmq.Socket[Any]) -> str:
    if transport == "inproc":
        sock.bind(INPROC)
        return INPROC
    port = sock.bind_to_random_port("tcp://127.0.0.1")
    return f"tcp://127.0.0.1:{port}"


def _rate(count: int, seconds: float) -> dict[str, Any]:
    return {"value": count / seconds, "unit": "msg/s"}


def throughput(transport: str, size: str, parts: str = "1") -> dict[str, Any]:
    """Messages per second from a PUSH thread to a PULL socket."""
    size_, parts_ = int(size), int(parts)
    count = max(2000, min(200_000, 20_000_000 // max(size_ * parts_, 100)))
    ctx = zmq.Context()
    pull = ctx.socket(zmq.PULL)
    pull.rcvhwm = 10_000
    url = _endpoints(transport, pull)
    message = [b"x" * size_] * parts_
    ready = threading.Event()

    def produce() -> None:
        push = ctx.socket(zmq.PUSH)
        push.sndhwm = 10_000
        push.connect(url)
        ready.set()
        if parts_ == 1:
            payload = message[0]
            for _ in range(count):
                push.send(payload)
        else:
            for _ in range(count):
                push.send_multipart(message)
        push.close(linger=-1)

    producer = threading.Thread(target=produce)
    producer.start()
    ready.wait()
    if parts_ == 1:
        pull.recv()
        start = time.perf_counter()
        for _ in range(count - 1):
            pull.recv()
    else:
        pull.recv_multipart()
        start = time.perf_counter()
        for _ in range(count - 1):
            pull.recv_multipart()
    elapsed = time.perf_counter() - start
    producer.join()
    pull.close()
    ctx.term()
    return _rate(count - 1, elapsed)


def _per_call(function: Callable[[], Any], number: int) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, time.perf_counter() - start)
    return best / number * 1e9


def call_cost(operation: str) -> dict[str, Any]:
    """Nanoseconds per call of one non-blocking operation (best of 5)."""
    ctx = zmq.Context()
    a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
    a.sndhwm = b.rcvhwm = 0
    a.bind("inproc://calls")
    b.connect("inproc://calls")
    number = 20_000
    payload = b"x" * 64
    noblock = zmq.NOBLOCK
    if operation in ("send", "recv"):
        sends, recvs = [], []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(number):
                a.send(payload, noblock)
            sends.append(time.perf_counter() - start)
            start = time.perf_counter()
            for _ in range(number):
                b.recv(noblock)
            recvs.append(time.perf_counter() - start)
        value = min(sends if operation == "send" else recvs) / number * 1e9
    elif operation == "recv_again":

        def again() -> None:
            # as users write it: suppress() would add its own cost to the measure
            try:  # noqa: SIM105
                b.recv(noblock)
            except zmq.Again:
                pass

        value = _per_call(again, number)
    elif operation == "attr_get":
        value = _per_call(lambda: a.sndhwm, number)
    elif operation == "attr_set":

        def set_option() -> None:
            a.sndhwm = 0

        value = _per_call(set_option, number)
    elif operation == "getsockopt":
        value = _per_call(lambda: a.getsockopt(zmq.SNDHWM), number)
    else:
        raise SystemExit(f"unknown operation {operation}")
    a.close()
    b.close()
    ctx.term()
    return {"value": value, "unit": "ns"}


# the volume of large_throughput, the same as the C baseline's (c/throughput.c)
LARGE_VOLUME = 512 * 1024 * 1024


def _produce(url: str, size: int, count: int) -> None:
    ctx = zmq.Context()
    push = ctx.socket(zmq.PUSH)
    push.sndhwm = 100
    push.connect(url)
    payload = b"x" * size
    for _ in range(count):
        push.send(payload)
    push.close(linger=-1)
    ctx.term()


def large_throughput(size: str) -> dict[str, Any]:
    """Bytes per second of large messages over tcp, from a PUSH in another
    process to a PULL, received as Frames (copy=False): the way libzmq's own
    throughput test runs, and the way large messages are received.
    """
    size_ = int(size)
    count = LARGE_VOLUME // size_
    ctx = zmq.Context()
    pull = ctx.socket(zmq.PULL)
    pull.rcvhwm = 100
    url = _endpoints("tcp", pull)
    producer = multiprocessing.get_context("fork").Process(
        target=_produce, args=(url, size_, count)
    )
    producer.start()
    pull.recv(copy=False)
    start = time.perf_counter()
    for _ in range(count - 1):
        pull.recv(copy=False)
    elapsed = time.perf_counter() - start
    producer.join()
    pull.close()
    ctx.term()
    return {"value": (count - 1) * size_ / elapsed, "unit": "B/s"}


def async_throughput(transport: str) -> dict[str, Any]:
    """zmq.asyncio PUSH to PULL, 100-byte messages, one loop."""
    count = 100_000

    async def main() -> float:
        ctx = zmq.asyncio.Context()
        pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
        pull.rcvhwm = push.sndhwm = 10_000
        url = _endpoints(transport, pull)
        push.connect(url)
        payload = b"x" * 100

        async def produce() -> None:
            for _ in range(count):
                await push.send(payload)

        producer = asyncio.ensure_future(produce())
        await pull.recv()
        start = time.perf_counter()
        for _ in range(count - 1):
            await pull.recv()
        elapsed = time.perf_counter() - start
        await producer
        pull.close()
        push.close(linger=0)
        ctx.term()
        return elapsed

    return _rate(count - 1, asyncio.run(main()))


def _echo_server(ctx: zmq.Context[Any], count: int) -> tuple[str, threading.Thread]:
    """A blocking ROUTER that echoes ``count`` messages, in a thread."""
    router = ctx.socket(zmq.ROUTER)
    url = _endpoints("tcp", router)

    def serve() -> None:
        for _ in range(count):
            router.send_multipart(router.recv_multipart())
        router.close()

    thread = threading.Thread(target=serve)
    thread.start()
    return url, thread


def _run_on(loop: str, main: Callable[[], Coroutine[Any, Any, float]]) -> float:
    """Run ``main()`` on asyncio's default event loop ("asyncio") or on "uvloop"."""
    if loop == "asyncio":
        return asyncio.run(main())
    if loop == "uvloop":
        import uvloop  # the benchmark's requirement (tools/bench/requirements.txt), not zmq's

        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            return runner.run(main())
    raise SystemExit(f"unknown event loop {loop}")


def async_round_trip(transport: str, loop: str = "asyncio") -> dict[str, Any]:
    """zmq.asyncio DEALER -> ROUTER -> DEALER round trips, microseconds each.

    inproc: both ends on one asyncio loop. tcp: the ROUTER is a blocking
    echo server in a thread, as in blocking_round_trip and raw_round_trip.
    """
    count = 10_000 if transport == "inproc" else 5_000

    async def main() -> float:
        ctx = zmq.asyncio.Context()
        dealer = ctx.socket(zmq.DEALER)
        server: Any = None
        if transport == "inproc":
            router = ctx.socket(zmq.ROUTER)
            dealer.connect(_endpoints(transport, router))

            async def serve() -> None:
                for _ in range(count + 1):
                    await router.send_multipart(await router.recv_multipart())
                router.close()

            server = asyncio.ensure_future(serve())
        else:
            url, thread = _echo_server(zmq.Context(ctx), count + 1)
            dealer.connect(url)
        # the first round trip waits for the connection: not timed
        await dealer.send(b"ping")
        await dealer.recv()
        start = time.perf_counter()
        for _ in range(count):
            await dealer.send(b"ping")
            await dealer.recv()
        elapsed = time.perf_counter() - start
        if transport == "inproc":
            await server
        else:
            thread.join()
        dealer.close()
        ctx.term()
        return elapsed

    return {"value": _run_on(loop, main) / count * 1e6, "unit": "us"}


PING = b"ping"


def _raw_echo_server(count: int) -> tuple[int, threading.Thread]:
    """A blocking TCP echo server in a thread, for ``count`` pings of one client.

    The raw counterpart of _echo_server: the same round trip without zmq.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        connection, _ = listener.accept()
        listener.close()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with connection:
            for _ in range(count):
                data = b""
                while len(data) < len(PING):
                    data += connection.recv(len(PING) - len(data))
                connection.sendall(data)

    thread = threading.Thread(target=serve)
    thread.start()
    return port, thread


class _EchoClient(asyncio.Protocol):
    """The client side of raw_round_trip with asyncio's protocols: a future per reply."""

    def __init__(self) -> None:
        self.received = b""
        self.reply: asyncio.Future[bytes] | None = None

    def data_received(self, data: bytes) -> None:
        self.received += data
        if len(self.received) >= len(PING) and self.reply is not None:
            self.reply.set_result(self.received)
            self.received = b""
            self.reply = None


def raw_round_trip(api: str, loop: str = "asyncio") -> dict[str, Any]:
    """The anchor of async_round_trip over tcp: the same echo with no zmq at all.

    An asyncio client ("streams": open_connection, or "protocol": a Protocol
    and a future per reply) against a blocking TCP echo server in a thread,
    microseconds per round trip: what asyncio's loop costs any library.
    """
    count = 5_000

    async def main() -> float:
        port, thread = _raw_echo_server(count + 1)
        if api == "streams":
            reader, writer = await asyncio.open_connection("127.0.0.1", port)

            async def round_trip() -> None:
                writer.write(PING)
                await reader.readexactly(len(PING))

        elif api == "protocol":
            running = asyncio.get_running_loop()
            transport, client = await running.create_connection(_EchoClient, "127.0.0.1", port)

            async def round_trip() -> None:
                client.reply = reply = running.create_future()
                transport.write(PING)
                await reply

        else:
            raise SystemExit(f"unknown asyncio API {api}")
        await round_trip()
        start = time.perf_counter()
        for _ in range(count):
            await round_trip()
        elapsed = time.perf_counter() - start
        thread.join()
        if api == "streams":
            writer.close()
            await writer.wait_closed()
        else:
            transport.close()
        return elapsed

    return {"value": _run_on(loop, main) / count * 1e6, "unit": "us"}


def raw_blocking_round_trip() -> dict[str, Any]:
    """The floor under every tcp round trip here: a blocking TCP client, no
    zmq and no event loop, against the echo server of raw_round_trip.
    """
    count = 5_000
    port, thread = _raw_echo_server(count + 1)
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def round_trip() -> None:
            client.sendall(PING)
            data = b""
            while len(data) < len(PING):
                data += client.recv(len(PING) - len(data))

        round_trip()
        start = time.perf_counter()
        for _ in range(count):
            round_trip()
        elapsed = time.perf_counter() - start
    thread.join()
    return {"value": elapsed / count * 1e6, "unit": "us"}


def blocking_round_trip(transport: str) -> dict[str, Any]:
    """Blocking DEALER -> ROUTER -> DEALER round trips, microseconds each.

    inproc: both ends in one thread. tcp: the ROUTER is an echo server in a
    thread.
    """
    count = 10_000 if transport == "inproc" else 5_000
    ctx = zmq.Context()
    dealer = ctx.socket(zmq.DEALER)
    if transport == "inproc":
        router = ctx.socket(zmq.ROUTER)
        dealer.connect(_endpoints(transport, router))
        start = time.perf_counter()
        for _ in range(count):
            dealer.send(b"ping")
            router.send_multipart(router.recv_multipart())
            dealer.recv()
        elapsed = time.perf_counter() - start
        router.close()
    else:
        url, thread = _echo_server(ctx, count + 1)
        dealer.connect(url)
        # the first round trip waits for the connection: not timed
        dealer.send(b"ping")
        dealer.recv()
        start = time.perf_counter()
        for _ in range(count):
            dealer.send(b"ping")
            dealer.recv()
        elapsed = time.perf_counter() - start
        thread.join()
    dealer.close()
    ctx.term()
    return {"value": elapsed / count * 1e6, "unit": "us"}


SCENARIOS: dict[str, Callable[..., dict[str, Any]]] = {
    "throughput": throughput,
    "call_cost": call_cost,
    "large_throughput": large_throughput,
    "async_throughput": async_throughput,
    "async_round_trip": async_round_trip,
    "raw_round_trip": raw_round_trip,
    "raw_blocking_round_trip": raw_blocking_round_trip,
    "blocking_round_trip": blocking_round_trip,
}

if __name__ == "__main__":
    name, *arguments = sys.argv[1:]
    print(json.dumps(SCENARIOS[name](*arguments)))
