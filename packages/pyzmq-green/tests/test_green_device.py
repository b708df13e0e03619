"""zmq.green.device: a proxy that runs as a greenlet, never blocking the hub."""

from __future__ import annotations

import warnings

import gevent
import pytest

import zmq
import zmq.green


def test_streamer_forwards_while_other_greenlets_run(socket):
    inlet, outlet = socket(zmq.PULL), socket(zmq.PUSH)
    inlet.bind("inproc://device-in")
    outlet.bind("inproc://device-out")
    device = gevent.spawn(zmq.green.device, zmq.STREAMER, inlet, outlet)
    source, sink = socket(zmq.PUSH), socket(zmq.PULL)
    source.connect("inproc://device-in")
    sink.connect("inproc://device-out")
    received = gevent.spawn(lambda: [sink.recv() for _ in range(500)])
    for number in range(500):
        source.send(b"%d" % number)
    assert received.get(timeout=10) == [b"%d" % number for number in range(500)]
    assert not device.dead
    device.kill()


def test_queue_serves_requests_both_ways(socket):
    frontend, backend = socket(zmq.ROUTER), socket(zmq.DEALER)
    frontend.bind("inproc://queue-front")
    backend.bind("inproc://queue-back")
    device = gevent.spawn(zmq.green.device, zmq.QUEUE, frontend, backend)
    worker = socket(zmq.REP)
    worker.connect("inproc://queue-back")

    def serve():
        while True:
            worker.send(worker.recv().upper())

    server = gevent.spawn(serve)
    clients = [socket(zmq.REQ) for _ in range(3)]
    for client in clients:
        client.connect("inproc://queue-front")

    def ask(client, text):
        client.send(text)
        return client.recv()

    answers = [gevent.spawn(ask, client, b"ask %d" % n) for n, client in enumerate(clients)]
    assert [a.get(timeout=10) for a in answers] == [b"ASK %d" % n for n in range(3)]
    gevent.killall([device, server])


def test_plain_sockets_are_served_cooperatively(context):
    plain = zmq.Context.shadow(context)
    inlet, outlet = plain.socket(zmq.PULL), plain.socket(zmq.PUSH)
    inlet.bind("inproc://plain-in")
    outlet.bind("inproc://plain-out")
    device = gevent.spawn(zmq.green.device, zmq.FORWARDER, inlet, outlet)
    source, sink = context.socket(zmq.PUSH), context.socket(zmq.PULL)
    source.connect("inproc://plain-in")
    sink.connect("inproc://plain-out")
    source.send_multipart([b"multi", b"part"])
    assert sink.recv_multipart() == [b"multi", b"part"]
    device.kill()
    for sock in (inlet, outlet):
        sock.close()


def test_ends_with_context_terminated():
    ctx = zmq.green.Context()
    inlet, outlet = ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH)
    inlet.bind("inproc://ends-in")
    outlet.bind("inproc://ends-out")

    def run():
        try:
            zmq.green.device(zmq.STREAMER, inlet, outlet)
        finally:
            inlet.close()
            outlet.close()

    device = gevent.spawn(run)
    gevent.sleep(0)
    ctx.term()
    with pytest.raises(zmq.ContextTerminated):
        device.get(timeout=10)


def echoes(socket, device_type, url):
    """Whether a device of ``device_type`` on a ROUTER, with -1 as its
    backend, sends a DEALER's message back to it."""
    echo = socket(zmq.ROUTER)
    echo.bind(url)
    device = gevent.spawn(zmq.green.device, device_type, echo, -1)
    client = socket(zmq.DEALER)
    client.connect(url)
    client.send(b"back to me")
    try:
        return client.recv() == b"back to me"
    finally:
        device.kill()


def test_sockets_by_pyzmqs_keywords(socket):
    echo = socket(zmq.ROUTER)
    echo.bind("inproc://green-keywords")
    device = gevent.spawn(zmq.green.device, device_type=zmq.QUEUE, isocket=echo, osocket=-1)
    client = socket(zmq.DEALER)
    client.connect("inproc://green-keywords")
    client.send(b"by keyword")
    try:
        assert client.recv() == b"by keyword"
    finally:
        device.kill()


def test_a_backend_of_minus_one_is_the_frontend_itself(socket):
    assert echoes(socket, zmq.QUEUE, "inproc://green-echo-device")


@pytest.mark.parametrize("device_type", [zmq.PULL, 99, -1])
def test_any_int_is_a_device_type(socket, device_type):
    # as in PyZMQ, the type is not looked at
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert echoes(socket, device_type, f"inproc://any-type-{device_type}")


@pytest.mark.parametrize("device_type", [None, "QUEUE", 1.5])
def test_a_device_type_that_is_no_int_warns_and_runs(socket, device_type):
    with pytest.warns(DeprecationWarning, match="device_type should be zmq.QUEUE"):
        assert echoes(socket, device_type, f"inproc://not-int-{device_type}")


def test_bad_sockets(socket):
    sock = socket(zmq.PULL)
    with pytest.raises(TypeError, match="isocket"):
        zmq.green.device(zmq.QUEUE, "front", sock)
    for bad in (None, -2, True):
        with pytest.raises(TypeError, match="osocket"):
            zmq.green.device(zmq.QUEUE, sock, bad)
    closed = socket(zmq.PUSH)
    closed.close()
    with pytest.raises(zmq.ZMQError) as info:
        zmq.green.device(zmq.QUEUE, sock, closed)
    assert info.value.errno == zmq.ENOTSOCK
