"""Load, leaks and threads: many messages, many sockets, flat memory.

The default run is a quick version; tools/hardening sets ZMQ_TEST_HEAVY=1
for the full one (a million messages and send/recv cycles, a hundred
thousand sockets).
"""

from __future__ import annotations

import gc
import os
import threading
import time

import pytest

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations

HEAVY = os.environ.get("ZMQ_TEST_HEAVY") == "1"
MESSAGES = 1_000_000 if HEAVY else 50_000
CYCLES = 1_000_000 if HEAVY else 20_000
SOCKETS = 100_000 if HEAVY else 5_000


def rss_kib() -> int:
    with open(f"/proc/{os.getpid()}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


@pytest.mark.timeout(600)
@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_messages_arrive_complete_and_in_order_across_hwm(zmq, pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    push.sndhwm = pull.rcvhwm = 100  # the producer keeps hitting the high-water mark
    errors = []

    def produce():
        try:
            for number in range(MESSAGES):
                push.send(number.to_bytes(4, "little"))
        except Exception as error:  # reported below
            errors.append(error)

    producer = threading.Thread(target=produce)
    producer.start()
    for expected in range(MESSAGES):
        assert int.from_bytes(pull.recv(), "little") == expected
    producer.join()
    assert errors == []


def test_router_mandatory_to_unknown_peer_raises(zmq, socket):
    router = socket(zmq.ROUTER)
    router.router_mandatory = 1
    router.bind("inproc://mandatory")
    with pytest.raises(zmq.ZMQError) as info:
        router.send_multipart([b"nobody", b"message"])
    assert info.value.errno == zmq.EHOSTUNREACH


def test_slow_subscriber_drops_while_fast_ones_keep_up(zmq, context):
    """PUB never blocks: a subscriber that does not read drops what exceeds its
    high-water mark (documented libzmq behaviour), while one with room for
    the traffic gets every message."""
    total = 1000
    pub = context.socket(zmq.PUB)
    pub.sndhwm = 100
    pub.bind("inproc://slow-sub")
    fast, slow = context.socket(zmq.SUB), context.socket(zmq.SUB)
    fast.rcvhwm = 10 * total
    fast.rcvtimeo = 5000
    slow.rcvhwm = 10
    for sub in (fast, slow):
        sub.subscribe(b"")
        sub.connect("inproc://slow-sub")
    # make sure both subscriptions reached the publisher
    while not (fast.poll(0) and slow.poll(0)):
        pub.send(b"hello")
        fast.poll(10)
    for sub in (fast, slow):
        while sub.poll(0):
            sub.recv()
    start = time.monotonic()
    for number in range(total):
        pub.send(b"%d" % number)
    assert time.monotonic() - start < 5  # the slow subscriber did not block it
    received = [fast.recv() for _ in range(total)]
    assert received == [b"%d" % n for n in range(total)]
    slow_received = []
    while slow.poll(100):
        slow_received.append(slow.recv())
    assert 0 < len(slow_received) < total
    assert slow_received == sorted(slow_received, key=int)  # drops, never reorders
    for sock in (pub, fast, slow):
        sock.close(linger=0)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("copy", [True, False])
def test_send_recv_cycles_keep_memory_flat(pair, copy):
    a, b = pair()
    a.copy_threshold = 0  # copy=False really shares buffers
    payload = b"m" * 1000

    def cycles(count):
        for _ in range(count):
            a.send(payload, copy=copy)
            b.recv(copy=copy)

    cycles(CYCLES // 10)  # warm up: caches and pools reach their size
    gc.collect()
    before = rss_kib()
    cycles(CYCLES)
    gc.collect()
    grown = rss_kib() - before
    assert grown < 10_000, f"resident memory grew by {grown} KiB over {CYCLES} cycles"


@pytest.mark.timeout(1800)
def test_many_sockets_keep_memory_flat(zmq):
    context = zmq.Context()  # not the fixture's, which keeps every socket it made

    def churn(count):
        for _ in range(count):
            context.socket(zmq.PUSH).close()

    try:
        churn(SOCKETS // 10)
        gc.collect()
        before = rss_kib()
        churn(SOCKETS)
        gc.collect()
        grown = rss_kib() - before
    finally:
        context.term()
    assert grown < 10_000, f"resident memory grew by {grown} KiB over {SOCKETS} sockets"


def test_sockets_closed_from_their_thread_after_term_never_hang(zmq):
    ctx = zmq.Context()
    started = threading.Barrier(5)
    outcomes = []

    def worker(number):
        sock = ctx.socket(zmq.PULL)
        sock.bind(f"inproc://after-term-{number}")
        started.wait()
        try:
            sock.recv()
        except zmq.ContextTerminated:
            outcomes.append("terminated")
        sock.close()
        sock.close()  # twice: still harmless

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    started.wait()
    start = time.monotonic()
    ctx.term()
    for thread in threads:
        thread.join(10)
    assert time.monotonic() - start < 10
    assert outcomes == ["terminated"] * 4
