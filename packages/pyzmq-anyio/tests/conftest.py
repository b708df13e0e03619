"""Fixtures for pyzmq-anyio's tests: real sockets on real loops, always closed.

Tests marked ``anyio`` run once per backend of anyio's pytest plugin (asyncio
and trio); the others run trio on its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from itertools import count
from typing import Any, Callable

import anyio
import pytest

import zmq
import zmq.anyio
from zmq.testing import keeping

#: seconds a test waits at most for what must happen: a broken test fails instead of hanging
PATIENCE = 10

_endpoints = count()


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def ctx() -> Iterator[zmq.anyio.Context]:
    """A zmq.anyio Context, destroyed (its sockets closed, linger 0) after the test."""
    context = keeping(zmq.anyio.Context)()
    yield context
    context.destroy(linger=0)


Pair = Callable[..., tuple[Any, Any]]


@pytest.fixture
def pair(ctx: zmq.anyio.Context) -> Pair:
    """``pair(bound_type, connected_type, transport="inproc")``: two connected sockets."""

    def make(bound: int, connected: int, transport: str = "inproc") -> tuple[Any, Any]:
        first, second = ctx.socket(bound), ctx.socket(connected)
        for sock in (first, second):
            sock.linger = 0
        if transport == "tcp":
            port = first.bind_to_random_port("tcp://127.0.0.1")
            second.connect(f"tcp://127.0.0.1:{port}")
        else:
            url = f"inproc://pair-{next(_endpoints)}"
            first.bind(url)
            second.connect(url)
        return first, second

    return make


async def _subscribed(pub: Any, sub: Any) -> None:
    sub.subscribe(b"")
    with anyio.fail_after(PATIENCE):
        while not await sub.poll(20):
            await pub.send(b"hello?")
    while await sub.poll(20):
        await sub.recv()


@pytest.fixture
def subscribed() -> Callable[[Any, Any], Awaitable[None]]:
    """``await subscribed(pub, sub)``: ``sub`` subscribes to all, and gets what ``pub`` sends."""
    return _subscribed
