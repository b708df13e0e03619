"""zmq.integration.readiness: the edge hook and the readiness protocol, on real sockets.

The loop here is asyncio's, driven only through what an integration supplies:
a reader on the FD, a thread-safe call-soon, waiters that complete futures.
"""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any, Callable

import pytest

import zmq
from zmq.integration import (
    Readiness,
    add_edge_hook,
    readiness_fd,
    remove_edge_hook,
)

WAIT = 10  # seconds an await may take before the test fails


class Receiver:
    """A waiter that receives one message into a future."""

    def __init__(self, socket: zmq.Socket[Any], future: asyncio.Future[Any] | None = None) -> None:
        self.socket = socket
        self.future = future
        self.calls: list[int] = []

    def serve(self, events: int) -> bool:
        self.calls.append(events)
        try:
            message = self.socket.recv(zmq.DONTWAIT)
        except zmq.Again:
            return False
        if self.future is not None:
            self.future.set_result(message)
        return True


class Watcher:
    """A watcher that records the events it is told, done after ``times``."""

    def __init__(self, times: int = 1) -> None:
        self.seen: list[int] = []
        self.times = times

    def serve(self, events: int) -> bool:
        self.seen.append(events)
        return len(self.seen) >= self.times


class Scheduled:
    """A call-soon that keeps the callbacks, for the test to run (a loop by hand)."""

    def __init__(self) -> None:
        self.callbacks: list[Callable[[], object]] = []

    def __call__(self, callback: Callable[[], object]) -> None:
        self.callbacks.append(callback)

    def run(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def _never_closed() -> None:
    raise AssertionError("on_close called, but the socket is open")


@pytest.fixture
def loop() -> Any:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def _on_loop(loop: asyncio.AbstractEventLoop, socket: zmq.Socket[Any], **kwargs: Any) -> Readiness:
    """A Readiness for ``socket`` on ``loop``, watching its FD until closed."""
    fd = readiness_fd(socket)
    readiness = Readiness(
        socket,
        loop.call_soon_threadsafe,
        lambda: loop.remove_reader(fd),
        **kwargs,
    )
    loop.add_reader(fd, readiness.look)
    # the FD signals only what happens from now on
    readiness.schedule()
    return readiness


# --- the edge hook -------------------------------------------------------------


def test_edge_hook_runs_after_operations_through_any_wrapper(pair):
    a, b = pair()
    calls = []
    hook = lambda: calls.append(1)  # noqa: E731
    add_edge_hook(b, hook)
    shadow = zmq.Socket.shadow(b.underlying)
    counts = []
    for operation in (
        lambda: shadow.get(zmq.EVENTS),
        lambda: shadow.events,
        lambda: b.poll(0),
        lambda: zmq.Poller().poll(0),  # polls nothing: no call
        lambda: a.send(b"x"),  # another socket: no call
        lambda: b.recv(),
        lambda: b.recv(zmq.NOBLOCK) if b.poll(0) else None,
    ):
        before = len(calls)
        operation()
        counts.append(len(calls) - before)
    assert counts == [1, 1, 1, 0, 0, 1, 1]
    with pytest.raises(zmq.Again):
        b.recv(zmq.NOBLOCK)  # a failed receive processed commands too
    assert len(calls) == 6
    remove_edge_hook(b, hook)
    b.get(zmq.EVENTS)
    assert len(calls) == 6


def test_edge_hook_is_told_of_close_while_the_fd_is_open(context):
    sock = context.socket(zmq.PULL)
    fd = readiness_fd(sock)
    calls = []

    def hook() -> None:
        os.fstat(fd)  # raises if libzmq closed it already
        calls.append("closed" if sock.closed else "open")

    add_edge_hook(sock, hook)
    zmq.Socket.shadow(sock.underlying).close()
    assert calls == ["closed"]


def test_several_edge_hooks_watch_one_socket(pair):
    _a, b = pair()
    calls = []
    first = lambda: calls.append("first")  # noqa: E731
    second = lambda: calls.append("second")  # noqa: E731
    add_edge_hook(b, first)
    add_edge_hook(b, second)
    add_edge_hook(b, first)  # twice: still called once
    b.get(zmq.EVENTS)
    assert calls == ["first", "second"]
    remove_edge_hook(b, first)
    remove_edge_hook(b, first)  # not there any more: no error
    b.get(zmq.EVENTS)
    assert calls == ["first", "second", "second"]


def test_edge_hook_functions_refuse_what_is_not_a_socket_or_callable(pair):
    _a, b = pair()
    with pytest.raises(TypeError, match="an edge hook must be callable, got str"):
        add_edge_hook(b, "not callable")
    for function in (add_edge_hook, remove_edge_hook):
        with pytest.raises(TypeError):
            function(object(), lambda: None)
        with pytest.raises(TypeError):
            function(None, lambda: None)
    with pytest.raises(TypeError):
        readiness_fd(3)


def test_readiness_fd_is_the_sockets_fd(pair):
    _a, b = pair()
    assert readiness_fd(b) == b.fileno() == b.get(zmq.FD)
    b.close()
    with pytest.raises(zmq.ZMQError):
        readiness_fd(b)


# --- Readiness: its inputs -----------------------------------------------------


def test_readiness_refuses_bad_inputs_with_clear_errors(pair):
    _a, b = pair()
    call_soon = Scheduled()
    with pytest.raises(TypeError, match="Readiness needs a zmq socket, got int"):
        Readiness(3, call_soon, _never_closed)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="call_soon must be callable, got NoneType"):
        Readiness(b, None, _never_closed)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on_close must be callable, got str"):
        Readiness(b, call_soon, "close")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="in_loop must be callable, got bool"):
        Readiness(b, call_soon, _never_closed, in_loop=True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="budget must be at least 1, got 0"):
        Readiness(b, call_soon, _never_closed, budget=0)
    with pytest.raises(TypeError):
        Readiness(b, call_soon, _never_closed, budget=1.5)  # type: ignore[arg-type]
    readiness = Readiness(b, call_soon, _never_closed)
    with pytest.raises(ValueError, match=r"flags must be zmq\.POLLIN or zmq\.POLLOUT, got .*3"):
        readiness.wait(Receiver(b), zmq.POLLIN | zmq.POLLOUT)
    with pytest.raises(ValueError, match=r"zmq\.POLLIN or zmq\.POLLOUT"):
        readiness.queue(0)
    with pytest.raises(TypeError, match="a waiter needs a serve\\(events\\) method, got function"):
        readiness.wait(lambda events: True, zmq.POLLIN)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got object"):
        readiness.watch(object(), zmq.POLLIN)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        readiness.watch(Watcher(), "POLLIN")  # type: ignore[arg-type]
    # nothing refused was queued, nor armed the hook
    assert not readiness.waiting
    assert not readiness.armed


