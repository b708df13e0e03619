"""zmq.anyio: a typed subpackage of zmq, and its Context and Socket as zmq.asyncio's."""

from __future__ import annotations

import asyncio
from importlib import metadata
from pathlib import Path

import anyio
import pytest

import zmq
import zmq.anyio

PROJECT = Path(__file__).resolve().parent.parent


def test_anyio_lives_in_the_zmq_namespace():
    assert zmq.anyio.__name__ == "zmq.anyio"
    assert Path(zmq.anyio.__file__).parent == PROJECT / "src" / "zmq" / "anyio"
    assert (PROJECT / "src" / "zmq" / "anyio" / "py.typed").is_file()


def test_version_and_requirements():
    assert metadata.version("pyzmq-anyio") == zmq.anyio.__version__
    requires = metadata.requires("pyzmq-anyio") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)
    assert any(req.startswith("anyio") for req in requires)


def test_sockets_of_an_anyio_context():
    with zmq.anyio.Context() as ctx:
        with ctx.socket(zmq.PUSH) as sock:
            assert isinstance(sock, zmq.anyio.Socket)
            assert isinstance(sock, zmq.Socket)
            assert repr(sock).startswith("<zmq.anyio.Socket(zmq.PUSH)")
            assert sock.context is ctx
        assert sock.closed
        with ctx.socket(zmq.PUSH, socket_class=zmq.Socket) as plain:
            assert type(plain) is zmq.Socket
        assert repr(ctx).startswith("<zmq.anyio.Context(")


def test_context_instance_is_its_own():
    instance = zmq.anyio.Context.instance()
    try:
        assert type(instance) is zmq.anyio.Context
        assert zmq.anyio.Context.instance() is instance
        assert zmq.Context.instance() is not instance
    finally:
        instance.term()


def test_shadowing_a_blocking_context_and_socket():
    with zmq.Context() as blocking_ctx:
        ctx = zmq.anyio.Context(blocking_ctx)
        assert ctx.underlying == blocking_ctx.underlying
        assert zmq.anyio.Context.shadow(blocking_ctx.underlying).underlying == ctx.underlying
        with blocking_ctx.socket(zmq.PULL) as blocking:
            for wrapper in (
                zmq.anyio.Socket(blocking),
                zmq.anyio.Socket.from_socket(blocking),
                zmq.anyio.Socket.shadow(blocking.underlying),
            ):
                assert wrapper.underlying == blocking.underlying
                assert isinstance(wrapper, zmq.anyio.Socket)
                assert wrapper.type == zmq.PULL


@pytest.mark.anyio
async def test_async_with_closes_the_socket():
    with zmq.anyio.Context() as ctx:
        async with ctx.socket(zmq.PAIR) as sock:
            assert not sock.closed
        assert sock.closed


@pytest.mark.anyio
async def test_a_socket_waits_in_the_loop_it_is_awaited_in(anyio_backend):
    """No loop is bound at creation: one socket, two successive runs."""
    with zmq.anyio.Context() as ctx, ctx.socket(zmq.PULL) as pull:
        pull.bind("inproc://two-runs")
        with anyio.move_on_after(0.01):
            await pull.recv()

        def another_run():
            async def wait():
                with anyio.move_on_after(0.01):
                    await pull.recv()

            anyio.run(wait, backend=anyio_backend)

        await anyio.to_thread.run_sync(another_run)


def test_waiting_outside_of_an_event_loop_is_a_clear_error():
    with zmq.anyio.Context() as ctx, ctx.socket(zmq.PULL) as pull:
        pull.bind("inproc://no-loop")
        coroutine = pull.recv()
        with pytest.raises(RuntimeError, match="event loop"):
            coroutine.send(None)
        coroutine.close()


def test_works_under_asyncio_alone():
    async def main():
        with zmq.anyio.Context() as ctx, ctx.socket(zmq.PULL) as pull:
            push = ctx.socket(zmq.PUSH)
            with push:
                pull.bind("inproc://asyncio-alone")
                push.connect("inproc://asyncio-alone")
                receiving = asyncio.ensure_future(pull.recv())
                await asyncio.sleep(0.01)
                await push.send(b"plain asyncio")
                return await asyncio.wait_for(receiving, 10)

    assert asyncio.run(main()) == b"plain asyncio"
