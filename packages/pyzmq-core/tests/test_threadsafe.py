"""Thread-safe (draft) sockets from several threads, with Poller and zmq.asyncio.

Thread-safe sockets (SERVER, CLIENT, RADIO, DISH, SCATTER, GATHER, PEER,
CHANNEL) have no ZMQ_FD: their FD is that of a zmq_poller watching them,
which reading EVENTS keeps edge-triggered like ZMQ_FD. The asyncio tests
would hang, not fail slowly, if a wake-up were lost: each waits with a
timeout.
"""

from __future__ import annotations

import asyncio
import os
import select
import threading
import warnings

import pytest

import zmq
import zmq._future
import zmq.asyncio
from zmq.integration import readiness_fd

pytestmark = pytest.mark.skipif(not zmq.DRAFT_API, reason="built without the draft API")

ROUNDS = 200
WAIT = 10  # seconds any one await may take before the test fails


def _readable(fd, timeout=0.0):
    return bool(select.select([fd], [], [], timeout)[0])


def _settle(socket):
    """Read EVENTS until the socket's FD is quiet: each read takes one wake-up."""
    fd = readiness_fd(socket)
    for _ in range(100):
        socket.get(zmq.EVENTS)
        if not _readable(fd):
            return fd
    raise AssertionError("reading EVENTS does not quiet a thread-safe socket's FD")


