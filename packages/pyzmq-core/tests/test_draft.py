"""libzmq's draft API: SERVER/CLIENT, RADIO/DISH, SCATTER/GATHER, PEER, CHANNEL.

With a pyzmq-core and a libzmq built with the draft API (the draft tier of
tools/check-release), the first tests run; without it (the system libzmq),
the last ones check that the same names fail with a clear ZMQVersionError of
the class PyZMQ raises there.
"""

from __future__ import annotations

import pytest

import zmq

needs_drafts = pytest.mark.skipif(not zmq.DRAFT_API, reason="built without the draft API")
without_drafts = pytest.mark.skipif(zmq.DRAFT_API, reason="built with the draft API")


def _deliver(radio, dish, group, data=b"hello"):
    """Send to ``group`` until ``dish`` receives: RADIO drops what it sends to a
    group before the DISH's join reached it. Returns the received Frame."""
    for _ in range(100):
        radio.send(data, group=group)
        if dish.poll(100):
            return dish.recv(copy=False)
    raise AssertionError(f"nothing sent to {group!r} arrived")


@needs_drafts
def test_the_draft_api_is_there():
    assert zmq.DRAFT_API is True
    assert zmq.PYZMQ_DRAFT_API is True
    assert zmq.has("draft") is True


@needs_drafts
@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_server_replies_to_each_client_by_routing_id(pair, socket, transport):
    server, first = pair(zmq.SERVER, zmq.CLIENT, transport)
    second = socket(zmq.CLIENT)
    second.connect(server.last_endpoint.decode())
    first.send(b"first")
    second.send_string("second")
    ids = {}
    for _ in range(2):
        frame = server.recv(copy=False)
        assert isinstance(frame.routing_id, int) and frame.routing_id > 0
        ids[frame.bytes] = frame.routing_id
    assert ids[b"first"] != ids[b"second"]
    server.send(b"to first", routing_id=ids[b"first"])
    server.send_string("to second", routing_id=ids[b"second"])
    server.send_json({"to": "first"}, routing_id=ids[b"first"])
    assert first.recv() == b"to first"
    assert second.recv_string() == "to second"
    assert first.recv_json() == {"to": "first"}


@needs_drafts
def test_a_routed_send_keeps_copy_and_track(pair):
    server, client = pair(zmq.SERVER, zmq.CLIENT)
    client.send(b"hi")
    routing_id = server.recv(copy=False).routing_id
    data = bytearray(b"x" * 100_000)
    tracker = server.send(data, routing_id=routing_id, copy=False, track=True)
    assert isinstance(tracker, zmq.MessageTracker)
    assert client.recv() == bytes(data)
    tracker.wait(10)
    assert tracker.done


@needs_drafts
def test_routing_ids_are_checked(pair):
    server, _client = pair(zmq.SERVER, zmq.CLIENT)
    frame = zmq.Frame(b"x")
    # as in PyZMQ, a frame without a routing id raises ZMQError
    with pytest.raises(zmq.ZMQError, match="no routing id"):
        frame.routing_id  # noqa: B018
    with pytest.raises(zmq.ZMQError):
        frame.routing_id = 0
    for bad in (-1, 2**32):
        with pytest.raises(OverflowError):
            frame.routing_id = bad
    with pytest.raises(TypeError, match="int"):
        frame.routing_id = "7"
    frame.routing_id = 2**32 - 1
    assert frame.routing_id == 2**32 - 1
    with pytest.raises(zmq.ZMQError) as info:
        server.send(b"to nobody", routing_id=12345, flags=zmq.DONTWAIT)
    assert info.value.errno == zmq.EHOSTUNREACH


@needs_drafts
@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_dish_receives_the_groups_it_joined(pair, transport):
    radio, dish = pair(zmq.RADIO, zmq.DISH, transport)
    dish.join("weather")
    dish.join(b"news")
    frame = _deliver(radio, dish, "weather", b"sunny")
    assert frame.group == "weather" and frame.bytes == b"sunny"
    frame = _deliver(radio, dish, b"news")
    assert frame.group == "news"
    dish.leave("news")
    # the leave travels to the RADIO before this join: once a message to
    # "marker" arrives, "news" is left
    dish.join("marker")
    _deliver(radio, dish, "marker")
    radio.send(b"old news", group="news")
    radio.send(b"end", group="marker")
    frame = dish.recv(copy=False)
    assert (frame.group, frame.bytes) == ("marker", b"end")


@needs_drafts
def test_groups_are_checked(socket):
    dish = socket(zmq.DISH)
    frame = zmq.Frame(b"x")
    assert frame.group == ""  # as in PyZMQ: no group is the empty one
    frame.group = b"g" * 255
    assert frame.group == "g" * 255
    # libzmq would cut a longer group to 255 bytes: a message for another group
    with pytest.raises(zmq.ZMQError, match="255") as info:
        frame.group = "g" * 256
    assert info.value.errno == zmq.EINVAL
    with pytest.raises(zmq.ZMQError, match="255"):
        dish.join("é" * 128)
    for bad in ("a\0b", b"a\0b"):
        with pytest.raises(ValueError, match="NUL"):
            frame.group = bad
        with pytest.raises(ValueError, match="NUL"):
            dish.join(bad)
    with pytest.raises(TypeError, match="str or bytes"):
        dish.join(5)
    with pytest.raises(zmq.ZMQError):
        dish.leave("never joined")
    pull = socket(zmq.PULL)
    with pytest.raises(zmq.ZMQError, match="PULL"):
        pull.join("g")


@needs_drafts
def test_scatter_gather(pair, socket):
    gather, scatter = pair(zmq.GATHER, zmq.SCATTER)
    for n in range(10):
        scatter.send(b"%d" % n)
    assert sorted(gather.recv() for _ in range(10)) == [b"%d" % n for n in range(10)]


