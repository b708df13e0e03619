"""zmq.decorators: contexts and sockets given to a function for one call."""

from __future__ import annotations

import gc
import socket as tcp_socket
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import zmq
from zmq import decorators

THREADS = 8


class RecordingSocket(zmq.Socket):  # type: ignore[type-arg]
    """A Socket that remembers every instance made, to check them afterwards."""

    made: list[RecordingSocket] = []
    tag: str = ""  # declared here: an attribute unknown to the class is taken as an option

    def __init__(self, *args: Any, tag: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tag = tag
        RecordingSocket.made.append(self)


@pytest.fixture
def recorded() -> Iterator[list[RecordingSocket]]:
    RecordingSocket.made = []
    yield RecordingSocket.made
    for sock in RecordingSocket.made:
        sock.close(linger=0)


@pytest.fixture
def fresh_instance() -> Iterator[None]:
    """Context.instance() is made anew by the test, and destroyed after it."""
    zmq.Context.instance().destroy(linger=0)
    yield
    zmq.Context.instance().destroy(linger=0)


def assert_no_context_left(call: Any, error: type[BaseException], match: str) -> None:
    """``call()`` raises ``error``, and leaves no Context unclosed (they warn when collected)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(error, match=match):
            call()
        gc.collect()
    unclosed = [w for w in caught if "Unclosed context" in str(w.message)]
    assert unclosed == []


# @context


def test_context_is_new_and_destroyed() -> None:
    @decorators.context()
    def work(ctx: zmq.Context[Any]) -> zmq.Context[Any]:
        assert isinstance(ctx, zmq.Context)
        assert not ctx.closed
        return ctx

    first = work()
    second = work()
    assert first is not second
    assert first.closed
    assert second.closed


def test_context_after_the_callers_arguments() -> None:
    @decorators.context()
    def work(a: int, b: int, ctx: zmq.Context[Any], c: int = 0) -> tuple[int, int, int]:
        assert isinstance(ctx, zmq.Context)
        return a, b, c

    assert work(1, 2, c=3) == (1, 2, 3)


def test_context_with_varargs() -> None:
    @decorators.context()
    def work(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return args, kwargs

    args, kwargs = work(1, key="value")
    assert args[0] == 1
    assert isinstance(args[1], zmq.Context)
    assert kwargs == {"key": "value"}


@pytest.mark.parametrize(
    "decorator",
    [decorators.context(name="my_ctx"), decorators.context("my_ctx")],
    ids=["keyword", "positional"],
)
def test_context_by_name(decorator: Any) -> None:
    @decorator
    def work(a: int, my_ctx: zmq.Context[Any] | None = None) -> tuple[int, Any]:
        return a, my_ctx

    a, ctx = work(1)
    assert a == 1
    assert isinstance(ctx, zmq.Context)
    assert ctx.closed


def test_context_arguments() -> None:
    @decorators.context(3)
    def positional(ctx: zmq.Context[Any]) -> int:
        return ctx.get(zmq.IO_THREADS)

    @decorators.context("ctx", io_threads=2)
    def keyword(ctx: zmq.Context[Any]) -> int:
        return ctx.get(zmq.IO_THREADS)

    assert positional() == 3
    assert keyword() == 2


def test_context_destroyed_when_the_function_raises() -> None:
    made: list[zmq.Context[Any]] = []

    @decorators.context()
    def fail(ctx: zmq.Context[Any]) -> None:
        made.append(ctx)
        raise RuntimeError("inside")

    with pytest.raises(RuntimeError, match="inside"):
        fail()
    assert made[0].closed


def test_context_closes_sockets_left_open() -> None:
    @decorators.context()
    def work(ctx: zmq.Context[Any]) -> zmq.Socket[Any]:
        return ctx.socket(zmq.PULL)

    sock = work()
    assert sock.closed


def test_context_keeps_the_function_identity() -> None:
    def work(ctx: zmq.Context[Any]) -> None:
        """Do work."""

    wrapped = decorators.context()(work)
    assert wrapped.__name__ == "work"
    assert wrapped.__qualname__ == work.__qualname__
    assert wrapped.__doc__ == "Do work."
    assert wrapped.__wrapped__ is work  # type: ignore[attr-defined]


def test_context_on_a_method() -> None:
    class Worker:
        @decorators.context()
        def run(self, ctx: zmq.Context[Any]) -> tuple[Worker, zmq.Context[Any]]:
            return self, ctx

    worker = Worker()
    me, ctx = worker.run()
    assert me is worker
    assert ctx.closed


# @socket


def test_socket_on_the_global_context(fresh_instance: None) -> None:
    @decorators.socket(zmq.PUSH)
    def work(push: zmq.Socket[Any]) -> zmq.Socket[Any]:
        assert push.type == zmq.PUSH
        assert not push.closed
        return push

    push = work()
    assert push.closed
    assert push.context is zmq.Context.instance()
    assert not zmq.Context.instance().closed


def test_stacked_decorators_talk() -> None:
    @decorators.context()
    @decorators.socket(zmq.PUSH)
    @decorators.socket(zmq.PULL)
    def talk(
        ctx: zmq.Context[Any], push: zmq.Socket[Any], pull: zmq.Socket[Any]
    ) -> tuple[bytes, list[zmq.Socket[Any]]]:
        assert push.context is ctx
        assert pull.context is ctx
        pull.rcvtimeo = 10_000
        pull.bind("inproc://decorated")
        push.connect("inproc://decorated")
        push.send(b"through decorators")
        return pull.recv(), [push, pull]

    message, sockets = talk()
    assert message == b"through decorators"
    assert all(sock.closed for sock in sockets)
    assert sockets[0].context.closed


@pytest.mark.parametrize(
    "decorator",
    [decorators.socket(zmq.PUB, name="pub"), decorators.socket("pub", zmq.PUB)],
    ids=["keyword", "positional"],
)
def test_socket_by_name(decorator: Any) -> None:
    @decorators.context()
    @decorator
    def work(ctx: zmq.Context[Any], pub: zmq.Socket[Any] | None = None) -> zmq.Socket[Any]:
        assert pub is not None
        assert pub.context is ctx
        return pub

    pub = work()
    assert pub.type == zmq.PUB
    assert pub.closed


def test_socket_on_the_named_context() -> None:
    @decorators.context(name="ctx")
    @decorators.socket(zmq.PUSH, context_name="ctx")
    def work(push: zmq.Socket[Any], ctx: zmq.Context[Any]) -> bool:
        return push.context is ctx

    assert work()


def test_socket_on_a_context_given_by_the_caller(context: zmq.Context[Any]) -> None:
    @decorators.socket(zmq.PUSH)
    def positional(ctx: zmq.Context[Any], push: zmq.Socket[Any]) -> zmq.Socket[Any]:
        return push

    @decorators.socket(zmq.PUSH, context_name="ctx")
    def keyword(push: zmq.Socket[Any], ctx: zmq.Context[Any]) -> zmq.Socket[Any]:
        return push

    for push in (positional(context), keyword(ctx=context)):
        assert push.context is context
        assert push.closed
    assert not context.closed


def test_socket_arguments_reach_the_socket(
    context: zmq.Context[Any], recorded: list[RecordingSocket]
) -> None:
    @decorators.socket(zmq.DEALER, RecordingSocket, tag="positional")
    def positional(ctx: zmq.Context[Any], sock: zmq.Socket[Any]) -> zmq.Socket[Any]:
        return sock

    @decorators.socket(zmq.DEALER, socket_class=RecordingSocket, tag="keyword")
    def keyword(ctx: zmq.Context[Any], sock: zmq.Socket[Any]) -> zmq.Socket[Any]:
        return sock

    assert positional(context) is recorded[0]
    assert keyword(context) is recorded[1]
    assert [sock.tag for sock in recorded] == ["positional", "keyword"]


@pytest.mark.timeout(30)
def test_socket_closed_with_linger_0() -> None:
    # The peer is a plain TCP listener that never speaks ZMTP, so the message
    # stays queued: terminating the context would wait for it forever, unless
    # the socket was closed with LINGER 0.
    with tcp_socket.create_server(("127.0.0.1", 0)) as mute_peer:
        port = mute_peer.getsockname()[1]

        @decorators.context()
        @decorators.socket(zmq.PUSH)
        def send_to_mute_peer(ctx: zmq.Context[Any], push: zmq.Socket[Any]) -> zmq.Socket[Any]:
            assert push.linger == -1
            push.connect(f"tcp://127.0.0.1:{port}")
            push.send(b"never delivered")
            return push

        assert send_to_mute_peer().closed


def test_socket_closed_when_the_function_raises(
    context: zmq.Context[Any], recorded: list[RecordingSocket]
) -> None:
    @decorators.socket(zmq.PUSH, socket_class=RecordingSocket)
    def fail(ctx: zmq.Context[Any], push: zmq.Socket[Any]) -> None:
        raise RuntimeError("inside")

    with pytest.raises(RuntimeError, match="inside"):
        fail(context)
    assert recorded[0].closed


def test_socket_return_value_and_identity() -> None:
    def work(ctx: zmq.Context[Any], push: zmq.Socket[Any], value: int) -> int:
        """Double a value."""
        return value * 2

    wrapped = decorators.context()(decorators.socket(zmq.PUSH, name="push")(work))
    assert wrapped(value=21) == 42
    assert wrapped.__name__ == "work"
    assert wrapped.__doc__ == "Double a value."


# wrong uses


def test_missing_parameter(recorded: list[RecordingSocket]) -> None:
    @decorators.context(name="ctx")
    @decorators.socket(zmq.PUSH, name="push", context_name="ctx", socket_class=RecordingSocket)
    def work(other: int = 0) -> None:
        pass

    with pytest.raises(TypeError, match="unexpected keyword argument"):
        work()
    # what was made for the call was released all the same
    assert recorded[0].closed
    assert recorded[0].context.closed


def test_missing_positional_parameter_releases_the_context() -> None:
    @decorators.context()
    def work() -> None:
        pass

    assert_no_context_left(work, TypeError, "positional argument")


def test_keyword_given_by_the_caller_too(context: zmq.Context[Any]) -> None:
    @decorators.context(name="ctx")
    def work(ctx: zmq.Context[Any]) -> None:
        pass

    @decorators.socket(zmq.PUSH, name="push")
    def send(push: zmq.Socket[Any]) -> None:
        pass

    with pytest.raises(TypeError, match=r"work\(\) got multiple values for argument 'ctx'"):
        work(ctx=context)
    with pytest.raises(TypeError, match=r"send\(\) got multiple values for argument 'push'"):
        send(push=None)


def test_positional_given_by_the_caller_too() -> None:
    @decorators.context(name="ctx")
    def work(ctx: zmq.Context[Any]) -> None:
        pass

    with pytest.raises(TypeError, match="multiple values for argument 'ctx'"):
        work("mine")


def test_socket_without_type() -> None:
    @decorators.context()
    @decorators.socket("push")
    def work(ctx: zmq.Context[Any], push: zmq.Socket[Any]) -> None:
        pass

    with pytest.raises(TypeError, match=r"@socket\('push'\) needs a socket type"):
        work()


def test_invalid_socket_type_releases_the_context() -> None:
    @decorators.context()
    @decorators.socket(12345)
    def work(ctx: zmq.Context[Any], sock: zmq.Socket[Any]) -> None:
        pass

    assert_no_context_left(work, zmq.ZMQError, "Invalid argument")


def test_name_given_twice() -> None:
    with pytest.raises(TypeError, match="name given twice"):
        decorators.context("a", name="b")
    with pytest.raises(TypeError, match="name given twice"):
        decorators.socket("a", zmq.PUSH, name="b")


@pytest.mark.parametrize("decorator", [decorators.context, decorators.socket])
def test_decorator_without_parentheses(decorator: Any) -> None:
    with pytest.raises(TypeError, match=r"must be called: write @\w+\(\.\.\.\)"):

        @decorator
        def work(thing: Any) -> None:
            pass


# threads


def test_threads_racing_on_the_global_context(fresh_instance: None) -> None:
    barrier = threading.Barrier(THREADS)
    contexts: list[zmq.Context[Any]] = []
    sockets: list[zmq.Socket[Any]] = []
    errors: list[BaseException] = []

    @decorators.socket(zmq.PUSH)
    def work(push: zmq.Socket[Any]) -> None:
        contexts.append(push.context)
        sockets.append(push)

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            work()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(contexts) == THREADS
    assert all(ctx is zmq.Context.instance() for ctx in contexts)
    assert all(sock.closed for sock in sockets)


def test_threads_with_their_own_contexts() -> None:
    barrier = threading.Barrier(THREADS)
    results: dict[int, bytes] = {}
    errors: list[BaseException] = []

    @decorators.context()
    @decorators.socket(zmq.PAIR)
    @decorators.socket(zmq.PAIR)
    def echo(ctx: zmq.Context[Any], a: zmq.Socket[Any], b: zmq.Socket[Any], n: int) -> bytes:
        b.rcvtimeo = 10_000
        a.bind("inproc://echo")  # the same name in every thread: separate contexts
        b.connect("inproc://echo")
        barrier.wait(timeout=30)
        a.send(b"%d" % n)
        return b.recv()

    def run(n: int) -> None:
        try:
            results[n] = echo(n=n)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert results == {n: b"%d" % n for n in range(THREADS)}
