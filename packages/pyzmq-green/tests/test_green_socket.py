"""Green sockets: waiting blocks only the greenlet, in every form of send
and recv; timeouts, closing and errors."""

from __future__ import annotations

import gc
import pickle
import threading

import gevent
import gevent.event
import pytest

import zmq
import zmq.green
from zmq.green._readiness import SharedReadiness

RECEIVES = {
    "recv": (lambda s: s.recv(), b"x"),
    "recv copy=False": (lambda s: s.recv(copy=False).bytes, b"x"),
    "recv_multipart": (lambda s: s.recv_multipart(), [b"x"]),
    "recv_string": (lambda s: s.recv_string(), "x"),
    "recv_json": (lambda s: s.recv_json(), "x"),
    "recv_pyobj": (lambda s: s.recv_pyobj(), "x"),
    "recv_serialized": (lambda s: s.recv_serialized(lambda parts: parts[0]), b"x"),
    "recv_into": (lambda s: receive_into(s, bytearray(8)), b"x"),
}
SENDS = {
    "send": (lambda s: s.send(b"x"), [b"x"]),
    "send_multipart": (lambda s: s.send_multipart([b"x", b"y"]), [b"x", b"y"]),
    "send_string": (lambda s: s.send_string("x"), [b"x"]),
    "send_json": (lambda s: s.send_json("x"), [b'"x"']),
    "send_pyobj": (lambda s: s.send_pyobj("x"), [pickle.dumps("x")]),
    "send_serialized": (lambda s: s.send_serialized("x", lambda m: [m.encode()]), [b"x"]),
}


def receive_into(sock, buffer):
    return bytes(buffer[: sock.recv_into(buffer)])


def payload_for(name):
    if name in ("recv_json",):
        return b'"x"'
    if name == "recv_pyobj":
        return pickle.dumps("x")
    return b"x"


@pytest.mark.parametrize("name", RECEIVES)
def test_receiving_waits_only_the_greenlet(pair, name):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    receive, expected = RECEIVES[name]
    waiting = gevent.spawn(receive, pull)
    gevent.sleep(0)
    # the hub is free: this greenlet runs while the other waits
    assert not waiting.dead
    push.send(payload_for(name))
    assert waiting.get(timeout=10) == expected


@pytest.mark.parametrize("name", SENDS)
def test_sending_past_the_high_water_mark_waits_only_the_greenlet(full_pipe, name):
    pull, push, queued = full_pipe
    send, expected = SENDS[name]
    sending = gevent.spawn(send, push)
    gevent.sleep(0)
    assert not sending.dead
    for _ in range(queued):
        assert pull.recv() == b"filler"
    sending.get(timeout=10)
    assert pull.recv_multipart() == expected


def test_greenlets_on_different_sockets_interleave(pair):
    pairs = [pair(zmq.PAIR, zmq.PAIR) for _ in range(3)]
    done = []

    def relay(number, sock):
        for round_ in range(3):
            assert sock.recv() == b"%d" % round_
            done.append((round_, number))
            sock.send(b"ack")

    greenlets = [gevent.spawn(relay, n, b) for n, (_a, b) in enumerate(pairs)]
    gevent.sleep(0)
    for round_ in range(3):
        # all three wait at once; serve them in reverse order
        assert not any(greenlet.dead for greenlet in greenlets)
        for a, _b in reversed(pairs):
            a.send(b"%d" % round_)
            assert a.recv() == b"ack"
    gevent.joinall(greenlets, timeout=10, raise_error=True)
    assert done == [(round_, n) for round_ in range(3) for n in (2, 1, 0)]


def test_multipart_messages_of_greenlets_never_interleave(socket):
    pull, push = socket(zmq.PULL, rcvhwm=1), socket(zmq.PUSH, sndhwm=1)
    pull.bind("inproc://never-interleave")
    push.connect("inproc://never-interleave")
    senders, messages = 5, 200

    def send(number):
        for index in range(messages):
            push.send_multipart([b"%d" % number, b"%d" % index, b"end"])

    greenlets = [gevent.spawn(send, n) for n in range(senders)]
    last = {}
    for _ in range(senders * messages):
        number, index, end = pull.recv_multipart()
        assert end == b"end"
        assert int(index) == last.get(number, -1) + 1
        last[number] = int(index)
    gevent.joinall(greenlets, timeout=10, raise_error=True)


@pytest.mark.parametrize("option", ["rcvtimeo", "sndtimeo"])
@pytest.mark.parametrize("milliseconds", [0, 50])
def test_timeout_options_do_not_limit_waits(full_pipe, option, milliseconds):
    """As in PyZMQ's zmq.green: the wait goes on past RCVTIMEO and SNDTIMEO."""
    pull, push, queued = full_pipe
    waiting_socket = pull if option == "rcvtimeo" else push
    with pytest.warns(UserWarning, match="no effect"):
        setattr(waiting_socket, option, milliseconds)
    if option == "rcvtimeo":
        for _ in range(queued):
            pull.recv()
    wait = pull.recv if option == "rcvtimeo" else (lambda: push.send(b"more"))
    waiting = gevent.spawn(wait)
    waiting.join(0.3)
    assert not waiting.dead
    if option == "rcvtimeo":
        push.send(b"at last")
        assert waiting.get(timeout=10) == b"at last"
    else:
        pull.recv()
        waiting.get(timeout=10)


