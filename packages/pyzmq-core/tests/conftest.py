"""Fixtures for pyzmq-core's tests, besides zmq.testing's (``context``, ``socket``,
``pair``...): awaitable contexts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import zmq
import zmq.asyncio
import zmq.eventloop.future
from zmq.testing import keeping

#: the awaitable flavours, by the name a test parametrizes ``actx`` with
ASYNC_CONTEXTS = {
    "asyncio": keeping(zmq.asyncio.Context),
    "tornado": keeping(zmq.eventloop.future.Context),
}


@pytest.fixture
def actx(request: pytest.FixtureRequest) -> Iterator[zmq.Context[Any]]:
    """A fresh zmq.asyncio Context, destroyed (sockets closed with linger 0) after the test.

    Parametrized indirectly with ``"tornado"``, a zmq.eventloop.future Context.
    """
    ctx = ASYNC_CONTEXTS[getattr(request, "param", "asyncio")]()
    yield ctx
    ctx.destroy(linger=0)
