"""zmq.green.eventloop: ZMQStream on green sockets, run by zmq.green's IOLoop."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import asyncio, warnings, zmq.green as zmq")
    c("from zmq.green.eventloop import ioloop, zmqstream")
    c("from zmq.green.eventloop.zmqstream import ZMQStream")
    c("import tornado.ioloop")
    c("issubclass(ioloop.IOLoop, tornado.ioloop.IOLoop)")
    c("ioloop.ZMQIOLoop is ioloop.IOLoop")
    c("ioloop.PeriodicCallback is tornado.ioloop.PeriodicCallback")
    c("ioloop.install()")
    c("asyncio.set_event_loop(asyncio.new_event_loop())")
    c("loop = ioloop.IOLoop.current()")
    c("isinstance(loop, tornado.ioloop.IOLoop)")
    c("ctx = zmq.Context()")
    c("a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)")
    c("a.linger = b.linger = 0")
    c("a.bind('inproc://green-stream'); b.connect('inproc://green-stream')")
    c("sa, sb = ZMQStream(a), ZMQStream(b)")
    c("(sa.socket is a, sa.io_loop is loop, sb.io_loop is loop)")
    c("(type(sa.socket), isinstance(sa, zmqstream.ZMQStream))")
    c("got, sent = [], []")
    c("sb.on_recv(got.append)")
    c("sa.on_send(lambda msg, status: sent.append(msg))")
    c("sa.send(b'one')")
    c("sa.send_multipart([b'two', b'parts'])")
    c("sa.send_string('three')")
    c("sa.send_json({'four': 4})")
    c(
        "def wait_for(n):\n    async def until():\n        for _ in range(300):\n"
        "            if len(got) >= n:\n                return\n"
        "            await asyncio.sleep(0.01)\n    loop.run_sync(until, timeout=5)"
    )
    c("wait_for(4)")
    c("list(got)")
    c("len(sent)")
    c("sa.send({'not': 'bytes'})")
    c("sa.send(b'after bad')")
    c("wait_for(5)")
    c("got[4:]")
    c("sb.on_recv('not callable')")
    c("sb.on_recv(got.append, copy=False)")
    c("sa.send(b'as frame')")
    c("wait_for(6)")
    c("[type(part).__name__ for part in got[-1]]")
    c("(sb.stop_on_recv(), sb.receiving())")
    c("sa.flush()", norm="type")
    c("sa.close(); sb.close()")
    c("(sa.closed(), a.closed, sb.closed(), b.closed)")
    c("sa.send(b'closed')")
    c("ZMQStream('not a socket')")
    c("ctx.term()")
    c("loop.close()")
