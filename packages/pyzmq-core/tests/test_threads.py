"""Threads sharing what may be shared: contexts, frames, trackers, pollers.

Stress tests, run on both kinds of interpreter: with the GIL, and on
free-threaded Python with the GIL off (tools/free-threaded runs them there).
Each repeats its scenario ``ROUNDS`` times (``ZMQ_STRESS_ROUNDS`` raises it)
and checks what a race would break: no message lost or duplicated, no socket
left open, no hang (every wait is bounded), no crash.
"""

from __future__ import annotations

import asyncio
import copy
import errno
import os
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Callable
from typing import Any

import pytest

import zmq
import zmq.asyncio

ROUNDS = int(os.environ.get("ZMQ_STRESS_ROUNDS", "3"))
THREADS = 8
#: seconds any one wait of these tests may take before it counts as a hang
PATIENCE = 30
FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

pytestmark = pytest.mark.timeout(300)


def run_threads(count: int, target: Callable[[int], None]) -> None:
    """Run ``target(index)`` in ``count`` threads started together; re-raise
    the first failure; fail if one has not finished within PATIENCE."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait(PATIENCE)
            target(index)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if failures:
        raise failures[0]


def connected_pair(
    ctx: zmq.Context[Any], name: str, kinds: tuple[int, int] = (zmq.PUSH, zmq.PULL)
) -> tuple[zmq.Socket[Any], zmq.Socket[Any]]:
    sender = ctx.socket(kinds[0])
    receiver = ctx.socket(kinds[1])
    for sock in (sender, receiver):
        sock.linger = 0
        sock.rcvtimeo = sock.sndtimeo = PATIENCE * 1000
    receiver.bind(f"inproc://{name}")
    sender.connect(f"inproc://{name}")
    return sender, receiver


def terminates(ctx: zmq.Context[Any]) -> bool:
    """Whether ``ctx`` terminates in time: term() waits for every open socket,
    so a socket left open (leaked) makes it hang."""
    done = threading.Event()

    def term() -> None:
        ctx.term()
        done.set()

    threading.Thread(target=term, daemon=True).start()
    return done.wait(PATIENCE)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_threads_make_and_close_sockets_of_one_context(round_: int) -> None:
    ctx = zmq.Context()
    finished: list[int] = []
    all_finished = threading.Event()

    def churn(index: int) -> None:
        if index == 0:
            # the context's own list of its sockets read, and its default
            # options changed, while sockets are made
            while not all_finished.is_set():
                assert "zmq.Context(" in repr(ctx)
                assert ctx._socket_count >= 0
                ctx.sndhwm = 1000
                del ctx.sndhwm
            return
        try:
            for step in range(50):
                sender, receiver = connected_pair(ctx, f"churn-{round_}-{index}-{step}")
                sender.send(b"%d" % step)
                assert receiver.recv() == b"%d" % step
                sender.close()
                receiver.close()
        finally:
            finished.append(index)
            if len(finished) == THREADS - 1:
                all_finished.set()

    run_threads(THREADS, churn)
    assert ctx._socket_count == 0
    assert terminates(ctx)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_threads_with_their_own_sockets_lose_and_duplicate_nothing(round_: int) -> None:
    count = 20_000
    with zmq.Context() as ctx:

        def stream(index: int) -> None:
            sender, receiver = connected_pair(ctx, f"own-{round_}-{index}")
            sender.sndhwm = receiver.rcvhwm = 0
            try:
                for number in range(count):
                    sender.send_multipart([b"%d" % index, b"%d" % number])
                received = [receiver.recv_multipart() for _ in range(count)]
                assert received == [[b"%d" % index, b"%d" % n] for n in range(count)]
                assert receiver.poll(0) == 0
            finally:
                sender.close()
                receiver.close()

        run_threads(4, stream)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_one_frame_read_and_sent_by_many_threads(round_: int) -> None:
    # long enough for libzmq to share the data between copies, and count them;
    # fresh frames, as libzmq's first copy of a message is the one that races
    content = bytes(range(256)) * 8
    frames = [zmq.Frame(content) for _ in range(500)]
    with zmq.Context() as ctx:

        def use(index: int) -> None:
            sender, receiver = connected_pair(ctx, f"frame-{round_}-{index}")
            try:
                for frame in frames:
                    sender.send(frame, copy=False)
                    assert receiver.recv(copy=False).bytes == content
                    assert frame.bytes == content
                    assert frame.buffer == content
                    assert copy.copy(frame).bytes == content
            finally:
                sender.close()
                receiver.close()

        run_threads(THREADS, use)
    for frame in frames:
        assert frame.bytes == content
        assert bytes(frame) == content


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_trackers_waited_on_from_several_threads(round_: int) -> None:
    with zmq.Context() as ctx:
        sender, receiver = connected_pair(ctx, f"tracked-{round_}")

        def waiters(tracker: zmq.MessageTracker, released: list[bool]) -> Callable[[int], None]:
            def wait(index: int) -> None:
                if index == 0:
                    receiver.recv(copy=False)
                tracker.wait(PATIENCE)
                released.append(tracker.done)

            return wait

        try:
            for _ in range(20):
                released: list[bool] = []
                tracker = sender.send(bytearray(100_000), copy=False, track=True)
                run_threads(THREADS, waiters(tracker, released))
                assert released == [True] * THREADS
        finally:
            sender.close()
            receiver.close()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_destroy_ends_the_calls_other_threads_wait_in(round_: int) -> None:
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PULL) for _ in range(THREADS)]
    for index, sock in enumerate(sockets):
        sock.bind(f"inproc://blocked-{round_}-{index}")
    waiting = threading.Barrier(THREADS + 1)
    outcomes: list[type[BaseException]] = []

    def wait(index: int) -> None:
        waiting.wait(PATIENCE)
        try:
            sockets[index].recv()
        except zmq.ZMQError as error:
            outcomes.append(type(error))

    threads = [threading.Thread(target=wait, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    waiting.wait(PATIENCE)
    # until each waits in its call: destroy ends the calls that wait
    while sum(sock._busy for sock in sockets) < THREADS:
        threading.Event().wait(0.001)
    ctx.destroy(linger=0)
    for thread in threads:
        thread.join(PATIENCE)
    assert outcomes == [zmq.ContextTerminated] * THREADS
    assert all(sock.closed for sock in sockets)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_instance_raced_from_many_threads_is_one_context(round_: int) -> None:
    class Shared(zmq.Context[Any]):
        _instance = None

    seen: list[zmq.Context[Any]] = []
    run_threads(16, lambda index: seen.append(Shared.instance()))
    assert len(seen) == 16
    assert all(ctx is seen[0] for ctx in seen)
    seen[0].term()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_asyncio_loops_in_several_threads_share_one_context(round_: int) -> None:
    count = 2_000
    ctx = zmq.asyncio.Context()

    async def stream(index: int) -> list[bytes]:
        sender = ctx.socket(zmq.PUSH)
        receiver = ctx.socket(zmq.PULL)
        try:
            receiver.bind(f"inproc://async-{round_}-{index}")
            sender.connect(f"inproc://async-{round_}-{index}")

            async def produce() -> None:
                for number in range(count):
                    await sender.send(b"%d" % number)

            producing = asyncio.ensure_future(produce())
            received = [await asyncio.wait_for(receiver.recv(), PATIENCE) for _ in range(count)]
            await producing
            return received
        finally:
            sender.close(linger=0)
            receiver.close(linger=0)

    def run(index: int) -> None:
        assert asyncio.run(stream(index)) == [b"%d" % n for n in range(count)]

    try:
        run_threads(4, run)
    finally:
        ctx.destroy(linger=0)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_calls_on_one_socket_from_two_threads_are_serialised(round_: int) -> None:
    # Non-blocking calls do not wait for each other: each runs whole, in turn.
    per_thread = 5_000
    with zmq.Context() as ctx:
        sender, receiver = connected_pair(ctx, f"serialised-{round_}")
        sender.sndhwm = receiver.rcvhwm = 0
        try:

            def send(index: int) -> None:
                for number in range(per_thread):
                    sender.send_multipart([b"%d" % index, b"%d" % number], zmq.DONTWAIT)
                    assert sender.linger == 0

            run_threads(4, send)
            received = [receiver.recv_multipart() for _ in range(4 * per_thread)]
            for index in range(4):
                assert [n for i, n in received if i == b"%d" % index] == [
                    b"%d" % number for number in range(per_thread)
                ]
            assert receiver.poll(0) == 0
        finally:
            sender.close()
            receiver.close()


def test_a_call_on_a_socket_another_thread_waits_in_is_refused(context, socket) -> None:
    receiver = socket(zmq.PULL)
    receiver.bind("inproc://refused")
    sender = socket(zmq.PUSH)
    sender.connect("inproc://refused")
    received: list[bytes] = []
    waiter = threading.Thread(target=lambda: received.append(receiver.recv()))
    waiter.start()
    while not receiver._busy:
        threading.Event().wait(0.001)
    for call in (
        receiver.recv,
        lambda: receiver.poll(0),
        lambda: receiver.getsockopt(zmq.RCVHWM),
        lambda: receiver.bind("inproc://refused-too"),
        receiver.close,
    ):
        with pytest.raises(zmq.ZMQError, match="another thread waits") as refused:
            call()
        assert refused.value.errno == errno.EBUSY
    # what needs no libzmq call still answers
    assert not receiver.closed
    assert receiver.type == zmq.PULL
    sender.send(b"done")
    waiter.join(PATIENCE)
    assert received == [b"done"]
    assert receiver.getsockopt(zmq.RCVHWM) == 1000


# A thread polls a socket while the main thread sends on it: PyZMQ lets both
# into libzmq; the opt-in does too, and closing under the poll stays refused.
CONCURRENT_CALLS = """
import errno, threading, zmq
with zmq.Context() as context:
    polled = context.socket(zmq.PAIR)
    peer = context.socket(zmq.PAIR)
    polled.bind("inproc://concurrent")
    peer.connect("inproc://concurrent")
    poller = zmq.Poller()
    poller.register(polled, zmq.POLLIN)
    events = []
    waiter = threading.Thread(target=lambda: events.append(poller.poll(30_000)))
    waiter.start()
    while not polled._busy:
        threading.Event().wait(0.001)
    polled.send(b"sent while polled")
    assert peer.recv() == b"sent while polled"
    try:
        polled.close()
    except zmq.ZMQError as error:
        assert error.errno == errno.EBUSY
    else:
        raise AssertionError("closed under a poll")
    peer.send(b"wake up")
    waiter.join(30)
    assert events == [[(polled, zmq.POLLIN)]], events
    polled.close()
    peer.close()
