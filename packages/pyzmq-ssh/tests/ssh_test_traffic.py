"""Real zmq traffic for the tunnel tests: REQ/REP and PUB/SUB round trips."""

from __future__ import annotations

import time
from typing import Any

import zmq

#: milliseconds a test socket waits at most: a broken tunnel fails a test instead of hanging it
TIMEOUT_MS = 10_000


def make_socket(context: zmq.Context[Any], socket_type: int) -> zmq.Socket[Any]:
    """A socket that times out instead of blocking forever."""
    sock = context.socket(socket_type)
    sock.rcvtimeo = sock.sndtimeo = TIMEOUT_MS
    sock.linger = 0
    return sock


def bound(context: zmq.Context[Any], socket_type: int) -> tuple[zmq.Socket[Any], str]:
    """A socket bound to a random port of 127.0.0.1, and its address."""
    sock = make_socket(context, socket_type)
    port = sock.bind_to_random_port("tcp://127.0.0.1")
    return sock, f"tcp://127.0.0.1:{port}"


def check_req_rep(rep: zmq.Socket[Any], req: zmq.Socket[Any]) -> None:
    """Requests and replies go through, small and large, multipart included."""
    payload = bytes(range(256)) * 4096  # 1 MiB: more than one read of the forwarding loop
    for request in ([b"ping"], [b"multi", b"part"], [payload]):
        req.send_multipart(request)
        assert rep.recv_multipart() == request
        rep.send_multipart([b"re:", *request])
        assert req.recv_multipart() == [b"re:", *request]


def check_pub_sub(pub: zmq.Socket[Any], sub: zmq.Socket[Any]) -> None:
    """Messages reach a subscriber, filtered by topic."""
    sub.subscribe(b"news")
    # PUB drops messages until the subscription has travelled to it: publish until one arrives
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not sub.poll(50):
        assert time.monotonic() < deadline, "no message went through the tunnel"
        pub.send_multipart([b"news", b"first"])
    pub.send_multipart([b"weather", b"not subscribed"])
    pub.send_multipart([b"news", b"last"])
    received = []
    while not received or received[-1] != [b"news", b"last"]:
        received.append(sub.recv_multipart())
    assert all(message == [b"news", b"first"] for message in received[:-1])
