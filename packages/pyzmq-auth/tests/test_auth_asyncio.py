"""AsyncioAuthenticator: the same refusals and admissions, served by an asyncio loop.

The policy is shared with the thread flavour (tested in full there); these tests cover
what differs: waiting in a loop, async credentials providers, starting and stopping.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Iterator
from typing import Any, Callable, TypeVar

import pytest

import zmq
import zmq.asyncio
from zmq.auth.asyncio import AsyncioAuthenticator
from zmq.auth.base import Authenticator

_T = TypeVar("_T")

CLIENT_KEY = bytes(range(32))
ZAP_NULL = [b"1.0", b"1", b"", b"127.0.0.1", b"", b"NULL"]


class LoopThread:
    """An asyncio loop running in a thread of its own, so that the tests' blocking sockets
    can talk to an authenticator served by it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="test-loop")
        self._thread.start()

    def call(self, function: Callable[[], _T]) -> _T:
        """Run ``function`` in the loop's thread; return its result."""

        async def run() -> _T:
            return function()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@pytest.fixture
def loop_thread() -> Iterator[LoopThread]:
    running = LoopThread()
    yield running
    running.close()


@pytest.fixture
def aio_auth(context: zmq.Context[Any], loop_thread: LoopThread) -> Iterator[AsyncioAuthenticator]:
    """An AsyncioAuthenticator of ``context``, started in ``loop_thread``'s loop."""
    authenticator = loop_thread.call(lambda: AsyncioAuthenticator(context))
    loop_thread.call(authenticator.start)
    yield authenticator
    loop_thread.call(authenticator.stop)


def test_is_an_authenticator() -> None:
    assert issubclass(AsyncioAuthenticator, Authenticator)


def test_wrong_password_is_refused(aio_auth: AsyncioAuthenticator, peers: Any) -> None:
    aio_auth.configure_plain("*", {"alice": "s3cret"})
    server = peers.plain_server()
    peers.expect_refused(server, peers.plain_client(server, "alice", "guess"))
    peers.expect_admitted(server, peers.plain_client(server, "alice", "s3cret"), "alice")


def test_unknown_curve_key_is_refused(
    aio_auth: AsyncioAuthenticator, peers: Any, certificates: Any
) -> None:
    aio_auth.configure_curve("*", certificates.trusted)
    server = peers.curve_server(certificates)
    stranger = (certificates.stranger_public, certificates.stranger_secret)
    peers.expect_refused(server, peers.curve_client(server, certificates, *stranger))
    client = (certificates.client_public, certificates.client_secret)
    peers.expect_admitted(server, peers.curve_client(server, certificates, *client))


def test_async_credentials_provider(
    aio_auth: AsyncioAuthenticator, peers: Any, certificates: Any, loop_thread: LoopThread
) -> None:
    seen_loops = []

    class AsyncProvider:
        async def callback(self, domain: str, key: bytes) -> bool:
            seen_loops.append(asyncio.get_running_loop())
            await asyncio.sleep(0)
            return key == certificates.client_public

    aio_auth.configure_curve_callback("*", AsyncProvider())
    server = peers.curve_server(certificates)
    stranger = (certificates.stranger_public, certificates.stranger_secret)
    peers.expect_refused(server, peers.curve_client(server, certificates, *stranger))
    client = (certificates.client_public, certificates.client_secret)
    peers.expect_admitted(server, peers.curve_client(server, certificates, *client))
    assert seen_loops == [loop_thread.loop, loop_thread.loop]


def test_failing_async_provider_refuses_with_500(
    aio_auth: AsyncioAuthenticator, peers: Any, certificates: Any
) -> None:
    class Broken:
        async def callback(self, domain: str, key: bytes) -> bool:
            raise RuntimeError("the key store is down")

    aio_auth.configure_curve_callback("*", Broken())
    server = peers.curve_server(certificates)
    client = (certificates.client_public, certificates.client_secret)
    peers.expect_refused(server, peers.curve_client(server, certificates, *client), status=500)


def test_malformed_requests_get_400_and_service_goes_on(
    context: zmq.Context[Any], aio_auth: AsyncioAuthenticator, zap_client: Any
) -> None:
    zap = zap_client()
    assert zap.ask(b"1.0")[2] == b"400"
    assert zap.ask(*ZAP_NULL[:5])[2] == b"400"
    with context.socket(zmq.DEALER) as dealer:
        dealer.linger = 0
        dealer.connect("inproc://zeromq.zap.01")
        dealer.send_multipart([b"no", b"delimiter"])  # discarded by the REP socket itself
        assert zap.ask(*ZAP_NULL)[2] == b"200"


def _run(coroutine: Awaitable[_T]) -> _T:
    return asyncio.run(asyncio.wait_for(coroutine, 10))  # type: ignore[arg-type]


async def _ask(context: zmq.asyncio.Context, frames: list[bytes]) -> list[bytes]:
    request = context.socket(zmq.REQ)
    try:
        request.linger = 0
        request.connect("inproc://zeromq.zap.01")
        await request.send_multipart(frames)
        return await request.recv_multipart()  # type: ignore[no-any-return]
    finally:
        request.close()


def test_in_the_running_loop_with_an_asyncio_context() -> None:
    context = zmq.asyncio.Context()

    async def main() -> None:
        auth = AsyncioAuthenticator(context)
        auth.start()
        try:
            auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
            curve = [*ZAP_NULL[:5], b"CURVE", CLIENT_KEY]
            assert (await _ask(context, curve))[2] == b"200"
            auth.stop()
            auth.start()  # at once: stop() released the ZAP endpoint
            assert (await _ask(context, ZAP_NULL))[2] == b"200"
        finally:
            auth.stop()

    try:
        _run(main())
    finally:
        context.destroy(linger=0)


def test_started_before_its_loop_runs(context: zmq.Context[Any]) -> None:
    loop = asyncio.new_event_loop()
    # deprecated, as in PyZMQ, and still served by that loop
    with pytest.warns(DeprecationWarning, match=r"^AsyncioAuthenticator\(loop\) is deprecated"):
        auth = AsyncioAuthenticator(context, loop=loop)
    try:
        auth.start()
        reply = loop.run_until_complete(
            asyncio.wait_for(_ask(zmq.asyncio.Context(context), ZAP_NULL), 10)
        )
        assert reply[2:5] == [b"200", b"OK", b"anonymous"]
    finally:
        auth.stop()
        # let the cancelled task end before the loop closes
        loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
        loop.close()


def test_stop_cancels_the_task_and_is_idempotent(context: zmq.Context[Any]) -> None:
    async def main() -> None:
        auth = AsyncioAuthenticator(context)
        auth.start()
        serving = auth._task
        assert serving is not None
        await asyncio.sleep(0)  # the task starts waiting for requests
        auth.stop()
        auth.stop()
        assert auth.zap_socket is None
        with pytest.raises(asyncio.CancelledError):
            await serving

    _run(main())
