"""Sending and receiving over real sockets: the first slice of the core."""

from __future__ import annotations

import inspect

import pytest

import zmq
from zmq.backend import Socket as CompiledSocket

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations

TRANSPORTS = ["inproc", "tcp"]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_push_pull(zmq, pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    for i in range(100):
        push.send(b"message %d" % i)
    assert [pull.recv() for _ in range(100)] == [b"message %d" % i for i in range(100)]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_req_rep(zmq, pair, transport):
    rep, req = pair(zmq.REP, zmq.REQ, transport)
    for i in range(10):
        req.send(b"ping %d" % i)
        assert rep.recv() == b"ping %d" % i
        rep.send(b"pong %d" % i)
        assert req.recv() == b"pong %d" % i


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_multipart_keeps_boundaries(zmq, pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    push.send_multipart([b"a", b"", b"c" * 1000])
    push.send(b"single")
    assert pull.recv_multipart() == [b"a", b"", b"c" * 1000]
    assert pull.recv_multipart() == [b"single"]


def test_recv_copy_false_gives_frames(zmq, pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    push.send_multipart([b"head", b"tail"])
    head = pull.recv(copy=False)
    assert isinstance(head, zmq.Frame)
    assert head.bytes == b"head"
    assert head.more
    tail = pull.recv(copy=False)
    assert tail.bytes == b"tail"
    assert not tail.more


def test_noblock_raises_again(zmq, pair):
    pull, _push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.Again) as info:
        pull.recv(zmq.NOBLOCK)
    assert info.value.errno == zmq.EAGAIN
    assert str(info.value) == zmq.strerror(zmq.EAGAIN)


@pytest.mark.not_for(
    "zmq.green",
    "RCVTIMEO has no effect on green sockets, as in PyZMQ (pyzmq-green tests it)",
)
def test_rcvtimeo_raises_again(zmq, socket):
    pull = socket(zmq.PULL, rcvtimeo=50)
    pull.bind("inproc://nobody")
    with pytest.raises(zmq.Again):
        pull.recv()


@pytest.mark.not_for(
    "zmq.green",
    "RCVTIMEO has no effect on green sockets, as in PyZMQ (pyzmq-green tests it)",
)
def test_calls_after_a_receive_that_waited(zmq, pair):
    # a blocking receive that found no message puts the socket in an exchange,
    # whose calls release the GIL before they look: nothing else changes
    rep, req = pair(zmq.REP, zmq.REQ)
    rep.rcvtimeo = req.rcvtimeo = 50
    with pytest.raises(zmq.Again):
        rep.recv()
    with pytest.raises(zmq.Again):
        rep.recv(zmq.DONTWAIT)
    for number in range(40):
        req.send(b"%d" % number)
        assert rep.recv() == b"%d" % number
        rep.send_multipart([b"re", b"%d" % number])
        assert req.recv_multipart() == [b"re", b"%d" % number]
    with pytest.raises(zmq.Again):
        rep.recv()
    with pytest.raises(zmq.ZMQError) as info:
        rep.send(b"no request")
    assert info.value.errno == zmq.EFSM


@pytest.mark.not_for(
    "zmq.green",
    "RCVTIMEO has no effect on green sockets, as in PyZMQ (pyzmq-green tests it)",
)
def test_queued_messages_after_a_receive_that_waited(zmq, pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvtimeo = 50
    with pytest.raises(zmq.Again):
        pull.recv()
    for number in range(100):
        push.send(b"%d" % number)
    assert [pull.recv() for _ in range(100)] == [b"%d" % number for number in range(100)]


def test_sending_str_is_refused(zmq, socket):
    push = socket(zmq.PUSH)
    with pytest.raises(TypeError, match="str"):
        push.send("text")
    with pytest.raises(TypeError, match="part 1"):
        push.send_multipart([b"ok", "text"])


@pytest.mark.parametrize(
    "endpoint",
    ["bogus", "tcp://", "tcp://127.0.0.1:notaport", "nosuchtransport://x"],
)
def test_bad_endpoint_names_the_address(zmq, socket, endpoint):
    sock = socket(zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as info:
        sock.bind(endpoint)
    assert endpoint in str(info.value)
    with pytest.raises(zmq.ZMQError) as info:
        sock.connect(endpoint)
    assert endpoint in str(info.value)


def test_an_endpoint_with_a_nul_character_is_refused(zmq, socket):
    # libzmq would take the endpoint cut at the NUL, and bind something else
    sock = socket(zmq.PULL)
    for call in (sock.bind, sock.connect):
        with pytest.raises(ValueError, match="NUL"):
            call("tcp://127.0.0.1:*\x00ignored")
    assert sock.last_endpoint == b""


def test_address_in_use(zmq, socket):
    first, second = socket(zmq.PULL), socket(zmq.PULL)
    port = first.bind_to_random_port("tcp://127.0.0.1")
    with pytest.raises(zmq.ZMQError) as info:
        second.bind(f"tcp://127.0.0.1:{port}")
    assert info.value.errno == zmq.EADDRINUSE
    assert str(port) in str(info.value)


def test_closed_socket_raises(zmq, context):
    sock = context.socket(zmq.PUSH)
    sock.close()
    assert sock.closed
    with pytest.raises(zmq.ZMQError) as info:
        sock.send(b"x")
    assert info.value.errno == zmq.ENOTSOCK
    sock.close()  # closing twice is harmless


def test_socket_context_manager(zmq, context):
    with context.socket(zmq.PUSH) as sock:
        assert not sock.closed
    assert sock.closed


@pytest.mark.parametrize(
    ("method", "parameters"),
    [
        ("send", "(data, flags=0, copy=True, track=False, routing_id=None, group=None)"),
        ("recv", "(flags=0, copy=True, track=False)"),
        ("recv_multipart", "(flags=0, copy=True, track=False)"),
        ("send_multipart", "(msg_parts, flags=0, copy=True, track=False, **kwargs)"),
        ("poll", f"(timeout=None, flags={int(zmq.POLLIN)})"),
        ("monitor", f"(addr, events={int(zmq.EVENT_ALL)})"),
        ("close", "(linger=None)"),
    ],
)
def test_methods_have_signatures(method, parameters):
    """The compiled methods (the interpreter's method descriptors) tell inspect
    their parameters, as PyZMQ's Python methods do."""
    unopened = CompiledSocket.__new__(CompiledSocket)
    assert str(inspect.signature(getattr(unopened, method))) == parameters
