"""Typical publish/subscribe code with frames and polling, for mypy --strict."""

from __future__ import annotations

import zmq
from zmq.utils.monitor import recv_monitor_message


def publish(topics: list[bytes]) -> int:
    with zmq.Context() as ctx:
        pub = ctx.socket(zmq.PUB)
        port: int = pub.bind_to_random_port("tcp://127.0.0.1")
        for topic in topics:
            pub.send_multipart([topic, b"payload"])
        tracker = pub.send(b"x" * 100_000, copy=False, track=True)
        if isinstance(tracker, zmq.MessageTracker):
            tracker.wait(0.1)
        pub.close()
        return port


def subscribe(url: str) -> list[str]:
    ctx = zmq.Context.instance()
    sub = ctx.socket(zmq.SUB)
    sub.subscribe(b"")
    sub.connect(url)
    poller = zmq.Poller()
    poller.register(sub, zmq.POLLIN)
    received: list[str] = []
    for socket, _event in poller.poll(100):
        frames: list[zmq.Frame] = socket.recv_multipart(copy=False)
        received.extend(frame.bytes.decode() for frame in frames)
    monitor = sub.get_monitor_socket()
    event = recv_monitor_message(monitor, zmq.NOBLOCK) if monitor.poll(0) else None
    if event is not None:
        received.append(str(event["event"]))
    sub.close(linger=0)
    return received


def errors() -> str:
    try:
        zmq.Context().socket(zmq.PUSH).recv(zmq.NOBLOCK)
    except zmq.ZMQError as error:
        return f"{error.errno}: {error.strerror}"
    return zmq.zmq_version() + zmq.pyzmq_version()
