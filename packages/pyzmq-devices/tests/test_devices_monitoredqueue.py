"""monitored_queue, the compiled loop, over real sockets."""

from __future__ import annotations

import signal
import threading
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import zmq
from zmq.devices import monitored_queue
from zmq.devices import monitoredqueue as monitoredqueue_module


class Queue:
    """monitored_queue running in a thread, on sockets of a context of its own.

    Its sockets are bound to inproc addresses, which peers made by
    :meth:`connect` connect to. Without ``out_type``, the in socket serves
    both sides; ``in_options`` are set on the in socket before the queue runs.
    """

    def __init__(self, in_type, out_type=None, mon_type=zmq.PAIR, in_options=(), **prefixes):
        self.context = zmq.Context()
        self.context.linger = 0
        name = f"queue-{id(self)}"
        self.addr = {side: f"inproc://{name}-{side}" for side in ("in", "out", "mon")}
        self.ins = self.context.socket(in_type)
        for name, value in dict(in_options).items():
            setattr(self.ins, name, value)
        self.ins.bind(self.addr["in"])
        if out_type is None:
            self.outs = self.ins
        else:
            self.outs = self.context.socket(out_type)
            self.outs.bind(self.addr["out"])
        self.mon = self.context.socket(mon_type)
        self.mon.bind(self.addr["mon"])
        self.peers = []
        self.error = None
        self.thread = threading.Thread(target=self._run, kwargs=prefixes)
        self.thread.start()

    def _run(self, **prefixes):
        try:
            monitored_queue(self.ins, self.outs, self.mon, **prefixes)
        except BaseException as error:
            self.error = error
        finally:
            for sock in (self.ins, self.outs, self.mon):
                sock.close()

    def connect(self, socket_type, side, **options):
        peer = self.context.socket(socket_type)
        peer.rcvtimeo = peer.sndtimeo = 10_000
        for name, value in options.items():
            setattr(peer, name, value)
        peer.connect(self.addr[side])
        self.peers.append(peer)
        return peer

    def stop(self):
        for peer in self.peers:
            peer.close()
        self.context.term()
        self.thread.join(10)
        assert not self.thread.is_alive()
        return self.error


@pytest.fixture
def queue():
    """Start monitored_queue in a thread: ``queue(in_type, out_type, ...)``; stopped after."""
    queues = []

    def start(*args, **kwargs):
        queues.append(Queue(*args, **kwargs))
        return queues[-1]

    yield start
    for q in queues:
        q.stop()


def test_the_loop_is_compiled():
    from zmq.devices import _monitoredqueue

    assert Path(_monitoredqueue.__file__).name.endswith(tuple(EXTENSION_SUFFIXES))
    assert monitoredqueue_module.monitored_queue is _monitoredqueue.monitored_queue


def test_forwards_and_copies_with_the_in_prefix(queue):
    q = queue(zmq.PULL, zmq.PUSH)
    client = q.connect(zmq.PUSH, "in")
    worker = q.connect(zmq.PULL, "out")
    watcher = q.connect(zmq.PAIR, "mon")
    client.send_multipart([b"one", b"", b"three"])
    client.send(b"single")
    assert worker.recv_multipart() == [b"one", b"", b"three"]
    assert worker.recv_multipart() == [b"single"]
    assert watcher.recv_multipart() == [b"in", b"one", b"", b"three"]
    assert watcher.recv_multipart() == [b"in", b"single"]


def test_both_directions_have_their_own_prefix(queue):
    q = queue(zmq.PAIR, zmq.PAIR, in_prefix=b"from-left", out_prefix=b"")
    left = q.connect(zmq.PAIR, "in")
    right = q.connect(zmq.PAIR, "out")
    watcher = q.connect(zmq.PAIR, "mon")
    left.send(b"hello right")
    assert right.recv() == b"hello right"
    assert watcher.recv_multipart() == [b"from-left", b"hello right"]
    right.send_multipart([b"hello", b"left"])
    assert left.recv_multipart() == [b"hello", b"left"]
    assert watcher.recv_multipart() == [b"", b"hello", b"left"]


def test_router_to_router_swaps_identities(queue):
    q = queue(zmq.ROUTER, zmq.ROUTER)
    client = q.connect(zmq.DEALER, "in", routing_id=b"client")
    worker = q.connect(zmq.DEALER, "out", routing_id=b"worker")
    watcher = q.connect(zmq.PAIR, "mon")
    # the worker says hello first, so that the out ROUTER knows its identity
    worker.send_multipart([b"client", b"", b"ready"])
    assert client.recv_multipart() == [b"worker", b"", b"ready"]
    assert watcher.recv_multipart() == [b"out", b"client", b"worker", b"", b"ready"]
    client.send_multipart([b"worker", b"", b"request"])
    assert worker.recv_multipart() == [b"client", b"", b"request"]
    assert watcher.recv_multipart() == [b"in", b"worker", b"client", b"", b"request"]


