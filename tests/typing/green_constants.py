"""gevent-cooperative code reaches constants and errors through zmq.green."""

from __future__ import annotations

import zmq.green as zmq


def pipeline(context: zmq.Context) -> bytes:
    push = context.socket(zmq.PUSH)
    pull = context.socket(zmq.PULL)
    push.setsockopt(zmq.LINGER, 0)
    port = pull.bind_to_random_port("tcp://127.0.0.1")
    push.connect(f"tcp://127.0.0.1:{port}")
    poller = zmq.Poller()
    poller.register(pull, zmq.POLLIN)
    push.send(b"x", zmq.NOBLOCK)
    try:
        received: bytes = pull.recv(zmq.NOBLOCK)
    except zmq.Again:
        received = b""
    except zmq.ZMQError as error:
        assert error.errno == zmq.ETERM
        received = b""
    push.close()
    pull.close()
    return received
