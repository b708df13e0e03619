"""Fixtures for pyzmq-green's tests: zmq.testing's, on zmq.green, and greenlets.

Here the ``zmq`` fixture is zmq.green, so zmq.testing's ``context``, ``socket``
and ``pair`` are green. (pyzmq-core's tests of contexts, sockets and polling
run again on zmq.green through the same fixture, parametrized there.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import gevent
import pytest

import zmq.green as zmq

#: seconds a test waits at most for its greenlets
TEST_TIMEOUT_S = 30


@pytest.fixture(name="zmq", scope="module")
def green() -> ModuleType:
    """zmq.green, as the implementation of zmq's API the fixtures make sockets of."""
    return zmq


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
