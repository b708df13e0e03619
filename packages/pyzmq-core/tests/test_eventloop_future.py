"""zmq.eventloop.future: the awaitable sockets with tornado's Futures and IOLoop."""

from __future__ import annotations

import asyncio
import os

import pytest
from tornado.concurrent import Future as TornadoFuture
from tornado.ioloop import IOLoop

import zmq
from zmq.eventloop import future


@pytest.fixture
def fctx():
    ctx = future.Context()
    yield ctx
    ctx.destroy(linger=0)


def test_classes(fctx):
    sock = fctx.socket(zmq.PAIR)
    assert isinstance(sock, future.Socket)
    assert repr(sock).startswith("<zmq.eventloop.future.Socket(zmq.PAIR)")
    assert isinstance(future.Context.instance(), future.Context)
    sock.close()


def test_round_trip_with_tornado_futures(fctx):
    async def main():
        a, b = fctx.socket(zmq.PAIR), fctx.socket(zmq.PAIR)
        a.bind("inproc://tornado-future")
        b.connect("inproc://tornado-future")
        waiting = b.recv_multipart()
        assert isinstance(waiting, TornadoFuture)
        await a.send_multipart([b"a", b"b"])
        assert await waiting == [b"a", b"b"]
        poller = future.Poller()
        poller.register(b, zmq.POLLIN)
        IOLoop.current().call_later(0.02, lambda: a.send(b"late"))
        assert await poller.poll(5000) == [(b, zmq.POLLIN)]
        assert await b.recv() == b"late"
        a.close()
        b.close()

    asyncio.run(main())


def test_poller_reports_other_objects_by_fd():
    async def main():
        read, write = os.pipe()
        with os.fdopen(read, "rb", buffering=0) as reader:
            try:
                poller = future.Poller()
                poller.register(reader, zmq.POLLIN)
                IOLoop.current().call_later(0.02, os.write, write, b"x")
                assert await poller.poll(5000) == [(read, zmq.POLLIN)]
            finally:
                os.close(write)

    asyncio.run(main())


def test_cancelled_error_is_what_a_cancelled_operation_raises(fctx):
    async def main():
        sock = fctx.socket(zmq.PULL)
        waiting = sock.recv()
        waiting.cancel()
        with pytest.raises(future.CancelledError):
            await waiting
        sock.close()

    asyncio.run(main())
    assert "CancelledError" in future.__all__


def test_io_loop_argument_is_tornados(fctx):
    async def main():
        io_loop = IOLoop.current()
        a = future.Socket(fctx, zmq.PAIR, io_loop=io_loop)
        b = future.Socket.from_socket(fctx.socket(zmq.PAIR), io_loop=io_loop)
        a.bind("inproc://io-loop-arg")
        b.connect("inproc://io-loop-arg")
        waiting = b.recv()
        await a.send(b"on tornado's loop")
        assert await waiting == b"on tornado's loop"
        a.close()
        b.close()

    asyncio.run(main())
