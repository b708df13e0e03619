"""proxy, proxy_steerable and device: libzmq's forwarders, stopped by term."""

from __future__ import annotations

import struct
import threading
import warnings

import pytest

import zmq


def run_in_thread(target, *args):
    """Run a device in a thread that closes its sockets when it ends, as
    a thread that owns sockets must, so that term() can complete; the list
    returned gets what the device returned or raised."""
    outcomes = []

    def run():
        try:
            outcomes.append(target(*args))
        except Exception as error:  # reported to the test
            outcomes.append(error)
        finally:
            for sock in args:
                if isinstance(sock, zmq.Socket):
                    sock.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcomes


def test_proxy_forwards_and_captures():
    ctx = zmq.Context()
    frontend, backend, capture = (ctx.socket(t) for t in (zmq.ROUTER, zmq.DEALER, zmq.PUSH))
    frontend.bind("inproc://front")
    backend.bind("inproc://back")
    capture.bind("inproc://capture")
    thread, outcomes = run_in_thread(zmq.proxy, frontend, backend, capture)
    client, worker, tap = ctx.socket(zmq.REQ), ctx.socket(zmq.REP), ctx.socket(zmq.PULL)
    for sock in (client, worker, tap):
        sock.rcvtimeo = 5000
    client.connect("inproc://front")
    worker.connect("inproc://back")
    tap.connect("inproc://capture")
    client.send(b"question")
    assert worker.recv() == b"question"
    worker.send(b"answer")
    assert client.recv() == b"answer"
    captured = [tap.recv_multipart()[-1] for _ in range(2)]
    assert captured == [b"question", b"answer"]
    for sock in (client, worker, tap):
        sock.close()
    ctx.term()  # wakes the proxy, which closes its sockets
    thread.join(5)
    assert not thread.is_alive()
    assert len(outcomes) == 1 and isinstance(outcomes[0], zmq.ContextTerminated)


def test_proxy_steerable_commands():
    ctx = zmq.Context()
    frontend, backend = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    control = ctx.socket(zmq.PAIR)
    frontend.bind("inproc://s-front")
    backend.bind("inproc://s-back")
    control.bind("inproc://s-control")
    thread, outcomes = run_in_thread(zmq.proxy_steerable, frontend, backend, None, control)
    steer = ctx.socket(zmq.PAIR)
    steer.connect("inproc://s-control")
    steer.rcvtimeo = 5000
    producer, consumer = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL)
    consumer.rcvtimeo = 5000
    producer.connect("inproc://s-front")
    consumer.connect("inproc://s-back")
    producer.send(b"one")
    assert consumer.recv() == b"one"
    steer.send(b"STATISTICS")
    stats = steer.recv_multipart()
    assert len(stats) == 8
    counters = [struct.unpack("=Q", part)[0] for part in stats]
    assert counters[0] >= 1  # frontend messages received
    steer.send(b"TERMINATE")
    thread.join(5)
    assert not thread.is_alive()
    # libzmq's result, an int, as PyZMQ returns it
    assert outcomes == [0] and type(outcomes[0]) is int
    for sock in (steer, producer, consumer):
        sock.close()
    ctx.term()


@pytest.mark.parametrize("device_type", [zmq.STREAMER, zmq.PULL])
def test_device_is_a_proxy(device_type):
    # any int, as libzmq (and so PyZMQ) takes it; one that is no device warns
    ctx = zmq.Context()
    pull, push = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    pull.bind("inproc://d-in")
    push.bind("inproc://d-out")
    src, dst = ctx.socket(zmq.PUSH), ctx.socket(zmq.PULL)
    dst.rcvtimeo = 5000
    src.connect("inproc://d-in")
    dst.connect("inproc://d-out")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thread, outcomes = run_in_thread(zmq.device, device_type, pull, push)
        src.send(b"through")
        assert dst.recv() == b"through"
    warned = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(warned) == (device_type != zmq.STREAMER)
    src.close()
    dst.close()
    ctx.term()
    thread.join(5)
    assert isinstance(outcomes[0], zmq.ContextTerminated)


def test_bad_arguments(context):
    sock = context.socket(zmq.PULL)
    with pytest.raises(TypeError, match="frontend"):
        zmq.proxy("front", sock)
    with pytest.raises(TypeError, match="backend"):  # as PyZMQ: None is no socket
        zmq.proxy(sock, None)
    closed = context.socket(zmq.PUSH)
    closed.close()
    with pytest.raises(zmq.ZMQError) as info:
        zmq.proxy(sock, closed)
    assert info.value.errno == zmq.ENOTSOCK
