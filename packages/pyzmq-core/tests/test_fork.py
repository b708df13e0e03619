"""After fork, the child makes its own context; the parent's objects fail clearly."""

from __future__ import annotations

import gc
import os

import pytest

import zmq

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def in_child(check):
    """Run ``check()`` in a forked child; return what it wrote (its verdict)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write, check().encode())
        except BaseException as error:
            os.write(write, f"raised {type(error).__name__}: {error}".encode())
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 4096):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return b"".join(chunks).decode()


def test_parent_socket_in_child_fails_clearly(pair):
    a, b = pair()

    def check():
        try:
            a.send(b"from the child")
        except zmq.ZMQError as error:
            return str(error)
        return "sent"

    verdict = in_child(check)
    assert "parent process" in verdict
    # the parent is unaffected
    a.send(b"from the parent")
    assert b.recv() == b"from the parent"


def test_parent_context_in_child_says_so(context):
    def check():
        try:
            context.socket(zmq.PAIR)
        except zmq.ZMQError as error:
            return str(error)
        return "made a socket"

    assert "parent process" in in_child(check)


def test_child_makes_its_own_context(context):
    def check():
        ctx = zmq.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        port = a.bind_to_random_port("tcp://127.0.0.1")
        b.connect(f"tcp://127.0.0.1:{port}")
        a.send(b"child")
        b.rcvtimeo = 5000
        result = b.recv().decode()
        a.close()
        b.close()
        ctx.term()
        return result

    assert in_child(check) == "child"


def test_parent_objects_are_dropped_quietly_in_child(context):
    sock = context.socket(zmq.PUSH)
    sock.connect("tcp://127.0.0.1:1")
    sock.send(b"pending")

    def check():
        # closing, terminating and collecting the parent's objects must not
        # touch libzmq (its threads are not in the child) nor hang
        nonlocal sock
        sock.close()
        context.term()
        sock = None
        gc.collect()
        return f"closed={context.closed}"

    assert in_child(check) == "closed=True"
    assert not context.closed
    assert not sock.closed
    sock.close(linger=0)
