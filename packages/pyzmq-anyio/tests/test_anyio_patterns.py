"""Every pattern through zmq.anyio sockets, on both of anyio's backends."""

from __future__ import annotations

import anyio
import pytest

import zmq

pytestmark = pytest.mark.anyio

TRANSPORTS = ["inproc", "tcp"]


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_push_pull(pair, transport):
    pull, push = pair(zmq.PULL, zmq.PUSH, transport)
    for number in range(100):
        await push.send(b"%d" % number)
    with anyio.fail_after(10):
        assert [await pull.recv() for _ in range(100)] == [b"%d" % n for n in range(100)]


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_req_rep(pair, transport):
    rep, req = pair(zmq.REP, zmq.REQ, transport)

    async def serve():
        for _ in range(3):
            await rep.send(b"re: " + await rep.recv())

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(serve)
            for word in (b"a", b"b", b"c"):
                await req.send(word)
                assert await req.recv() == b"re: " + word


async def test_pub_sub_gets_only_its_topic(pair, subscribed):
    pub, sub = pair(zmq.PUB, zmq.SUB)
    await subscribed(pub, sub)
    sub.unsubscribe(b"")
    sub.subscribe(b"news")
    with anyio.fail_after(10):
        while True:  # until the new subscription is through
            await pub.send(b"news: ping")
            if await sub.poll(20):
                break
        while await sub.poll(20):
            await sub.recv()
        await pub.send(b"sports: no")
        await pub.send(b"news: yes")
        assert await sub.recv() == b"news: yes"


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_dealer_router(pair, transport):
    router, dealer = pair(zmq.ROUTER, zmq.DEALER, transport)
    with anyio.fail_after(10):
        await dealer.send_multipart([b"", b"question"])
        identity, empty, body = await router.recv_multipart()
        assert (empty, body) == (b"", b"question")
        await router.send_multipart([identity, b"", b"answer"])
        assert await dealer.recv_multipart() == [b"", b"answer"]


async def test_a_receive_waits_for_the_message(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    got = []

    async def receive():
        got.append(await pull.recv())

    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(receive)
            await anyio.wait_all_tasks_blocked()
            assert got == []
            await push.send(b"late")
    assert got == [b"late"]


async def test_a_send_waits_for_room(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    pull.rcvhwm = push.sndhwm = 1
    with anyio.fail_after(10):
        sent = 0
        with anyio.move_on_after(0.2):
            while True:
                await push.send(b"%d" % sent)
                sent += 1
        assert sent > 0

        async def drain():
            for _ in range(sent + 1):
                await pull.recv()

        async with anyio.create_task_group() as group:
            group.start_soon(drain)
            await push.send(b"last")


async def test_serialization_helpers(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.fail_after(10):
        await push.send_string("héllo")
        assert await pull.recv_string() == "héllo"
        await push.send_string("utf-16", encoding="utf-16")
        assert await pull.recv_string(encoding="utf-16") == "utf-16"
        await push.send_json({"a": [1, 2]})
        assert await pull.recv_json() == {"a": [1, 2]}
        await push.send_pyobj({1, 2})
        assert await pull.recv_pyobj() == {1, 2}
        await push.send_serialized([3, 4], lambda m: [str(x).encode() for x in m])
        assert await pull.recv_serialized(lambda parts: [int(p) for p in parts]) == [3, 4]
        await push.send_unicode("alias")
        assert await pull.recv_unicode() == "alias"


async def test_frames_buffers_and_tracking(pair):
    pull, push = pair(zmq.PULL, zmq.PUSH)
    with anyio.fail_after(10):
        tracker = await push.send(b"x" * 1000, copy=False, track=True)
        assert isinstance(tracker, zmq.MessageTracker)
        frame = await pull.recv(copy=False)
        assert isinstance(frame, zmq.Frame)
        assert frame.bytes == b"x" * 1000
        await push.send_multipart([b"a", b"bc"])
        frames = await pull.recv_multipart(copy=False)
        assert [f.bytes for f in frames] == [b"a", b"bc"]
        buffer = bytearray(4)
        await push.send(b"123456")
        assert await pull.recv_into(buffer) == 6
        assert buffer == b"1234"
        waiting = bytearray(3)

        async def late():
            await anyio.wait_all_tasks_blocked()
            await push.send(b"abc")

        async with anyio.create_task_group() as group:
            group.start_soon(late)
            assert await pull.recv_into(waiting, nbytes=2) == 3
        assert waiting == b"ab\x00"


async def test_every_waiting_method_is_a_coroutine_function():
    import inspect

    import zmq.anyio

    for name in [
        "send",
        "recv",
        "send_multipart",
        "recv_multipart",
        "recv_into",
        "poll",
        "send_string",
        "recv_string",
        "send_json",
        "recv_json",
        "send_pyobj",
        "recv_pyobj",
        "send_serialized",
        "recv_serialized",
    ]:
        assert inspect.iscoroutinefunction(getattr(zmq.anyio.Socket, name)), name
    assert inspect.iscoroutinefunction(zmq.anyio.Poller.poll)
