"""ZMQStream on a real tornado IOLoop (under asyncio.run) with real sockets."""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import re
import subprocess
import sys
import threading
import warnings
from collections.abc import Awaitable
from typing import Any, Callable

import pytest
from tornado.ioloop import IOLoop, PeriodicCallback

import zmq
import zmq.eventloop.zmqstream
from zmq.eventloop.zmqstream import ZMQStream
from zmq.integration import Readiness

#: seconds each expected message or call may take at most: a lost wake-up
#: fails the test instead of hanging it
DEADLINE = 2.0

Body = Callable[[Callable[..., ZMQStream]], Awaitable[None]]


@pytest.fixture
def run() -> Callable[[Body], None]:
    """Run ``body(stream)`` under asyncio.run; ``stream(socket)`` makes a
    ZMQStream that is closed when the body ends."""

    def runner(body: Body) -> None:
        async def main() -> None:
            made: list[ZMQStream] = []

            def stream(socket: zmq.Socket[Any], **kwargs: Any) -> ZMQStream:
                made.append(ZMQStream(socket, **kwargs))
                return made[-1]

            try:
                await asyncio.wait_for(body(stream), 60)
            finally:
                for each in made:
                    each.close(linger=0)

        asyncio.run(main())

    return runner


class Inbox:
    """A callback that records its calls: one argument as itself, several as a tuple."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._changed = asyncio.Event()

    def __call__(self, *args: Any) -> None:
        self.items.append(args[0] if len(args) == 1 else args)
        self._changed.set()

    async def wait(self, count: int) -> list[Any]:
        """Wait until there are ``count`` items, DEADLINE seconds at most for each."""
        while len(self.items) < count:
            self._changed.clear()
            have = len(self.items)
            try:
                await asyncio.wait_for(self._changed.wait(), DEADLINE)
            except asyncio.TimeoutError:
                raise AssertionError(
                    f"{have} of {count} calls, then none for {DEADLINE} s"
                ) from None
        return self.items


async def loop_turns(count: int = 10) -> None:
    """Let the loop run ``count`` iterations."""
    for _ in range(count):
        await asyncio.sleep(0)


async def check_both_ways(
    stream: Callable[..., ZMQStream], served: ZMQStream, peer: zmq.Socket[Any]
) -> None:
    """``served`` receives what ``peer`` sends, and what it sends reaches ``peer``
    (which ``stream`` serves too)."""
    inbox = Inbox()
    served.on_recv(inbox)
    peer.send(b"to the stream")
    assert await inbox.wait(1) == [[b"to the stream"]]
    served.send(b"from the stream")
    replies = Inbox()
    stream(peer).on_recv(replies)
    assert await replies.wait(1) == [[b"from the stream"]]


def poller_with(socket: zmq.Socket[Any]) -> zmq.Poller:
    poller = zmq.Poller()
    poller.register(socket, zmq.POLLIN)
    return poller


def wait_readable(socket: zmq.Socket[Any]) -> None:
    assert socket.poll(int(DEADLINE * 1000), zmq.POLLIN), "no message came"


def fd_is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


class CountingStream(ZMQStream):
    """A ZMQStream that counts its runs."""

    runs = 0

    def _run(self, mask: int, limit: Any, flushing: bool, events: int | None = None) -> int:
        self.runs += 1
        return super()._run(mask, limit, flushing, events)


# --- making a stream ------------------------------------------------------


def test_attributes_and_initial_state(run, pair):
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        assert s.socket is a
        assert s.io_loop is IOLoop.current()
        assert not s.receiving()
        assert not s.sending()
        assert not s.closed()
        assert "PAIR" in repr(s)

    run(body)


def test_an_explicit_io_loop(run, pair):
    a, _b = pair()

    async def body(stream):
        loop = IOLoop.current()
        assert stream(a, io_loop=loop).io_loop is loop

    run(body)


def test_pyzmq_shortcuts_to_the_sockets_methods(run, context):
    sock = context.socket(zmq.PAIR)
    peer = context.socket(zmq.PAIR)

    async def body(stream):
        s = stream(sock)
        s.setsockopt(zmq.LINGER, 0)
        assert s.getsockopt(zmq.LINGER) == 0
        s.setsockopt_string(zmq.ROUTING_ID, "stream")
        assert s.getsockopt_string(zmq.ROUTING_ID) == "stream"
        s.setsockopt_unicode(zmq.ROUTING_ID, "again")
        assert s.getsockopt_unicode(zmq.ROUTING_ID) == "again"
        port = s.bind_to_random_port("tcp://127.0.0.1")
        s.bind("inproc://stream-shortcuts")
        peer.connect("inproc://stream-shortcuts")
        inbox = Inbox()
        s.on_recv(inbox)
        peer.send(b"through the shortcuts")
        assert await inbox.wait(1) == [[b"through the shortcuts"]]
        assert sock.last_endpoint == b"inproc://stream-shortcuts"
        assert port > 0
        other = context.socket(zmq.PAIR)
        stream(other).connect("inproc://stream-shortcuts")
        assert other.last_endpoint == b"inproc://stream-shortcuts"

    run(body)


def test_an_asyncio_socket_is_served_through_a_plain_shadow(run, actx):
    asock = actx.socket(zmq.PAIR)
    asock.bind("inproc://stream-of-an-asyncio-socket")
    peer = actx.socket(zmq.PAIR, socket_class=zmq.Socket)
    peer.connect("inproc://stream-of-an-asyncio-socket")

    async def body(stream):
        with pytest.warns(RuntimeWarning, match=r"not zmq\.asyncio\.Socket.*socket_class="):
            s = stream(asock)
        assert type(s.socket) is zmq.Socket
        assert s.socket.underlying == asock.underlying
        await check_both_ways(stream, s, peer)  # bytes, not futures, reach on_recv
        s.close()
        assert asock.closed

    run(body)


@pytest.mark.parametrize("bad", [None, "tcp://127.0.0.1:5555", 5])
def test_only_sockets_make_streams(run, bad):
    async def body(stream):
        # PyZMQ looks up the FD attribute: AttributeError
        with pytest.raises(TypeError, match=r"ZMQStream needs a zmq\.Socket") as caught:
            stream(bad)
        assert isinstance(caught.value, AttributeError)

    run(body)


def test_io_loop_must_be_an_ioloop(run, pair):
    a, _b = pair()

    async def body(stream):
        with pytest.raises(
            TypeError, match=r"io_loop must be a tornado\.ioloop\.IOLoop"
        ) as caught:
            stream(a, io_loop=asyncio.get_running_loop())
        assert isinstance(caught.value, AttributeError)

    run(body)


def test_a_closed_socket_makes_no_stream(run, pair):
    a, _b = pair()
    a.close()

    async def body(stream):
        with pytest.raises(zmq.ZMQError, match="closed"):
            stream(a)

    run(body)


def test_one_stream_per_socket(run, pair):
    a, b = pair()

    async def body(stream):
        first = stream(b)
        with pytest.raises(ValueError, match="one ZMQStream per socket"):
            ZMQStream(zmq.Socket.shadow(b.underlying))
        inbox = Inbox()
        first.on_recv(inbox)
        a.send(b"still served")
        assert await inbox.wait(1) == [[b"still served"]]

    run(body)


# --- callbacks that are not callable ---------------------------------------------


@pytest.mark.parametrize("method", ["on_recv", "on_send"])
@pytest.mark.parametrize("bad", ["not callable", 5, b"x"])
def test_on_recv_and_on_send_assert_callability(run, pair, method, bad):
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        # PyZMQ asserts: AssertionError, and TypeError says it better
        with pytest.raises(
            TypeError, match=f"ZMQStream.{method} needs a callable or None"
        ) as caught:
            getattr(s, method)(bad)
        assert isinstance(caught.value, AssertionError)
        assert not s.receiving()

    run(body)


@pytest.mark.parametrize("method", ["on_recv_stream", "on_send_stream"])
def test_stream_callbacks_that_are_not_callable_warn_and_fail_when_called(
    run, pair, method, caplog
):
    # PyZMQ takes them (it wraps them in a closure) and fails at the call
    a, b = pair()

    async def body(stream):
        s = stream(b)
        with pytest.warns(DeprecationWarning, match=f"ZMQStream.{method} got a int"):
            getattr(s, method)(5)
        inbox = Inbox()
        stream(a).on_recv(inbox)
        a.send(b"to b")
        s.send(b"to a")
        assert await inbox.wait(1) == [[b"to a"]]
        for _ in range(int(DEADLINE / 0.01)):
            if caplog.records:
                break
            await asyncio.sleep(0.01)

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    assert [str(record.exc_info[1]) for record in caplog.records] == [
        "'int' object is not callable"
    ]


def test_a_close_callback_that_is_not_callable_warns_and_close_raises(run, pair, caplog):
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        with pytest.warns(DeprecationWarning, match="set_close_callback got a str"):
            s.set_close_callback("not callable")
        with pytest.raises(TypeError, match="not callable"):
            s.close()
        assert a.closed
        assert s.closed()

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    assert len(caplog.records) == 1


def test_a_send_callback_must_be_callable(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(a)
        with pytest.raises(TypeError, match="needs a callable") as caught:
            s.send(b"x", callback="not callable")
        assert isinstance(caught.value, AssertionError)
        # as in PyZMQ, the message was queued before the callback was refused
        assert s.sending()
        inbox = Inbox()
        stream(b).on_recv(inbox)
        assert await inbox.wait(1) == [[b"x"]]

    run(body)


def test_on_err_is_deprecated_and_does_nothing(run, pair, caplog):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        with pytest.warns(DeprecationWarning, match="on_err is deprecated"):
            s.on_err(lambda *args: None)
        with pytest.warns(DeprecationWarning, match="stop_on_err is deprecated"):
            s.stop_on_err()
        with pytest.warns(DeprecationWarning):
            assert s.on_err("not callable") is None
        inbox = Inbox()
        s.on_recv(inbox)
        a.send(b"unaffected")
        assert await inbox.wait(1) == [[b"unaffected"]]

    with caplog.at_level(logging.WARNING, logger="tornado.general"):
        run(body)
    # as PyZMQ, it says so in the log too
    assert [record.message for record in caplog.records] == [
        "on_err does nothing, and will be removed"
    ] * 3


# --- receiving ------------------------------------------------------------------


def test_on_recv_gets_every_message_in_order(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        s = stream(b)
        s.on_recv(inbox)
        assert s.receiving()
        sent = [[b"%d" % i, b"part two"] if i % 3 == 0 else [b"%d" % i] for i in range(200)]
        for msg in sent:
            a.send_multipart(msg)
        assert await inbox.wait(200) == sent

    run(body)


def test_on_recv_copy_false_gives_frames(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        stream(b).on_recv(inbox, copy=False)
        a.send_multipart([b"one", b"two"])
        (msg,) = await inbox.wait(1)
        assert all(isinstance(part, zmq.Frame) for part in msg)
        assert [part.bytes for part in msg] == [b"one", b"two"]

    run(body)


def test_on_recv_stream_passes_the_stream(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        s = stream(b)
        s.on_recv_stream(inbox)
        a.send(b"hi")
        assert await inbox.wait(1) == [(s, [b"hi"])]
        s.on_recv_stream(inbox, copy=False)
        a.send(b"frame")
        _stream, (part,) = (await inbox.wait(2))[1]
        assert part.bytes == b"frame"

    run(body)


def test_messages_that_came_before_on_recv_are_delivered(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        a.send(b"early")
        wait_readable(b)  # the FD's edge is spent before anyone listens
        inbox = Inbox()
        s.on_recv(inbox)
        assert await inbox.wait(1) == [[b"early"]]

    run(body)


def test_none_pauses_and_a_callback_resumes(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        s = stream(b)
        s.on_recv(inbox)
        a.send(b"1")
        await inbox.wait(1)
        s.on_recv(None)
        assert not s.receiving()
        a.send(b"2")
        a.send(b"3")
        wait_readable(b)
        await loop_turns()
        assert inbox.items == [[b"1"]]
        assert s.flush(zmq.POLLOUT) == 0  # paused: nothing is received
        assert b.poll(0) == zmq.POLLIN
        s.on_recv(inbox)
        assert await inbox.wait(3) == [[b"1"], [b"2"], [b"3"]]
        s.stop_on_recv()
        assert not s.receiving()
        a.send(b"4")
        wait_readable(b)
        await loop_turns()
        assert len(inbox.items) == 3
        s.on_recv_stream(lambda stream, msg: inbox(msg))
        assert await inbox.wait(4) == [[b"1"], [b"2"], [b"3"], [b"4"]]

    run(body)


def test_a_failing_callback_is_logged_and_the_stream_goes_on(run, pair, caplog):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()

        def callback(msg):
            inbox(msg)
            if msg == [b"bad"]:
                raise RuntimeError("this callback failed")

        stream(b).on_recv(callback)
        for msg in (b"bad", b"good", b"better"):
            a.send(msg)
        assert await inbox.wait(3) == [[b"bad"], [b"good"], [b"better"]]

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    (record,) = caplog.records
    assert record.message == "Uncaught exception in ZMQStream callback"
    assert str(record.exc_info[1]) == "this callback failed"


def test_coroutine_callbacks_are_awaited_and_their_errors_logged(run, pair, caplog):
    a, b = pair()

    async def body(stream):
        started = Inbox()
        finished = Inbox()
        release = asyncio.Event()

        async def callback(msg):
            started(msg)
            await release.wait()
            if msg == [b"bad"]:
                raise ValueError("this coroutine failed")
            finished(msg)

        stream(b).on_recv(callback)
        for msg in (b"1", b"bad", b"2"):
            a.send(msg)
        # they run side by side, as in PyZMQ: all started, none finished
        assert await started.wait(3) == [[b"1"], [b"bad"], [b"2"]]
        assert finished.items == []
        release.set()
        assert await finished.wait(2) == [[b"1"], [b"2"]]
        await loop_turns()

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    (record,) = caplog.records
    assert record.message == "Uncaught exception in ZMQStream callback"
    assert str(record.exc_info[1]) == "this coroutine failed"


def test_a_callback_may_flush_the_stream(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        s = stream(b)
        nested = []

        def callback(msg):
            inbox(msg)
            if msg == [b"first"]:
                nested.append(s.flush(zmq.POLLIN, 1))

        for msg in (b"first", b"second", b"third"):
            a.send(msg)
        wait_readable(b)
        s.on_recv(callback)
        assert await inbox.wait(3) == [[b"first"], [b"second"], [b"third"]]
        assert nested == [1]

    run(body)


# --- sending ---------------------------------------------------------------------


def test_every_send_method(run, pair):
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        stream(b).on_recv(inbox)
        s = stream(a)
        s.send(b"bytes")
        s.send(memoryview(b"a buffer"))
        s.send(zmq.Frame(b"a frame"))
        s.send_multipart([b"multi", b"part"])
        s.send_multipart((b"a", b"tuple"))
        s.send_string("text é")
        s.send_string("latin é", encoding="latin-1")
        s.send_unicode("unicode")
        s.send_json({"a": [2], "b": 1})
        s.send_pyobj({"x": (1, 2)})
        assert s.sending()
        received = await inbox.wait(10)
        assert received[:9] == [
            [b"bytes"],
            [b"a buffer"],
            [b"a frame"],
            [b"multi", b"part"],
            [b"a", b"tuple"],
            ["text é".encode()],
            ["latin é".encode("latin-1")],
            [b"unicode"],
            [b'{"a": [2], "b": 1}'],
        ]
        assert pickle.loads(received[9][0]) == {"x": (1, 2)}
        assert not s.sending()

    run(body)


def test_send_json_gives_its_keyword_arguments_to_the_send(run, pair):
    # as PyZMQ: to Socket.send_multipart, not to json.dumps
    a, b = pair()

    async def body(stream):
        inbox = Inbox()
        stream(b).on_recv(inbox)
        stream(a).send_json({"b": 1, "a": 2}, routing_id=None)
        assert await inbox.wait(1) == [[b'{"b": 1, "a": 2}']]

    run(body)


def test_on_send_gets_the_message_and_the_send_status(run, pair):
    a, b = pair()

    async def body(stream):
        receiver = Inbox()
        stream(b).on_recv(receiver)
        s = stream(a)
        sent = Inbox()
        s.on_send(sent)
        s.send(b"copied")
        s.send_multipart([b"not", b"copied"], copy=False, track=True)
        items = await sent.wait(2)
        assert items[0] == ([b"copied"], None)
        assert items[1][0] == [b"not", b"copied"]
        tracker = items[1][1]
        assert isinstance(tracker, zmq.MessageTracker)
        await receiver.wait(2)
        tracker.wait(DEADLINE)
        assert tracker.done
        s.on_send_stream(sent)
        s.send(b"with the stream")
        assert (await sent.wait(3))[2] == (s, [b"with the stream"], None)
        s.stop_on_send()
        s.send(b"unreported")
        await receiver.wait(4)
        assert len(sent.items) == 3

    run(body)


def test_a_send_callback_replaces_on_send(run, pair):
    # as in PyZMQ: send(..., callback=cb) is on_send(cb) then send(...)
    a, b = pair()

    async def body(stream):
        receiver = Inbox()
        stream(b).on_recv(receiver)
        s = stream(a)
        first, second = Inbox(), Inbox()
        s.on_send(first)
        s.send(b"1", callback=second)
        s.send(b"2")
        await receiver.wait(2)
        assert first.items == []
        assert [msg for msg, _status in await second.wait(2)] == [[b"1"], [b"2"]]

    run(body)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda s: s.send("text"), TypeError, "str"),
        (lambda s: s.send({"a": 1}), TypeError, "does not support the buffer interface"),
        (lambda s: s.send(5), TypeError, "does not support the buffer interface"),
        (lambda s: s.send_multipart(b"abc"), TypeError, "does not support the buffer interface"),
        (lambda s: s.send_multipart(5), TypeError, ""),
        (lambda s: s.send_multipart([]), ValueError, "at least one message part"),
        (lambda s: s.send_multipart([b"ok", "text"]), TypeError, "str"),
        (lambda s: s.send(b"x", flags="x"), TypeError, ""),
    ],
)
def test_a_message_that_cannot_be_sent_is_queued_then_logged_and_dropped(
    run, pair, call, error, match, caplog
):
    # PyZMQ queues anything, and the loop logs what fails: callers rely on
    # send() returning (from an on_recv callback, say)
    a, b = pair()

    async def body(stream):
        s = stream(a)
        sent = Inbox()
        s.on_send(sent)
        assert call(s) is None
        assert s.sending()
        s.send(b"the next one")
        inbox = Inbox()
        stream(b).on_recv(inbox)
        assert await inbox.wait(1) == [[b"the next one"]]
        assert sent.items == [([b"the next one"], None)]

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    (record,) = caplog.records
    assert record.message == "ZMQStream could not send a message, dropped it"
    assert isinstance(record.exc_info[1], error)
    assert re.search(match, str(record.exc_info[1]))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda s: s.send_string(b"bytes"), TypeError, "send_string takes str"),
        (lambda s: s.send_json({1, 2}), TypeError, "not JSON serializable"),
        # Python 3.13 says "Can't get local object", the others name pickling
        (lambda s: s.send_pyobj(lambda: None), AttributeError, r"pickle|local object"),
    ],
)
def test_what_cannot_be_serialized_is_refused_at_the_call(run, pair, call, error, match):
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        with pytest.raises(error, match=match):
            call(s)
        assert not s.sending()

    run(body)


def test_flush_raises_why_a_queued_message_could_not_be_sent(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(a)
        s.send_multipart([b"x", "text"])
        s.send(b"ok")
        with pytest.raises(TypeError, match="str"):
            s.flush()
        assert s.flush() == 1  # the bad message was dropped
        wait_readable(b)
        assert b.recv_multipart() == [b"ok"]

    run(body)


def test_a_message_the_socket_refuses_is_logged_and_reported_to_on_send(run, pair, caplog):
    router, dealer = pair(zmq.ROUTER, zmq.DEALER)
    router.router_mandatory = 1

    async def body(stream):
        inbox = Inbox()
        stream(dealer).on_recv(inbox)
        s = stream(router)
        sent = Inbox()
        s.on_send(sent)
        dealer.send(b"hello")
        wait_readable(router)
        identity, _ = router.recv_multipart()
        s.send_multipart([b"nobody", b"lost"])
        s.send_multipart([identity, b"delivered"])
        assert await inbox.wait(1) == [[b"delivered"]]
        (refused, refused_status), (delivered, delivered_status) = await sent.wait(2)
        assert refused == [b"nobody", b"lost"]
        assert isinstance(refused_status, zmq.ZMQError)
        assert refused_status.errno == zmq.EHOSTUNREACH
        assert (delivered, delivered_status) == ([identity, b"delivered"], None)

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    (record,) = caplog.records
    assert record.message.startswith("SEND Error: ")


def test_queued_sends_go_out_in_order_when_the_peer_appears(run, socket, tmp_path):
    push = socket(zmq.PUSH, immediate=1)  # no peer, no pipe: nothing is writable
    url = f"ipc://{tmp_path}/later"
    push.connect(url)

    async def body(stream):
        s = stream(push)
        sent = Inbox()
        s.on_send(sent)
        for i in range(100):
            s.send(b"%d" % i)
        await loop_turns()
        assert s.sending()
        assert sent.items == []
        pull = socket(zmq.PULL)
        pull.bind(url)
        inbox = Inbox()
        stream(pull).on_recv(inbox)
        assert await inbox.wait(100) == [[b"%d" % i] for i in range(100)]
        assert len(await sent.wait(100)) == 100
        assert not s.sending()

    run(body)


def test_an_echo_server_replies_from_its_callback(run, pair):
    router, dealer = pair(zmq.ROUTER, zmq.DEALER, "tcp")

    async def body(stream):
        server = stream(router)
        server.on_recv(server.send_multipart)
        client = stream(dealer)
        inbox = Inbox()

        def next_request(msg):
            inbox(msg)
            if len(inbox.items) < 300:
                client.send(b"%d" % len(inbox.items))

        client.on_recv(next_request)
        client.send(b"0")
        assert await inbox.wait(300) == [[b"%d" % i] for i in range(300)]

    run(body)


# --- flush ----------------------------------------------------------------------


def test_flush_receives_up_to_the_limit_and_the_loop_does_the_rest(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        inbox = Inbox()
        for i in range(5):
            a.send(b"%d" % i)
        wait_readable(b)
        s.on_recv(inbox)
        assert s.flush(zmq.POLLIN, 2) == 2
        assert inbox.items == [[b"0"], [b"1"]]
        assert s.flush(limit=1) == 1
        assert await inbox.wait(5) == [[b"%d" % i] for i in range(5)]
        assert s.flush() == 0

    run(body)


def test_flush_without_a_limit_takes_everything(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        inbox = Inbox()
        s.on_recv(inbox)
        for limit in (None, 0):  # 0 is no limit too, as in PyZMQ
            inbox.items.clear()
            for i in range(5):
                a.send(b"%d" % i)
            wait_readable(b)
            assert s.flush(limit=limit) == 5
            assert inbox.items == [[b"%d" % i] for i in range(5)]

    run(body)


def test_flush_sends_up_to_the_limit(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(a)
        for i in range(3):
            s.send(b"%d" % i)
        assert s.flush(zmq.POLLOUT, 2) == 2
        assert s.sending()
        assert s.flush(zmq.POLLOUT) == 1
        assert not s.sending()
        assert b.recv_multipart(zmq.NOBLOCK) == [b"0"]
        assert b.recv_multipart(zmq.NOBLOCK) == [b"1"]
        assert b.recv_multipart(zmq.NOBLOCK) == [b"2"]

    run(body)


def test_flush_handles_only_the_direction_asked_for(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        inbox = Inbox()
        s.on_recv(inbox)
        a.send(b"in")
        wait_readable(b)
        s.send(b"out")
        assert s.flush(zmq.POLLOUT) == 1
        assert inbox.items == []
        assert a.recv(zmq.NOBLOCK) == b"out"
        s.send(b"out again")
        assert s.flush(zmq.POLLIN) == 1
        assert inbox.items == [[b"in"]]
        assert s.sending()
        # what the flush left is the loop's
        replies = Inbox()
        stream(a).on_recv(replies)
        assert await replies.wait(1) == [[b"out again"]]
        assert not s.sending()

    run(body)


def test_flushing_one_direction_never_stalls_the_other(run, socket):
    a, b = socket(zmq.PAIR, rcvhwm=1), socket(zmq.PAIR, sndhwm=1)
    a.bind("inproc://one-direction")
    b.connect("inproc://one-direction")

    async def body(stream):
        s = stream(b)
        for i in range(10):
            s.send(b"%d" % i)
        await loop_turns()
        assert s.sending()  # the HWM holds the rest back
        wait_readable(a)
        assert a.recv() == b"0"  # room again: the edge says so...
        assert s.flush(zmq.POLLIN) == 0  # ...and this spends it
        await loop_turns()
        # the stream used the room by itself (reading again would signal it)
        assert a.recv(zmq.NOBLOCK) == b"1"
        assert a.recv(zmq.NOBLOCK) == b"2"
        inbox = Inbox()
        stream(a).on_recv(inbox)
        assert await inbox.wait(7) == [[b"%d" % i] for i in range(3, 10)]

    run(body)


@pytest.mark.parametrize("flag", ["x", None, 1.5])
def test_flush_takes_an_int_flag(run, pair, flag):
    a, _b = pair()

    async def body(stream):
        with pytest.raises(TypeError):
            stream(a).flush(flag)

    run(body)


@pytest.mark.parametrize(("limit", "count"), [(-1, 0), (1.5, 2), (2, 2), (0, 3), (None, 3)])
def test_flush_limits_as_pyzmq(run, pair, limit, count):
    # the limit is checked before each message: any number works, and one
    # below 1 handles nothing
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        for part in (b"1", b"2", b"3"):
            s.send(part)
        assert s.flush(zmq.POLLOUT, limit) == count

    run(body)


def test_flush_without_a_callback_drops_what_it_receives(run, pair):
    # as documented by PyZMQ: flush(POLLIN) removes and ignores incoming messages
    a, b = pair()

    async def body(stream):
        s = stream(b)
        a.send(b"1")
        a.send(b"2")
        wait_readable(b)
        assert s.flush(zmq.POLLIN) == 2
        assert b.poll(0) == 0
        inbox = Inbox()
        s.on_recv(inbox)
        a.send(b"3")
        assert await inbox.wait(1) == [[b"3"]]

    run(body)


def test_flush_raises_what_a_callback_raised(run, pair, caplog):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        s.on_recv(lambda msg: 1 / 0)
        a.send(b"1")
        wait_readable(b)
        with pytest.raises(ZeroDivisionError):
            s.flush()
        s.on_recv(None)
        s.on_send(lambda msg, status: 1 / 0)
        s.send(b"x")
        with pytest.raises(ZeroDivisionError):
            s.flush()
        wait_readable(a)
        assert a.recv() == b"x"

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    assert len(caplog.records) == 2


# --- closing ---------------------------------------------------------------------

#: a kernel's shutdown: its IOLoop closed with all_fds=True, then the context
#: terminated. A stream that registered the raw ZMQ_FD had tornado os.close()
#: libzmq's signaler FD, and term() aborted the process (SIGABRT).
CLOSE_LOOP_WITH_ALL_FDS = """
import warnings
import zmq
from tornado.ioloop import IOLoop
from zmq.eventloop.zmqstream import ZMQStream

