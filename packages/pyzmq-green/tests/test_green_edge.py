"""No wake-up is ever lost to the edge-triggered ZMQ_FD.

Each test here stalls (and fails on its gevent timeout) if a greenlet goes
to sleep on the FD after someone else consumed the edge it was waiting for.
"""

from __future__ import annotations

import gevent
import pytest

import zmq
import zmq.green
import zmq.integration.readiness

MESSAGES = 5_000
#: seconds a whole exchange may take; it takes well under one
DEADLINE = 30


def run_all(*greenlets: gevent.Greenlet) -> None:
    """Wait for the greenlets, failing (not hanging) if one stalls."""
    with gevent.Timeout(DEADLINE, AssertionError("stalled: a wake-up was lost")):
        gevent.joinall(greenlets, raise_error=True)


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_many_sockets_fast_producers_slow_consumers(context, transport):
    """Several socket pairs, small messages and high-water marks: each
    producer keeps filling its pipe, each consumer yields after every
    message, and every message arrives, in order."""
    pairs = []
    for number in range(4):
        pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
        push.sndhwm = pull.rcvhwm = 5
        if transport == "inproc":
            url = f"inproc://fast-slow-{number}"
            pull.bind(url)
        else:
            url = f"tcp://127.0.0.1:{pull.bind_to_random_port('tcp://127.0.0.1')}"
        push.connect(url)
        pairs.append((pull, push))

    def produce(push):
        for number in range(MESSAGES):
            push.send(number.to_bytes(4, "little"))

    def consume(pull):
        for expected in range(MESSAGES):
            assert int.from_bytes(pull.recv(), "little") == expected
            gevent.sleep(0)  # slower than the producer: yield after every message

    run_all(
        *(gevent.spawn(produce, push) for _pull, push in pairs),
        *(gevent.spawn(consume, pull) for pull, _push in pairs),
    )


def test_sender_and_receiver_greenlets_share_each_socket(context):
    """Two DEALERs talking both ways, a sending and a receiving greenlet on
    each: a receive processes the commands that make the socket writable
    again, consuming the edge the other greenlet waits for."""
    a, b = context.socket(zmq.DEALER), context.socket(zmq.DEALER)
    for sock in (a, b):
        sock.sndhwm = sock.rcvhwm = 2
    a.bind("inproc://both-ways")
    b.connect("inproc://both-ways")

    def produce(sock):
        for number in range(MESSAGES):
            sock.send_multipart([b"n", number.to_bytes(4, "little")])

    def consume(sock):
        for expected in range(MESSAGES):
            head, body = sock.recv_multipart()
            assert (head, int.from_bytes(body, "little")) == (b"n", expected)

    run_all(
        gevent.spawn(produce, a),
        gevent.spawn(produce, b),
        gevent.spawn(consume, a),
        gevent.spawn(consume, b),
    )


@pytest.mark.parametrize("how", ["shadow EVENTS", "shadow poll", "Poller"])
def test_other_code_consumes_the_edge_before_the_waiter_looks(context, how):
    """A message arrives while a greenlet sleeps in recv, and other code
    touches the socket (through a plain zmq.Socket shadow) before the hub
    runs the waiter: the FD is reset, and only the edge hook tells."""
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.bind("inproc://edge-thief")
    push.connect("inproc://edge-thief")
    received = []
    waiter = gevent.spawn(lambda: received.append(pull.recv()))
    gevent.sleep(0)  # let it go to sleep on the FD
    assert not waiter.dead
    shadow = zmq.Socket.shadow(pull.underlying)
    for number in range(20):
        push.send(b"%d" % number)
        if how == "shadow EVENTS":
            assert shadow.get(zmq.EVENTS) & zmq.POLLIN
        elif how == "shadow poll":
            assert shadow.poll(0) == zmq.POLLIN
        else:
            poller = zmq.Poller()
            poller.register(shadow, zmq.POLLIN)
            assert poller.poll(0)
        run_all(waiter)
        assert received == [b"%d" % number]
        received.clear()
        waiter = gevent.spawn(lambda: received.append(pull.recv()))
        gevent.sleep(0)
    waiter.kill()


def test_without_the_edge_hook_the_waiter_would_stall(context, monkeypatch):
    """The scenario above is real: with the edge hook never armed, the
    message sits in the socket while the greenlet sleeps on a FD that never
    fires."""
    monkeypatch.setattr(zmq.integration.readiness, "add_edge_hook", lambda socket, hook: None)
    pull, push = context.socket(zmq.PULL), context.socket(zmq.PUSH)
    pull.bind("inproc://no-hook")
    push.connect("inproc://no-hook")
    waiter = gevent.spawn(pull.recv)
    gevent.sleep(0)
    push.send(b"lost")
    zmq.Socket.shadow(pull.underlying).get(zmq.EVENTS)
    waiter.join(timeout=0.5)
    assert not waiter.dead
    waiter.kill()
    assert pull.recv(zmq.DONTWAIT) == b"lost"
