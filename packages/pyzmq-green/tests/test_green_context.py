"""Green contexts: term lets the greenlets run while it waits."""

from __future__ import annotations

import threading

import gevent
import gevent.event

import zmq
import zmq.green


def test_term_waits_for_a_greenlet_to_close_its_socket():
    ctx = zmq.green.Context()
    sock = ctx.socket(zmq.PUSH)
    terminating = gevent.event.Event()

    def close_later():
        terminating.wait()
        sock.close()

    closer = gevent.spawn(close_later)

    def term():
        terminating.set()
        ctx.term()

    with gevent.Timeout(10, AssertionError("term blocked the hub")):
        gevent.spawn(term).get()
    closer.get(timeout=10)
    assert ctx.closed and sock.closed


def test_term_in_a_thread_uses_that_threads_hub():
    ctx = zmq.green.Context()
    sock = ctx.socket(zmq.PULL)
    outcome = []

    def run():
        receiver = gevent.spawn(sock.recv)
        gevent.sleep(0)
        terminator = gevent.spawn(ctx.term)
        try:
            receiver.get(timeout=10)
        except zmq.ContextTerminated:
            outcome.append("terminated")
        sock.close()
        terminator.get(timeout=10)
        outcome.append(ctx.closed)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    assert outcome == ["terminated", True]
