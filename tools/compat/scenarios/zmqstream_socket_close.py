"""Closing the socket under a ZMQStream directly instead of through the stream."""

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
    c("s = ctx.socket(zmq.PULL)")
    c("stream = ZMQStream(s)")
    c("stream.on_recv(lambda msg: None)")
    c("s.close()")
    c("loop.run_sync(lambda: asyncio.sleep(0.05))")
    c("stream.closed()")
    c("ctx.term()")
    c("loop.close()")
