"""Green Poller, Socket.poll and select: they wait in the hub, and keep
their timeouts as PyZMQ's do."""

from __future__ import annotations

import os
import time

import gevent
import pytest

import zmq
import zmq.green


def ticking():
    """A greenlet that counts the times it ran, every 10 ms."""
    ticks = []

    def tick():
        while True:
            gevent.sleep(0.01)
            ticks.append(1)

    return gevent.spawn(tick), ticks


@pytest.mark.parametrize(
    "wait",
    [
        lambda sock: zmq.green.Poller.poll(registered(sock), 300),
        lambda sock: sock.poll(300),
        lambda sock: zmq.green.select([sock], [], [], 0.3),
    ],
    ids=["Poller.poll", "Socket.poll", "select"],
)
def test_timeouts_are_kept_while_others_run(pair, wait):
    _a, b = pair()
    ticker, ticks = ticking()
    start = time.monotonic()
    result = wait(b)
    elapsed = time.monotonic() - start
    ticker.kill()
    assert result in ([], 0, ([], [], []))
    assert 0.29 <= elapsed < 5
    assert ticks  # the hub was free while it waited (how often depends on the machine)


def registered(sock, flags=zmq.POLLIN):
    poller = zmq.green.Poller()
    poller.register(sock, flags)
    return poller


@pytest.mark.parametrize("green", [True, False], ids=["green socket", "plain socket"])
def test_poller_wakes_when_a_greenlet_sends(pair, green):
    a, b = pair()
    watched = b if green else zmq.Socket.shadow(b.underlying)
    poller = registered(watched)
    waiting = gevent.spawn(poller.poll, 10_000)
    gevent.sleep(0)
    assert not waiting.dead
    a.send(b"x")
    assert waiting.get(timeout=10) == [(watched, zmq.POLLIN)]


def test_poller_wakes_for_file_descriptors():
    read, write = os.pipe()
    try:
        poller = zmq.green.Poller()
        poller.register(read, zmq.POLLIN)
        poller.register(write, zmq.POLLOUT)
        assert poller.poll(0) == [(write, zmq.POLLOUT)]
        poller.unregister(write)
        waiting = gevent.spawn(poller.poll, 10_000)
        gevent.sleep(0)
        assert not waiting.dead
        os.write(write, b"x")
        assert waiting.get(timeout=10) == [(read, zmq.POLLIN)]
    finally:
        os.close(read)
        os.close(write)


def test_socket_poll_for_pollout(full_pipe):
    pull, push, _queued = full_pipe
    waiting = gevent.spawn(push.poll, None, zmq.POLLOUT)
    gevent.sleep(0)
    assert not waiting.dead
    pull.recv()
    assert waiting.get(timeout=10) == zmq.POLLOUT


def test_select_wakes_and_reports_like_zmq_select(pair):
    a, b = pair()
    waiting = gevent.spawn(zmq.green.select, [b], [], [], None)
    gevent.sleep(0)
    assert not waiting.dead
    a.send(b"x")
    assert waiting.get(timeout=10) == ([b], [], [])
    assert zmq.green.select([b], [a], [], 0) == zmq.select([b], [a], [], 0)


def test_empty_poller_waits_for_its_timeout():
    start = time.monotonic()
    assert zmq.green.Poller().poll(50) == []
    assert time.monotonic() - start >= 0.049
    assert zmq.green.select([], [], [], 0.05) == ([], [], [])
    assert time.monotonic() - start >= 0.099
    # as zmq.select: with no timeout, nothing to wait for
    assert zmq.green.select([], [], []) == ([], [], [])