# --- Readiness: the hook is armed only while someone waits -------------------------


def test_hook_is_armed_only_while_someone_waits(pair):
    a, b = pair()
    call_soon = Scheduled()
    readiness = Readiness(b, call_soon, _never_closed)
    b.get(zmq.EVENTS)
    assert not readiness.armed and call_soon.callbacks == []
    first, second, watcher = Receiver(b), Receiver(b), Watcher()
    readiness.wait(first, zmq.POLLIN)
    readiness.wait(second, zmq.POLLIN)
    readiness.watch(watcher, zmq.POLLIN)
    assert readiness.armed and readiness.waiting
    assert list(readiness.queue(zmq.POLLIN)) == [first, second]
    assert readiness.discard(first)
    assert not readiness.discard(first)  # not there any more
    assert readiness.armed
    assert readiness.clear() == [second, watcher]
    assert not readiness.armed and not readiness.waiting
    a.send(b"x")
    b.get(zmq.EVENTS)
    assert call_soon.callbacks == []


def test_edges_are_coalesced_into_one_look_and_looking_schedules_none(pair):
    a, b = pair()
    call_soon = Scheduled()
    readiness = Readiness(b, call_soon, _never_closed)
    receiver = Receiver(b)
    readiness.wait(receiver, zmq.POLLIN)
    shadow = zmq.Socket.shadow(b.underlying)
    for _ in range(5):
        shadow.get(zmq.EVENTS)  # each consumes the edge, through another wrapper
    assert call_soon.callbacks == [readiness.look]
    call_soon.run()  # a look, with nothing to receive: its own EVENTS read schedules nothing
    assert call_soon.callbacks == []
    assert readiness.armed and receiver.calls == []
    a.send(b"x")
    shadow.get(zmq.EVENTS)
    assert call_soon.callbacks == [readiness.look]
    call_soon.run()
    assert receiver.calls == [zmq.POLLIN | zmq.POLLOUT]
    assert not readiness.waiting and not readiness.armed
    assert call_soon.callbacks == []  # the waiter's recv did not schedule a look