context = zmq.Context()
loop = IOLoop(make_current=False)
socket = context.socket(zmq.PUB)
stream = ZMQStream(socket, io_loop=loop)
stream.set_close_callback(lambda: print("close callback"))
loop.close(all_fds=True)
print("socket closed:", socket.closed)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("stream closed:", stream.closed())
print("warnings:", [w.category.__name__ for w in caught])
context.term()
print("terminated")
"""


def test_closing_the_loop_with_all_fds_closes_the_socket_as_pyzmq():
    # in a process of its own: the failure this guards against is an abort
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_LOOP_WITH_ALL_FDS],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "socket closed: True",
        "close callback",
        "stream closed: True",
        "warnings: ['UserWarning']",
        "terminated",
    ]


def test_the_loop_watches_the_socket_itself(run, pair):
    a, _b = pair()

    async def body(stream):
        s = stream(a)
        watched, _handler = s.io_loop.handlers[a.get(zmq.FD)]
        assert watched is a

    run(body)


def test_send_returns_from_an_on_recv_callback_whatever_it_is_given(run, pair, caplog):
    # a client replies with a dict from its callback and carries on
    a, b = pair()

    async def body(stream):
        s = stream(b)
        handled = Inbox()

        def callback(msg):
            s.send({"reply": msg})
            s.send_multipart([b"header", "text part"])
            handled(msg)

        s.on_recv(callback)
        a.send(b"request")
        assert await handled.wait(1) == [[b"request"]]
        s.send(b"after")
        replies = Inbox()
        stream(a).on_recv(replies)
        assert await replies.wait(1) == [[b"after"]]

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    assert [type(record.exc_info[1]) for record in caplog.records] == [TypeError, TypeError]


def test_close_closes_the_socket_and_calls_back_once(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        s.on_recv(lambda msg: None)
        s.send(b"dropped")
        s.close(linger=0)
        assert b.closed
        assert s.socket is None
        assert s.closed()
        # as in PyZMQ, the callback and the queue stay (and nothing is sent)
        assert s.receiving()
        assert s.sending()
        assert closed.items == ["closed"]
        s.close()
        assert closed.items == ["closed"]
        assert s.set_close_callback(None) is None
        for call in (
            lambda: s.send(b"x"),
            lambda: s.send_multipart([b"x"]),
            lambda: s.on_recv(lambda msg: None),
            lambda: s.on_recv_stream(None),
            lambda: s.on_send(None),
            lambda: s.on_send_stream(None),
            s.stop_on_recv,
            s.stop_on_send,
            s.flush,
        ):
            with pytest.raises(OSError, match="Stream is closed") as caught:
                call()
            assert type(caught.value) is OSError
        assert a.poll(0) == 0

    run(body)


def test_close_passes_linger_to_the_socket(run):
    context = zmq.Context()
    push = context.socket(zmq.PUSH)
    push.connect("tcp://127.0.0.1:1")  # never answers: the message lingers

    async def body(stream):
        s = stream(push)
        s.send(b"x")
        assert s.flush() == 1
        s.close(linger=0)
        assert push.closed

    run(body)
    # with the default linger, term() would wait for the message forever
    terminated = threading.Thread(target=context.term, daemon=True)
    terminated.start()
    terminated.join(DEADLINE)
    assert not terminated.is_alive(), "the unsent message lingers: close ignored linger"


def test_closing_the_socket_closes_the_stream(run, pair):
    _a, b = pair()

    async def body(stream):
        s = stream(b)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        b.close()
        with pytest.warns(UserWarning, match=r"Please use stream\.close\(\) instead"):
            assert s.closed()
        assert s.socket is None
        assert closed.items == ["closed"]
        # PyZMQ: ZMQError (ENOTSOCK) until its stream notices, OSError after
        with pytest.raises(zmq.ZMQError, match="closed directly") as caught:
            s.send(b"x")
        assert caught.value.errno == zmq.ENOTSOCK
        assert isinstance(caught.value, OSError)

    run(body)


def test_closing_through_a_shadow_stops_watching_the_fd_at_once(run, pair):
    _a, b = pair()

    async def body(stream):
        s = stream(b)
        s.on_recv(Inbox())
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        fd = b.get(zmq.FD)
        assert fd in s.io_loop.handlers
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            zmq.Socket.shadow(b.underlying).close()
            # no loop iteration in between: the stream let go of the FD
            # before libzmq closed it
            assert fd not in s.io_loop.handlers
            # as PyZMQ's, the stream closes when asked, saying why, not on its own
            await loop_turns()
            assert closed.items == []
            assert not caught
            assert s.closed()
        assert closed.items == ["closed"]
        assert s.socket is None
        assert [str(w.message) for w in caught if w.category is UserWarning] == [
            f"The socket of this ZMQStream (FD {fd}) was closed directly. "
            "Please use stream.close() instead of closing the socket directly."
        ]

    run(body)


def test_a_new_socket_may_take_the_fd_of_a_socket_closed_under_its_stream(run, context):
    async def body(stream):
        old = context.socket(zmq.PULL)
        fd = old.get(zmq.FD)
        s = stream(old)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        old.close()
        # libzmq's reaper thread closes the FD soon; nothing tells when
        for _ in range(int(DEADLINE / 0.01)):
            if not fd_is_open(fd):
                break
            await asyncio.sleep(0.01)
        else:
            pytest.fail(f"libzmq kept the closed socket's FD {fd} open")
        new = context.socket(zmq.PULL)
        assert new.get(zmq.FD) == fd
        with pytest.warns(UserWarning, match="closed directly"):
            replacement = stream(new)
        assert closed.items == ["closed"]
        assert s.socket is None
        inbox = Inbox()
        replacement.on_recv(inbox)
        push = context.socket(zmq.PUSH)
        port = new.bind_to_random_port("tcp://127.0.0.1")
        push.connect(f"tcp://127.0.0.1:{port}")
        push.send(b"served")
        assert await inbox.wait(1) == [[b"served"]]

    run(body)


def test_a_callback_closing_the_socket_stops_the_stream_which_closes_when_asked(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        inbox = Inbox()

        def callback(msg):
            inbox(msg)
            b.close()

        s.on_recv(callback)
        a.send(b"1")
        a.send(b"2")
        assert await inbox.wait(1) == [[b"1"]]
        await loop_turns()
        assert inbox.items == [[b"1"]]
        assert closed.items == []
        with pytest.warns(UserWarning, match="closed directly"):
            assert s.closed()
        assert closed.items == ["closed"]
        assert s.socket is None

    run(body)


def test_a_callback_closing_the_stream_stops_it(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(b)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        inbox = Inbox()

        def callback(msg):
            inbox(msg)
            s.close()

        s.on_recv(callback)
        s.send(b"never sent")
        a.send(b"1")
        a.send(b"2")
        assert await closed.wait(1) == ["closed"]
        await loop_turns()
        assert inbox.items == [[b"1"]]
        assert a.poll(0) == 0

    run(body)


def test_a_failing_close_callback_is_logged_and_raised(run, pair, caplog):
    a, _b = pair()

    async def body(stream):
        s = stream(a)

        def callback():
            raise RuntimeError("close callback failed")

        s.set_close_callback(callback)
        with pytest.raises(RuntimeError, match="close callback failed"):
            s.close()
        assert a.closed
        assert s.closed()

    with caplog.at_level(logging.ERROR, logger="tornado.general"):
        run(body)
    (record,) = caplog.records
    assert str(record.exc_info[1]) == "close callback failed"


def test_terminating_the_context_closes_the_stream(run):
    context = zmq.Context()
    pull = context.socket(zmq.PULL)

    async def body(stream):
        s = stream(pull)
        closed = Inbox()
        s.set_close_callback(lambda: closed("closed"))
        s.on_recv(lambda msg: None)
        # term() waits for every socket to close: the stream must notice
        terminated = threading.Thread(target=context.term, daemon=True)
        terminated.start()
        assert await closed.wait(1) == ["closed"]
        await asyncio.get_running_loop().run_in_executor(None, terminated.join, DEADLINE)
        assert not terminated.is_alive()
        assert pull.closed

    try:
        run(body)
    finally:
        pull.close(linger=0)


# --- shadows ---------------------------------------------------------------------


def test_a_stream_on_a_shadow_socket(run, pair):
    a, b = pair()

    async def body(stream):
        s = stream(zmq.Socket.shadow(b.underlying))
        await check_both_ways(stream, s, a)
        b.close()  # the original: the shadow's libzmq socket is gone too
        with pytest.warns(UserWarning, match="closed directly"):
            assert s.closed()

    run(body)


# --- wake-ups are never lost -----------------------------------------------------


def test_reading_events_elsewhere_never_loses_a_received_message(run, pair):
    # the stream waits; other code reads EVENTS on the same libzmq socket,
    # which spends the FD's edge that the new message raised
    push, pull = pair(zmq.PUSH, zmq.PULL)

    async def body(stream):
        inbox = Inbox()
        stream(pull).on_recv(inbox)
        elsewhere = zmq.Socket.shadow(pull.underlying)
        for i in range(50):
            push.send(b"%d" % i)
            elsewhere.get(zmq.EVENTS)
            await inbox.wait(i + 1)
        assert inbox.items == [[b"%d" % i] for i in range(50)]

    run(body)


@pytest.mark.parametrize(
    "operation",
    [
        lambda s: s.get(zmq.EVENTS),
        lambda s: s.events,
        lambda s: s.poll(0),
        lambda s: poller_with(s).poll(0),
        lambda s: zmq.zmq_poll([(s, zmq.POLLIN)], 0),
    ],
    ids=["get", "attribute", "poll", "Poller", "zmq_poll"],
)
def test_every_kind_of_edge_spending_is_noticed(run, pair, operation):
    push, pull = pair(zmq.PUSH, zmq.PULL)

    async def body(stream):
        inbox = Inbox()
        stream(pull).on_recv(inbox)
        elsewhere = zmq.Socket.shadow(pull.underlying)
        for i in range(10):
            push.send(b"%d" % i)
            operation(elsewhere)
            await inbox.wait(i + 1)

    run(body)


def test_reading_events_elsewhere_never_stalls_queued_sends(run, socket):
    # the receiver's reads raise the sender's edge (room again under the
    # HWM); other code reading the sender's EVENTS spends it
    push, pull = socket(zmq.PUSH, sndhwm=1), socket(zmq.PULL, rcvhwm=1)
    pull.bind("inproc://hwm")
    push.connect("inproc://hwm")

    async def body(stream):
        push_stream = stream(push)
        elsewhere = zmq.Socket.shadow(push.underlying)
        inbox = Inbox()

        def callback(msg):
            inbox(msg)
            elsewhere.get(zmq.EVENTS)

        for i in range(100):
            push_stream.send(b"%d" % i)
        stream(pull).on_recv(callback)
        assert await inbox.wait(100) == [[b"%d" % i] for i in range(100)]
        assert not push_stream.sending()

    run(body)


class CountingReadiness(Readiness):
    """A Readiness that counts its looks."""

    looks = 0

    def look(self) -> int:
        self.looks += 1
        return super().look()


def test_edge_looks_never_loop_and_idle_streams_ignore_the_socket(run, pair, monkeypatch):
    push, pull = pair(zmq.PUSH, zmq.PULL)
    monkeypatch.setattr(zmq.eventloop.zmqstream, "Readiness", CountingReadiness)

    async def body(stream):
        s = CountingStream(pull)
        try:
            elsewhere = zmq.Socket.shadow(pull.underlying)
            await loop_turns()
            idle_runs, idle_looks = s.runs, s._readiness.looks
            elsewhere.get(zmq.EVENTS)
            await loop_turns()
            # not receiving, nothing to send: no hook
            assert (s.runs, s._readiness.looks) == (idle_runs, idle_looks)
            inbox = Inbox()
            s.on_recv(inbox)
            push.send(b"x")
            await inbox.wait(1)
            await loop_turns()
            looks = s._readiness.looks
            for _ in range(5):
                elsewhere.get(zmq.EVENTS)
            await loop_turns(20)
            assert s._readiness.looks == looks + 1  # one look for the five reads, and no more
        finally:
            s.close()

    run(body)


def test_no_message_is_late_while_the_loop_serves_others(run, context):
    """From sustained high throughput to single messages, with the loop also
    serving a pipe, another stream pair, and code reading EVENTS on the
    receiving socket through a shadow: every message arrives within DEADLINE."""
    pull = context.socket(zmq.PULL)
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    push = context.socket(zmq.PUSH)
    push.connect(f"tcp://127.0.0.1:{port}")
    ping, pong = context.socket(zmq.DEALER), context.socket(zmq.ROUTER)
    pong.bind("inproc://pong")
    ping.connect("inproc://pong")
    pipe_read, pipe_write = os.pipe()
    os.set_blocking(pipe_read, False)
    bursts, burst_size, singles = 5, 1000, 200
    total = bursts * burst_size + singles
    delivered = threading.Semaphore(0)
    stop = threading.Event()
    failures: list[str] = []

    push.sndtimeo = int(DEADLINE * 1000)

    def produce() -> None:
        sent = 0
        try:
            for _ in range(bursts):  # as fast as libzmq takes them
                for _ in range(burst_size):
                    push.send(b"%d" % sent)
                    sent += 1
                os.write(pipe_write, b"b")
            for _ in range(bursts * burst_size):
                if not delivered.acquire(timeout=DEADLINE) or stop.is_set():
                    return
            for _ in range(singles):  # one at a time: the stream waits for each
                push.send(b"%d" % sent)
                sent += 1
                os.write(pipe_write, b"s")
                if not delivered.acquire(timeout=DEADLINE):
                    failures.append(f"message {sent - 1} was not delivered in {DEADLINE} s")
                    return
                if stop.is_set():
                    return
        except zmq.Again:
            failures.append(f"message {sent} could not be sent in {DEADLINE} s")

    async def body(stream):
        loop = IOLoop.current()
        inbox = Inbox()

        def received(msg):
            inbox(msg)
            delivered.release()

        stream(pull).on_recv(received)
        # another stream pair, ping-ponging all along
        pongs = stream(pong)
        pongs.on_recv(pongs.send_multipart)
        pings = stream(ping)
        pings.on_recv(pings.send_multipart)
        pings.send(b"ping")
        # other code reading EVENTS on the receiving socket: on a timer, and
        # when a pipe the producer writes to after each send turns readable
        elsewhere = zmq.Socket.shadow(pull.underlying)
        pipe_bytes = bytearray()

        def read_pipe(fd: int, events: int) -> None:
            pipe_bytes.extend(os.read(fd, 4096))
            elsewhere.get(zmq.EVENTS)

        loop.add_handler(pipe_read, read_pipe, IOLoop.READ)
        reader = PeriodicCallback(lambda: elsewhere.get(zmq.EVENTS), 1)
        reader.start()
        producer = threading.Thread(target=produce)
        producer.start()
        try:
            received_all = await inbox.wait(total)
        finally:
            stop.set()
            reader.stop()
            loop.remove_handler(pipe_read)
            await loop.run_in_executor(None, producer.join)
        assert failures == []
        assert received_all == [[b"%d" % i] for i in range(total)]
        assert pipe_bytes

    try:
        run(body)
    finally:
        os.close(pipe_read)
        os.close(pipe_write)
        push.close(linger=0)
