"""IOLoopAuthenticator: deprecated, served by a tornado IOLoop (the asyncio loop under it)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import zmq
import zmq.asyncio

pytest.importorskip("tornado", reason="tornado is not installed (pyzmq-auth[tornado])")
from tornado.ioloop import IOLoop

from zmq.auth.asyncio import AsyncioAuthenticator

with warnings.catch_warnings():
    # the import's DeprecationWarning is tested in a fresh interpreter below
    warnings.simplefilter("ignore", DeprecationWarning)
    from zmq.auth.ioloop import IOLoopAuthenticator


def test_import_warns_that_it_is_deprecated() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", "import zmq.auth.ioloop"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DeprecationWarning" in result.stderr
    assert "use zmq.auth.asyncio.AsyncioAuthenticator" in result.stderr


def test_is_an_asyncio_authenticator() -> None:
    assert issubclass(IOLoopAuthenticator, AsyncioAuthenticator)


class IOLoopThread:
    """A tornado IOLoop running in a thread of its own."""

    def __init__(self) -> None:
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(asyncio.new_event_loop())
            self.io_loop = IOLoop.current()
            self.io_loop.add_callback(ready.set)
            self.io_loop.start()
            self.io_loop.close(all_fds=False)

        self._thread = threading.Thread(target=run, name="test-ioloop")
        self._thread.start()
        assert ready.wait(10)

    def call(self, function: Any) -> Any:
        done = threading.Event()
        result = []

        def run() -> None:
            result.append(function())
            done.set()

        self.io_loop.add_callback(run)
        assert done.wait(10)
        return result[0]

    def close(self) -> None:
        self.io_loop.add_callback(self.io_loop.stop)
        self._thread.join(10)


@pytest.fixture
def ioloop_thread() -> Iterator[IOLoopThread]:
    running = IOLoopThread()
    yield running
    running.close()


def test_refuses_and_admits_in_the_ioloop(
    context: zmq.Context[Any], ioloop_thread: IOLoopThread, peers: Any
) -> None:
    with pytest.warns(DeprecationWarning) as caught:
        auth = IOLoopAuthenticator(context, io_loop=ioloop_thread.io_loop)
    # as in PyZMQ: the io_loop argument is deprecated, and so is the loop it becomes
    assert [str(w.message).split(" is deprecated")[0] for w in caught] == [
        "IOLoopAuthenticator(io_loop)",
        "IOLoopAuthenticator(loop)",
    ]
    assert {w.filename for w in caught} <= {__file__, zmq.auth.ioloop.__file__}
    ioloop_thread.call(auth.start)
    try:
        auth.configure_plain("*", {"alice": "s3cret"})
        server = peers.plain_server()
        peers.expect_refused(server, peers.plain_client(server, "alice", "guess"))
        peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")
    finally:
        ioloop_thread.call(auth.stop)