def test_router_dealer_queue_serves_requests(queue):
    q = queue(zmq.ROUTER, zmq.DEALER)
    clients = [q.connect(zmq.REQ, "in") for _ in range(3)]
    worker = q.connect(zmq.REP, "out")
    watcher = q.connect(zmq.PAIR, "mon")
    for i, client in enumerate(clients):
        client.send(b"request %d" % i)
        assert worker.recv() == b"request %d" % i
        worker.send(b"reply %d" % i)
        assert client.recv() == b"reply %d" % i
    copies = [watcher.recv_multipart() for _ in range(6)]
    assert [copy[0] for copy in copies] == [b"in", b"out"] * 3
    assert [copy[-1] for copy in copies[:2]] == [b"request 0", b"reply 0"]


def test_one_router_on_both_sides_lets_its_peers_talk(queue):
    q = queue(zmq.ROUTER)
    alice = q.connect(zmq.DEALER, "in", routing_id=b"alice")
    bob = q.connect(zmq.DEALER, "in", routing_id=b"bob")
    watcher = q.connect(zmq.PAIR, "mon")
    # a message to oneself comes back once the router knows the sender
    bob.send_multipart([b"bob", b"am I here?"])
    assert bob.recv_multipart() == [b"bob", b"am I here?"]
    alice.send_multipart([b"bob", b"hello bob"])
    assert bob.recv_multipart() == [b"alice", b"hello bob"]
    bob.send_multipart([b"alice", b"hello alice"])
    assert alice.recv_multipart() == [b"bob", b"hello alice"]
    copies = [watcher.recv_multipart() for _ in range(3)]
    assert copies[1:] == [
        [b"in", b"bob", b"alice", b"hello bob"],
        [b"in", b"alice", b"bob", b"hello alice"],
    ]


def test_large_and_many_part_messages_arrive_whole(queue):
    q = queue(zmq.PULL, zmq.PUSH)
    client = q.connect(zmq.PUSH, "in")
    worker = q.connect(zmq.PULL, "out")
    watcher = q.connect(zmq.PAIR, "mon")
    big = [bytes(range(256)) * 4096]  # 1 MiB
    many = [b"%d" % i for i in range(1000)]
    client.send_multipart(big)
    client.send_multipart(many)
    assert worker.recv_multipart() == big
    assert worker.recv_multipart() == many
    assert watcher.recv_multipart() == [b"in", *big]
    assert watcher.recv_multipart() == [b"in", *many]


def test_no_message_is_lost_or_reordered(queue):
    q = queue(zmq.PULL, zmq.PUSH, mon_type=zmq.PUSH)
    client = q.connect(zmq.PUSH, "in", sndhwm=0)
    worker = q.connect(zmq.PULL, "out", rcvhwm=0)
    watcher = q.connect(zmq.PULL, "mon", rcvhwm=0)
    count = 20_000
    for i in range(count):
        client.send(b"%d" % i)
    assert [worker.recv() for _ in range(count)] == [b"%d" % i for i in range(count)]
    assert [watcher.recv_multipart()[1] for _ in range(count)] == [b"%d" % i for i in range(count)]


def test_terminating_the_context_raises_context_terminated(queue):
    q = queue(zmq.PULL, zmq.PUSH)
    q.connect(zmq.PUSH, "in").send(b"left behind")
    error = q.stop()
    assert isinstance(error, zmq.ContextTerminated)
    assert error.errno == zmq.ETERM
    assert "monitored_queue" in str(error)


@pytest.mark.parametrize("position", [0, 1, 2])
def test_something_else_than_a_socket_is_a_type_error(context, position):
    sockets = [context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB)]
    args = list(sockets)
    args[position] = "not a socket"
    name = ("in_socket", "out_socket", "mon_socket")[position]
    try:
        with pytest.raises(TypeError, match=f"{name} must be a zmq.Socket, not str"):
            monitored_queue(*args)
    finally:
        for sock in sockets:
            sock.close()


def test_a_closed_socket_is_refused(context):
    ins, outs, mon = (context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB))
    mon.close()
    try:
        with pytest.raises(zmq.ZMQError, match=r"mon_socket: .*closed") as info:
            monitored_queue(ins, outs, mon)
        assert info.value.errno == zmq.ENOTSOCK
    finally:
        ins.close()
        outs.close()


