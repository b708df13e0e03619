"""Fixtures for pyzmq-green's tests: green contexts and sockets, always cleaned up.

They have the names and behaviour of pyzmq-core's fixtures (``context``,
``socket``, ``pair``), so that the core's behaviour tests run again here,
against zmq.green (see green_rerun.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gevent
import pytest

import zmq.green as zmq

# the helper modules beside this file (pytest's importlib mode puts no test folder on sys.path)
sys.path.insert(0, str(Path(__file__).parent))

#: seconds a test waits at most for its greenlets
TEST_TIMEOUT_S = 30

from green_rerun import load_core  # noqa: E402  (found through the sys.path entry above)

_core_fixtures = load_core("conftest.py")

# The core's pair fixture, as it is: it makes its sockets with the
# ``socket`` fixture below, of the ``context`` fixture, both green here.
pair = _core_fixtures.pair


class KeepingContext(_core_fixtures.Keeping, zmq.Context):  # type: ignore[misc]
    """A green Context that keeps its sockets until it is destroyed, as the core's tests' does."""

    _repr_cls = "zmq.green.Context"


@pytest.fixture
def context() -> Iterator[zmq.Context]:
    """A fresh green Context, destroyed (sockets closed with linger 0) after the test."""
    ctx = KeepingContext()
    yield ctx
    ctx.destroy(linger=0)


@pytest.fixture
def socket(context: zmq.Context) -> Iterator[Callable[..., zmq.Socket[Any]]]:
    """Make green sockets of ``context``, setting the options given as keywords;
    all closed after the test.

    Unlike the core's fixture, it sets no RCVTIMEO or SNDTIMEO to guard
    against hangs: they have no effect on green sockets (pytest-timeout
    guards instead).
    """
    made: list[zmq.Socket[Any]] = []

    def make(socket_type: int, **options: Any) -> zmq.Socket[Any]:
        sock = context.socket(socket_type)
        made.append(sock)
        for name, value in options.items():
            setattr(sock, name, value)
        return sock

    yield make
    for sock in made:
        sock.close(linger=0)


@pytest.fixture
def greenlets() -> Iterator[Callable[..., gevent.Greenlet]]:
    """Spawn greenlets that are killed after the test, if still running."""
    spawned: list[gevent.Greenlet] = []

    def spawn(function: Callable[..., Any], *args: Any, **kwargs: Any) -> gevent.Greenlet:
        greenlet = gevent.spawn(function, *args, **kwargs)
        spawned.append(greenlet)
        return greenlet

    yield spawn
    gevent.killall(spawned, timeout=TEST_TIMEOUT_S)


@pytest.fixture
def full_pipe(
    socket: Callable[..., zmq.Socket[Any]], request: pytest.FixtureRequest
) -> tuple[zmq.Socket[Any], zmq.Socket[Any], int]:
    """A PULL and a PUSH (high-water marks 1) whose pipe is full: the PUSH
    cannot send until the PULL receives. Returns (pull, push, messages queued)."""
    pull = socket(zmq.PULL, rcvhwm=1)
    push = socket(zmq.PUSH, sndhwm=1)
    url = f"inproc://full-{request.node.name}"
    pull.bind(url)
    push.connect(url)
    queued = 0
    while push.poll(0, zmq.POLLOUT):
        push.send(b"filler", zmq.DONTWAIT)
        queued += 1
    return pull, push, queued
