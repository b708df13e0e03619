"""Fixtures for pyzmq-core's tests: real contexts and sockets, always cleaned up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import zmq

#: milliseconds a test socket waits at most, so that a broken test fails instead of hanging
TEST_TIMEOUT_MS = 10_000


@pytest.fixture
def context() -> Iterator[zmq.Context[Any]]:
    """A fresh Context, destroyed (sockets closed with linger 0) after the test."""
    ctx: zmq.Context[Any] = zmq.Context()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def socket(context: zmq.Context[Any]) -> Callable[..., zmq.Socket[Any]]:
    """Make sockets of ``context`` that time out instead of blocking forever."""

    def make(socket_type: int, **options: Any) -> zmq.Socket[Any]:
        sock = context.socket(socket_type)
        sock.rcvtimeo = options.pop("rcvtimeo", TEST_TIMEOUT_MS)
        sock.sndtimeo = options.pop("sndtimeo", TEST_TIMEOUT_MS)
        for name, value in options.items():
            setattr(sock, name, value)
        return sock

    return make


def _endpoint(transport: str, name: str) -> str:
    if transport == "inproc":
        return f"inproc://{name}"
    return "tcp://127.0.0.1"


@pytest.fixture
def pair(
    socket: Callable[..., zmq.Socket[Any]], request: pytest.FixtureRequest
) -> Callable[..., tuple[zmq.Socket[Any], zmq.Socket[Any]]]:
    """Make two connected sockets: ``pair(bind_type, connect_type, transport)``."""

    def make(
        bind_type: int = zmq.PAIR, connect_type: int = zmq.PAIR, transport: str = "inproc"
    ) -> tuple[zmq.Socket[Any], zmq.Socket[Any]]:
        bound = socket(bind_type)
        connected = socket(connect_type)
        if transport == "inproc":
            url = f"inproc://{request.node.name}-{id(bound)}"
            bound.bind(url)
        else:
            port = bound.bind_to_random_port("tcp://127.0.0.1")
            url = f"tcp://127.0.0.1:{port}"
        connected.connect(url)
        return bound, connected

    return make