def test_dontwait_never_waits(pair):
    pull, _push = pair(zmq.PULL, zmq.PUSH)
    for receive in (pull.recv, pull.recv_multipart, pull.recv_string):
        with pytest.raises(zmq.Again):
            receive(zmq.DONTWAIT)
    with pytest.raises(zmq.Again):
        pull.recv_into(bytearray(4), flags=zmq.NOBLOCK)


@pytest.mark.parametrize("closer", ["itself", "green shadow", "plain shadow", "destroy"])
def test_closing_wakes_waiting_greenlets_with_enotsock(context, closer):
    sock = context.socket(zmq.DEALER)
    sock.sndhwm = 1
    sock.connect("tcp://127.0.0.1:1")
    while sock.poll(0, zmq.POLLOUT):
        sock.send(b"fill", zmq.DONTWAIT)
    waiters = [gevent.spawn(sock.recv) for _ in range(2)] + [gevent.spawn(sock.send, b"x")]
    waiters.append(gevent.spawn(sock.poll, None))
    gevent.sleep(0)
    assert not any(waiter.dead for waiter in waiters)
    if closer == "itself":
        sock.close(linger=0)
    elif closer == "green shadow":
        zmq.green.Socket.shadow(sock.underlying).close(linger=0)
    elif closer == "plain shadow":
        zmq.Socket.shadow(sock.underlying).close(linger=0)
    else:
        context.destroy(linger=0)
    gevent.joinall(waiters, timeout=10)
    for waiter in waiters:
        assert isinstance(waiter.exception, zmq.ZMQError), waiter
        assert waiter.exception.errno == zmq.ENOTSOCK


def test_term_wakes_waiting_greenlets_with_context_terminated():
    ctx = zmq.green.Context()
    sock = ctx.socket(zmq.PULL)
    sock.bind("inproc://term-wakes-greenlets")
    errors = []

    def receive():
        try:
            sock.recv()
        except zmq.ContextTerminated as error:
            errors.append(error)
        finally:
            sock.close()

    receiver = gevent.spawn(receive)
    gevent.sleep(0)
    # term waits for the socket to be closed, which the receiving greenlet
    # does when term wakes it: term must let it run
    with gevent.Timeout(10, AssertionError("term blocked the hub")):
        ctx.term()
    receiver.get(timeout=10)
    assert ctx.closed
    assert len(errors) == 1


def test_killed_waiter_leaves_nothing_behind(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    for _ in range(3):
        with pytest.raises(gevent.Timeout), gevent.Timeout(0.01):
            pull.recv()
        waiting = gevent.spawn(pull.recv)
        gevent.sleep(0)
        waiting.kill()
    assert len(SharedReadiness._registry) == 0  # freed at once, without gc
    push.send(b"still works")
    assert pull.recv() == b"still works"


def test_waiting_in_several_threads(context):
    """Each thread waits in its own hub; sockets may move between threads."""
    results = []
    sockets = []
    for number in range(3):
        pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
        pull.bind(f"inproc://thread-{number}")
        push.connect(f"inproc://thread-{number}")
        sockets.append((pull, push))
    ready = threading.Barrier(4)

    def receive(pull):
        ready.wait()
        results.append(gevent.spawn(pull.recv_multipart).get())

    threads = [threading.Thread(target=receive, args=(pull,)) for pull, _ in sockets]
    for thread in threads:
        thread.start()
    ready.wait()
    for _pull, push in sockets:
        push.send_multipart([b"to", b"thread"])
    for thread in threads:
        thread.join(10)
    assert results == [[b"to", b"thread"]] * 3


def test_bad_input_raises_clearly(pair):
    a, b = pair()
    with pytest.raises(TypeError, match="str"):
        a.send("text")
    with pytest.raises(TypeError, match="part 1"):
        a.send_multipart([b"ok", 42])
    with pytest.raises(TypeError, match="timeout"):
        b.poll("soon")
    with pytest.raises(TypeError):
        b.poll(10, "POLLIN")
    with pytest.raises(TypeError, match="writable"):
        b.recv_into(b"read-only")
    a.close()
    with pytest.raises(zmq.ZMQError) as info:
        a.send(b"closed")
    assert info.value.errno == zmq.ENOTSOCK
    with pytest.raises(zmq.ZMQError):
        a.poll(10)


def test_nothing_stays_referenced_after_waits(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    gc.collect()
    gc.disable()
    try:
        for _ in range(100):
            receiving = gevent.spawn(pull.recv)
            gevent.sleep(0)
            push.send(b"x")
            receiving.get(timeout=10)
        assert len(SharedReadiness._registry) == 0
    finally:
        gc.enable()
