"""zmq.eventloop.future: the awaitable sockets with tornado's Futures and IOLoop."""

from __future__ import annotations

import asyncio
import inspect
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


@pytest.fixture
def fpair(fctx, request):
    """Two connected PAIR sockets of ``fctx`` (closed with it)."""
    a, b = fctx.socket(zmq.PAIR), fctx.socket(zmq.PAIR)
    a.bind(f"inproc://{request.node.name}")
    b.connect(f"inproc://{request.node.name}")
    return a, b


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
    # PyZMQ's: an Exception of zmq's, which cancel() completes the future with
    assert future.CancelledError.__mro__[1:] == (Exception, BaseException, object)

    async def main():
        sock = fctx.socket(zmq.PULL)
        for waiting in (sock.recv(), sock.recv_json(), sock.poll(), future.Poller().poll()):
            assert waiting.cancel()
            assert waiting.cancelled() and waiting.done()
            assert not waiting.cancel()
            assert type(waiting.exception()) is future.CancelledError
            with pytest.raises(future.CancelledError):
                await waiting
        sock.close()

    asyncio.run(main())
    assert "CancelledError" in future.__all__


def test_futures_are_pyzmqs_class(fpair):
    a, b = fpair

    async def main():
        poller = future.Poller()
        poller.register(b, zmq.POLLIN)
        made = [
            a.send(b"x"),
            b.recv(),
            a.send_json(1),
            b.recv_json(),
            b.recv(),
            b.poll(0),
            poller.poll(0),
            b.recv(zmq.DONTWAIT),
            b.recv_into(bytes(1), flags=zmq.DONTWAIT),
        ]
        for made_future in made:
            assert type(made_future).__qualname__ == "_TornadoFuture"
            assert type(made_future).__module__ == "zmq.eventloop.future"
            assert isinstance(made_future, TornadoFuture)
        await a.send(b"y")
        assert await made[4] == b"y"
        for failed in made[-2:]:
            failed.exception()

    asyncio.run(main())


def test_cancelling_never_loses_a_message(fpair):
    a, b = fpair

    async def main():
        # cancelled as PyZMQ cancels them
        for receive in (b.recv, b.recv_multipart, b.recv_json, b.recv_string):
            receive().cancel()
            await a.send_json("kept")
            assert await b.recv_json() == "kept"

        # by asyncio: a task waiting on one is cancelled, and ends cancelled
        async def receive_one():
            return await b.recv()

        task = asyncio.ensure_future(receive_one())
        await asyncio.sleep(0)
        assert task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert task.cancelled()
        await a.send(b"for the next")
        assert await b.recv() == b"for the next"
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(receive_one(), 0.01)
        await a.send(b"after a timeout")
        assert await b.recv() == b"after a timeout"

    asyncio.run(main())


def test_pyzmqs_signatures():
    assert list(inspect.signature(future.Socket).parameters) == [
        "context",
        "socket_type",
        "io_loop",
        "_from_socket",
        "kwargs",
    ]
    assert list(inspect.signature(future.Socket.get).parameters) == ["self", "key"]


def test_from_socket_keyword_and_a_socket_given_as_context(context):
    sync = context.socket(zmq.PAIR)
    for wrapped in (future.Socket(_from_socket=sync), future.Socket(sync)):
        assert isinstance(wrapped, future.Socket)
        assert wrapped.underlying == sync.underlying


def test_context_takes_io_loop_with_a_warning():
    with pytest.warns(DeprecationWarning, match="io_loop"):
        ctx = future.Context(io_loop=object())
    assert ctx.io_loop is None
    ctx.term()


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