def test_a_look_serves_waiters_in_order_while_events_say_the_socket_can(pair):
    a, b = pair()
    readiness = Readiness(b, Scheduled(), _never_closed)
    loop = asyncio.new_event_loop()
    try:
        futures = [loop.create_future() for _ in range(4)]
        receivers = [Receiver(b, future) for future in futures]
        for receiver in receivers:
            readiness.wait(receiver, zmq.POLLIN)
        a.send(b"0")
        a.send(b"1")
        readiness.look()
        assert [f.result() for f in futures[:2]] == [b"0", b"1"]
        # EVENTS showed nothing more: the others were not asked
        assert [len(r.calls) for r in receivers] == [1, 1, 0, 0]
        assert readiness.armed
        a.send(b"2")
        a.send(b"3")
        readiness.look()  # as the loop does when the FD turns readable
        assert [f.result() for f in futures] == [b"0", b"1", b"2", b"3"]
        assert not readiness.armed
    finally:
        loop.close()


class Refusing:
    """A waiter whose operation finds the socket not ready after all."""

    def __init__(self) -> None:
        self.calls = 0

    def serve(self, events: int) -> bool:
        self.calls += 1
        return False


def test_a_waiter_that_cannot_complete_holds_those_behind_it(pair):
    a, b = pair()
    readiness = Readiness(b, Scheduled(), _never_closed)
    refusing, receiver = Refusing(), Receiver(b)
    readiness.wait(refusing, zmq.POLLIN)
    readiness.wait(receiver, zmq.POLLIN)
    a.send(b"x")
    readiness.look()
    assert refusing.calls == 1 and receiver.calls == []
    assert list(readiness.queue(zmq.POLLIN)) == [refusing, receiver]
    readiness.discard(refusing)
    readiness.look()
    assert receiver.calls == [zmq.POLLIN | zmq.POLLOUT]
    assert not readiness.waiting


def test_a_look_serves_at_most_its_budget_then_schedules_another(pair):
    a, b = pair()
    call_soon = Scheduled()
    readiness = Readiness(b, call_soon, _never_closed, budget=2)
    receivers = [Receiver(b) for _ in range(5)]
    for receiver in receivers:
        readiness.wait(receiver, zmq.POLLIN)
    for i in range(5):
        a.send(b"%d" % i)
    readiness.look()
    assert len(readiness.queue(zmq.POLLIN)) == 3
    assert call_soon.callbacks == [readiness.look]
    call_soon.run()
    assert len(readiness.queue(zmq.POLLIN)) == 1
    call_soon.run()
    assert not readiness.waiting and call_soon.callbacks == []


