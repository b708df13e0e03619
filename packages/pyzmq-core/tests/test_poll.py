"""Poller, zmq_poll and select over sockets and file descriptors."""

from __future__ import annotations

import inspect
import os
import socket as pysocket
import threading

import pytest

from zmq.backend import Poller as CompiledPoller

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations


def test_poller_sockets(zmq, pair):
    a, b = pair()
    poller = zmq.Poller()
    poller.register(a, zmq.POLLIN)
    poller.register(b)  # POLLIN | POLLOUT by default
    assert a in poller and b in poller
    assert dict(poller.poll(0)) == {b: zmq.POLLOUT}
    a.send(b"x")
    assert dict(poller.poll(1000)) == {b: zmq.POLLIN | zmq.POLLOUT}
    poller.modify(b, zmq.POLLIN)
    assert poller.poll(0) == [(b, zmq.POLLIN)]
    b.recv()
    assert poller.poll(10) == []


def test_register_zero_unregisters(zmq, pair):
    a, _b = pair()
    poller = zmq.Poller()
    poller.register(a, zmq.POLLIN)
    poller.register(a, 0)
    assert a not in poller
    assert poller.sockets == []


def test_unregister(zmq, pair):
    a, b = pair()
    poller = zmq.Poller()
    poller.register(a)
    poller.register(b)
    poller.unregister(a)
    assert poller.sockets == [(b, zmq.POLLIN | zmq.POLLOUT)]
    assert poller._map == {b: 0}
    with pytest.raises(KeyError):
        poller.unregister(a)


def test_poll_raw_fds_and_fileno_objects(zmq):
    read, write = os.pipe()
    left, right = pysocket.socketpair()
    try:
        poller = zmq.Poller()
        poller.register(read, zmq.POLLIN)
        poller.register(left, zmq.POLLIN)
        assert poller.poll(0) == []
        os.write(write, b"x")
        right.send(b"y")
        # reported by fd number, as PyZMQ does; registered as given
        assert dict(poller.poll(1000)) == {read: zmq.POLLIN, left.fileno(): zmq.POLLIN}
        assert poller.sockets == [(read, zmq.POLLIN), (left, zmq.POLLIN)]
        assert left in poller
        assert zmq.zmq_poll([(left, zmq.POLLIN)], 0) == [(left.fileno(), zmq.POLLIN)]
        readable, writable, failed = zmq.select([left, read], [], [], 0)
        assert sorted(readable) == sorted([left.fileno(), read])
        assert writable == failed == []
    finally:
        for fd in (read, write):
            os.close(fd)
        left.close()
        right.close()


def test_poll_mixed_waits_for_a_socket(zmq, pair):
    a, b = pair()
    read, write = os.pipe()
    try:
        poller = zmq.Poller()
        poller.register(read, zmq.POLLIN)
        poller.register(b, zmq.POLLIN)
        sender = threading.Timer(0.05, a.send, args=(b"late",))
        sender.start()
        assert poller.poll(5000) == [(b, zmq.POLLIN)]
        sender.join()
    finally:
        os.close(read)
        os.close(write)


def test_poll_timeout_none_and_negative(zmq, pair):
    a, b = pair()
    poller = zmq.Poller()
    poller.register(b, zmq.POLLIN)
    a.send(b"x")
    assert poller.poll(None) == [(b, zmq.POLLIN)]
    assert poller.poll(-1) == [(b, zmq.POLLIN)]


@pytest.mark.not_for(
    "zmq.green",
    "the green poll waits forever for NaN and infinity, as PyZMQ's does (pyzmq-green tests it)",
)
@pytest.mark.parametrize(
    ("timeout", "error", "match"),
    [
        (float("nan"), ValueError, "not NaN"),
        (float("inf"), OverflowError, "finite"),
        ("1", TypeError, "number or None, got str"),
    ],
)
def test_nan_infinite_and_text_timeouts_are_refused(zmq, pair, timeout, error, match):
    _a, b = pair()
    poller = zmq.Poller()
    poller.register(b, zmq.POLLIN)
    for wait in (
        lambda: b.poll(timeout),
        lambda: poller.poll(timeout),
        lambda: zmq.select([b], [], [], timeout),
    ):
        with pytest.raises(error, match=match):
            wait()


def test_empty_poller_times_out(zmq):
    assert zmq.Poller().poll(10) == []


class _TextFileno:
    def fileno(self):
        return "3"