print("ok")
"""


def test_concurrent_calls_are_let_in_with_the_opt_in() -> None:
    env = {**os.environ, "PYZMQ_UNSAFE_CONCURRENT_CALLS": "1"}
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_CALLS],
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE * 2,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    # without it, the send is refused
    env.pop("PYZMQ_UNSAFE_CONCURRENT_CALLS")
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_CALLS],
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE * 2,
    )
    assert result.returncode != 0
    assert "PYZMQ_UNSAFE_CONCURRENT_CALLS" in result.stderr


@pytest.mark.skipif(not zmq.has("draft"), reason="thread-safe sockets need the draft API")
def test_a_thread_safe_socket_takes_calls_while_another_thread_waits(context) -> None:
    server = context.socket(zmq.SERVER)
    client = context.socket(zmq.CLIENT)
    for sock in (server, client):
        sock.linger = 0
        sock.rcvtimeo = PATIENCE * 1000
    server.bind("inproc://thread-safe")
    client.connect("inproc://thread-safe")
    replies: list[bytes] = []
    waiter = threading.Thread(target=lambda: replies.append(client.recv()))
    waiter.start()
    while not client._busy:
        threading.Event().wait(0.001)
    client.send(b"ping")  # not refused: libzmq takes it
    request = server.recv(copy=False)
    server.send(b"pong", routing_id=request.routing_id)
    waiter.join(PATIENCE)
    assert replies == [b"pong"]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_one_poller_shared_by_threads_that_poll_their_own_sockets(round_: int) -> None:
    poller = zmq.Poller()
    with zmq.Context() as ctx:

        def poll_own(index: int) -> None:
            sender, receiver = connected_pair(ctx, f"poller-{round_}-{index}")
            try:
                for step in range(200):
                    poller.register(receiver, zmq.POLLIN)
                    sender.send(b"%d" % step)
                    assert zmq.select([receiver], [], [], PATIENCE)[0] == [receiver]
                    assert receiver.recv() == b"%d" % step
                    poller.unregister(receiver)
            finally:
                sender.close()
                receiver.close()

        run_threads(THREADS, poll_own)
    assert poller.sockets == []


@pytest.mark.skipif(not FREE_THREADED, reason="the GIL is on in this build of Python")
def test_importing_zmq_keeps_the_gil_off() -> None:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHON_GIL"}
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import sys, zmq, zmq.asyncio; print(sys._is_gil_enabled())",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
