"""Fixtures for pyzmq-core's tests: real contexts and sockets, always cleaned up."""

from __future__ import annotations

import importlib.util
import sysconfig
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import zmq
import zmq.asyncio
import zmq.eventloop.future

#: milliseconds a test socket waits at most, so that a broken test fails instead of hanging
TEST_TIMEOUT_MS = 10_000
#: modules the tests need that have no free-threaded build (tools/test-python leaves them out)
NO_FREE_THREADED_BUILD = {"gevent", "mypy", "uvloop"}


@pytest.fixture
def require() -> Callable[[str], None]:
    """``require(module)``: fail the test when ``module`` is not installed, or
    skip it, saying why, on free-threaded Python when the module has no build
    for it."""

    def check(module: str) -> None:
        if importlib.util.find_spec(module) is not None:
            return
        if module in NO_FREE_THREADED_BUILD and sysconfig.get_config_var("Py_GIL_DISABLED"):
            pytest.skip(f"{module} has no free-threaded build")
        pytest.fail(f"{module} is not installed (tools/requirements-test*.txt have it)")

    return check


class Keeping:
    """A Context mixin that keeps every socket it makes until it is destroyed,
    so that a test's sockets are closed by the fixture, not left to the garbage
    collector (which warns, as it should, about unclosed sockets)."""

    _kept: list[zmq.Socket[Any]]

    def socket(self, *args: Any, **kwargs: Any) -> Any:
        sock = super().socket(*args, **kwargs)  # type: ignore[misc]
        if not hasattr(self, "_kept"):
            self._kept = []
        self._kept.append(sock)
        return sock


class KeepingContext(Keeping, zmq.Context[Any]):
    _repr_cls = "zmq.Context"


class KeepingAsyncContext(Keeping, zmq.asyncio.Context):
    _instance = None
    _repr_cls = "zmq.asyncio.Context"


class KeepingTornadoContext(Keeping, zmq.eventloop.future.Context):
    _instance = None
    _repr_cls = "zmq.eventloop.future.Context"


#: the awaitable flavours, by the name a test parametrizes ``actx`` with
ASYNC_CONTEXTS = {"asyncio": KeepingAsyncContext, "tornado": KeepingTornadoContext}


@pytest.fixture
def context() -> Iterator[zmq.Context[Any]]:
    """A fresh Context, destroyed (sockets closed with linger 0) after the test."""
    ctx = KeepingContext()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def actx(request: pytest.FixtureRequest) -> Iterator[zmq.Context[Any]]:
    """A fresh zmq.asyncio Context, destroyed (sockets closed with linger 0) after the test.

    Parametrized indirectly with ``"tornado"``, a zmq.eventloop.future Context.
    """
    ctx = ASYNC_CONTEXTS[getattr(request, "param", "asyncio")]()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def socket(context: zmq.Context[Any]) -> Iterator[Callable[..., zmq.Socket[Any]]]:
    """Make sockets of ``context`` that time out instead of blocking forever;
    all closed after the test."""
    made: list[zmq.Socket[Any]] = []

    def make(socket_type: int, **options: Any) -> zmq.Socket[Any]:
        sock = context.socket(socket_type)
        made.append(sock)
        sock.rcvtimeo = options.pop("rcvtimeo", TEST_TIMEOUT_MS)
        sock.sndtimeo = options.pop("sndtimeo", TEST_TIMEOUT_MS)
        for name, value in options.items():
            setattr(sock, name, value)
        return sock

    yield make
    for sock in made:
        sock.close(linger=0)


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
