"""Green contexts: term lets the greenlets run while it waits."""

from __future__ import annotations

import os
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


def test_instance_after_gevent_fork_is_new_and_works():
    parent = zmq.green.Context.instance()
    read, write = os.pipe()
    pid = gevent.fork()
    if pid == 0:  # the child: report, never return into pytest
        try:
            child = zmq.green.Context.instance()
            a, b = child.socket(zmq.PAIR), child.socket(zmq.PAIR)
            a.bind("inproc://after-fork")
            b.connect("inproc://after-fork")
            b.rcvtimeo = 5000
            receiving = gevent.spawn(b.recv)
            gevent.sleep(0)
            a.send(b"child works")
            ok = child is not parent and receiving.get(timeout=5) == b"child works"
            a.close()
            b.close()
            child.term()
            os.write(write, b"ok" if ok else b"no")
        finally:
            os._exit(0)
    os.close(write)
    assert os.read(read, 2) == b"ok"
    os.close(read)
    os.waitpid(pid, 0)
    assert zmq.green.Context.instance() is parent
    assert not parent.closed
