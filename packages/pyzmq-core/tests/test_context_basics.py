"""Context lifecycle: the first slice of the core."""

from __future__ import annotations

import threading

import pytest

# every test runs with each implementation of zmq's API (zmq.green too) as ``zmq``
pytestmark = pytest.mark.zmq_implementations


def test_term_closes_the_context(zmq):
    ctx = zmq.Context()
    assert not ctx.closed
    ctx.term()
    assert ctx.closed
    ctx.term()  # terminating twice is harmless
    with pytest.raises(zmq.ZMQError):
        ctx.socket(zmq.PUSH)


def test_destroy_closes_sockets(zmq):
    ctx = zmq.Context()
    sockets = [ctx.socket(zmq.PUSH) for _ in range(3)]
    sockets[0].connect("tcp://127.0.0.1:1")
    sockets[0].send(b"never delivered")
    ctx.destroy(linger=0)
    assert ctx.closed
    assert all(sock.closed for sock in sockets)


def test_context_manager_destroys(zmq):
    with zmq.Context() as ctx:
        sock = ctx.socket(zmq.PAIR)
        sock.close()
    assert ctx.closed


def test_instance_is_shared_and_renewed(zmq):
    first = zmq.Context.instance()
    assert zmq.Context.instance() is first
    first.term()
    second = zmq.Context.instance()
    assert second is not first
    assert not second.closed


def test_instance_is_thread_safe(zmq):
    zmq.Context.instance().term()
    seen = []
    barrier = threading.Barrier(8)

    def get():
        barrier.wait()
        seen.append(zmq.Context.instance())

    threads = [threading.Thread(target=get) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(ctx) for ctx in seen}) == 1


def test_term_wakes_blocked_recv(zmq):
    ctx = zmq.Context()
    sock = ctx.socket(zmq.PULL)
    sock.bind("inproc://term-wakes")
    errors = []

    def receive():
        try:
            sock.recv()
        except zmq.ContextTerminated as e:
            errors.append(e)
        finally:
            sock.close()

    thread = threading.Thread(target=receive)
    thread.start()
    # term blocks until the receiving thread has closed its socket
    ctx.term()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(errors) == 1
    assert errors[0].errno is zmq.Errno.ETERM  # as PyZMQ's, the Errno member
    assert errors[0].errno == zmq.ETERM


def test_negative_io_threads_is_refused(zmq):
    with pytest.raises(zmq.ZMQError) as info:
        zmq.Context(-1)
    assert info.value.errno == zmq.EINVAL
