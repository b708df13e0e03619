"""Bad input to zmq.anyio gets a Python exception with a clear message, at once."""

from __future__ import annotations

import anyio
import pytest

import zmq

pytestmark = pytest.mark.anyio


async def test_sending_what_is_not_a_buffer(pair):
    _, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(TypeError):
        await push.send("text is not bytes")
    with pytest.raises(TypeError):
        await push.send_multipart([b"ok", 42])
    with pytest.raises(TypeError, match="send_string takes str"):
        await push.send_string(b"bytes")
    with pytest.raises(TypeError):
        await push.send_json(object())


async def test_receiving_into_what_is_not_writable(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises((TypeError, BufferError)):
        await pull.recv_into(b"read-only")
    with pytest.raises((TypeError, ValueError)):
        await pull.recv_into(bytearray(4), nbytes=-1)
    await push.send(b"still there")
    with anyio.fail_after(10):
        assert await pull.recv() == b"still there"


async def test_operations_the_socket_type_does_not_have(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(zmq.ZMQError) as raised:
        await pull.send(b"a PULL cannot send")
    assert raised.value.errno == zmq.ENOTSUP
    with pytest.raises(zmq.ZMQError):
        await push.recv()


async def test_req_out_of_turn(pair):
    _, req = pair(zmq.REP, zmq.REQ)
    with pytest.raises(zmq.ZMQError) as raised:
        await req.recv()
    assert raised.value.errno == zmq.EFSM


async def test_using_a_closed_socket(pair):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    pull.close()
    for operation in (pull.recv, pull.recv_multipart, pull.poll, lambda: pull.send(b"x")):
        with pytest.raises(zmq.ZMQError) as raised:
            await operation()
        assert raised.value.errno == zmq.ENOTSOCK


@pytest.mark.parametrize("flags", [0, zmq.POLLERR, "in"])
async def test_poll_needs_pollin_or_pollout(pair, flags):
    pull, _ = pair(zmq.PULL, zmq.PUSH)
    with pytest.raises(ValueError, match=r"POLLIN or zmq\.POLLOUT"):
        await pull.poll(10, flags)


async def test_bad_json_and_text_fail_the_caller_not_the_socket(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.fail_after(10):
        await push.send(b"{not json")
        with pytest.raises(ValueError):
            await pull.recv_json()
        await push.send(b"\xff\xfe")
        with pytest.raises(UnicodeDecodeError):
            await pull.recv_string()
        await push.send(b"fine")
        assert await pull.recv_string() == "fine"