@pytest.mark.parametrize("empty", [True, False], ids=["empty poller", "poller in use"])
def test_a_poll_sees_what_is_registered_while_it_waits(pair, empty):
    """PyZMQ's green poll waits (it does not return at once) with nothing
    registered; here a greenlet that registers something wakes it."""
    a, b = pair()
    idle_a, _idle_b = pair()
    poller = zmq.green.Poller()
    if not empty:
        poller.register(idle_a, zmq.POLLIN)
    waiting = gevent.spawn(poller.poll)
    waiting.join(0.05)
    assert not waiting.dead
    a.send(b"x")
    poller.register(b, zmq.POLLIN)
    assert waiting.get(timeout=10) == [(b, zmq.POLLIN)]


def test_a_poll_stops_watching_what_is_unregistered_while_it_waits(pair):
    a, b = pair()
    read, write = os.pipe()
    poller = zmq.green.Poller()
    poller.register(read, zmq.POLLIN)
    waiting = gevent.spawn(poller.poll)
    waiting.join(0.05)
    poller.unregister(read)
    os.close(read)
    os.close(write)
    waiting.join(0.05)
    assert not waiting.dead
    poller.register(b, zmq.POLLIN)
    a.send(b"x")
    assert waiting.get(timeout=10) == [(b, zmq.POLLIN)]


def test_bad_input_raises_clearly(pair, context):
    _a, b = pair()
    poller = registered(b)
    with pytest.raises(TypeError, match="timeout"):
        poller.poll("10")
    with pytest.raises(TypeError, match="timeout"):
        zmq.green.select([b], [], [], "1")
    with pytest.raises(TypeError, match="fileno"):
        zmq.green.select(["not pollable"], [], [], 0)
    # PyZMQ takes any object here and fails in poll(): so do we, with a warning
    unpollable = object()
    with pytest.warns(DeprecationWarning, match="fileno"):
        poller.register(unpollable, zmq.POLLIN)
    with pytest.raises(TypeError, match="fileno"):
        poller.poll(0)
    poller.unregister(unpollable)
    closing = context.socket(zmq.PAIR)
    poller.register(closing, zmq.POLLIN)
    waiting = gevent.spawn(poller.poll, 10_000)
    gevent.sleep(0)
    closing.close()
    with pytest.raises(zmq.ZMQError) as info:
        waiting.get(timeout=10)
    assert info.value.errno == zmq.ENOTSOCK


def test_any_real_number_is_a_timeout(pair):
    numpy = pytest.importorskip("numpy")
    _a, b = pair()
    poller = registered(b)
    for timeout in (numpy.int64(1), numpy.float32(1.5), 0.5, True):
        assert poller.poll(timeout) == []
        assert b.poll(timeout) == 0


@pytest.mark.parametrize("timeout", [float("inf"), -float("inf"), float("nan")])
@pytest.mark.parametrize(
    "wait",
    [lambda sock, timeout: registered(sock).poll(timeout), lambda sock, t: sock.poll(t)],
    ids=["Poller.poll", "Socket.poll"],
)
def test_poll_waits_forever_for_infinity_and_nan(pair, wait, timeout, recwarn):
    """As PyZMQ's green poll does (zmq's refuses them); NaN warns."""
    a, b = pair()
    waiting = gevent.spawn(wait, b, timeout)
    waiting.join(0.2)
    assert not waiting.dead
    a.send(b"x")
    assert waiting.get(timeout=10) in ([(b, zmq.POLLIN)], zmq.POLLIN)
    nan_warnings = [w for w in recwarn.list if "nan" in str(w.message)]
    assert len(nan_warnings) == (timeout != timeout)
    assert all(w.category is DeprecationWarning for w in nan_warnings)


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(float("nan"), ValueError), (float("inf"), OverflowError), (2.0**70, OverflowError)],
)
def test_select_refuses_what_zmq_select_refuses(pair, timeout, error):
    """PyZMQ's zmq.green.select is zmq.select: the same timeouts fail the same way."""
    _a, b = pair()
    with pytest.raises(error):
        zmq.green.select([b], [], [], timeout)
    with pytest.raises(error):
        zmq.select([b], [], [], timeout)