@pytest.mark.parametrize(
    ("types", "text"),
    [
        ((zmq.PULL, zmq.PUSH, zmq.SUB), "the monitor socket must be able to send; zmq.SUB cannot"),
        ((zmq.PULL, zmq.PULL, zmq.PUB), "received on the zmq.PULL socket could not be sent"),
        ((zmq.SUB, zmq.SUB, zmq.PUB), "received on the zmq.SUB socket could not be sent"),
        ((zmq.PUSH, zmq.PUB, zmq.PUB), "nothing would ever be forwarded"),
    ],
)
def test_sockets_that_cannot_do_their_part_are_refused(context, types, text):
    sockets = [context.socket(t) for t in types]
    try:
        # PyZMQ's fails with ZMQError (ENOTSUP) at the first message it cannot
        # send, or waits forever; this fails at once, with an error that is both
        with pytest.raises(zmq.ZMQError, match=text) as info:
            monitored_queue(*sockets)
        assert info.value.errno == zmq.ENOTSUP
        assert isinstance(info.value, ValueError)
    finally:
        for sock in sockets:
            sock.close()


def test_a_forwarder_needs_only_one_direction(queue):
    # the PUB never receives: the SUB never has to send
    q = queue(zmq.SUB, zmq.PUB, zmq.PUB, in_options={"subscribe": b""})
    publisher = q.connect(zmq.PUB, "in")
    subscriber = q.connect(zmq.SUB, "out", rcvtimeo=50)
    subscriber.subscribe(b"")
    for _ in range(200):
        publisher.send(b"news")
        try:
            assert subscriber.recv() == b"news"
            break
        except zmq.Again:
            continue
    else:
        pytest.fail("nothing came through the forwarder")


@pytest.mark.parametrize(
    ("prefixes", "text"),
    [
        ({"in_prefix": "in"}, "in_prefix must be bytes, not str \\(encode it first\\)"),
        ({"out_prefix": memoryview(b"out")}, "out_prefix must be bytes, not memoryview"),
    ],
)
def test_prefixes_must_be_bytes(context, prefixes, text):
    sockets = [context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB)]
    try:
        with pytest.raises(TypeError, match=text):
            monitored_queue(*sockets, **prefixes)
    finally:
        for sock in sockets:
            sock.close()


def _interrupt_after(seconds, handler):
    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def test_a_signal_handler_can_stop_the_queue_in_the_main_thread(context):
    ins, outs, mon = (context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB))
    for sock in (ins, outs, mon):
        sock.bind_to_random_port("tcp://127.0.0.1")

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = _interrupt_after(0.2, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            monitored_queue(ins, outs, mon)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for sock in (ins, outs, mon):
            sock.close()


def test_a_signal_that_does_not_raise_lets_the_queue_go_on(context):
    ins, outs, mon = (context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PUB))
    addrs = [f"inproc://signals-{side}" for side in ("in", "out", "mon")]
    for sock, addr in zip((ins, outs, mon), addrs):
        sock.bind(addr)
    client, worker = context.socket(zmq.PUSH), context.socket(zmq.PULL)
    client.connect(addrs[0])
    worker.connect(addrs[1])
    worker.rcvtimeo = 10_000

    def first(signum, frame):
        # the queue goes on after this handler: what is sent now gets through
        client.send(b"after a signal")
        signal.signal(signal.SIGALRM, second)
        signal.setitimer(signal.ITIMER_REAL, 0.2)

    def second(signum, frame):
        raise KeyboardInterrupt

    previous = _interrupt_after(0.1, first)
    try:
        with pytest.raises(KeyboardInterrupt):
            monitored_queue(ins, outs, mon)
        assert worker.recv() == b"after a signal"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for sock in (ins, outs, mon, client, worker):
            sock.close(linger=0)


def test_a_signal_handler_can_stop_a_queue_waiting_to_send(context):
    # a PAIR monitor without a peer makes every send to it wait
    ins, outs, mon = (context.socket(t) for t in (zmq.PULL, zmq.PUSH, zmq.PAIR))
    addrs = [f"inproc://stuck-{side}" for side in ("in", "out", "mon")]
    for sock, addr in zip((ins, outs, mon), addrs):
        sock.bind(addr)
    client = context.socket(zmq.PUSH)
    client.connect(addrs[0])
    client.send(b"waits for the monitor")

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = _interrupt_after(0.2, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            monitored_queue(ins, outs, mon)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for sock in (ins, outs, mon, client):
            sock.close(linger=0)