def test_watchers_are_told_the_events_they_watch_until_done(pair):
    a, b = pair(zmq.DEALER, zmq.DEALER)
    call_soon = Scheduled()
    readiness = Readiness(b, call_soon, _never_closed)
    reading, writing = Watcher(times=2), Watcher()
    readiness.watch(reading, zmq.POLLIN)
    readiness.watch(writing, zmq.POLLOUT)
    assert readiness.look() == zmq.POLLOUT
    assert reading.seen == [] and writing.seen == [zmq.POLLOUT]
    a.send(b"x")
    assert readiness.look() == zmq.POLLIN | zmq.POLLOUT
    assert readiness.look() == zmq.POLLIN | zmq.POLLOUT  # watchers do not take messages
    assert reading.seen == [zmq.POLLIN, zmq.POLLIN]
    assert writing.seen == [zmq.POLLOUT]
    assert not readiness.waiting
    assert b.recv() == b"x"


def test_a_call_soon_that_cannot_schedule_leaves_no_look_pending(pair):
    _a, b = pair()
    attempts = []

    def closed_loop(callback: Callable[[], object]) -> bool:
        attempts.append(callback)
        return False

    readiness = Readiness(b, closed_loop, _never_closed)
    readiness.schedule()
    readiness.schedule()
    assert len(attempts) == 2  # not believed pending: each asks again


# --- Readiness on a running loop ---------------------------------------------------


def test_no_wake_up_is_lost_to_other_threads_consuming_the_edge(pair, loop):
    a, b = pair()
    readiness = _on_loop(loop, b)
    shadow = zmq.Socket.shadow(b.underlying)
    stop = threading.Event()

    def consume_edges() -> None:
        # another thread keeps taking the FD's wake-ups away from the loop
        while not stop.is_set():
            shadow.get(zmq.EVENTS)

    async def main() -> list[bytes]:
        received = []
        for i in range(50):
            future = loop.create_future()
            readiness.wait(Receiver(b, future), zmq.POLLIN)
            await asyncio.sleep(0)
            a.send(b"%d" % i)
            received.append(await asyncio.wait_for(future, WAIT))
        return received

    thread = threading.Thread(target=consume_edges)
    thread.start()
    try:
        assert loop.run_until_complete(main()) == [b"%d" % i for i in range(50)]
    finally:
        stop.set()
        thread.join()
        loop.remove_reader(readiness_fd(b))


def test_wake_ups_come_from_sends_in_other_threads(pair, loop):
    a, b = pair()
    readiness = _on_loop(loop, b)

    async def main() -> bytes:
        future = loop.create_future()
        readiness.wait(Receiver(b, future), zmq.POLLIN)
        sender = threading.Thread(target=lambda: a.send(b"from a thread"))
        sender.start()
        try:
            return await asyncio.wait_for(future, WAIT)
        finally:
            sender.join()

    assert loop.run_until_complete(main()) == b"from a thread"
    loop.remove_reader(readiness_fd(b))


def test_closing_in_the_loop_calls_on_close_at_once_while_the_fd_is_open(context, loop):
    sock = context.socket(zmq.PULL)
    fd = readiness_fd(sock)
    closes = []

    def on_close() -> None:
        os.fstat(fd)  # still open: the loop may stop watching it
        closes.append(sock.closed)
        loop.remove_reader(fd)

    readiness = Readiness(
        sock, loop.call_soon_threadsafe, on_close, in_loop=lambda: loop.is_running()
    )
    loop.add_reader(fd, readiness.look)

    async def main() -> None:
        readiness.wait(Receiver(sock), zmq.POLLIN)
        zmq.Socket.shadow(sock.underlying).close()  # through another wrapper
        assert closes == [True]
        assert not readiness.armed

    loop.run_until_complete(main())
    assert closes == [True]


