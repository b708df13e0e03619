"""Typical tornado ZMQStream code, for mypy --strict."""

from __future__ import annotations

from typing import Any

from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop.zmqstream import ZMQStream


def echo_server(url: str) -> ZMQStream:
    ctx = zmq.Context.instance()
    stream = ZMQStream(ctx.socket(zmq.ROUTER), IOLoop.current())
    stream.socket.bind(url)
    stream.on_recv(stream.send_multipart)
    return stream


async def handle(msg: list[bytes]) -> None:
    print(msg)


def client(url: str) -> int:
    ctx = zmq.Context.instance()
    socket = ctx.socket(zmq.DEALER)
    socket.connect(url)
    stream = ZMQStream(socket)
    stream.on_recv(handle)
    stream.on_recv_stream(lambda s, msg: s.send_multipart(msg), copy=False)

    def sent(msg: list[Any], status: zmq.MessageTracker | None) -> None:
        print(msg, status)

    stream.on_send(sent)
    stream.send(b"hello", callback=sent)
    stream.send_multipart([b"a", b"b"], copy=False, track=True)
    stream.send_string("text")
    stream.send_json({"key": 1})
    stream.send_pyobj([1, 2])
    stream.set_close_callback(lambda: print("closed"))
    handled: int = stream.flush(zmq.POLLOUT, limit=10)
    if stream.receiving() or stream.sending():
        stream.stop_on_recv()
    stream.close(linger=0)
    return handled + int(stream.closed())
