"""zmq.asyncio: awaitable sockets on any asyncio loop, with no lost wake-ups.

The tests that use ``actx`` run for the tornado flavour too
(zmq.eventloop.future: the same machinery, with futures of its own class),
which must keep the same guarantees.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import os
import selectors
import threading
import time
import warnings

import pytest

import zmq
import zmq.asyncio
import zmq.eventloop.future
from zmq.utils.monitor import recv_monitor_message

try:
    import uvloop
except ImportError:  # pragma: no cover - uvloop is in the development requirements
    uvloop = None

LOOPS = ["asyncio", "uvloop"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "actx" in metafunc.fixturenames:
        metafunc.parametrize("actx", ["asyncio", "tornado"], indirect=True)


def cancelled_error(socket: zmq.Socket) -> type[BaseException]:
    """What awaiting an operation of ``socket`` cancelled by ``future.cancel()`` raises."""
    if isinstance(socket, zmq.eventloop.future.Socket):
        return zmq.eventloop.future.CancelledError
    return asyncio.CancelledError


@pytest.fixture(params=LOOPS)
def run(request, require):
    """Run a coroutine to completion on a fresh loop of each kind."""
    if request.param == "uvloop":
        require("uvloop")

    def run(coroutine_function, *args):
        loop = uvloop.new_event_loop() if request.param == "uvloop" else asyncio.new_event_loop()
        try:
            return loop.run_until_complete(asyncio.wait_for(coroutine_function(*args), 20))
        finally:
            loop.close()

    return run


@pytest.fixture
def apair(actx, request):
    made = []

    def make(bind_type=zmq.PAIR, connect_type=zmq.PAIR, transport="inproc"):
        bound, connected = actx.socket(bind_type), actx.socket(connect_type)
        made.extend((bound, connected))
        if transport == "inproc":
            url = f"inproc://{request.node.name}-{id(bound)}"
            bound.bind(url)
        else:
            url = f"tcp://127.0.0.1:{bound.bind_to_random_port('tcp://127.0.0.1')}"
        connected.connect(url)
        return bound, connected

    yield make
    for sock in made:
        sock.close(linger=0)


def test_classes():
    ctx = zmq.asyncio.Context()
    try:
        sock = ctx.socket(zmq.PUSH)
        assert isinstance(sock, zmq.asyncio.Socket)
        assert isinstance(sock, zmq.Socket)
        assert repr(sock).startswith("<zmq.asyncio.Socket(zmq.PUSH)")
        assert repr(ctx).startswith("<zmq.asyncio.Context(1 socket)")
        sock.close()
    finally:
        ctx.term()
    assert zmq.asyncio.Context.instance() is not zmq.Context.instance()
    assert isinstance(zmq.asyncio.Context.instance(), zmq.asyncio.Context)


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_send_and_recv_every_form(run, apair, transport):
    async def main():
        a, b = apair(transport=transport)
        pending = b.recv()
        assert isinstance(pending, asyncio.Future)
        await a.send(b"one")
        assert await pending == b"one"
        await a.send_multipart([b"x", b"y"])
        assert await b.recv_multipart() == [b"x", b"y"]
        await a.send_string("héllo")
        assert await b.recv_string() == "héllo"
        await a.send_json({"k": [1, 2]})
        assert await b.recv_json() == {"k": [1, 2]}
        await a.send_pyobj({1, 2})
        assert await b.recv_pyobj() == {1, 2}
        await a.send_serialized([1, 2], lambda m: [str(i).encode() for i in m])
        assert await b.recv_serialized(lambda parts: [int(p) for p in parts]) == [1, 2]
        buffer = bytearray(5)
        await a.send(b"into!")
        assert await b.recv_into(buffer) == 5
        assert buffer == b"into!"
        frame = b.recv(copy=False)
        await a.send(b"frame")
        assert (await frame).bytes == b"frame"
        assert await b.poll(10) == 0
        await a.send(b"poll")
        assert await b.poll(1000) == zmq.POLLIN
        assert await b.recv() == b"poll"

    run(main)


def test_waiting_receives_are_served_in_order(run, apair):
    async def main():
        a, b = apair()
        futures = [b.recv() for _ in range(5)]
        for i in range(5):
            await a.send(b"%d" % i)
        assert await asyncio.gather(*futures) == [b"0", b"1", b"2", b"3", b"4"]

    run(main)


def test_cancelling_never_loses_a_message(run, apair):
    async def main():
        a, b = apair()
        for receive in (b.recv, b.recv_multipart, b.recv_json, b.recv_string):
            cancelled = receive()
            cancelled.cancel()
            await a.send_json("kept")
            assert await b.recv_json() == "kept"
        # cancelling one of several keeps the others, in order
        first, second, third = b.recv(), b.recv(), b.recv()
        second.cancel()
        await a.send(b"1")
        await a.send(b"2")
        assert await first == b"1"
        assert await third == b"2"
        # a task cancelled while waiting leaves its message for the next recv
        task = asyncio.ensure_future(b.recv())
        await asyncio.sleep(0)
        task.cancel()
        await a.send(b"for the next")
        assert await b.recv() == b"for the next"

    run(main)


def test_timeouts_and_dontwait(run, apair):
    async def main():
        a, b = apair(zmq.PUSH, zmq.PULL)
        b.rcvtimeo = 50
        start = time.monotonic()
        with pytest.raises(zmq.Again):
            await b.recv()
        assert 0.04 < time.monotonic() - start < 2
        b.rcvtimeo = -1
        with pytest.raises(zmq.Again):
            await b.recv(zmq.DONTWAIT)
        with pytest.raises(zmq.Again):
            await b.recv_json(zmq.DONTWAIT)
        waiting = b.recv()
        with pytest.raises(zmq.Again):
            await b.recv(zmq.DONTWAIT)  # someone waits first: DONTWAIT cannot jump the queue
        await a.send(b"x")
        assert await waiting == b"x"
        lonely = apair(zmq.PUSH, zmq.PULL)[1]
        lonely.close()
        push = zmq.asyncio.Context.instance().socket(zmq.PUSH)
        push.sndtimeo = 50
        push.connect("tcp://127.0.0.1:1")
        push.sndhwm = 1
        with pytest.raises(zmq.Again):
            for _ in range(10):
                await push.send(b"nobody is there")
        push.close(linger=0)

    run(main)


@pytest.mark.parametrize(
    ("timeout", "error", "match"),
    [
        ("1", TypeError, "number or None, got str"),
        (float("nan"), ValueError, "not NaN"),
        (float("inf"), OverflowError, "finite"),
    ],
)
def test_bad_poll_timeouts_fail_the_future(run, apair, timeout, error, match):
    _bound, connected = apair()
    poller = zmq.asyncio.Poller()
    poller.register(connected, zmq.POLLIN)

    async def main():
        for poll in (connected.poll, poller.poll):
            with pytest.raises(error, match=match):
                await poll(timeout)

    run(main)


def test_close_cancels_waiters(run, apair):
    async def main():
        _a, b = apair()
        waiting = [b.recv(), b.poll(), b.recv_json()]
        b.close()
        for future in waiting:
            assert future.cancelled()
            with pytest.raises(cancelled_error(b)):
                await future
        with pytest.raises(zmq.ZMQError):
            await b.recv()

    run(main)


def test_no_leak_after_many_cancelled_polls(run, apair):
    async def main():
        _a, b = apair()
        loop = asyncio.get_running_loop()
        for _ in range(1000):
            future = b.poll(timeout=10_000)
            future.cancel()
            recv = b.recv()
            recv.cancel()
        await asyncio.sleep(0)
        assert not b._readiness.waiting
        if hasattr(loop, "_scheduled"):
            # every poll timer was cancelled and dropped
            assert sum(1 for t in loop._scheduled if not t.cancelled()) <= 1

    run(main)


def test_socket_used_from_two_loops(actx):
    a, b = actx.socket(zmq.PAIR), actx.socket(zmq.PAIR)
    a.bind("inproc://two-loops")
    b.connect("inproc://two-loops")

    async def exchange(text):
        waiting = b.recv()
        await asyncio.sleep(0.01)
        await a.send(text)
        return await waiting

    assert asyncio.run(exchange(b"first loop")) == b"first loop"
    assert asyncio.run(exchange(b"second loop")) == b"second loop"
    a.close()
    b.close()


def test_no_loop_is_an_error_before_anything_is_taken_or_sent(run, apair):
    bound, connected = apair()
    bound.sndtimeo = connected.rcvtimeo = 5000
    zmq.Socket.send(bound, b"kept")
    errors = []

    def without_a_loop():
        # a thread with no event loop: asyncio cannot give one
        for call in (lambda: connected.recv(), lambda: bound.send(b"not sent")):
            try:
                call()
            except RuntimeError as error:
                errors.append(error)

    worker = threading.Thread(target=without_a_loop)
    worker.start()
    worker.join(10)
    assert len(errors) == 2, errors

    async def main():
        assert await connected.recv() == b"kept"
        assert not await connected.poll(50)

    run(main)


def test_from_socket_and_shadow(run, context):
    sync_a, sync_b = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
    sync_a.bind("inproc://from-socket")
    sync_b.connect("inproc://from-socket")

    async def main():
        b = zmq.asyncio.Socket.from_socket(sync_b)
        shadow = zmq.asyncio.Socket.shadow(sync_b.underlying)
        assert b.underlying == shadow.underlying == sync_b.underlying
        waiting = b.recv()
        sync_a.send(b"from sync")
        assert await waiting == b"from sync"
        sync_a.send(b"via shadow")
        assert await shadow.recv() == b"via shadow"

    run(main)
    actx = zmq.asyncio.Context(context)
    assert actx._shadow and actx.underlying == context.underlying


def test_track(run, apair):
    async def main():
        a, b = apair()
        a.copy_threshold = 0
        tracker = await a.send(b"t" * 100, copy=False, track=True)
        assert isinstance(tracker, zmq.MessageTracker)
        await b.recv()
        tracker.wait(5)

    run(main)


def test_errors_come_through_the_future(run, apair):
    async def main():
        a, _b = apair(zmq.PUSH, zmq.PULL)
        with pytest.raises(zmq.ZMQError) as info:
            await a.recv()
        assert info.value.errno == zmq.ENOTSUP
        with pytest.raises(TypeError):
            await a.send("str")
        rep = zmq.asyncio.Context.instance().socket(zmq.REP)
        with pytest.raises(zmq.ZMQError, match="REP"):
            await rep.send(b"no request yet")
        rep.close()

    run(main)


def test_a_receive_after_one_that_waited(run, apair):
    # after a receive that waited, the next one looks at EVENTS before it
    # tries: the outcome must be the same as trying
    async def main():
        a, b = apair()
        first = b.recv()
        assert not first.done()
        await a.send(b"1")
        assert await first == b"1"
        second = b.recv()  # nothing there: it waits
        assert not second.done()
        await a.send(b"2")
        assert await second == b"2"
        await a.send(b"3")
        assert await b.poll(5000) == zmq.POLLIN
        third = b.recv()  # there: done at once, though the last one waited
        assert third.done()
        assert third.result() == b"3"
        with pytest.raises(zmq.Again):
            await b.recv(zmq.DONTWAIT)
        b.close()
        with pytest.raises(zmq.ZMQError) as info:
            await b.recv()
        assert info.value.errno == zmq.ENOTSOCK

    run(main)


def test_req_out_of_turn_fails_after_a_receive_that_waited(run, apair):
    async def main():
        rep, req = apair(zmq.REP, zmq.REQ)
        await req.send(b"question")
        reply = req.recv()
        assert not reply.done()
        await rep.send(await rep.recv())
        assert await reply == b"question"
        with pytest.raises(zmq.ZMQError) as info:
            await req.recv()  # out of turn: fails, as it did before it ever waited
        assert info.value.errno == zmq.EFSM

    run(main)


def test_futures_are_asyncio_s_whatever_the_loop_makes():
    # as PyZMQ's: an asyncio Future, even on a loop whose create_future()
    # makes another kind
    class OtherFuture(asyncio.Future):
        pass

    class Loop(asyncio.SelectorEventLoop):
        def create_future(self):
            return OtherFuture(loop=self)

    async def main():
        ctx = zmq.asyncio.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://futures-of-another-loop")
        b.connect("inproc://futures-of-another-loop")
        futures = [a.send(b"x"), b.recv(), b.recv(), b.poll(10_000)]
        assert await futures[1] == b"x"
        assert [type(future) for future in futures] == [asyncio.Future] * 4
        for future in futures[2:]:
            future.cancel()
        a.close()
        b.close()
        ctx.term()

    loop = Loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()


def test_poller_mixes_kinds(run, actx, context):
    async def main():
        a, b = actx.socket(zmq.PAIR), actx.socket(zmq.PAIR)
        a.bind("inproc://poller-mix")
        b.connect("inproc://poller-mix")
        sync_a, sync_b = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        sync_a.bind("inproc://poller-mix-sync")
        sync_b.connect("inproc://poller-mix-sync")
        read, write = os.pipe()
        try:
            poller = zmq.asyncio.Poller()
            poller.register(b, zmq.POLLIN)
            poller.register(sync_b, zmq.POLLIN)
            poller.register(read, zmq.POLLIN)
            assert await poller.poll(10) == []
            loop = asyncio.get_running_loop()
            for trigger, expected in (
                (lambda: a.send(b"async"), b),
                (lambda: sync_a.send(b"sync"), sync_b),
                (lambda: os.write(write, b"x"), read),
            ):
                loop.call_later(0.02, trigger)
                ready = await poller.poll(5000)
                assert [socket for socket, _ in ready] == [expected]
                if expected is read:
                    os.read(read, 1)
                else:
                    expected.recv() if expected is sync_b else await expected.recv()
        finally:
            os.close(read)
            os.close(write)

    run(main)


def test_poller_reports_other_objects_by_fd(run, actx):
    class HasFileno:
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def fileno(self) -> int:
            return self.fd

    async def main():
        read, write = os.pipe()
        try:
            poller = zmq.asyncio.Poller()
            poller.register(HasFileno(read), zmq.POLLIN)
            assert await poller.poll(10) == []
            asyncio.get_running_loop().call_later(0.02, os.write, write, b"x")
            assert await poller.poll(5000) == [(read, zmq.POLLIN)]
            assert await poller.poll(0) == [(read, zmq.POLLIN)]
        finally:
            os.close(read)
            os.close(write)

    run(main)


def test_recv_into_an_unusable_buffer_fails_when_a_message_is_there(run, apair):
    # as PyZMQ's: the buffer is looked at when the message could be taken
    async def main():
        a, b = apair()
        for buffer in (bytes(3), memoryview(bytearray(8))[::2], 42):
            waiting = b.recv_into(buffer)
            await asyncio.sleep(0.01)
            assert not waiting.done()
            await a.send(b"kept")
            with pytest.raises((BufferError, TypeError)):
                await asyncio.wait_for(waiting, 2)
            assert await b.recv() == b"kept"
        waiting = b.recv_into(bytearray(3), nbytes=-1)
        await a.send(b"kept")
        with pytest.raises(ValueError):
            await asyncio.wait_for(waiting, 2)
        assert await b.recv() == b"kept"
        # with a message there, or DONTWAIT, it fails at once
        await a.send(b"kept")
        assert await b.poll(2000)
        for flags in (0, zmq.DONTWAIT):
            failed = b.recv_into(bytes(3), flags=flags)
            assert failed.done()
            with pytest.raises(BufferError):
                failed.result()
        assert await b.recv() == b"kept"
        with pytest.raises(BufferError):
            await b.recv_into(bytes(3), flags=zmq.DONTWAIT)
        # and a socket's timeout applies while it waits
        b.rcvtimeo = 20
        with pytest.raises(zmq.Again):
            await b.recv_into(bytes(3))

    run(main)


def test_get_is_pyzmqs_signature(actx):
    sock = actx.socket(zmq.PAIR)
    assert list(inspect.signature(type(sock).get).parameters) == ["self", "key"]
    assert sock.get(key=zmq.TYPE) == zmq.PAIR
    assert sock.get(zmq.EVENTS) == 0
    sock.close()


def test_deprecated_aliases():
    with pytest.warns(DeprecationWarning):
        zmq.asyncio.install()
    with pytest.warns(DeprecationWarning):
        loop = zmq.asyncio.ZMQEventLoop()
    loop.close()
    selector = selectors.DefaultSelector()
    with pytest.warns(DeprecationWarning):
        loop = zmq.asyncio.ZMQEventLoop(selector=selector)
    assert loop._selector is selector
    loop.close()


def test_pyzmq_s_warning_filters_work():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", zmq.asyncio.ProactorSelectorThreadWarning)
    assert issubclass(zmq.asyncio.ProactorSelectorThreadWarning, RuntimeWarning)


# --- no lost wake-ups -------------------------------------------------------


def test_no_lost_wakeups(run, apair, context):
    """A pending recv resolves promptly every time, while the loop also serves
    a pipe and other sockets, throughput drops from bursts to single
    messages, and other code keeps reading EVENTS on the same socket."""

    async def main():
        loop = asyncio.get_running_loop()
        b, a = apair(zmq.PULL, zmq.PUSH, transport="tcp")
        other_a, other_b = apair(zmq.PUSH, zmq.PULL)
        shadow = zmq.Socket.shadow(b.underlying)
        read, write = os.pipe()
        pipe_reads = 0

        def on_pipe():
            nonlocal pipe_reads
            os.read(read, 4096)
            pipe_reads += 1

        loop.add_reader(read, on_pipe)
        stop = False

        async def noise():
            # other traffic on the loop, and EVENTS read behind b's back
            while not stop:
                os.write(write, b"x")
                await other_a.send(b"noise")
                await other_b.recv()
                shadow.get(zmq.EVENTS)
                await asyncio.sleep(0.001)

        noisy = asyncio.ensure_future(noise())
        sent = 0
        try:
            for burst in (500, 100, 10, 1, 1, 1, 1, 1, 1, 1, 1):
                for _ in range(burst):
                    await a.send(b"%d" % sent)
                    sent += 1
                for _ in range(burst):
                    await asyncio.wait_for(b.recv(), 2)
                # a single message on an idle socket, with EVENTS read just before
                waiting = b.recv()
                shadow.get(zmq.EVENTS)
                await asyncio.sleep(0.005)
                threading.Thread(target=_send_later, args=(context, b.last_endpoint)).start()
                assert await asyncio.wait_for(waiting, 2) == b"late"
        finally:
            stop = True
            await noisy
            loop.remove_reader(read)
            os.close(read)
            os.close(write)
        assert pipe_reads > 0

    run(main)


def test_events_read_elsewhere_do_not_lose_a_wakeup(run, actx):
    """The exact race: a message arrives and signals the FD, then other code
    reads EVENTS through another wrapper (which resets the FD) before the
    loop looks: the pending recv must still resolve."""

    async def main():
        b = actx.socket(zmq.PULL)
        b.bind("inproc://edge-race")
        pusher = zmq.Socket(actx, zmq.PUSH)  # a plain, blocking socket
        pusher.connect("inproc://edge-race")
        shadow = zmq.Socket.shadow(b.underlying)
        try:
            for attempt in range(20):
                waiting = b.recv()
                await asyncio.sleep(0.002)  # the dispatcher looked, and sleeps
                pusher.send(b"%d" % attempt)  # inproc: queued and signalled now
                assert shadow.get(zmq.EVENTS) & zmq.POLLIN  # resets the FD
                assert await asyncio.wait_for(waiting, 2) == b"%d" % attempt
        finally:
            pusher.close()

    run(main)


def _send_later(context, endpoint):
    sock = context.socket(zmq.PUSH)
    sock.connect(endpoint.decode())
    sock.send(b"late")
    sock.close(linger=5000)


def test_monitor_messages_are_awaitable(run, actx):
    async def main():
        sock = actx.socket(zmq.PULL)
        monitor = sock.get_monitor_socket()
        assert type(monitor) is type(sock)
        sock.bind_to_random_port("tcp://127.0.0.1")
        event = await recv_monitor_message(monitor)
        assert event["event"] == zmq.EVENT_LISTENING
        sock.disable_monitor()
        monitor.close()

    run(main)


def test_no_warnings_or_garbage(run, apair):
    async def main():
        a, b = apair()
        for _ in range(10):
            waiting = b.recv()
            await a.send(b"x")
            await waiting
        a.close()
        b.close()

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run(main)
    gc.collect()


def test_closing_through_another_wrapper_cancels_waiters(run, actx):
    async def main():
        b = actx.socket(zmq.PULL)
        b.bind("inproc://closed-elsewhere")
        waiting = b.recv()
        zmq.Socket.shadow(b.underlying).close()
        with pytest.raises(cancelled_error(b)):
            await asyncio.wait_for(waiting, 2)
        assert b.closed

    run(main)