def test_closing_from_another_thread_reaches_on_close_through_a_look(context, loop):
    sock = context.socket(zmq.PULL)
    fd = readiness_fd(sock)
    loop_thread = threading.get_ident()
    closed = loop.create_future()

    def on_close() -> None:
        loop.remove_reader(fd)
        for waiter in readiness.clear():
            waiter.future.cancel()  # type: ignore[attr-defined]
        closed.set_result(threading.get_ident())

    readiness = Readiness(
        sock,
        loop.call_soon_threadsafe,
        on_close,
        in_loop=lambda: threading.get_ident() == loop_thread,
    )
    loop.add_reader(fd, readiness.look)

    async def main() -> None:
        waiting = loop.create_future()
        readiness.wait(Receiver(sock, waiting), zmq.POLLIN)
        closer = threading.Thread(target=sock.close)
        closer.start()
        closer.join()
        assert await asyncio.wait_for(closed, WAIT) == loop_thread
        assert waiting.cancelled()

    loop.run_until_complete(main())


def test_a_look_at_a_closed_socket_calls_on_close(context):
    sock = context.socket(zmq.PULL)
    closes = []
    readiness = Readiness(sock, Scheduled(), lambda: closes.append(1))
    readiness.wait(Receiver(sock), zmq.POLLIN)
    sock.close()
    assert readiness.look() == 0
    assert closes == [1]
    assert not readiness.armed


def test_a_waiter_closing_the_socket_in_a_look_is_reported(context):
    push = context.socket(zmq.PUSH)
    pull = context.socket(zmq.PULL)
    pull.bind("inproc://closing-waiter")
    push.connect("inproc://closing-waiter")
    closes = []
    readiness = Readiness(pull, Scheduled(), lambda: closes.append(pull.closed))

    class Closing:
        def serve(self, events: int) -> bool:
            pull.recv()
            pull.close()
            return True

    readiness.wait(Closing(), zmq.POLLIN)
    readiness.wait(Receiver(pull), zmq.POLLIN)
    push.send(b"last")
    readiness.look()
    assert closes == [True]  # the hook was disarmed: the look told
    assert not readiness.armed


# --- Readiness: the loop's own operations, and failing looks ---------------------


def test_operations_in_a_disarmed_section_schedule_no_look(pair):
    a, b = pair()
    call_soon = Scheduled()
    readiness = Readiness(b, call_soon, _never_closed)
    readiness.watch(Watcher(times=99), zmq.POLLIN)
    a.send(b"x")
    with readiness.disarmed():
        assert not readiness.armed
        with readiness.disarmed():  # sections nest
            b.get(zmq.EVENTS)
        assert not readiness.armed
        # and so may a look inside one: it does not arm the hook either
        readiness.look()
        assert not readiness.armed
        assert b.recv() == b"x"
    assert readiness.armed
    assert call_soon.callbacks == []
    b.get(zmq.EVENTS)
    assert call_soon.callbacks == [readiness.look]


def test_a_disarmed_section_arms_nothing_when_nobody_waits(pair):
    _a, b = pair()
    readiness = Readiness(b, Scheduled(), _never_closed)
    with readiness.disarmed():
        readiness.watch(Watcher(), zmq.POLLIN)
        assert not readiness.armed
        readiness.clear()
    assert not readiness.armed


def test_an_unreadable_socket_goes_to_on_error_or_to_the_loop(context):
    sock = context.socket(zmq.PULL)
    errors = []
    readiness = Readiness(sock, Scheduled(), _never_closed, on_error=errors.append)
    readiness.watch(Watcher(), zmq.POLLIN)
    without = Readiness(sock, Scheduled(), _never_closed)
    without.watch(Watcher(), zmq.POLLIN)
    terminating = threading.Thread(target=context.term)
    terminating.start()
    try:
        # term makes every operation on the open socket fail with ETERM
        for _ in range(1000):
            try:
                sock.get(zmq.EVENTS)
            except zmq.ContextTerminated:
                break
            terminating.join(0.01)
        assert readiness.look() == 0
        assert [error.errno for error in errors] == [zmq.ETERM]
        assert readiness.armed  # the waiters meet the error themselves
        with pytest.raises(zmq.ContextTerminated):
            without.look()
        assert without.armed
    finally:
        readiness.clear()
        without.clear()
        sock.close()
        terminating.join()
