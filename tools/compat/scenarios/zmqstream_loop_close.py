"""A ZMQStream whose IOLoop is closed with all_fds=True, then the context terminated
(what a Jupyter kernel does at shutdown). Kept apart: a crash here ends the process."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, asyncio")
    c("from tornado.ioloop import IOLoop")
    c("from zmq.eventloop.zmqstream import ZMQStream")
    c("asyncio.set_event_loop(asyncio.new_event_loop())")
    c("loop = IOLoop.current()")
    c("ctx = zmq.Context()")
    c("s = ctx.socket(zmq.ROUTER)")
    c("s.linger = 0")
    c("s.bind('tcp://127.0.0.1:0')", norm="type")
    c("stream = ZMQStream(s)")
    c("stream.on_recv(lambda msg: None)")
    c("loop.close(all_fds=True)")
    c("s.closed")
    c("s.close()")
    c("ctx.term()")
    c("ctx.closed")