def test_bad_registrations(zmq, pair, context):
    poller = zmq.Poller()
    # PyZMQ registers anything and fails when it polls: warned here
    with pytest.warns(DeprecationWarning, match="fileno"):
        poller.register("not pollable", zmq.POLLIN)
    with pytest.raises(TypeError, match="fileno"):
        poller.poll(0)
    poller.unregister("not pollable")
    with pytest.raises(TypeError, match=r"fileno\(\) of .* must return an int"):
        zmq.select([_TextFileno()], [], [], 0)
    # a negative fd is never ready, as for poll(2)
    poller.register(-1, zmq.POLLIN)
    assert poller.poll(0) == []
    poller.unregister(-1)
    sock = context.socket(zmq.PAIR)
    poller.register(sock, zmq.POLLIN)
    sock.close()
    with pytest.raises(zmq.ZMQError) as info:
        poller.poll(0)
    assert info.value.errno == zmq.ENOTSOCK


def test_zmq_poll_function(zmq, pair):
    a, b = pair()
    a.send(b"x")
    assert zmq.zmq_poll([(b, zmq.POLLIN), (a, zmq.POLLIN)], 1000) == [(b, zmq.POLLIN)]
    assert zmq.zmq_poll([], 0) == []


def test_zmq_poll_refuses_a_timeout_of_none(zmq, pair):
    # as PyZMQ's, which takes an int (Poller.poll and select take None)
    _a, b = pair()
    for sockets in ([(b, zmq.POLLIN)], []):
        with pytest.raises(TypeError, match="None"):
            zmq.zmq_poll(sockets, None)


def test_select_reports_in_the_order_of_the_set_of_what_it_watches(zmq):
    # as PyZMQ's, which polls set(rlist + wlist + xlist): file descriptors
    # (ints) come in the order of their set, not in the order given
    pipes = [os.pipe() for _ in range(9)]
    try:
        ends = sorted(write for _read, write in pipes)
        # two that a set orders the other way round than given
        later, earlier = next(
            (x, y) for x in reversed(ends) for y in ends if y < x and list({x, y}) == [y, x]
        )
        assert zmq.select([], [later, earlier], [], 0) == ([], [earlier, later], [])
        # each once, with all its events
        both = zmq.select([later], [later, later], [], 0)
        assert both == ([], [later], [])
    finally:
        for fds in pipes:
            for fd in fds:
                os.close(fd)


def test_select_takes_lists_as_pyzmq(zmq, pair):
    _a, b = pair()
    with pytest.raises(TypeError):  # a tuple and a list do not add up
        zmq.select((b,), [], [], 0)
    with pytest.raises(TypeError):  # unhashable
        zmq.select([{}], [], [], 0)


def test_select(zmq, pair):
    a, b = pair()
    assert zmq.select([b], [a], [], 0) == ([], [a], [])
    a.send(b"x")
    assert zmq.select([b], [], [], 1.0) == ([b], [], [])
    b.recv()
    assert zmq.select([b], [], [], 0.01) == ([], [], [])


def test_poller_subclass_can_use_sockets(zmq, pair):
    class Counting(zmq.Poller):
        polls = 0

        def poll(self, timeout=None):
            type(self).polls += 1
            return super().poll(timeout)

    a, b = pair()
    poller = Counting()
    poller.register(b, zmq.POLLIN)
    a.send(b"x")
    assert poller.poll(100) == [(b, zmq.POLLIN)]
    assert Counting.polls == 1


def test_a_socket_polled_twice_or_through_a_shadow_is_not_busy_with_itself(zmq, pair):
    a, b = pair()
    b.send(b"x")
    assert a.poll(1000) == zmq.POLLIN
    ready = zmq.zmq_poll([(a, zmq.POLLIN), (a, zmq.POLLOUT)], 1000)
    assert ready == [(a, zmq.POLLIN), (a, zmq.POLLOUT)]
    poller = zmq.Poller()
    poller.register(a, zmq.POLLIN)
    shadow = zmq.Socket.shadow(a.underlying)
    poller.register(shadow, zmq.POLLIN)
    assert dict(poller.poll(1000)) == {a: zmq.POLLIN, shadow: zmq.POLLIN}
    assert a.recv() == b"x"


def test_poller_methods_have_signatures(zmq):
    poller = CompiledPoller()
    both = int(zmq.POLLIN | zmq.POLLOUT)
    assert str(inspect.signature(poller.register)) == f"(socket, flags={both})"
    assert str(inspect.signature(poller.modify)) == f"(socket, flags={both})"
    assert str(inspect.signature(poller.poll)) == "(timeout=None)"