@needs_drafts
@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_peer_connects_to_a_peer_it_can_address(socket, transport):
    alice, bob = socket(zmq.PEER), socket(zmq.PEER)
    if transport == "inproc":
        alice.bind("inproc://alice")
        endpoint = "inproc://alice"
    else:
        endpoint = f"tcp://127.0.0.1:{alice.bind_to_random_port('tcp://127.0.0.1')}"
    alice_id = bob.connect_peer(endpoint)
    assert isinstance(alice_id, int) and alice_id > 0
    bob.send(b"hello alice", routing_id=alice_id)
    frame = alice.recv(copy=False)
    assert frame.bytes == b"hello alice"
    alice.send(b"hello bob", routing_id=frame.routing_id)
    assert bob.recv(copy=False).routing_id == alice_id


@needs_drafts
def test_connect_peer_is_checked(socket):
    peer, client = socket(zmq.PEER), socket(zmq.CLIENT)
    with pytest.raises(zmq.ZMQError, match="nowhere"):
        peer.connect_peer("nowhere://x")
    with pytest.raises(zmq.ZMQError) as info:
        client.connect_peer("inproc://x")
    assert info.value.errno == zmq.ENOTSUP
    with pytest.raises(ValueError, match="NUL"):
        peer.connect_peer("inproc://a\0b")
    peer.close()
    with pytest.raises(zmq.ZMQError, match="closed"):
        peer.connect_peer("inproc://x")


@needs_drafts
def test_channel_is_a_pair(pair):
    a, b = pair(zmq.CHANNEL, zmq.CHANNEL)
    a.send(b"ping")
    assert b.recv() == b"ping"
    b.send(b"pong")
    assert a.recv() == b"pong"


@needs_drafts
def test_draft_options_and_constants(socket):
    router = socket(zmq.ROUTER)
    router.router_notify = zmq.NOTIFY_CONNECT | zmq.NOTIFY_DISCONNECT
    assert router.router_notify == zmq.NOTIFY_CONNECT | zmq.NOTIFY_DISCONNECT
    router.set(zmq.HELLO_MSG, b"hello")
    dealer = socket(zmq.DEALER)
    dealer.reconnect_stop = zmq.RECONNECT_STOP_CONN_REFUSED
    assert dealer.reconnect_stop == zmq.RECONNECT_STOP_CONN_REFUSED
    socket(zmq.XPUB).only_first_subscribe = 1
    for name, value in [("SERVER", 12), ("DISH", 15), ("PEER", 19), ("CHANNEL", 20)]:
        assert zmq.SocketType[name] == value == getattr(zmq, name)
        assert socket(value).type == value


def _check_draft_error(error, *classes):
    assert isinstance(error, zmq.ZMQVersionError)
    for cls in classes:
        assert isinstance(error, cls)
    assert "ZMQ_DRAFT_API=1" in str(error)


@without_drafts
def test_draft_sockets_are_made_as_in_pyzmq(pair):
    # libzmq makes them without the draft API, and PyZMQ lets it: what needs
    # the draft API (routing ids, groups) fails clearly when used
    gather, scatter = pair(zmq.GATHER, zmq.SCATTER)
    scatter.send(b"works")
    assert gather.recv() == b"works"


@without_drafts
def test_draft_calls_raise_the_class_pyzmq_raises(pair, socket):
    server, client = pair(zmq.SERVER, zmq.CLIENT)
    client.send(b"hi")
    frame = server.recv(copy=False)
    # PyZMQ raises RuntimeError: ZMQVersionError is one
    for call in (
        lambda: frame.routing_id,
        lambda: frame.group,
        lambda: setattr(frame, "routing_id", 1),
        lambda: setattr(frame, "group", "g"),
        lambda: server.send(b"x", routing_id=1),
        lambda: server.send(b"x", group="g"),
        lambda: server.send_multipart([b"x"], routing_id=1),
        lambda: socket(zmq.DISH).join("g"),
        lambda: socket(zmq.DISH).leave("g"),
        lambda: socket(zmq.PEER).connect_peer("inproc://x"),
    ):
        with pytest.raises(zmq.ZMQVersionError) as info:
            call()
        _check_draft_error(info.value, RuntimeError)


@without_drafts
def test_draft_options_raise_zmq_error_too(socket):
    router = socket(zmq.ROUTER)
    # PyZMQ raises ZMQError(EINVAL) from libzmq: this is one too
    with pytest.raises(zmq.ZMQVersionError) as info:
        router.router_notify = zmq.NOTIFY_CONNECT
    _check_draft_error(info.value, zmq.ZMQError)
    assert info.value.errno == zmq.EINVAL
    assert "ROUTER_NOTIFY" in str(info.value)
    with pytest.raises(zmq.ZMQError):
        router.get(zmq.ROUTER_NOTIFY)


@without_drafts
def test_thread_safe_sockets_cannot_be_watched_without_drafts(socket):
    client = socket(zmq.CLIENT)
    # PyZMQ raises RuntimeError for FD, ZMQError(EINVAL) for polling
    with pytest.raises(zmq.ZMQVersionError) as info:
        client.fileno()
    _check_draft_error(info.value, zmq.ZMQError, RuntimeError)
    with pytest.raises(zmq.ZMQVersionError) as info:
        client.FD  # noqa: B018
    poller = zmq.Poller()
    poller.register(client, zmq.POLLIN)
    with pytest.raises(zmq.ZMQVersionError) as info:
        poller.poll(10)
    _check_draft_error(info.value, zmq.ZMQError)
    assert "Polling a thread-safe" in str(info.value)
    # what libzmq can do without drafts still works
    assert client.poll(0, zmq.POLLOUT) == 0