def test_one_client_used_by_many_threads(pair):
    server, client = pair(zmq.SERVER, zmq.CLIENT, "tcp")
    threads, per_thread = 4, 100
    received = []

    def talk(n):
        for i in range(per_thread):
            client.send(b"%d-%d" % (n, i))
        for _ in range(per_thread):
            received.append(client.recv())

    workers = [threading.Thread(target=talk, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for _ in range(threads * per_thread):
        frame = server.recv(copy=False)
        server.send(b"re:" + frame.bytes, routing_id=frame.routing_id)
    for worker in workers:
        worker.join(WAIT)
        assert not worker.is_alive()
    expected = {b"re:%d-%d" % (n, i) for n in range(threads) for i in range(per_thread)}
    assert sorted(received) == sorted(expected)


def test_poller_with_thread_safe_sockets(pair, socket):
    server, client = pair(zmq.SERVER, zmq.CLIENT)
    pull, push = pair(zmq.PULL, zmq.PUSH)
    read_end, write_end = os.pipe()
    try:
        poller = zmq.Poller()
        for item in (server, pull, read_end):
            poller.register(item, zmq.POLLIN)
        assert poller.poll(0) == []
        # woken from another thread, through each kind of item
        sender = threading.Thread(target=client.send, args=(b"to server",))
        sender.start()
        assert poller.poll(WAIT * 1000) == [(server, zmq.POLLIN)]
        sender.join()
        frame = server.recv(copy=False)
        push.send(b"to pull")
        assert poller.poll(WAIT * 1000) == [(pull, zmq.POLLIN)]
        pull.recv()
        os.write(write_end, b"x")
        assert poller.poll(WAIT * 1000) == [(read_end, zmq.POLLIN)]
        os.read(read_end, 1)
        poller.register(client, zmq.POLLIN)
        server.send(b"reply", routing_id=frame.routing_id)
        assert poller.poll(WAIT * 1000) == [(client, zmq.POLLIN)]
        assert client.poll(0) == zmq.POLLIN
        assert client.recv() == b"reply"
        assert client.poll(10) == 0
    finally:
        os.close(read_end)
        os.close(write_end)


def test_poll_waits_in_one_thread_while_another_sends(pair):
    server, client = pair(zmq.SERVER, zmq.CLIENT)
    results = []
    waiter = threading.Thread(target=lambda: results.append(server.poll(WAIT * 1000)))
    waiter.start()
    client.send(b"wake up")
    waiter.join(WAIT)
    assert results == [zmq.POLLIN]


def test_fd_is_a_pollers_and_edge_triggered(pair):
    server, client = pair(zmq.SERVER, zmq.CLIENT)
    # as in PyZMQ: a warning, once, and the FD of a poller
    with pytest.warns(zmq.DraftFDWarning):
        fd = client.FD
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.fileno() == fd == client.get(zmq.FD)
    assert _settle(client) == fd
    client.send(b"ping")
    frame = server.recv(copy=False)
    assert not _readable(fd)  # sending does not wake the socket's own FD...
    server.send(b"pong", routing_id=frame.routing_id)
    assert _readable(fd, WAIT)  # ...an arriving message does
    assert client.events & zmq.POLLIN
    assert client.recv() == b"pong"
    _settle(client)
    # a shadow shares the socket, and so its poller
    assert zmq.Socket.shadow(client.underlying).fileno() == fd


def _open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_closing_a_socket_with_an_fd_releases_its_poller(context):
    context.socket(zmq.CLIENT).close()  # libzmq's own FDs, made once
    before = _open_fds()
    for _ in range(50):
        client = context.socket(zmq.CLIENT)
        readiness_fd(client)
        client.close()
        with pytest.raises(zmq.ZMQError, match="closed"):
            client.fileno()
    # each socket's poller (and its FD) went with it; 50 would be left otherwise
    assert _open_fds() < before + 10


def _run(coroutine_function, *args):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.wait_for(coroutine_function(*args), 60))
    finally:
        loop.close()


@pytest.fixture
def async_pair(actx):
    made = []

    def make(bind_type=zmq.SERVER, connect_type=zmq.CLIENT):
        bound, connected = actx.socket(bind_type), actx.socket(connect_type)
        made.extend((bound, connected))
        port = bound.bind_to_random_port("tcp://127.0.0.1")
        connected.connect(f"tcp://127.0.0.1:{port}")
        return bound, connected

    yield make
    for sock in made:
        sock.close(linger=0)


def test_asyncio_request_reply(async_pair):
    server, client = async_pair()

    async def exchange():
        with warnings.catch_warnings():
            # zmq.asyncio reads EVENTS on every wake-up: no DraftFDWarning
            warnings.simplefilter("error", zmq.DraftFDWarning)
            for i in range(ROUNDS):
                await client.send(b"%d" % i)
                frame = await asyncio.wait_for(server.recv(copy=False), WAIT)
                await server.send(frame.bytes, routing_id=frame.routing_id)
                assert await asyncio.wait_for(client.recv(), WAIT) == b"%d" % i

    _run(exchange)


def test_asyncio_recv_waits_before_the_message(async_pair):
    server, client = async_pair()

    async def exchange():
        await client.send(b"hello")
        frame = await asyncio.wait_for(server.recv(copy=False), WAIT)
        for i in range(ROUNDS):
            # the receive waits first: only the FD can wake it
            waiting = asyncio.ensure_future(client.recv())
            await asyncio.sleep(0)
            assert not waiting.done()
            await server.send(b"%d" % i, routing_id=frame.routing_id)
            assert await asyncio.wait_for(waiting, WAIT) == b"%d" % i

    _run(exchange)


def test_asyncio_sees_what_arrived_before_its_fd_existed(actx, monkeypatch):
    # The poller behind a thread-safe socket's FD is made when zmq.asyncio
    # first waits: a message that reaches the socket after the receive found
    # none, and before that poller exists, signals nothing.
    def arriving_before_the_fd(socket):
        sender.send(b"early")  # over inproc: at the socket before the poller
        return readiness_fd(socket)

    monkeypatch.setattr(zmq._future, "readiness_fd", arriving_before_the_fd)
    server = actx.socket(zmq.SERVER)
    sender = actx.socket(zmq.CLIENT)
    try:
        server.bind("inproc://before-the-fd")
        sender.connect("inproc://before-the-fd")

        async def receive():
            return await asyncio.wait_for(server.recv(), WAIT)

        assert _run(receive) == b"early"
    finally:
        server.close(linger=0)
        sender.close(linger=0)


def test_asyncio_wakes_while_other_threads_take_the_fds_edge(async_pair):
    # Another thread reading EVENTS takes the wake-up the FD had for the loop;
    # the socket's edge hook must make the loop look again.
    server, client = async_pair()
    stop = threading.Event()
    blocking = zmq.Socket.shadow(client.underlying)

    def read_events():
        while not stop.is_set():
            blocking.get(zmq.EVENTS)

    async def exchange():
        await client.send(b"hello")
        frame = await asyncio.wait_for(server.recv(copy=False), WAIT)
        reader = threading.Thread(target=read_events)
        reader.start()
        try:
            for i in range(ROUNDS):
                waiting = asyncio.ensure_future(client.recv())
                await asyncio.sleep(0)
                await server.send(b"%d" % i, routing_id=frame.routing_id)
                assert await asyncio.wait_for(waiting, WAIT) == b"%d" % i
        finally:
            stop.set()
            reader.join()

    _run(exchange)


def test_asyncio_receives_while_another_thread_sends_on_the_socket(async_pair):
    server, client = async_pair()
    blocking = zmq.Socket.shadow(client.underlying)
    done = threading.Event()

    def serve():
        for _ in range(ROUNDS):
            frame = server_blocking.recv(copy=False)
            server_blocking.send(b"re:" + frame.bytes, routing_id=frame.routing_id)
        done.set()

    server_blocking = zmq.Socket.shadow(server.underlying)
    server_blocking.rcvtimeo = WAIT * 1000

    async def exchange():
        echo = threading.Thread(target=serve)
        echo.start()
        sender = threading.Thread(target=lambda: [blocking.send(b"%d" % i) for i in range(ROUNDS)])
        sender.start()
        received = [await asyncio.wait_for(client.recv(), WAIT) for _ in range(ROUNDS)]
        sender.join()
        echo.join()
        return received

    received = _run(exchange)
    assert sorted(received) == sorted(b"re:%d" % i for i in range(ROUNDS))
    assert done.is_set()


def test_asyncio_fd_goes_quiet_when_idle(async_pair):
    # The poller's FD stays readable until its wake-up is taken: a loop that
    # never took it would spin. After a dispatch, it is quiet.
    server, client = async_pair()

    async def exchange():
        await client.send(b"hello")
        frame = await asyncio.wait_for(server.recv(copy=False), WAIT)
        for i in range(20):
            await server.send(b"%d" % i, routing_id=frame.routing_id)
            await asyncio.wait_for(client.recv(), WAIT)
        fd = readiness_fd(client)
        for _ in range(100):
            await asyncio.sleep(0)
            if not _readable(fd):
                break
        else:
            raise AssertionError("the FD of an idle thread-safe socket stays readable")

    _run(exchange)


def test_asyncio_poller_with_thread_safe_sockets(async_pair):
    server, client = async_pair()

    async def exchange():
        poller = zmq.asyncio.Poller()
        poller.register(server, zmq.POLLIN)
        assert await poller.poll(0) == []
        polling = asyncio.ensure_future(poller.poll(WAIT * 1000))
        await asyncio.sleep(0)
        await client.send(b"hello")
        assert await asyncio.wait_for(polling, WAIT) == [(server, zmq.POLLIN)]
        assert (await server.recv(copy=False)).bytes == b"hello"

    _run(exchange)


def test_asyncio_close_while_waiting(async_pair):
    _server, client = async_pair()

    async def close_under_a_receive():
        waiting = asyncio.ensure_future(client.recv())
        await asyncio.sleep(0)
        client.close(linger=0)
        with pytest.raises(asyncio.CancelledError):
            await waiting

    _run(close_under_a_receive)
    assert client.closed
